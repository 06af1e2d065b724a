'use strict';

const { eventTrigger } = require('../lib/events');

const leadQualified = eventTrigger({
  key: 'lead_qualified',
  event: 'lead.qualified',
  noun: 'Qualified Lead',
  label: 'Lead Qualified',
  description:
    'Triggers when a prospect becomes qualified: fit and engagement both cross the model\'s thresholds. Once per crossing; again only after the score has fallen back below them.',
});

const leadConverted = eventTrigger({
  key: 'lead_converted',
  event: 'lead.converted',
  noun: 'Converted Lead',
  label: 'Lead Converted',
  description: 'Triggers when an existing Zoho CRM Lead is converted to a Contact because it became qualified.',
});

const scoreChanged = eventTrigger({
  key: 'score_changed',
  event: 'score.changed',
  noun: 'Score Change',
  label: 'Score or Grade Changed',
  description:
    'Triggers when a prospect\'s score or grade moves: a new activity, a re-scoring run as engagement decays, or a rule change. Not for a first score.',
});

const prospectRejected = eventTrigger({
  key: 'prospect_rejected',
  event: 'prospect.rejected',
  noun: 'Rejected Prospect',
  label: 'Prospect Rejected',
  description: 'Triggers when an intake is rejected as spam, a test entry, a disposable address or a competitor: nothing was written to Zoho CRM.',
});

module.exports = { leadQualified, leadConverted, scoreChanged, prospectRejected };
