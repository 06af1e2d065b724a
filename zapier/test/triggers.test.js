'use strict';

// Every trigger against the real service: subscribe a hook target, make the event happen through the app's own
// actions, receive the delivery and run it through the trigger, find it in the polling list, unsubscribe. The
// sample of each trigger is a real event (test/samples.js).

const { App, appTester, authData, email, hookTarget, eventually } = require('./helpers');
const { expectLikeSample } = require('./samples');

const VP = { title: 'VP of Marketing', company: 'Acme Analytics', employee_count: '350', industry: 'SaaS', country: 'United States' };

const sync = (inputData) => appTester(App.creates.score_and_sync_prospect.operation.perform, { authData, inputData });
const activity = (inputData) => appTester(App.creates.record_activity.operation.perform, { authData, inputData });

/** Subscribes `trigger`, runs `cause`, and answers the event delivered for `who` with the subscription. */
const delivered = async (trigger, target, cause, who) => {
  const subscription = await appTester(trigger.operation.performSubscribe, { authData, targetUrl: target.url });
  expect(subscription).toMatchObject({ event: expect.any(String), target_url: target.url, id: expect.any(String) });
  await cause();
  const body = await eventually(() => target.received.find((e) => e.email === who));
  return { subscription, body };
};

/** What every trigger must do once an event of its kind has been delivered. */
const behavesAsATrigger = async (trigger, event, subscription, body) => {
  // Received: the hook's perform turns the delivery into the trigger's output; another event's delivery is dropped.
  const results = await appTester(trigger.operation.perform, { authData, cleanedRequest: body });
  expect(results).toEqual([body]);
  expect(body.event).toBe(event);
  expect(await appTester(trigger.operation.perform, { authData, cleanedRequest: { ...body, event: 'some.other' } })).toEqual([]);

  // The sample is a real event: the same keys, each value of the same type.
  expectLikeSample(trigger.key, body);

  // Polling: the same event, newest first, ids unique.
  const listed = await appTester(trigger.operation.performList, { authData, meta: { limit: 100 } });
  expect(listed.map((e) => e.id)).toContain(body.id);
  expect(new Set(listed.map((e) => e.id)).size).toBe(listed.length);
  expect(listed.every((e) => e.event === event)).toBe(true);
  const times = listed.map((e) => Date.parse(e.occurred_at));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(Object.keys(listed.find((e) => e.id === body.id)).sort()).toEqual(Object.keys(body).sort());

  // Unsubscribed: the service forgets it (a second unsubscribe is a 404 with the service's message).
  expect(await appTester(trigger.operation.performUnsubscribe, { authData, subscribeData: subscription })).toEqual({});
  await expect(appTester(trigger.operation.performUnsubscribe, { authData, subscribeData: subscription })).rejects.toThrow(
    /No hook subscription/,
  );
};

describe('triggers', () => {
  let target;
  beforeEach(async () => {
    target = await hookTarget();
  });
  afterEach(() => target.close());

  it('Lead Qualified: a VP who requested a demo', async () => {
    const who = email('dana');
    const trigger = App.triggers.lead_qualified;
    const { subscription, body } = await delivered(trigger, target, () => sync({ email: who, ...VP, activity: 'demo_request' }), who);
    expect(body).toMatchObject({ event: 'lead.qualified', qualified: true, source: 'intake', decision: 'create_contact' });
    await behavesAsATrigger(trigger, 'lead.qualified', subscription, body);
  });

  it('Lead Converted: a Lead who then requests a demo', async () => {
    const who = email('priya');
    const trigger = App.triggers.lead_converted;
    const { subscription, body } = await delivered(
      trigger,
      target,
      async () => {
        expect((await sync({ email: who, ...VP, activity: 'newsletter_signup' })).decision).toBe('create_lead');
        expect((await activity({ email: who, type: 'demo_request' })).decision).toBe('convert_lead');
      },
      who,
    );
    expect(body).toMatchObject({ event: 'lead.converted', zoho_module: 'Contacts', lead_id: expect.any(String) });
    await behavesAsATrigger(trigger, 'lead.converted', subscription, body);
  });

  it('Score or Grade Changed: a Lead who visits the pricing page', async () => {
    const who = email('sam');
    const trigger = App.triggers.score_changed;
    let first;
    const { subscription, body } = await delivered(
      trigger,
      target,
      async () => {
        first = await sync({ email: who, first_name: 'Sam', activity: 'newsletter_signup' });
        await activity({ email: who, type: 'pricing_page_visit' });
      },
      who,
    );
    expect(body.event).toBe('score.changed');
    expect(body.score).toBeGreaterThan(first.score);
    await behavesAsATrigger(trigger, 'score.changed', subscription, body);
  });

  it('Prospect Rejected: a disposable address', async () => {
    const who = email('win', 'mailinator.com');
    const trigger = App.triggers.prospect_rejected;
    const { subscription, body } = await delivered(trigger, target, () => sync({ email: who, first_name: 'Win' }), who);
    expect(body).toMatchObject({ event: 'prospect.rejected', decision: 'reject', zoho_id: null });
    await behavesAsATrigger(trigger, 'prospect.rejected', subscription, body);
  });

  it('refuses a hook target inside the network before any connection is tried, in the service\'s words', async () => {
    await expect(
      appTester(App.triggers.lead_qualified.operation.performSubscribe, { authData, targetUrl: 'https://10.0.0.7/hooks/catch' }),
    ).rejects.toThrow(/target_url/);
  });

  it('fills the activity dropdown with the loaded models\' activity types', async () => {
    const choices = await appTester(App.triggers.activity_type.operation.perform, { authData });
    expect(choices.map((c) => c.id)).toEqual(expect.arrayContaining(['demo_request', 'newsletter_signup', 'webinar_attended']));
    expect(choices.map((c) => c.id)).not.toContain('default');
    expect(choices.find((c) => c.id === 'demo_request').name).toBe('demo request (b2b)');
    expectLikeSample('activity_type', choices.find((c) => c.id === 'demo_request'));
  });
});
