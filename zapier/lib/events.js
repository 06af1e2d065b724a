'use strict';

// The four event triggers are one trigger each over the service's hook events: a REST hook (subscribe, receive,
// unsubscribe) with the polling list as its fallback (performList: Zapier's samples and dedupe, newest first, each
// event with its own id). Every event has one shape, whatever raised it (crm/HookPayload in the service).

const { url } = require('./http');
const { reportFields } = require('./report');

const eventFields = [
  { key: 'id', label: 'Event ID' },
  { key: 'event', label: 'Event' },
  { key: 'occurred_at', label: 'Occurred At', type: 'datetime' },
  { key: 'source', label: 'Source' },
  { key: 'intake_id', label: 'Intake ID' },
  { key: 'rescoring_run', label: 'Re-scoring Run ID' },
  ...reportFields,
];

const subscribe = async (z, bundle, event) => {
  const response = await z.request({
    url: url(bundle, '/api/zapier/hooks'),
    method: 'POST',
    body: { event, target_url: bundle.targetUrl },
  });
  return response.data;
};

const unsubscribe = async (z, bundle) => {
  await z.request({ url: url(bundle, `/api/zapier/hooks/${encodeURIComponent(bundle.subscribeData.id)}`), method: 'DELETE' });
  return {};
};

/** The events a hook delivery carries: the service POSTs one event; an array is taken too. Others' events are dropped. */
const received = (bundle, event) => {
  const body = bundle.cleanedRequest;
  const events = Array.isArray(body) ? body : body ? [body] : [];
  return events.filter((e) => e && e.id && (!e.event || e.event === event));
};

const list = async (z, bundle, event) => {
  const wanted = bundle.meta && bundle.meta.limit > 0 ? bundle.meta.limit : 50;
  const limit = bundle.meta && bundle.meta.isPopulatingDedupe ? 200 : Math.min(wanted, 200);
  const response = await z.request({ url: url(bundle, '/api/zapier/qualified'), params: { event, limit } });
  return response.data;
};

/** A trigger on one of the service's events. */
/** A trigger on one event; its sample is a real event (samples/<key>.json, recorded by the tests: test/samples.js). */
const eventTrigger = ({ key, event, noun, label, description }) => ({
  key,
  noun,
  display: { label, description },
  operation: {
    type: 'hook',
    performSubscribe: (z, bundle) => subscribe(z, bundle, event),
    performUnsubscribe: unsubscribe,
    perform: (z, bundle) => received(bundle, event),
    performList: (z, bundle) => list(z, bundle, event),
    sample: require(`../samples/${key}.json`),
    outputFields: eventFields,
  },
});

module.exports = { eventTrigger, eventFields };
