'use strict';

// The input fields that describe a prospect, shared by Score and Sync Prospect and Score Without Saving: the
// service's prospect fields with their labels and help and the custom attributes it carries to Zoho (both from
// GET /api/zapier/fields, fetched when the Zap is edited), and the activity (a dropdown of the models' activity types).

const { url, given } = require('./http');

const CUSTOM_PREFIX = 'custom__';

/**
 * Dynamic input fields: the prospect's fields with their labels and help, then one per custom attribute the service
 * carries to Zoho — all as GET /api/zapier/fields serves them, so that the app never lists a field of its own.
 */
const prospectFields = async (z, bundle) => {
  const response = await z.request({ url: url(bundle, '/api/zapier/fields') });
  const fields = (response.data.prospect_fields || []).map((field) => ({
    key: field.key,
    label: field.label,
    ...(field.required ? { required: true } : {}),
    ...(field.type === 'boolean' ? { type: 'boolean' } : {}),
    ...(field.help_text ? { helpText: field.help_text } : {}),
  }));
  const custom = (response.data.custom_attributes || []).map((a) => ({
    key: `${CUSTOM_PREFIX}${a.key}`,
    label: a.label,
    helpText: `Written to the Zoho CRM field ${a.zoho_field}; rules read it as custom["${a.key}"].`,
  }));
  return [...fields, ...custom];
};

/** The input fields of a step that are not the prospect's. */
const NOT_PROSPECT = new Set(['activity', 'activity_at', 'model', 'record_id', 'attributes', 'existing']);

const activityField = (key, required) => ({
  key,
  label: 'Activity',
  required,
  dynamic: 'activity_type.id.name',
  helpText: required
    ? 'What the prospect did: attended a webinar, visited the pricing page, clicked an email… The list shows the types your scoring models know.'
    : 'What the prospect did: a newsletter signup, a web form, a demo request, a purchase… The list shows the types your scoring models know; when empty, the service\'s default activity (web_form unless configured).',
});

const activityAtField = (key) => ({
  key,
  label: 'Activity Time',
  type: 'datetime',
  helpText: 'When it happened; now when empty.',
});

const modelField = {
  key: 'model',
  label: 'Scoring Model',
  helpText: 'The model to score with; the service\'s default model when empty.',
};

/** The trigger record's id, from which an action's Idempotency-Key is built (lib/http.js). */
const recordIdField = {
  key: 'record_id',
  label: 'Trigger Record ID',
  helpText:
    'The id of the record that started the Zap (the form response\'s id, the order id). The same record is then never taken in twice, even when Zapier replays this step. When empty, the step\'s whole input identifies it.',
};


const otherAttributesField = {
  key: 'attributes',
  label: 'Other Attributes',
  dict: true,
  helpText: 'Anything else to keep with the prospect (rules read them as custom["name"]); not written to Zoho CRM.',
};

/** The prospect's fields from a step's input: the known ones as given, the custom attributes under `custom`. */
const prospectFrom = (input) => {
  const prospect = given(
    Object.fromEntries(Object.entries(input).filter(([key]) => !NOT_PROSPECT.has(key) && !key.startsWith(CUSTOM_PREFIX))),
  );
  const custom = {
    ...(input.attributes || {}),
    ...given(Object.fromEntries(Object.entries(input).filter(([key]) => key.startsWith(CUSTOM_PREFIX)).map(([key, v]) => [key.slice(CUSTOM_PREFIX.length), v]))),
  };
  return Object.keys(custom).length > 0 ? { ...prospect, custom } : prospect;
};

module.exports = {
  prospectFields,
  activityField,
  activityAtField,
  modelField,
  recordIdField,
  otherAttributesField,
  prospectFrom,
};
