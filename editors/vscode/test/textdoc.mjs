// A local copy of an LSP text document, as an editor keeps one: positions
// are (line, UTF-16 code unit), which is what JavaScript string indexes
// count, and lines end at \n, \r\n or \r.

import assert from 'node:assert/strict';

/** lineStarts returns the string index at which each line of text starts. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') {
      continue; // the \n ends the line
    }
    if (c === '\n' || c === '\r') {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** offsetAt converts an LSP position to a string index; it must lie in text. */
export function offsetAt(text, pos) {
  const starts = lineStarts(text);
  assert.ok(pos.line >= 0 && pos.line < starts.length, `line ${pos.line} outside the ${starts.length} lines`);
  const start = starts[pos.line];
  const end = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  const lineText = text.slice(start, end).replace(/\r?\n$|\r$/, '');
  assert.ok(pos.character >= 0 && pos.character <= lineText.length, `character ${pos.character} outside line ${pos.line} (${lineText.length} UTF-16 units)`);
  const off = start + pos.character;
  // A position must not split a surrogate pair.
  const code = text.charCodeAt(off);
  assert.ok(!(code >= 0xdc00 && code <= 0xdfff), `position ${JSON.stringify(pos)} splits a surrogate pair`);
  return off;
}

/** positionAt converts a string index to an LSP position. */
export function positionAt(text, offset) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) {
    line++;
  }
  return { line, character: offset - starts[line] };
}

/**
 * rangeOf returns the LSP range of the first occurrence of needle in text
 * at or after the string index from; needle must occur.
 */
export function rangeOf(text, needle, from = 0) {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `${JSON.stringify(needle)} not in the text`);
  return { start: positionAt(text, i), end: positionAt(text, i + needle.length) };
}

/** wholeRange is the range of the entire text. */
export function wholeRange(text) {
  return { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
}

/**
 * applyEdits applies non-overlapping TextEdits whose ranges all refer to
 * text, and returns the new text together with the edits as
 * TextDocumentContentChangeEvents in the order a client sends them (from
 * the end of the document backwards, so each range is still valid in the
 * text the previous changes left).
 */
export function applyEdits(text, edits) {
  const spans = edits.map((e, i) => ({
    i,
    start: offsetAt(text, e.range.start),
    end: offsetAt(text, e.range.end),
    newText: e.newText,
    range: e.range,
  }));
  // Later edits first; edits at the same point keep their given order.
  spans.sort((a, b) => b.start - a.start || b.i - a.i);
  for (let k = 1; k < spans.length; k++) {
    assert.ok(spans[k].end <= spans[k - 1].start, 'overlapping edits');
  }
  let out = text;
  for (const s of spans) {
    assert.ok(s.start <= s.end, `edit range ends before it starts: ${JSON.stringify(s.range)}`);
    out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  }
  return { text: out, changes: spans.map((s) => ({ range: s.range, text: s.newText })) };
}

/**
 * applyWorkspaceEdit applies a WorkspaceEdit made of TextDocumentEdits to
 * the document uri at version (documentChanges only: the server sends no
 * resource operations and no plain `changes`). It checks that each edit is
 * for uri and for the version the client holds.
 */
export function applyWorkspaceEdit(text, uri, version, edit) {
  assert.ok(edit && Array.isArray(edit.documentChanges), `a WorkspaceEdit with documentChanges, got ${JSON.stringify(edit)}`);
  assert.equal(edit.changes, undefined, 'no plain changes beside documentChanges');
  let out = { text, changes: [] };
  for (const dc of edit.documentChanges) {
    assert.ok('textDocument' in dc && Array.isArray(dc.edits), `a TextDocumentEdit, got ${JSON.stringify(dc)}`);
    assert.equal(dc.textDocument.uri, uri);
    assert.equal(dc.textDocument.version, version, 'the edit is for the version the client holds');
    const r = applyEdits(out.text, dc.edits);
    out = { text: r.text, changes: out.changes.concat(r.changes) };
  }
  return out;
}
