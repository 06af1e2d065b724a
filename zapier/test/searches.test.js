'use strict';

const { App, appTester, authData, email } = require('./helpers');
const { expectLikeSample } = require('./samples');

const find = (who) => appTester(App.searches.find_prospect.operation.perform, { authData, inputData: { email: who } });
const sync = (inputData) => appTester(App.creates.score_and_sync_prospect.operation.perform, { authData, inputData });

describe('Find Prospect', () => {
  it('finds a prospect by email with their latest score card, decision and Zoho ids, like its sample', async () => {
    const who = email('priya');
    const given = await sync({ email: who, last_name: 'Natarajan', title: 'Marketing Manager', activity: 'whitepaper_download' });
    const [found, ...more] = await find(who.toUpperCase());
    expect(more).toEqual([]);
    expect(found).toMatchObject({
      id: who,
      email: who,
      score: given.score,
      grade: given.grade,
      decision: given.decision,
      zoho_module: 'Leads',
      zoho_id: given.zoho_id,
    });
    expectLikeSample('find_prospect', found);
  });

  it('answers no result, not an error, for an email the service never took in', async () => {
    expect(await find(email('nobody'))).toEqual([]);
  });

  it('search-or-create: nothing found, so Score and Sync creates; the next search finds that record', async () => {
    const who = email('new');
    expect(await find(who)).toEqual([]);
    const created = await sync({ email: who, last_name: 'Kim', activity: 'web_form' });
    const [found] = await find(who);
    expect(found.zoho_id).toBe(created.zoho_id);
  });
});
