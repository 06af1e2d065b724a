'use strict';

// The Zapier app of the lead scoring and qualification engine. Its definition validates against
// zapier-platform-schema (test/schema.test.js); `npm test` runs every operation against the real service.

const { version } = require('./package.json');
const { version: platformVersion } = require('zapier-platform-core');

const authentication = require('./authentication');
const { addApiKey, errors } = require('./lib/http');
const { leadQualified, leadConverted, scoreChanged, prospectRejected } = require('./triggers/events');
const activityType = require('./triggers/activity_types');
const scoreAndSyncProspect = require('./creates/score_and_sync_prospect');
const recordActivity = require('./creates/record_activity');
const scoreWithoutSaving = require('./creates/score_without_saving');
const findProspect = require('./searches/find_prospect');

const byKey = (...operations) => Object.fromEntries(operations.map((o) => [o.key, o]));

module.exports = {
  version,
  platformVersion,
  authentication,
  beforeRequest: [addApiKey],
  afterResponse: [errors],
  triggers: byKey(leadQualified, leadConverted, scoreChanged, prospectRejected, activityType),
  creates: byKey(scoreAndSyncProspect, recordActivity, scoreWithoutSaving),
  searches: byKey(findProspect),
  searchOrCreates: {
    find_prospect: {
      key: 'find_prospect',
      display: {
        label: 'Find or Score and Sync Prospect',
        description: 'Finds a prospect by email; when the service has never taken them in, scores and syncs them.',
      },
      search: 'find_prospect',
      create: 'score_and_sync_prospect',
    },
  },
};
