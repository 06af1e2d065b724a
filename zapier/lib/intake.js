'use strict';

// What the two intake actions share: the POST with its Idempotency-Key, and the flat answer's fields
// (an intake's id and status, then the report fields every answer and event carry).

const { url, idempotencyKey } = require('./http');
const { reportFields } = require('./report');

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

const answerFields = [
  { key: 'id', label: 'Intake ID' },
  { key: 'status', label: 'Status' },
  ...reportFields,
  { key: 'received_at', label: 'Received At', type: 'datetime' },
];

module.exports = { submit, answerFields };
