'use strict';

// The intake: POST /api/zapier/prospects scores the prospect, decides (Lead, Contact, conversion or reject), makes Zoho
// CRM match, and answers one flat object. Zapier's replays send the same Idempotency-Key and get the first answer.

const { given } = require('../lib/http');
const { submit, answerFields } = require('../lib/intake');
const f = require('../lib/prospect-fields');

const perform = async (z, bundle) => {
  const input = bundle.inputData;
  const body = {
    ...f.prospectFrom(input),
    ...given({ activity: input.activity, activity_at: input.activity_at, model: input.model }),
  };
  return submit(z, bundle, '/api/zapier/prospects', 'score_and_sync_prospect', body);
};

module.exports = {
  key: 'score_and_sync_prospect',
  noun: 'Prospect',
  display: {
    label: 'Score and Sync Prospect',
    description:
      'Scores a prospect with your rules, decides whether they are a Lead, a Contact, a Lead to convert or a reject, and makes Zoho CRM match. Answers the decision, score, grade and Zoho ids for later steps.',
  },
  operation: {
    inputFields: [
      f.prospectFields,
      f.activityField('activity', false),
      f.activityAtField('activity_at'),
      f.modelField,
      f.recordIdField,
      f.otherAttributesField,
    ],
    perform,
    sample: require('../samples/score_and_sync_prospect.json'),
    outputFields: answerFields,
  },
};
