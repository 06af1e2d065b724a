'use strict';

// Jest's global setup: the real service, packaged by Maven, on a free loopback port, connected to the fake Zoho CRM of
// the Java tests (org.leadscoring.crm.zoho.FakeZoho, run on its own), with a fresh data folder. Builds what is
// missing or older than the sources (`mvn -DskipTests package`), so `npm test` works on a fresh clone too.

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');
const readline = require('readline');
const { ROOT, WORK, STATE, KEYS } = require('./paths');

const JAR = path.join(ROOT, 'target/quarkus-app/quarkus-run.jar');
const FAKE_ZOHO_CLASS = path.join(ROOT, 'target/test-classes/org/leadscoring/crm/zoho/FakeZoho.class');
const CLASSPATH = path.join(WORK, 'classpath.txt');
const JAVA = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

/** The newest modification time under a folder. */
const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : fs.statSync(file).mtimeMs);
  }
  return latest;
};

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

const build = () => {
  const sources = Math.max(newest(path.join(ROOT, 'src')), mtime(path.join(ROOT, 'pom.xml')));
  if (mtime(JAR) < sources || mtime(FAKE_ZOHO_CLASS) < sources) {
    process.stderr.write('\nPackaging the service (mvn -DskipTests package)…\n');
    execFileSync('mvn', ['-q', '-B', '-ntp', '-DskipTests', 'package'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (mtime(CLASSPATH) < mtime(path.join(ROOT, 'pom.xml'))) {
    execFileSync('mvn', ['-q', '-B', '-ntp', 'dependency:build-classpath', '-Dmdep.includeScope=test', `-Dmdep.outputFile=${CLASSPATH}`],
      { cwd: ROOT, stdio: 'inherit' });
  }
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const startFakeZoho = () =>
  new Promise((resolve, reject) => {
    const classpath = `${path.join(ROOT, 'target/test-classes')}${path.delimiter}${fs.readFileSync(CLASSPATH, 'utf8').trim()}`;
    const zoho = spawn(JAVA, ['-Xmx256m', '-cp', classpath, 'org.leadscoring.crm.zoho.FakeZoho'], { stdio: ['pipe', 'pipe', 'inherit'] });
    zoho.on('error', reject);
    zoho.on('exit', (code) => reject(new Error(`the fake Zoho exited (${code})`)));
    readline.createInterface({ input: zoho.stdout }).on('line', (line) => {
      const m = /^FAKE_ZOHO_URL=(.*)$/.exec(line);
      if (m) resolve({ process: zoho, url: m[1] });
    });
  });

const waitUntilReady = async (baseUrl, service, log) => {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (service.exitCode !== null) break;
    try {
      const response = await fetch(`${baseUrl}/q/health/ready`);
      if (response.ok) return;
    } catch (notYet) {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not start; see ${log}`);
};

module.exports = async () => {
  fs.mkdirSync(WORK, { recursive: true });
  build();
  const zoho = await startFakeZoho();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const data = path.join(WORK, 'data');
  fs.rmSync(data, { recursive: true, force: true });
  const log = path.join(WORK, 'service.log');
  const out = fs.openSync(log, 'w');
  const service = spawn(
    JAVA,
    [
      '-Xmx512m',
      `-Dquarkus.http.host=127.0.0.1`,
      `-Dquarkus.http.port=${port}`,
      `-Dleadscoring.data-dir=${data}`,
      `-Dleadscoring.api-key=${KEYS.main},${KEYS.burst}`,
      // Low enough that a burst on the burst key meets it; the main key's tests stay well below.
      '-Dleadscoring.limits.requests-per-second=20',
      // Hook targets are the test's own HTTP server on loopback, delivered to without waiting long.
      '-Dleadscoring.hooks.allowed-http-hosts=127.0.0.1',
      '-Dleadscoring.jobs.interval=1s',
      `-Dzoho.accounts-url=${zoho.url}`,
      `-Dzoho.api-url=${zoho.url}`,
      '-Dzoho.client-id=1000.FAKECLIENTID',
      '-Dzoho.client-secret=fake-client-secret-5f1c',
      '-Dzoho.refresh-token=1000.fake-refresh-token-9a7e',
      '-Dzoho.custom-fields.plan=Plan__c',
      '-Drescoring.enabled=false',
      '-jar',
      JAR,
    ],
    // From the project folder: the shipped rules/ and scoring-models/ are found where the README's command finds them.
    { cwd: ROOT, stdio: ['pipe', out, out] },
  );
  globalThis.__LEAD_SCORING__ = { zoho: zoho.process, service };
  await waitUntilReady(baseUrl, service, log);
  fs.writeFileSync(STATE, JSON.stringify({ baseUrl, zohoUrl: zoho.url, log }));
};
