'use strict';

// An API key and the service's address. The connection test asks the service who the key is (GET /api/me): it
// answers the key's last four characters only, which label the connection.

const { url } = require('./lib/http');

module.exports = {
  type: 'custom',
  fields: [
    {
      key: 'base_url',
      label: 'Service URL',
      required: true,
      type: 'string',
      helpText: 'The address of your lead scoring service, as Zapier reaches it from the internet, e.g. `https://scoring.example.com`.',
    },
    {
      key: 'api_key',
      label: 'API Key',
      required: true,
      type: 'password',
      helpText: 'One of the keys in the service\'s `leadscoring.api-key` setting (or the key it generated on first start, in `data/api-key`).',
    },
  ],
  test: async (z, bundle) => {
    const response = await z.request({ url: url(bundle, '/api/me') });
    return response.data;
  },
  connectionLabel: (z, bundle) => {
    let host = bundle.authData.base_url;
    try {
      host = new URL(bundle.authData.base_url).host;
    } catch (notAUrl) {
      // keep what was typed
    }
    return `${host} (key ${bundle.inputData.key})`;
  },
};
