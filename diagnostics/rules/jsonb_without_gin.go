package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// JsonbWithoutGin reports jsonb containment and key-existence tests on a
// column no GIN index serves.
var JsonbWithoutGin = &diagnostics.Rule{
	ID:       "jsonb-without-gin",
	Category: diagnostics.Query,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "jsonb containment or key test without a GIN index",
		Why: "`payload @> '{\"type\": \"signup\"}'` and the key tests `payload ? 'type'`, `?|` and `?&` " +
			"look inside every document. A B-tree index cannot help (it compares whole documents); only a " +
			"GIN index on the column can, so without one each such query reads and decompresses every " +
			"row's document. The default GIN operator class `jsonb_ops` serves all four operators; " +
			"`jsonb_path_ops` is smaller and faster but serves only `@>`.\n\n" +
			"The rule reports those operators applied to a column the workspace schema declares as " +
			"`jsonb`, when no GIN index on the column supports the operator. When another condition on " +
			"the table is served by an index, the test only filters the rows that index finds, and is " +
			"not reported; neither are statements that run once (migrations, `DO` blocks, data " +
			"migrations), as for `unindexed-filter`.",
		Bad: "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);\n" +
			"SELECT id FROM events WHERE payload @> '{\"type\": \"signup\"}';",
		Good: "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);\n" +
			"CREATE INDEX idx_events_payload ON events USING GIN (payload);\n" +
			"SELECT id FROM events WHERE payload @> '{\"type\": \"signup\"}';",
		Fix: "Inserts `CREATE INDEX IF NOT EXISTS idx_<table>_<column> ON <table> USING GIN (<column>);` " +
			"after the statement (`IF NOT EXISTS`, because several queries may ask for it), except in a " +
			"routine body or before the table exists. Move it into a " +
			"migration, built `CONCURRENTLY` on a live table. If the queries only use `@>`, " +
			"`USING GIN (<column> jsonb_path_ops)` is smaller.",
		Ignore: "Small tables, and one-off statements.",
	},
	Run: runJsonbWithoutGin,
}

func runJsonbWithoutGin(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isQueryStmt(st) {
		return
	}
	if strings.IndexByte(st.Text, '?') < 0 && !strings.Contains(st.Text, "@>") {
		return
	}
	forEachUnservedPredicate(pass, predContains, func(p predicate) bool {
		if c := p.item.table.Column(p.col); c == nil || c.Type != "jsonb" {
			return true
		}
		if runsOnce(pass) {
			return false
		}
		reportJsonbWithoutGin(pass, &p)
		return true
	})
}

func reportJsonbWithoutGin(pass *diagnostics.Pass, p *predicate) {
	st := pass.Stmt
	t := p.item.table
	table := itemLabel(p.item)
	op := p.op()
	msg := fmt.Sprintf("%s on jsonb column %s.%s has no GIN index to serve it, so it scans every row of %s", op, table, p.col, table)
	for _, ix := range t.Indexes {
		if ix.Method != "gin" {
			continue
		}
		for i, c := range ix.Columns {
			if c == p.col && i < len(ix.Keys) && keyHasWord(ix.Keys[i], "jsonb_path_ops") {
				msg = fmt.Sprintf("%s on jsonb column %s.%s cannot use GIN index %s, whose jsonb_path_ops serves only @>, so it scans every row of %s",
					op, table, p.col, ix.Name, table)
			}
		}
	}
	d := diagnostics.Diagnostic{Span: st.NameSpan(p.ref.Location), Message: msg}
	// Not inside a routine body, which runs on each call.
	if rel := p.item.rel; rel != nil && st.Parent == nil && indexableHere(pass, t) {
		name := indexName(pass.Schema, rel, []string{p.col})
		relSpan := st.NameSpan(rel.Location)
		create := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s USING GIN (%s);", syntax.QuoteIdent(name),
			pass.File.Text[relSpan.Start:relSpan.End], syntax.QuoteIdent(p.col))
		d.Fixes = []diagnostics.Fix{edit.Fix("Create GIN index "+name, edit.InsertAfterStmt(pass.File, st, create))}
	}
	pass.Report(d)
}
