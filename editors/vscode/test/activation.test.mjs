// Loads the real bundle dist/extension.js with a fake `vscode` module and
// activates it: the commands are registered, and a missing binary gives
// an error message whose button opens the install instructions. (Starting
// the server is the protocol test's business; it needs a real VS Code.)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');

const here = path.dirname(fileURLToPath(import.meta.url));
const BUNDLE = path.join(here, '..', 'dist', 'extension.js');
const INSTALL_URL = 'https://github.com/sqlsage/sqlsage#install';

/**
 * stub is a value every property of which is another stub, callable and
 * constructible: enough for the language client's module-level use of
 * the vscode API, which the tests do not exercise.
 */
function stub() {
  return new Proxy(function () {}, {
    get(target, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (!(prop in target)) target[prop] = stub();
      return target[prop];
    },
    apply: () => stub(),
    construct: () => stub(),
  });
}

/** fakeVscode records what the extension does with the API it uses. */
function fakeVscode({ settings = {}, answer }) {
  const calls = { errors: [], infos: [], warnings: [], opened: [], executed: [], shown: 0, lines: [] };
  const commands = new Map();
  const disposable = { dispose() {} };
  const config = {
    get: (key) => settings[key],
    inspect: (key) => ({ key, globalValue: settings[key], workspaceValue: undefined }),
  };
  const api = {
    window: {
      createOutputChannel: (name) => {
        calls.channel = name;
        return {
          name,
          appendLine: (l) => calls.lines.push(l),
          append() {},
          show: () => calls.shown++,
          dispose() {},
        };
      },
      showErrorMessage: async (msg, ...items) => {
        calls.errors.push({ msg, items });
        return answer;
      },
      showInformationMessage: async (msg, ...items) => {
        calls.infos.push({ msg, items });
        return undefined;
      },
      showWarningMessage: async (msg, ...items) => {
        calls.warnings.push({ msg, items });
        return undefined;
      },
      activeTextEditor: undefined,
    },
    commands: {
      registerCommand: (id, fn) => {
        commands.set(id, fn);
        return disposable;
      },
      executeCommand: async (...args) => {
        calls.executed.push(args);
      },
    },
    workspace: {
      isTrusted: true,
      workspaceFolders: undefined,
      getConfiguration: (section) => {
        assert.equal(section, 'sqlsage');
        return config;
      },
      onDidChangeConfiguration: () => disposable,
      onDidGrantWorkspaceTrust: () => disposable,
    },
    env: {
      openExternal: async (uri) => {
        calls.opened.push(String(uri));
        return true;
      },
    },
    Uri: { parse: (s) => ({ toString: () => s }) },
  };
  const vscode = new Proxy(api, {
    get: (target, prop) => (prop in target ? target[prop] : stub()),
  });
  return { vscode, calls, commands };
}

let savedLoad;
let savedPath;
let emptyDir;

beforeEach(() => {
  assert.ok(fs.existsSync(BUNDLE), `no bundle at ${BUNDLE}: run \`npm run build\``);
  savedLoad = Module._load;
  savedPath = process.env.PATH;
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlsage-nopath-'));
});

afterEach(() => {
  Module._load = savedLoad;
  process.env.PATH = savedPath;
  delete require.cache[BUNDLE];
  fs.rmSync(emptyDir, { recursive: true, force: true });
});

/** activate loads a fresh copy of the bundle against fake and activates it. */
async function activate(fake) {
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? fake.vscode : savedLoad.call(this, request, ...rest);
  };
  delete require.cache[BUNDLE];
  const ext = require(BUNDLE);
  const context = { subscriptions: [] };
  await ext.activate(context);
  // Let the error message's follow-up (the button's action) run.
  await new Promise((r) => setImmediate(r));
  return { ext, context };
}

test('without sqlsage on PATH, activation explains and links to the install instructions', async () => {
  process.env.PATH = emptyDir;
  const fake = fakeVscode({ settings: { path: '' }, answer: 'Install instructions' });
  const { ext, context } = await activate(fake);

  assert.equal(fake.calls.channel, 'sqlsage');
  assert.deepEqual([...fake.commands.keys()], ['sqlsage.fixAll', 'sqlsage.restart', 'sqlsage.showOutput']);
  assert.equal(context.subscriptions.length, 6);

  assert.equal(fake.calls.errors.length, 1);
  const { msg, items } = fake.calls.errors[0];
  assert.equal(
    msg,
    'sqlsage: The sqlsage binary was not found on PATH, and the sqlsage.path setting is empty. ' +
      'Install sqlsage (a single Go binary) or set sqlsage.path, then run "sqlsage: Restart server".',
  );
  assert.deepEqual(items, ['Install instructions', 'Open settings']);
  assert.deepEqual(fake.calls.opened, [INSTALL_URL]);
  assert.ok(fake.calls.lines.some((l) => l.endsWith('The sqlsage binary was not found on PATH, and the sqlsage.path setting is empty.')));

  // The commands work without a server.
  await fake.commands.get('sqlsage.showOutput')();
  assert.equal(fake.calls.shown, 1);
  await fake.commands.get('sqlsage.fixAll')();
  assert.deepEqual(fake.calls.infos.map((i) => i.msg), ['sqlsage: open a SQL file to fix its problems.']);
  await ext.deactivate();
});

test('a sqlsage.path that does not exist is named, and Open settings opens it', async () => {
  process.env.PATH = emptyDir;
  const missing = path.join(emptyDir, 'no', 'sqlsage');
  const fake = fakeVscode({ settings: { path: missing }, answer: 'Open settings' });
  const { ext } = await activate(fake);

  assert.equal(fake.calls.errors.length, 1);
  assert.ok(
    fake.calls.errors[0].msg.startsWith(`sqlsage: The sqlsage.path setting names ${missing}, which does not exist. `),
    fake.calls.errors[0].msg,
  );
  assert.deepEqual(fake.calls.opened, []);
  assert.deepEqual(fake.calls.executed, [['workbench.action.openSettings', 'sqlsage.path']]);

  // Restart looks again, and says so again.
  await fake.commands.get('sqlsage.restart')();
  await new Promise((r) => setImmediate(r));
  assert.equal(fake.calls.errors.length, 2);
  await ext.deactivate();
});
