package server

import (
	"slices"
	"testing"

	"go.lsp.dev/protocol"
)

// TestIgnoreCodeActions applies "Ignore <rule> for this statement" and
// "Ignore <rule> in this file" as an editor does (the edit, then a
// didChange with the new text) and checks the republished diagnostics:
// the statement's diagnostic goes, then the file's.
func TestIgnoreCodeActions(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	text := "-- prices 😀\nCREATE TABLE t (\n    price float\n);\n  SELECT 1, float;\n"
	c.open(testDoc, 1, text)
	p := c.awaitVersion(testDoc, 1)
	if got, want := summaryCodes(p.Diagnostics), []string{"test-float 2:10-2:15", "test-float 4:12-4:17"}; !slices.Equal(got, want) {
		t.Fatalf("version 1: %q, want %q", got, want)
	}

	actions := func(r protocol.Range) []protocol.CodeAction {
		t.Helper()
		var out []protocol.CodeAction
		c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: testDoc},
			Range:        r,
		}, &out)
		return out
	}
	find := func(as []protocol.CodeAction, title string) protocol.CodeAction {
		t.Helper()
		for _, a := range as {
			if a.Title == title {
				return a
			}
		}
		t.Fatalf("no action %q among %+v", title, as)
		return protocol.CodeAction{}
	}

	// Over the whole document: each fix whose result parses (SELECT 1,
	// DECIMAL(10, 2) does not), then each ignore action once.
	var titles []string
	for _, a := range actions(protocol.Range{End: protocol.Position{Line: 5}}) {
		titles = append(titles, a.Title)
	}
	if want := []string{"Use DECIMAL(10, 2)", "Ignore test-float for this statement",
		"Ignore test-float in this file", "Ignore test-float for this statement"}; !slices.Equal(titles, want) {
		t.Errorf("actions over the document: %q, want %q", titles, want)
	}

	// The second statement: its line is indented, so is the comment.
	second := p.Diagnostics[1]
	a := find(actions(second.Range), "Ignore test-float for this statement")
	if a.Kind != protocol.QuickFix || a.IsPreferred || len(a.Diagnostics) != 1 || a.Diagnostics[0].Range != second.Range {
		t.Errorf("action %+v: want a quickfix for the second diagnostic, not preferred", a)
	}
	dc := a.Edit.DocumentChanges[0]
	if *dc.TextDocument.Version != 1 || len(dc.Edits) != 1 ||
		dc.Edits[0] != (protocol.TextEdit{Range: protocol.Range{Start: protocol.Position{Line: 4}, End: protocol.Position{Line: 4}}, NewText: "  -- sqlsage-ignore test-float\n"}) {
		t.Fatalf("edit %+v: want an insertion at 4:0 for version 1", dc)
	}
	text2 := applyEdits(t, text, dc.Edits)
	if want := "-- prices 😀\nCREATE TABLE t (\n    price float\n);\n  -- sqlsage-ignore test-float\n  SELECT 1, float;\n"; text2 != want {
		t.Fatalf("after the action:\n%q\nwant\n%q", text2, want)
	}
	c.change(testDoc, 2, contentChange{Text: text2})
	if got, want := summaryCodes(c.awaitVersion(testDoc, 2).Diagnostics), []string{"test-float 2:10-2:15"}; !slices.Equal(got, want) {
		t.Fatalf("after ignoring the statement: %q, want %q", got, want)
	}

	// The whole file: the comment goes at the very top, since the
	// comment there documents the first statement.
	first := rng(t, text2, "float", 0)
	a = find(actions(first), "Ignore test-float in this file")
	if a.IsPreferred {
		t.Error("the ignore action is preferred")
	}
	dc = a.Edit.DocumentChanges[0]
	if *dc.TextDocument.Version != 2 || len(dc.Edits) != 1 ||
		dc.Edits[0] != (protocol.TextEdit{Range: protocol.Range{}, NewText: "-- sqlsage-ignore-file test-float\n"}) {
		t.Fatalf("edit %+v: want an insertion at 0:0 for version 2", dc)
	}
	c.change(testDoc, 3, contentChange{Text: applyEdits(t, text2, dc.Edits)})
	if p := c.awaitVersion(testDoc, 3); len(p.Diagnostics) != 0 {
		t.Fatalf("after ignoring the file: %q, want none", summaryCodes(p.Diagnostics))
	}
	c.shutdown()
}
