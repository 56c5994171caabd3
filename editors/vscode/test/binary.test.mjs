// findSqlsage (src/binary.ts, compiled to out/ by `npm run build`): the
// sqlsage.path setting first, then PATH, and a message naming what failed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const require = createRequire(import.meta.url);
const { findSqlsage, resolveSetting, INSTALL_URL } = require('../out/binary.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlsage-bin-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** file creates tmp/rel with the given mode and returns its path. */
function file(rel, mode) {
  const p = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\n');
  fs.chmodSync(p, mode);
  return p;
}

const exe = file('a/sqlsage', 0o755);
const notExe = file('b/sqlsage', 0o644);
fs.mkdirSync(path.join(tmp, 'c/sqlsage'), { recursive: true }); // a folder, not a file
const other = file('d/sqlsage', 0o755);

test('the install URL is the README section', () => {
  assert.equal(INSTALL_URL, 'https://github.com/sqlsage/sqlsage#install');
});

test('PATH is searched in order, skipping non-executables and folders', () => {
  const env = { PATH: [path.join(tmp, 'missing'), path.join(tmp, 'b'), path.join(tmp, 'c'), path.join(tmp, 'a'), path.join(tmp, 'd')].join(':') };
  assert.deepEqual(findSqlsage({ env, platform: 'linux' }), { ok: true, path: exe, from: 'PATH' });
});

test('nothing on PATH', () => {
  const env = { PATH: `${path.join(tmp, 'b')}::${path.join(tmp, 'c')}` };
  assert.deepEqual(findSqlsage({ env, platform: 'linux' }), {
    ok: false,
    message: 'The sqlsage binary was not found on PATH, and the sqlsage.path setting is empty.',
  });
  assert.equal(findSqlsage({ env: {}, platform: 'linux' }).ok, false);
});

test('the setting wins over PATH', () => {
  const env = { PATH: path.join(tmp, 'a') };
  assert.deepEqual(findSqlsage({ setting: other, env, platform: 'linux' }), { ok: true, path: other, from: 'setting' });
  // Blank is "not set".
  assert.deepEqual(findSqlsage({ setting: '  ', env, platform: 'linux' }), { ok: true, path: exe, from: 'PATH' });
});

test('a relative setting is taken from the workspace folder', () => {
  assert.deepEqual(findSqlsage({ setting: 'd/sqlsage', workspaceFolder: tmp, env: {}, platform: 'linux' }), {
    ok: true,
    path: other,
    from: 'setting',
  });
});

test('a bad setting is an error naming the file, even when PATH has one', () => {
  const env = { PATH: path.join(tmp, 'a') };
  const missing = path.join(tmp, 'nowhere', 'sqlsage');
  assert.deepEqual(findSqlsage({ setting: missing, env, platform: 'linux' }), {
    ok: false,
    message: `The sqlsage.path setting names ${missing}, which does not exist.`,
  });
  assert.deepEqual(findSqlsage({ setting: notExe, env, platform: 'linux' }), {
    ok: false,
    message: `The sqlsage.path setting names ${notExe}, which is not an executable file.`,
  });
});

test('~ is the home folder', () => {
  assert.equal(resolveSetting('~/go/bin/sqlsage'), path.join(os.homedir(), 'go/bin/sqlsage'));
  assert.equal(resolveSetting('~'), os.homedir());
  assert.equal(resolveSetting('/usr/bin/sqlsage', '/ws'), '/usr/bin/sqlsage');
  assert.equal(resolveSetting('bin/sqlsage', '/ws'), '/ws/bin/sqlsage');
});

test('on Windows, PATHEXT suffixes are tried and Path may be spelled so', () => {
  const win = file('w/sqlsage.exe', 0o644); // Windows has no execute bit
  const env = { Path: `"${path.join(tmp, 'w')}"`, PATHEXT: '.COM;.EXE' };
  assert.deepEqual(findSqlsage({ env, platform: 'win32' }), { ok: true, path: win, from: 'PATH' });
});
