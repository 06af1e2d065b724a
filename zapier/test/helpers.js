'use strict';

// What every test file needs: the app tester, the running service's address and keys, a hook target on loopback.

const fs = require('fs');
const http = require('http');
const zapier = require('zapier-platform-core');
const App = require('../index');
const { STATE, KEYS } = require('./service/paths');

const appTester = zapier.createAppTester(App);
const service = JSON.parse(fs.readFileSync(STATE, 'utf8'));
const authData = { base_url: service.baseUrl, api_key: KEYS.main };

/** A unique email per call, so tests share one service without seeing each other's prospects. */
let counter = 0;
const email = (who, domain = 'northwind.io') => `${who}.${process.pid}.${Date.now().toString(36)}.${(counter += 1)}@${domain}`;

/** An HTTP server on loopback that takes hook deliveries as Zapier's would: it keeps each JSON body and answers 200. */
const hookTarget = async () => {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"success"}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/standard/123/abc`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

/** The fake Zoho CRM's record of an email in a module, read as any Zoho client would: a token, then COQL. */
const zohoRecord = async (module, who, fields) => {
  const token = await fetch(`${service.zohoUrl}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&client_id=1000.FAKECLIENTID&client_secret=fake-client-secret-5f1c&refresh_token=1000.fake-refresh-token-9a7e',
  }).then((r) => r.json());
  const response = await fetch(`${service.zohoUrl}/crm/v8/coql`, {
    method: 'POST',
    headers: { Authorization: `Zoho-oauthtoken ${token.access_token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ select_query: `select ${['id', ...fields].join(', ')} from ${module} where Email = '${who}' limit 2` }),
  });
  return response.status === 204 ? null : (await response.json()).data[0];
};

/** Polls until `found` returns something truthy, within `ms`. */
const eventually = async (found, ms = 15_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await found();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('not within the time allowed');
    await new Promise((r) => setTimeout(r, 200));
  }
};

module.exports = { App, appTester, service, authData, KEYS, email, hookTarget, eventually, zohoRecord };
