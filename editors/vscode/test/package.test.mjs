// Checks the built .vsix (a zip): the manifest VS Code reads and the
// bundle it loads. Build it first:
//
//   npm run build && npx @vscode/vsce package --no-dependencies --out sqlsage.vsix
//
// SQLSAGE_VSIX names another package; the default is ../sqlsage.vsix.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const yauzl = require('yauzl');

const here = path.dirname(fileURLToPath(import.meta.url));
const VSIX = path.resolve(process.env.SQLSAGE_VSIX || path.join(here, '..', 'sqlsage.vsix'));

/** readZip returns every file of the zip at file, by name. */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

let files;
let manifest;

before(async () => {
  assert.ok(fs.existsSync(VSIX), `no package at ${VSIX}: run \`npm run build && npm run package\``);
  files = await readZip(VSIX);
  manifest = JSON.parse(files.get('extension/package.json').toString('utf8'));
});

test('the package holds the manifest, the bundle, the readme and the license, and nothing else', () => {
  assert.deepEqual([...files.keys()].sort(), [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/dist/extension.js',
    'extension/package.json',
    'extension/readme.md',
  ]);
  assert.match(files.get('extension/LICENSE.txt').toString('utf8'), /^MIT License\n/);
  const vsixManifest = files.get('extension.vsixmanifest').toString('utf8');
  assert.match(vsixManifest, /<Identity [^>]*Id="sqlsage"[^>]*Publisher="sqlsage"/);
});

test('the manifest activates on SQL files and loads the bundle', () => {
  assert.equal(manifest.name, 'sqlsage');
  assert.equal(manifest.publisher, 'sqlsage');
  assert.equal(manifest.license, 'MIT');
  assert.equal(manifest.main, './dist/extension.js');
  assert.deepEqual(manifest.activationEvents, ['onLanguage:sql', 'onLanguage:pgsql']);
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  // The bundle carries the language client; the package ships no node_modules.
  assert.deepEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
  assert.ok(![...files.keys()].some((f) => f.includes('node_modules/')));
});

test('the manifest contributes the three commands', () => {
  assert.deepEqual(
    manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]),
    [
      ['sqlsage.fixAll', 'sqlsage: Fix all'],
      ['sqlsage.restart', 'sqlsage: Restart server'],
      ['sqlsage.showOutput', 'sqlsage: Show output'],
    ],
  );
});

test('the manifest declares the settings', () => {
  const props = manifest.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [
    'sqlsage.migrations',
    'sqlsage.path',
    'sqlsage.pgVersion',
    'sqlsage.rules',
    'sqlsage.trace.server',
  ]);
  assert.equal(props['sqlsage.path'].type, 'string');
  assert.equal(props['sqlsage.path'].default, '');
  assert.equal(props['sqlsage.path'].scope, 'machine-overridable');
  assert.deepEqual(props['sqlsage.pgVersion'].type, ['number', 'null']);
  assert.equal(props['sqlsage.pgVersion'].default, null);
  assert.equal(props['sqlsage.rules'].type, 'object');
  assert.deepEqual(props['sqlsage.rules'].default, {});
  assert.deepEqual(props['sqlsage.rules'].additionalProperties.enum, ['off', 'hint', 'info', 'warning', 'error']);
  assert.equal(props['sqlsage.migrations'].type, 'array');
  assert.deepEqual(props['sqlsage.migrations'].items, { type: 'string' });
  assert.deepEqual(props['sqlsage.migrations'].default, []);
  // In an untrusted workspace the workspace may not choose the binary.
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['sqlsage.path']);
});

test('the bundle is the extension, with the language client inside', () => {
  const js = files.get('extension/dist/extension.js').toString('utf8');
  assert.ok(js.length > 50_000, `dist/extension.js is only ${js.length} bytes`);
  // CommonJS entry points VS Code calls.
  assert.match(js, /\bactivate\b/);
  assert.match(js, /\bdeactivate\b/);
  // Its own strings and the bundled client's.
  for (const s of ['sqlsage.fixAll', 'sqlsage.restart', 'sqlsage.showOutput', 'source.fixAll.sqlsage',
    'https://github.com/sqlsage/sqlsage#install', 'workspace/didChangeConfiguration', 'textDocument/codeAction']) {
    assert.ok(js.includes(s), `the bundle mentions ${s}`);
  }
  // vscode is the host's module, not bundled; nothing else is required at run time
  // beyond Node's own modules.
  assert.match(js, /require\(["']vscode["']\)/);
  const required = new Set([...js.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
  const builtins = new Set(require('node:module').builtinModules);
  for (const r of required) {
    assert.ok(r === 'vscode' || builtins.has(r.replace(/^node:/, '')), `the bundle requires ${r}, which is not in the package`);
  }
});
