'use strict';

// The actions against the real service: the intake's flat answer, replays that never write twice, the service's
// errors as Zapier errors (400 naming the field, 429 as a throttle with Retry-After), and the dynamic fields.

const { App, appTester, authData, KEYS, email, service, zohoRecord } = require('./helpers');
const { expectLikeSample } = require('./samples');

const syncOperation = App.creates.score_and_sync_prospect.operation;
const sync = (inputData, meta) => appTester(syncOperation.perform, { authData, inputData, meta });

describe('Score and Sync Prospect', () => {
  it('scores, decides and writes Zoho, answering flat fields like its sample', async () => {
    const who = email('dana');
    const answer = await sync({
      email: who,
      first_name: 'Dana',
      last_name: 'Reyes',
      title: 'VP of Marketing',
      company: 'Acme Analytics',
      employee_count: '350',
      industry: 'SaaS',
      country: 'United States',
      activity: 'demo_request',
    });
    expect(answer).toMatchObject({ status: 'done', decision: 'create_contact', qualified: true, zoho_module: 'Contacts' });
    expect(answer.grade).toMatch(/^[AB]$/);
    expect(await zohoRecord('Contacts', who, ['Lead_Score', 'Title'])).toMatchObject({ id: answer.zoho_id, Lead_Score: answer.score, Title: 'VP of Marketing' });
    expect(answer.zoho_id).toMatch(/^\d+$/);
    expect(answer.reasons).toMatch(/Qualified/);
    expect(answer.explanation).toMatch(/Demo requested \+40/);
    expectLikeSample('score_and_sync_prospect', answer);
  });

  it('a newsletter signup from a free-mail address stays a Lead', async () => {
    const answer = await sync({ email: email('sam', 'gmail.com'), first_name: 'Sam', activity: 'newsletter_signup' });
    expect(answer).toMatchObject({ decision: 'create_lead', qualified: false, zoho_module: 'Leads' });
  });

  it('a replay of the same step gets the first answer and writes nothing twice; another record is another intake', async () => {
    const who = email('replay');
    const meta = { zap: { id: 4711 } };
    const input = { email: who, last_name: 'Ode', activity: 'web_form' };
    const first = await sync({ ...input, record_id: 'typeform-resp-1' }, meta);
    const replay = await sync({ ...input, record_id: 'typeform-resp-1' }, meta);
    expect(replay).toEqual(first);

    // The same form filled in again: the same fields, another trigger record. Without the app's Idempotency-Key the
    // service would take it for a replay of the first (same body within its replay window); with it, a new intake.
    const again = await sync({ ...input, record_id: 'typeform-resp-2' }, meta);
    expect(again.id).not.toBe(first.id);
    expect(again.decision).toBe('update_lead');
    expect(again.zoho_id).toBe(first.zoho_id);
  });

  it('without a record id, the step\'s whole input identifies it: a replay is the same intake', async () => {
    const who = email('noid');
    const input = { email: who, last_name: 'Lin', activity: 'web_form' };
    const first = await sync(input, { zap: { id: 9 } });
    expect((await sync({ ...input }, { zap: { id: 9 } })).id).toBe(first.id);
  });

  it('a 400 becomes a Zapier error with the service\'s message naming the field', async () => {
    const error = await sync({ first_name: 'Ann', employee_count: 'lots' }).catch((e) => e);
    expect(error.name).toBe('AppError');
    const { message, code, status } = JSON.parse(error.message);
    expect(status).toBe(400);
    expect(code).toBe('invalid_request');
    expect(message).toMatch(/email/);
    expect(message).toMatch(/employee_count/);
    expect(message).not.toMatch(/Exception|at org\./);
  });

  it('a 429 becomes a ThrottledError with the service\'s Retry-After, so Zapier retries later', async () => {
    // The burst key has the service's 20 requests a second to itself: 60 at once meet the limit.
    const burst = { ...authData, api_key: KEYS.burst };
    const outcomes = await Promise.allSettled(Array.from({ length: 60 }, () => appTester(App.authentication.test, { authData: burst })));
    const throttled = outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason);
    expect(throttled.length).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    for (const error of throttled) {
      expect(error.name).toBe('ThrottledError');
      expect(JSON.parse(error.message)).toEqual({ message: expect.stringMatching(/requests a second/), delay: 1 });
    }
  });

  it('builds its prospect input fields from the service (labels, help, yes/no fields, the custom attributes it maps to Zoho), and sends them', async () => {
    const fields = await appTester(App.creates.score_and_sync_prospect.operation.inputFields.find((f) => typeof f === 'function'), {
      authData,
    });
    expect(fields[0]).toEqual({ key: 'email', label: 'Email', required: true, helpText: expect.stringContaining('matched in Zoho CRM') });
    expect(fields).toContainEqual(expect.objectContaining({ key: 'title', label: 'Job Title', helpText: expect.stringContaining('Seniority') }));
    expect(fields).toContainEqual({ key: 'purchased', label: 'Purchased', type: 'boolean', helpText: expect.any(String) });
    expect(fields.filter((f) => f.key.startsWith('custom__'))).toEqual([
      expect.objectContaining({ key: 'custom__plan', label: 'Plan', helpText: expect.stringContaining('Plan__c') }),
    ]);

    const who = email('plan');
    const answer = await sync({ email: who, last_name: 'Pao', custom__plan: 'enterprise', attributes: { colour: 'red' } });
    expect(await zohoRecord('Leads', who, ['Plan__c'])).toMatchObject({ id: answer.zoho_id, Plan__c: 'enterprise' });
  });

  it('has an input field for every field the service\'s intake takes', async () => {
    const { intake_fields: intakeFields } = await fetch(`${service.baseUrl}/api/zapier/fields`, { headers: { 'X-API-Key': KEYS.main } }).then(
      (r) => r.json(),
    );
    const dynamic = await appTester(syncOperation.inputFields.find((f) => typeof f === 'function'), { authData });
    const keys = [...syncOperation.inputFields.filter((f) => typeof f === 'object'), ...dynamic].map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(intakeFields));
  });
});

describe('Record Activity', () => {
  it('re-scores a known prospect; the Lead that becomes qualified is converted', async () => {
    const who = email('priya');
    const lead = await sync({ email: who, title: 'Marketing Manager', company: 'Northwind', employee_count: '120', industry: 'Software', country: 'US', activity: 'whitepaper_download' });
    expect(lead.decision).toBe('create_lead');
    const answer = await appTester(App.creates.record_activity.operation.perform, {
      authData,
      inputData: { email: who, type: 'demo_request', properties: { form: 'pricing' } },
    });
    expect(answer).toMatchObject({ decision: 'convert_lead', qualified: true, zoho_module: 'Contacts', lead_id: lead.zoho_id });
    expect(answer.score).toBeGreaterThan(lead.score);
    expectLikeSample('record_activity', answer);
  });

  it('an activity without a type is refused, naming the field', async () => {
    await expect(
      appTester(App.creates.record_activity.operation.perform, { authData, inputData: { email: email('x') } }),
    ).rejects.toThrow(/type/);
  });
});

describe('Score Without Saving', () => {
  it('answers the score and decision flat, and stores nothing', async () => {
    const who = email('dana');
    const answer = await appTester(App.creates.score_without_saving.operation.perform, {
      authData,
      inputData: { email: who, title: 'VP of Marketing', employee_count: '350', industry: 'SaaS', country: 'United States', activity: 'demo_request', existing: 'lead' },
    });
    expect(answer).toMatchObject({ email: who, decision: 'convert_lead', qualified: true, grade: expect.stringMatching(/^[A-E]$/) });
    expect(answer.score).toBe(answer.fit_score + answer.engagement_score);
    expect(answer.contributions.reduce((sum, c) => sum + c.points, 0)).toBe(answer.score);
    expect(answer.rules_fired).toMatch(/Demo requested \+40/);
    expectLikeSample('score_without_saving', answer);
    // Nothing stored: Find Prospect does not know them.
    expect(await appTester(App.searches.find_prospect.operation.perform, { authData, inputData: { email: who } })).toEqual([]);
  });

  it('takes size bands, revenue and flags as forms send them, as its help texts promise', async () => {
    const score = (inputData) => appTester(App.creates.score_without_saving.operation.perform, { authData, inputData });
    const who = { email: email('band'), title: 'VP of Marketing', industry: 'SaaS', country: 'United States' };
    const asText = await score({ ...who, employee_count: '201-500', annual_revenue: '$10M' });
    const asNumbers = await score({ ...who, employee_count: '350', annual_revenue: '10000000' });
    expect(asText.contributions).toEqual(asNumbers.contributions);
    expect(asText.rules_fired).toMatch(/Large company \+15/);
    expect((await score({ ...who, purchased: 'yes' })).decision).toBe('create_contact');
    const error = await score({ ...who, employee_count: 'lots' }).catch((e) => e);
    expect(error.message).toMatch(/employee_count/);
  });
});
