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

module.exports = { reportFields };
