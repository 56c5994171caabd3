// serverSettings (src/settings.ts, compiled to out/ by `npm run build`):
// what {"settings": {"sqlsage": …}} carries to the server.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const { serverSettings, SEVERITIES } = require('../out/settings.js');

/** config is a WorkspaceConfiguration reading values. */
const config = (values) => ({ get: (key) => values[key] });

test('the defaults send no pgVersion, no rules and no migrations', () => {
  // package.json's defaults: path "", pgVersion null, rules {}, migrations [].
  const s = serverSettings(config({ path: '', pgVersion: null, rules: {}, migrations: [], trace: { server: 'off' } }));
  assert.deepEqual(s, { rules: {}, migrations: [] });
  assert.equal(JSON.stringify({ settings: { sqlsage: s } }), '{"settings":{"sqlsage":{"rules":{},"migrations":[]}}}');
});

test('the server receives pgVersion, rules and migrations, never the client-only settings', () => {
  const s = serverSettings(
    config({
      path: '/usr/local/bin/sqlsage',
      pgVersion: 15,
      rules: { 'money-float': 'error', 'update-delete-without-where': 'off' },
      migrations: ['db/migrations', 'legacy/migrations'],
      'trace.server': 'verbose',
    }),
  );
  assert.deepEqual(s, {
    pgVersion: 15,
    rules: { 'money-float': 'error', 'update-delete-without-where': 'off' },
    migrations: ['db/migrations', 'legacy/migrations'],
  });
});

test('values the server cannot use are dropped', () => {
  const s = serverSettings(
    config({
      pgVersion: 15.5,
      rules: { 'money-float': 'fatal', 'fk-missing-index': 3, 'syntax-error': 'hint' },
      migrations: ['db', '', '  ', 7, null],
    }),
  );
  assert.deepEqual(s, { rules: { 'syntax-error': 'hint' }, migrations: ['db'] });
  assert.deepEqual(serverSettings(config({ pgVersion: '15', rules: ['off'], migrations: 'db' })), { rules: {}, migrations: [] });
  assert.deepEqual(serverSettings(config({ pgVersion: 0 })), { rules: {}, migrations: [] });
});

test('the severities are those of .sqlsage.toml', () => {
  assert.deepEqual([...SEVERITIES], ['off', 'hint', 'info', 'warning', 'error']);
});
