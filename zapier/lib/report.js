'use strict';

// The fields the service reports of a prospect once it has acted (crm/ProspectReport in the service): an intake's
// answer, every hook event and Find Prospect carry them, so a Zap maps the same names whichever step they came from.

const reportFields = [
  { key: 'email', label: 'Email' },
  { key: 'decision', label: 'Decision' },
  { key: 'score', label: 'Score', type: 'integer' },
  { key: 'fit_score', label: 'Fit Score', type: 'integer' },
  { key: 'engagement_score', label: 'Engagement Score', type: 'integer' },
  { key: 'grade', label: 'Grade' },
  { key: 'qualified', label: 'Qualified', type: 'boolean' },
  { key: 'zoho_module', label: 'Zoho Module' },
  { key: 'zoho_id', label: 'Zoho Record ID' },
  { key: 'lead_id', label: 'Converted From Zoho Lead ID' },
  { key: 'reasons', label: 'Reasons' },
  { key: 'explanation', label: 'Score Explanation' },
  { key: 'model', label: 'Scoring Model' },
  { key: 'ruleset_version', label: 'Rule Set Version' },
];

const reportSample = {
  email: 'priya@northwind.io',
  decision: 'convert_lead',
  score: 98,
  fit_score: 48,
  engagement_score: 50,
  grade: 'B',
  qualified: true,
  zoho_module: 'Contacts',
  zoho_id: '5725767000000100031',
  lead_id: '5725767000000100028',
  reasons: 'Existing Lead becomes a Contact; Qualified: fit 48 ≥ 40 and engagement 50 ≥ 30',
  explanation: 'Fit 48: Manager-level title +15, Mid-size company +15, Target industry +10, Core market +5, Business email domain +3 | Engagement 50: Demo requested +40, Whitepaper downloaded +10',
  model: 'b2b',
  ruleset_version: 'b28217ea05c6',
};

module.exports = { reportFields, reportSample };
