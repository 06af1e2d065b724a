'use strict';

// The intake: POST /api/zapier/prospects scores the prospect, decides (Lead, Contact, conversion or reject), makes Zoho
// CRM match, and answers one flat object. Zapier's replays send the same Idempotency-Key and get the first answer.

const { url, idempotencyKey, given } = require('../lib/http');
const { reportFields, reportSample } = require('../lib/report');
const f = require('../lib/prospect-fields');


const perform = async (z, bundle) => {
  const input = bundle.inputData;
  const body = {
    ...f.prospectFrom(input),
    ...given({ activity: input.activity, activity_at: input.activity_at, model: input.model }),
  };
  const response = await z.request({
    url: url(bundle, '/api/zapier/prospects'),
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey(bundle, 'score_and_sync_prospect') },
    body,
  });
  return response.data;
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
      ...f.prospectFields,
      f.activityField('activity', false),
      f.activityAtField('activity_at'),
      f.modelField,
      f.recordIdField,
      f.customAttributeFields,
      f.otherAttributesField,
    ],
    perform,
    sample: {
      id: 'in_4f2a9c1e7b3d4a5f8e6c2b1a',
      status: 'done',
      ...reportSample,
      received_at: '2026-12-02T09:14:03Z',
    },
    outputFields: [
      { key: 'id', label: 'Intake ID' },
      { key: 'status', label: 'Status' },
      ...reportFields,
      { key: 'received_at', label: 'Received At', type: 'datetime' },
    ],
  },
};
