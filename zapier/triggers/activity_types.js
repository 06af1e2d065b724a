'use strict';

// A hidden trigger that fills the activity-type dropdowns: the types the service's loaded models name (GET /api/models).

const { url } = require('../lib/http');

module.exports = {
  key: 'activity_type',
  noun: 'Activity Type',
  display: { label: 'Activity Types', description: 'The activity types of the loaded scoring models.', hidden: true },
  operation: {
    perform: async (z, bundle) => {
      const response = await z.request({ url: url(bundle, '/api/models') });
      const types = new Map();
      for (const model of response.data.models || []) {
        for (const type of model.activity_types || []) {
          types.set(type, (types.get(type) || []).concat(model.name));
        }
      }
      return [...types.keys()].sort().map((type) => ({ id: type, name: `${type.replace(/_/g, ' ')} (${types.get(type).join(', ')})` }));
    },
    sample: require('../samples/activity_type.json'),
    outputFields: [
      { key: 'id', label: 'Activity Type' },
      { key: 'name', label: 'Name' },
    ],
  },
};
