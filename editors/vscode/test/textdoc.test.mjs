// The test client's document model (test/textdoc.mjs): LSP positions in
// UTF-16 code units, and edits applied the way an editor applies them.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { applyEdits, applyWorkspaceEdit, offsetAt, positionAt, rangeOf } from './textdoc.mjs';

test('positions count UTF-16 code units and lines end at \\n, \\r\\n or \\r', () => {
  const text = 'a🎉b\r\n日本\rc\n';
  assert.deepEqual(positionAt(text, text.indexOf('b')), { line: 0, character: 3 });
  assert.deepEqual(positionAt(text, text.indexOf('本')), { line: 1, character: 1 });
  assert.deepEqual(positionAt(text, text.indexOf('c')), { line: 2, character: 0 });
  assert.deepEqual(positionAt(text, text.length), { line: 3, character: 0 });
  assert.equal(offsetAt(text, { line: 0, character: 3 }), 3);
  assert.throws(() => offsetAt(text, { line: 0, character: 2 }), /splits a surrogate pair/);
  assert.throws(() => offsetAt(text, { line: 0, character: 5 }), /outside line 0/);
  assert.throws(() => offsetAt(text, { line: 4, character: 0 }), /outside the 4 lines/);
  assert.deepEqual(rangeOf(text, '日本'), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
});

test('edits refer to the original text and become changes sent from the end backwards', () => {
  const text = 'é 🎉 x\ny\n';
  const edits = [
    { range: rangeOf(text, 'x'), newText: 'XX' },
    { range: rangeOf(text, 'é'), newText: 'e' },
    { range: rangeOf(text, 'y'), newText: '' },
  ];
  const r = applyEdits(text, edits);
  assert.equal(r.text, 'e 🎉 XX\n\n');
  assert.deepEqual(r.changes.map((c) => c.text), ['', 'XX', 'e']);
  // Replaying the changes one after the other gives the same text.
  let replay = text;
  for (const c of r.changes) replay = applyEdits(replay, [c].map((x) => ({ range: x.range, newText: x.text }))).text;
  assert.equal(replay, r.text);
  assert.throws(() => applyEdits(text, [edits[0], { range: rangeOf(text, '🎉 x'), newText: '' }]), /overlapping/);
});

test('a TextDocumentEdit must be for the document and version the client holds', () => {
  const edit = (version) => ({
    documentChanges: [{ textDocument: { uri: 'file:///a.sql', version }, edits: [{ range: rangeOf('ab', 'b'), newText: 'c' }] }],
  });
  assert.equal(applyWorkspaceEdit('ab', 'file:///a.sql', 3, edit(3)).text, 'ac');
  assert.throws(() => applyWorkspaceEdit('ab', 'file:///a.sql', 4, edit(3)), /version the client holds/);
  assert.throws(() => applyWorkspaceEdit('ab', 'file:///b.sql', 3, edit(3)));
  assert.throws(() => applyWorkspaceEdit('ab', 'file:///a.sql', 3, { changes: {} }), /documentChanges/);
});
