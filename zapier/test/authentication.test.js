'use strict';

const { App, appTester, authData, service } = require('./helpers');

describe('authentication', () => {
  it('tests the connection against /api/me and labels it with the host and the key\'s last four characters', async () => {
    const me = await appTester(App.authentication.test, { authData });
    expect(me.key).toBe('…5f3a');
    expect(me.models).toContain('b2b');
    const label = await appTester(App.authentication.connectionLabel, { authData, inputData: me });
    expect(label).toBe(`${new URL(service.baseUrl).host} (key …5f3a)`);
  });

  it('says the key is refused, in the service\'s words, as an expired connection Zapier asks to reconnect', async () => {
    const refused = appTester(App.authentication.test, { authData: { ...authData, api_key: 'not-a-key' } });
    await expect(refused).rejects.toThrow(/refused the API key: The API key in X-API-Key is not valid/);
    await expect(refused).rejects.toHaveProperty('name', 'ExpiredAuthError');
  });

  it('takes a base URL with a trailing slash', async () => {
    const me = await appTester(App.authentication.test, { authData: { ...authData, base_url: `${service.baseUrl}/` } });
    expect(me.service).toBe('lead-scoring-engine');
  });
});
