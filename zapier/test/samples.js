'use strict';

// Each operation's sample (samples/<key>.json) is a real answer of the service, recorded by the test that gets it:
// `npm run samples` runs the tests with RECORD_SAMPLES=1 and writes each real output over its sample. Otherwise the
// test fails when the real output drifts from the sample in its keys or in the type of any value.

const fs = require('fs');
const path = require('path');

const file = (key) => path.join(__dirname, '..', 'samples', `${key}.json`);

/** The type a Zap sees: null, string, number, boolean, array or object. */
const kind = (value) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The test's addresses (who.pid.time.n@domain) read as a person's, so that the sample shows what a Zap will see. */
const tidy = (value) =>
  JSON.parse(JSON.stringify(value).replace(/([a-z]+)\.\d+\.[a-z0-9]+\.\d+@/g, '$1@'));

/** The differences between a real output and a sample: keys either lacks, and values of another type. */
const drift = (sample, real) => {
  const problems = [];
  for (const key of new Set([...Object.keys(sample), ...Object.keys(real)])) {
    if (!(key in real)) problems.push(`${key}: in the sample, not in the real output`);
    else if (!(key in sample)) problems.push(`${key}: in the real output, not in the sample`);
    else if (kind(sample[key]) !== kind(real[key])) problems.push(`${key}: ${kind(sample[key])} in the sample, ${kind(real[key])} in the real output`);
  }
  return problems;
};

/** Records `real` as the sample of operation `key` (RECORD_SAMPLES=1), or expects the sample to be like it. */
const expectLikeSample = (key, real) => {
  if (process.env.RECORD_SAMPLES) {
    fs.writeFileSync(file(key), `${JSON.stringify(tidy(real), null, 2)}\n`);
    return;
  }
  const sample = JSON.parse(fs.readFileSync(file(key), 'utf8'));
  expect(drift(sample, real)).toEqual([]);
};

module.exports = { expectLikeSample, drift, kind };
