'use strict';

// POST /api/score: the score and decision for a prospect without storing anything or touching Zoho CRM — for Paths
// and Filters that route on the score before (or instead of) syncing. The answer is flattened for mapping.

const { url, given } = require('../lib/http');
const { reportFields } = require('../lib/report');
const f = require('../lib/prospect-fields');

const SCORE_KEYS = ['email', 'decision', 'score', 'fit_score', 'engagement_score', 'grade', 'qualified', 'reasons', 'model', 'ruleset_version'];

/** The prospect goes as the Zap's fields hold it ("yes", "51-200", "$10M"): the service reads them as the intake does. */
const perform = async (z, bundle) => {
  const input = bundle.inputData;
  const prospect = f.prospectFrom(input);
  const activities = input.activity ? [{ type: input.activity, at: input.activity_at || new Date().toISOString() }] : [];
  const response = await z.request({
    url: url(bundle, '/api/score'),
    method: 'POST',
    body: given({ prospect, activities, model: input.model, existing: input.existing }),
  });
  const result = response.data;
  const card = result.score_card;
  return {
    email: prospect.email.trim().toLowerCase(),
    decision: result.decision.action,
    score: card.total,
    fit_score: card.fit,
    engagement_score: card.engagement,
    grade: card.grade,
    qualified: card.qualified,
    reasons: result.decision.reasons.join('; '),
    rules_fired: card.contributions.map((c) => `${c.rule} ${c.points > 0 ? '+' : ''}${c.points}`).join(', '),
    contributions: card.contributions.map((c) => ({ rule: c.rule, axis: c.axis, points: c.points })),
    model: result.model,
    ruleset_version: result.ruleset_version,
  };
};

module.exports = {
  key: 'score_without_saving',
  noun: 'Score',
  display: {
    label: 'Score Without Saving',
    description:
      'Scores a prospect and gives the decision without storing anything or writing to Zoho CRM: for Paths and Filters that route on the score or grade.',
  },
  operation: {
    inputFields: [
      f.prospectFields,
      f.activityField('activity', false),
      f.activityAtField('activity_at'),
      {
        key: 'existing',
        label: 'Already in Zoho CRM As',
        choices: { none: 'Not in Zoho CRM', lead: 'A Lead', contact: 'A Contact' },
        default: 'none',
        helpText: 'What Zoho CRM holds for this email: decides between creating, updating and converting.',
      },
      f.modelField,
      f.otherAttributesField,
    ],
    perform,
    sample: require('../samples/score_without_saving.json'),
    // The report's fields this answer has (it is not an intake: no Zoho record), and the rules that fired.
    outputFields: [
      ...reportFields.filter((f) => SCORE_KEYS.includes(f.key)),
      { key: 'rules_fired', label: 'Rules Fired' },
      { key: 'contributions[]rule', label: 'Contribution Rule' },
      { key: 'contributions[]axis', label: 'Contribution Axis' },
      { key: 'contributions[]points', label: 'Contribution Points', type: 'integer' },
    ],
  },
};
