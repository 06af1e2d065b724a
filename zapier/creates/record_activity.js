'use strict';

// POST /api/zapier/activities: something a known prospect did. They are re-scored with all their activities, Zoho CRM
// is updated, and crossing the qualification threshold converts their Lead.

const { given } = require('../lib/http');
const { submit, answerFields } = require('../lib/intake');
const f = require('../lib/prospect-fields');

const perform = async (z, bundle) => {
  const input = bundle.inputData;
  const body = given({ email: input.email, type: input.type, at: input.at });
  if (input.properties && Object.keys(input.properties).length > 0) {
    body.properties = input.properties;
  }
  return submit(z, bundle, '/api/zapier/activities', 'record_activity', body);
};

module.exports = {
  key: 'record_activity',
  noun: 'Activity',
  display: {
    label: 'Record Activity',
    description:
      'Records something a prospect did (attended a webinar, visited the pricing page, clicked an email) and re-scores them; a Lead that becomes qualified is converted.',
  },
  operation: {
    inputFields: [
      { key: 'email', label: 'Email', required: true, helpText: 'The prospect\'s email address.' },
      f.activityField('type', true),
      f.activityAtField('at'),
      { key: 'properties', label: 'Properties', dict: true, helpText: 'Details of the activity, e.g. the webinar\'s name; rules read them as properties["name"].' },
      f.recordIdField,
    ],
    perform,
    sample: require('../samples/record_activity.json'),
    outputFields: answerFields,
  },
};
