'use strict';

// The app's definition validates against zapier-platform-schema offline, as `zapier-platform validate` checks it
// before a push (core's compileApp, then the schema on the app with its functions serialised).

const { compileApp, validateApp } = require('zapier-platform-core/src/tools/schema');
const { validateAppDefinition } = require('zapier-platform-schema');
const App = require('../index');

describe('the app definition', () => {
  it('validates against the schema', () => {
    expect(validateApp(compileApp(App))).toEqual([]);
  });

  it('is refused by the schema when it breaks it, so the check above can fail', () => {
    const broken = { ...App, triggers: { ...App.triggers, lead_qualified: { ...App.triggers.lead_qualified, noun: undefined } } };
    expect(validateApp(compileApp(broken)).length).toBeGreaterThan(0);
    expect(validateAppDefinition({ version: App.version }).errors.length).toBeGreaterThan(0);
  });

  it('has the triggers, actions and searches the README lists, each with a sample and output fields', () => {
    expect(Object.keys(App.triggers).sort()).toEqual(['activity_type', 'lead_converted', 'lead_qualified', 'prospect_rejected', 'score_changed']);
    expect(Object.keys(App.creates).sort()).toEqual(['record_activity', 'score_and_sync_prospect', 'score_without_saving']);
    expect(Object.keys(App.searches)).toEqual(['find_prospect']);
    expect(App.searchOrCreates.find_prospect).toMatchObject({ search: 'find_prospect', create: 'score_and_sync_prospect' });
    for (const operation of [...Object.values(App.triggers), ...Object.values(App.creates), ...Object.values(App.searches)]) {
      const keys = operation.operation.outputFields.map((f) => f.key.split('[]')[0]);
      expect(new Set(Object.keys(operation.operation.sample))).toEqual(new Set(keys));
    }
  });
});

describe('samples', () => {
  const { drift } = require('./samples');

  it('are checked against real outputs by keys and value types, so a drifted sample fails', () => {
    expect(drift({ score: 98, grade: 'B' }, { score: 101, grade: 'A' })).toEqual([]);
    expect(drift({ score: 98 }, { score: '98' })).toEqual(['score: number in the sample, string in the real output']);
    expect(drift({ score: 98 }, { score: 98, grade: 'B' })).toEqual(['grade: in the real output, not in the sample']);
    expect(drift({ score: 98, lead_id: null }, { score: 98 })).toEqual(['lead_id: in the sample, not in the real output']);
  });
});
