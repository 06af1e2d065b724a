'use strict';

const { eventTrigger, eventSample } = require('../lib/events');

const leadQualified = eventTrigger({
  key: 'lead_qualified',
  event: 'lead.qualified',
  noun: 'Qualified Lead',
  label: 'Lead Qualified',
  description:
    'Triggers when a prospect becomes qualified: fit and engagement both cross the model\'s thresholds. Once per crossing; again only after the score has fallen back below them.',
  sample: eventSample('lead.qualified', { decision: 'create_contact', zoho_module: 'Contacts', lead_id: null }),
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
  sample: eventSample('score.changed', {
    id: 'score.changed:run:rr_8c1d2e3f4a5b:5725767000000100028',
    source: 'rescoring',
    intake_id: null,
    rescoring_run: 'rr_8c1d2e3f4a5b',
    decision: 'update_lead',
    score: 61,
    engagement_score: 13,
    grade: 'C',
    qualified: false,
    zoho_module: 'Leads',
    zoho_id: '5725767000000100028',
    lead_id: null,
  }),
});

const prospectRejected = eventTrigger({
  key: 'prospect_rejected',
  event: 'prospect.rejected',
  noun: 'Rejected Prospect',
  label: 'Prospect Rejected',
  description: 'Triggers when an intake is rejected as spam, a test entry, a disposable address or a competitor: nothing was written to Zoho CRM.',
  sample: eventSample('prospect.rejected', {
    email: 'test@mailinator.com',
    decision: 'reject',
    score: 0,
    fit_score: 0,
    engagement_score: 5,
    grade: 'E',
    qualified: false,
    zoho_module: null,
    zoho_id: null,
    lead_id: null,
    reasons: 'Rejected: disposable email domain',
  }),
});

module.exports = { leadQualified, leadConverted, scoreChanged, prospectRejected };
