'use strict';

const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
/** Under Maven's target/, so `mvn clean` removes it: the service's data and log, the fake Zoho's class path. */
const WORK = path.join(ROOT, 'target/zapier-test');

module.exports = {
  ROOT,
  WORK,
  STATE: path.join(WORK, 'service.json'),
  KEYS: { main: 'zapier-test-key-5f3a', burst: 'zapier-burst-key-9c2e' },
};
