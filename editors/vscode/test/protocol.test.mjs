// Drives the real `sqlsage serve` with the client library family VS Code's
// own language client is built on (vscode-languageserver-protocol over
// vscode-jsonrpc), through the conversation the extension has with it:
// initialize, the settings notification, didOpen, an incremental edit with
// multi-byte text, a quick fix, fix all, hover, shutdown and exit.
//
//   SQLSAGE_BIN=/path/to/sqlsage node --test test/protocol.test.mjs
//
// SQLSAGE_BIN defaults to ../../bin/sqlsage (the repository's `make build`).
// Every wait has a timeout, so a broken server fails the test, never hangs it.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { applyWorkspaceEdit, positionAt, rangeOf, wholeRange } from './textdoc.mjs';

const require = createRequire(import.meta.url);
const lsp = require('vscode-languageserver-protocol/node');

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(process.env.SQLSAGE_BIN || path.join(here, '..', '..', '..', 'bin', 'sqlsage'));
const TIMEOUT_MS = 10_000;
const DOCS = 'https://github.com/sqlsage/sqlsage/blob/main/docs/rules/';

const V1 =
  'CREATE TABLE users (id bigint PRIMARY KEY);\n' +
  'CREATE TABLE orders (\n' +
  '  id bigint PRIMARY KEY,\n' +
  '  user_id bigint NOT NULL REFERENCES users (id),\n' +
  '  total_amount float8 NOT NULL\n' +
  ');\n';

// Inserted before the orders table in version 2: é is 2 bytes in UTF-8 and
// 1 UTF-16 unit, 日 and 本 3 bytes and 1 unit each, 🎉 4 bytes and 2 units.
const MULTIBYTE_LINE = '-- orders: café, 日本, 🎉\n';

/** withTimeout rejects when promise has not settled after ms. */
function withTimeout(promise, what, ms = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Server is a running `sqlsage serve` and a protocol connection to it. */
class Server {
  constructor(bin, cwd) {
    this.stderr = '';
    this.child = spawn(bin, ['serve'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (d) => {
      this.stderr += d;
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    this.spawned = new Promise((resolve, reject) => {
      this.child.on('spawn', resolve);
      this.child.on('error', reject);
    });
    this.conn = lsp.createProtocolConnection(
      new lsp.StreamMessageReader(this.child.stdout),
      new lsp.StreamMessageWriter(this.child.stdin),
    );
    this.published = []; // every publishDiagnostics, in arrival order
    this.waiters = [];
    this.conn.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const w of this.waiters) w();
    });
    this.conn.onError(([err]) => {
      this.connError = err;
    });
    this.conn.listen();
  }

  request(type, params) {
    return withTimeout(this.conn.sendRequest(type, params), type.method);
  }

  notify(type, params) {
    return withTimeout(this.conn.sendNotification(type, params), type.method);
  }

  /** diagnostics waits for the first publication for uri at version. */
  diagnostics(uri, version) {
    const find = () => this.published.find((p) => p.uri === uri && p.version === version);
    return withTimeout(
      new Promise((resolve) => {
        const check = () => {
          const p = find();
          if (p) {
            this.waiters = this.waiters.filter((w) => w !== check);
            resolve(p.diagnostics);
          }
        };
        this.waiters.push(check);
        check();
      }),
      `publishDiagnostics for version ${version}`,
    );
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    this.conn.dispose();
  }
}

/** summary lists diagnostics as "line:character-line:character code", sorted. */
function summary(diags) {
  return diags
    .map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}`)
    .sort();
}

function expected(pairs) {
  return pairs
    .map(([range, code]) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${code}`)
    .sort();
}

/** checkDiagnostic asserts the fields every sqlsage diagnostic carries. */
function checkDiagnostic(d) {
  assert.equal(d.source, 'sqlsage');
  assert.equal(typeof d.code, 'string');
  assert.equal(d.codeDescription?.href, DOCS + d.code + '.md');
  assert.equal(typeof d.message, 'string');
  assert.ok(d.message.length > 0);
}

test('sqlsage serve speaks LSP to a VS Code-style client', { timeout: 120_000 }, async (t) => {
  assert.ok(fs.existsSync(BIN), `no sqlsage binary at ${BIN}: run \`make build\` or set SQLSAGE_BIN`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlsage-vscode-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const server = new Server(BIN, root);
  t.after(() => server.kill());
  await withTimeout(server.spawned, 'the server process to start');

  try {
    // initialize: the capabilities the extension relies on.
    const rootUri = pathToFileURL(root).href;
    const init = await server.request(lsp.InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'sqlsage-vscode-test', version: '1' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, relatedInformation: true },
          codeAction: {
            isPreferredSupport: true,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: { workspaceEdit: { documentChanges: true }, configuration: true, didChangeConfiguration: {} },
        general: { positionEncodings: ['utf-16'] },
      },
    });
    const caps = init.capabilities;
    const sync = caps.textDocumentSync;
    assert.equal(typeof sync, 'object', 'textDocumentSync is TextDocumentSyncOptions');
    assert.equal(sync.change, lsp.TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16');
    assert.deepEqual([...caps.codeActionProvider.codeActionKinds].sort(), ['quickfix', 'source.fixAll.sqlsage']);
    assert.equal(caps.hoverProvider, true);
    assert.equal(init.serverInfo?.name, 'sqlsage');

    await server.notify(lsp.InitializedNotification.type, {});
    // What the extension sends right after initialized (see src/settings.ts).
    await server.notify(lsp.DidChangeConfigurationNotification.type, {
      // The test's tables are minimal on purpose: the design hints about
      // them are turned off, as a user would in the settings, which also
      // shows that the server applies the settings the extension sends.
      settings: { sqlsage: { pgVersion: 15, rules: { 'missing-timestamps': 'off', 'fk-on-delete-implicit': 'off' }, migrations: [] } },
    });

    // Version 1: the two findings, at ranges computed from the text.
    const uri = pathToFileURL(path.join(root, 'schema.sql')).href;
    let text = V1;
    let version = 1;
    await server.notify(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'sql', version, text },
    });
    let diags = await server.diagnostics(uri, 1);
    diags.forEach(checkDiagnostic);
    assert.deepEqual(summary(diags), [
      '3:26-3:47 fk-missing-index',
      '4:15-4:21 money-float',
    ]);
    assert.deepEqual(
      summary(diags),
      expected([
        [rangeOf(text, 'REFERENCES users (id)'), 'fk-missing-index'],
        [rangeOf(text, 'float8'), 'money-float'],
      ]),
    );
    for (const d of diags) {
      assert.equal(d.severity, lsp.DiagnosticSeverity.Warning, d.code);
    }

    // Version 2: an incremental insertion of a line of multi-byte text
    // before the orders table shifts both findings down one line.
    const insertAt = rangeOf(text, 'CREATE TABLE orders').start;
    assert.deepEqual(insertAt, { line: 1, character: 0 });
    version = 2;
    text = text.replace('CREATE TABLE orders', MULTIBYTE_LINE + 'CREATE TABLE orders');
    await server.notify(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: insertAt, end: insertAt }, text: MULTIBYTE_LINE }],
    });
    diags = await server.diagnostics(uri, 2);
    diags.forEach(checkDiagnostic);
    assert.deepEqual(summary(diags), [
      '4:26-4:47 fk-missing-index',
      '5:15-5:21 money-float',
    ]);
    assert.deepEqual(
      summary(diags),
      expected([
        [rangeOf(text, 'REFERENCES users (id)'), 'fk-missing-index'],
        [rangeOf(text, 'float8'), 'money-float'],
      ]),
    );

    // The quick fix for money-float.
    const money = diags.find((d) => d.code === 'money-float');
    const actions = await server.request(lsp.CodeActionRequest.type, {
      textDocument: { uri },
      range: money.range,
      context: { diagnostics: [money], triggerKind: lsp.CodeActionTriggerKind.Automatic },
    });
    assert.ok(Array.isArray(actions), 'codeAction returns a list');
    for (const a of actions) {
      assert.equal(a.kind, 'quickfix', `${a.title}: without context.only, only quick fixes`);
    }
    const decimal = actions.filter((a) => a.title === 'Use DECIMAL(10, 2)');
    assert.equal(decimal.length, 1, `one "Use DECIMAL(10, 2)" action in ${JSON.stringify(actions.map((a) => a.title))}`);
    const fix = decimal[0];
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics.map((d) => d.code), ['money-float']);
    assert.deepEqual(fix.edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 2 },
          edits: [{ range: rangeOf(text, 'float8'), newText: 'DECIMAL(10, 2)' }],
        },
      ],
    });

    // Version 3: the quick fix applied, sent back as the editor would.
    let applied = applyWorkspaceEdit(text, uri, version, fix.edit);
    text = applied.text;
    version = 3;
    assert.ok(text.includes('  total_amount DECIMAL(10, 2) NOT NULL\n'), text);
    await server.notify(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: applied.changes,
    });
    diags = await server.diagnostics(uri, 3);
    diags.forEach(checkDiagnostic);
    assert.deepEqual(summary(diags), ['4:26-4:47 fk-missing-index']);

    // Hover on the remaining finding documents its rule; elsewhere, nothing.
    const fk = diags[0];
    const hover = await server.request(lsp.HoverRequest.type, {
      textDocument: { uri },
      position: { line: fk.range.start.line, character: fk.range.start.character + 3 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.startsWith('**fk-missing-index** — '), hover.contents.value);
    assert.ok(hover.contents.value.includes(`[Documentation](${DOCS}fk-missing-index.md)`), hover.contents.value);
    assert.deepEqual(hover.range, fk.range);
    const nothing = await server.request(lsp.HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.equal(nothing, null);

    // Fix all (what "sqlsage: Fix all" and codeActionsOnSave ask for).
    const sourceActions = await server.request(lsp.CodeActionRequest.type, {
      textDocument: { uri },
      range: wholeRange(text),
      context: { diagnostics: diags, only: ['source.fixAll'], triggerKind: lsp.CodeActionTriggerKind.Invoked },
    });
    assert.deepEqual(
      sourceActions.map((a) => [a.kind, a.title]),
      [['source.fixAll.sqlsage', 'Fix all sqlsage problems']],
    );
    const fixAll = sourceActions[0];
    assert.equal(fixAll.edit.documentChanges.length, 1);
    // One edit: the index, inserted right after the ");" that ends CREATE
    // TABLE orders (line 6 of version 3, after the multi-byte line).
    const tableEnd = positionAt(text, text.indexOf(');\n', text.indexOf('CREATE TABLE orders')) + 2);
    assert.deepEqual(tableEnd, { line: 6, character: 2 });
    assert.deepEqual(fixAll.edit.documentChanges[0], {
      textDocument: { uri, version: 3 },
      edits: [
        {
          range: { start: tableEnd, end: tableEnd },
          newText: '\nCREATE INDEX idx_orders_user_id ON orders (user_id);',
        },
      ],
    });

    // Version 4: everything fixed.
    applied = applyWorkspaceEdit(text, uri, version, fixAll.edit);
    text = applied.text;
    version = 4;
    assert.equal(
      text,
      'CREATE TABLE users (id bigint PRIMARY KEY);\n' +
        MULTIBYTE_LINE +
        'CREATE TABLE orders (\n' +
        '  id bigint PRIMARY KEY,\n' +
        '  user_id bigint NOT NULL REFERENCES users (id),\n' +
        '  total_amount DECIMAL(10, 2) NOT NULL\n' +
        ');\n' +
        'CREATE INDEX idx_orders_user_id ON orders (user_id);\n',
    );
    await server.notify(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: applied.changes,
    });
    diags = await server.diagnostics(uri, 4);
    assert.deepEqual(diags, []);

    // Nothing left to fix: no fix-all action.
    const none = await server.request(lsp.CodeActionRequest.type, {
      textDocument: { uri },
      range: wholeRange(text),
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(none, []);

    // shutdown, exit: the process ends with status 0.
    const result = await server.request(lsp.ShutdownRequest.type, undefined);
    assert.equal(result, null);
    await server.notify(lsp.ExitNotification.type, undefined);
    const exit = await withTimeout(server.exited, 'the server to exit');
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.equal(server.connError, undefined);
  } catch (err) {
    // The server's own log explains most failures.
    t.diagnostic(`sqlsage serve stderr:\n${server.stderr}`);
    throw err;
  }
});
