'use strict';

// How the app talks to the service: the base URL and API key on every request, the service's errors as Zapier
// errors (its own message, never a stack trace), and the Idempotency-Key that makes Zapier's replays harmless.

const crypto = require('crypto');

/** The service's URL for a path, from the connection's base URL ("https://scoring.example.com", no trailing slash needed). */
const url = (bundle, path) => `${String(bundle.authData.base_url || '').trim().replace(/\/+$/, '')}${path}`;

/** beforeRequest: the key in X-API-Key, and 429s left to `errors` below so that the service's message is kept. */
const addApiKey = (request, z, bundle) => {
  if (bundle.authData && bundle.authData.api_key) {
    request.headers['X-API-Key'] = String(bundle.authData.api_key).trim();
  }
  request.headers.Accept = 'application/json';
  request.throwForThrottlingEarly = false;
  return request;
};

/**
 * The service's error message (every error it answers is {error, message, fields}; an intake that ended `failed` or
 * `conflict` answers its report, whose `reasons` say why), cut to what Zapier shows.
 */
const messageOf = (response) => {
  let message;
  try {
    const body = JSON.parse(response.content);
    message = body && typeof body.message === 'string' ? body.message
      : body && typeof body.status === 'string' && typeof body.reasons === 'string' ? `Intake ${body.status}: ${body.reasons}` : null;
  } catch (notJson) {
    message = null;
  }
  message = message || `The lead scoring service answered HTTP ${response.status}`;
  return message.length > 240 ? `${message.slice(0, 239)}…` : message;
};

/**
 * A failed answer as a Zapier error: 429 → ThrottledError with the service's Retry-After (Zapier retries later),
 * 401 → ExpiredAuthError (Zapier then marks the connection as needing attention, and asks the user to reconnect) with
 * the service's message, any other 4xx or 5xx → z.errors.Error with the service's message and error code.
 */
const raiseFor = (response, z) => {
  if (response.status < 400) {
    return response;
  }
  let code = null;
  try {
    code = JSON.parse(response.content).error || null;
  } catch (notJson) {
    code = null;
  }
  if (response.status === 429) {
    const delay = parseInt(response.headers.get('retry-after'), 10);
    throw new z.errors.ThrottledError(messageOf(response), Number.isNaN(delay) ? 60 : delay);
  }
  if (response.status === 401) {
    throw new z.errors.ExpiredAuthError(`The lead scoring service refused the API key: ${messageOf(response)}`);
  }
  throw new z.errors.Error(messageOf(response), code || `http_${response.status}`, response.status);
};

/** afterResponse: every answer through raiseFor, but for a request that handles its own statuses (skipThrowForStatus). */
const errors = (response, z) => (response.skipThrowForStatus ? response : raiseFor(response, z));

/**
 * The Idempotency-Key of an action: the same for Zapier's replays of one step, different for every record the trigger
 * brings. Built from the Zap's id, the action and the trigger record's id when the Zap maps one (`record_id`), else the
 * step's whole input — a replay has the same input; a new record has its own.
 */
const idempotencyKey = (bundle, action) => {
  const zap = (bundle.meta && bundle.meta.zap && bundle.meta.zap.id) || 'editor';
  const input = { ...(bundle.inputData || {}) };
  const recordId = input.record_id;
  delete input.record_id;
  const what = recordId ? { record_id: String(recordId) } : canonical(input);
  const digest = crypto.createHash('sha256').update(JSON.stringify([String(zap), action, what])).digest('hex');
  return `zapier-${action}-${digest}`;
};

/** A value with object keys sorted, so that the same input always gives the same key. */
const canonical = (value) => {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .reduce((out, k) => ({ ...out, [k]: canonical(value[k]) }), {});
  }
  return value;
};

/** Input with the fields the Zap left empty removed, so that the service sees only what was given. */
const given = (input) =>
  Object.fromEntries(Object.entries(input || {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));

module.exports = { url, addApiKey, errors, raiseFor, idempotencyKey, given };
