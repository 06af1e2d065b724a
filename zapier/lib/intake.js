'use strict';

// What the two intake actions share: the POST with its Idempotency-Key, and the flat answer's sample and fields
// (an intake's id and status, then the report fields every answer and event carry).

const { url, idempotencyKey } = require('./http');
const { reportFields, reportSample } = require('./report');

/** POSTs an intake (a prospect or an activity) as `action` and answers the service's flat answer. */
const submit = async (z, bundle, path, action, body) => {
  const response = await z.request({
    url: url(bundle, path),
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey(bundle, action) },
    body,
  });
  return response.data;
};

const answerSample = (id) => ({ id, status: 'done', ...reportSample, received_at: '2026-12-02T09:14:03Z' });

const answerFields = [
  { key: 'id', label: 'Intake ID' },
  { key: 'status', label: 'Status' },
  ...reportFields,
  { key: 'received_at', label: 'Received At', type: 'datetime' },
];

module.exports = { submit, answerSample, answerFields };
