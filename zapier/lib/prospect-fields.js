'use strict';

// The input fields that describe a prospect, shared by Score and Sync Prospect and Score Without Saving: the
// service's prospect fields with labels and help, the activity (a dropdown of the loaded models' activity types),
// and the custom attributes the service carries to Zoho (GET /api/zapier/fields), fetched when the Zap is edited.

const { url, given } = require('./http');

const CUSTOM_PREFIX = 'custom__';

const prospectFields = [
  { key: 'email', label: 'Email', required: true, helpText: 'The prospect\'s email address: how they are matched in Zoho CRM.' },
  { key: 'first_name', label: 'First Name' },
  { key: 'last_name', label: 'Last Name', helpText: 'Zoho CRM needs one: when empty, the part of the email before the @ stands in.' },
  { key: 'company', label: 'Company' },
  { key: 'title', label: 'Job Title', helpText: 'Seniority is read from it: "VP of Marketing" scores as a VP.' },
  { key: 'phone', label: 'Phone' },
  { key: 'country', label: 'Country', helpText: 'A name ("Germany") or an ISO code ("DE").' },
  { key: 'industry', label: 'Industry' },
  { key: 'employee_count', label: 'Employees', helpText: 'A number ("1,200"), a band such as "51-200" (its middle counts) or "1,000+" (its bound counts).' },
  { key: 'annual_revenue', label: 'Annual Revenue', helpText: 'A number or an amount as forms write it: "$10M", "€2,5 Mio.", "1,200,000", a band such as "$1M-$5M" (its middle counts). No currency is converted.' },
  { key: 'lead_source', label: 'Lead Source', helpText: 'Where the prospect came from, e.g. "Webinar" or "Google Ads".' },
  { key: 'purchased', label: 'Purchased', type: 'boolean', helpText: 'Yes when this person has bought: they become a Contact.' },
  { key: 'purchase_amount', label: 'Purchase Amount', helpText: 'The order total, e.g. "1200.50" or "€1.200,50".' },
  { key: 'email_opt_in', label: 'Email Opt-in', type: 'boolean' },
  { key: 'do_not_contact', label: 'Do Not Contact', type: 'boolean' },
];

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

/** Dynamic input fields: one per custom attribute the service carries to Zoho. */
const customAttributeFields = async (z, bundle) => {
  const response = await z.request({ url: url(bundle, '/api/zapier/fields') });
  return (response.data.custom_attributes || []).map((a) => ({
    key: `${CUSTOM_PREFIX}${a.key}`,
    label: a.label,
    helpText: `Written to the Zoho CRM field ${a.zoho_field}; rules read it as custom["${a.key}"].`,
  }));
};

const otherAttributesField = {
  key: 'attributes',
  label: 'Other Attributes',
  dict: true,
  helpText: 'Anything else to keep with the prospect (rules read them as custom["name"]); not written to Zoho CRM.',
};

/** The prospect's fields from a step's input: the known ones as given, the custom attributes under `custom`. */
const prospectFrom = (input) => {
  const prospect = given(Object.fromEntries(prospectFields.map((field) => [field.key, input[field.key]])));
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
  customAttributeFields,
  otherAttributesField,
  prospectFrom,
};
