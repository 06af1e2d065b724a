'use strict';

// Jest's global teardown: stops the service and the fake Zoho started by start.js, then reads the service's log.

const fs = require('fs');
const { STATE } = require('./paths');

const stop = (child) =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.on('exit', resolve);
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

/**
 * The log's entries (a timestamped line and the lines that continue it), without those Quarkus' scheduler writes about
 * a poll that met the shutdown ("[Error Occurred After Shutdown]"): the stop, not an input, caused them.
 */
const entriesBeforeShutdown = (text) => {
  const kept = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    if (/^\d{4}-\d\d-\d\d[ T]/.test(line)) skipping = line.includes('[Error Occurred After Shutdown]');
    if (!skipping) kept.push(line);
  }
  return kept;
};

/** The service's log after the run: no input the app sent may have caused an error or a stack trace there. */
const checkLog = () => {
  const { log } = JSON.parse(fs.readFileSync(STATE, 'utf8'));
  const bad = entriesBeforeShutdown(fs.readFileSync(log, 'utf8'))
    .filter((line) => / ERROR /.test(line) || /^\s+at [\w.$]+\(/.test(line) || /Exception/.test(line));
  if (bad.length > 0) {
    throw new Error(`the service logged errors during the app's tests (${log}):\n${bad.slice(0, 10).join('\n')}`);
  }
};

module.exports = async () => {
  const started = globalThis.__LEAD_SCORING__ || {};
  await Promise.all([stop(started.service), stop(started.zoho)]);
  if (fs.existsSync(STATE)) {
    checkLog();
  }
};
