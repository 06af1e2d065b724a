'use strict';

// GET /api/prospects/{email}: the prospect's latest score card as the service gave it, its decision and reasons, and
// their Zoho CRM record now. Nothing found is an empty list (Zapier's "no result"), never an error.

const { url, raiseFor } = require('../lib/http');
const { reportFields } = require('../lib/report');

const perform = async (z, bundle) => {
  const email = String(bundle.inputData.email || '').trim();
  const response = await z.request({
    url: url(bundle, `/api/prospects/${encodeURIComponent(email)}`),
    skipThrowForStatus: true,
  });
  if (response.status === 404) {
    return [];
  }
  raiseFor(response, z);
  return [{ id: response.data.email, ...response.data }];
};

module.exports = {
  key: 'find_prospect',
  noun: 'Prospect',
  display: {
    label: 'Find Prospect',
    description: 'Finds a prospect by email: their latest score, grade and decision, and their Zoho CRM record.',
  },
  operation: {
    inputFields: [{ key: 'email', label: 'Email', required: true, helpText: 'The prospect\'s email address.' }],
    perform,
    sample: require('../samples/find_prospect.json'),
    outputFields: [
      { key: 'id', label: 'ID (the email)' },
      ...reportFields,
      { key: 'scored_at', label: 'Scored At', type: 'datetime' },
    ],
  },
};
