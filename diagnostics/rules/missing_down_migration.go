package rules

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// MissingDownMigration reports an up migration that has no down
// migration to undo it.
var MissingDownMigration = &diagnostics.Rule{
	ID:       "missing-down-migration",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Up migration without a down migration",
		Why: "A migration that cannot be undone turns a bad deployment into an outage: rolling back the " +
			"code leaves the schema ahead of it, and the way back is a hand-written script under pressure. " +
			"Writing the down migration with the up one, while the change is fresh, is the practice every " +
			"migration tool supports.\n\n" +
			"The rule reports, on the first statement of the up part, a golang-migrate migration without " +
			"its `.down.sql` file, a goose or dbmate migration without a down section (or with one that " +
			"holds no statement, or only a placeholder `SELECT`), a sqitch change without its revert script, " +
			"and a Flyway migration without its `U` undo script. A history none of whose migrations has a " +
			"down part is forward-only by choice (Flyway's undo scripts are optional, and projects such as " +
			"Boundary write up migrations only) and is not judged; neither are plain numbered files, which " +
			"have no down convention.",
		Bad: "-- file: 001_create_users.up.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"-- file: 001_create_users.down.sql\n" +
			"DROP TABLE users;\n" +
			"-- file: 002_add_phone.up.sql\n" +
			"ALTER TABLE users ADD COLUMN phone text;",
		Good: "-- file: 001_create_users.up.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"-- file: 001_create_users.down.sql\n" +
			"DROP TABLE users;\n" +
			"-- file: 002_add_phone.up.sql\n" +
			"ALTER TABLE users ADD COLUMN phone text;\n" +
			"-- file: 002_add_phone.down.sql\n" +
			"ALTER TABLE users DROP COLUMN phone;",
		Fix: "For goose and dbmate, writes the down section (or fills the empty one) with the inverse of each " +
			"up statement, last first: `CREATE TABLE t` → `DROP TABLE t`, `ADD COLUMN c` → `DROP COLUMN c`, " +
			"`CREATE INDEX i` → `DROP INDEX i`; any other statement gets a `-- TODO: undo …` comment, and the " +
			"fix is then not applied by `sqlsage fix` (it is offered, not preferred). There is no fix when no " +
			"statement can be inverted, nor for golang-migrate, Flyway and sqitch: the down migration is a " +
			"file of its own, and a fix edits only the file it is reported in.",
		Ignore: "Migrations that cannot be undone by design (a data migration, a destructive cleanup): say so " +
			"with an ignore comment and a reason.",
	},
	Run: runMissingDownMigration,
}

// downMarker matches goose's and dbmate's down markers.
var downMarker = regexp.MustCompile(`(?i)^--\s*(\+goose\s+down|migrate:down)\b`)

func runMissingDownMigration(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Parent != nil || st.Node == nil || st.Node.GetTransactionStmt() != nil {
		return
	}
	mig, part := pass.Schema.MigrationAt(pass.File.URI, st.Span.Start)
	if mig == nil || part == nil || part != mig.Up || mig.Repeatable {
		return
	}
	pf := pass.Parsed()
	up := partStmts(pf, mig.Up)
	if len(up) == 0 || up[0] != st {
		return
	}
	if !historyHasUndo(pass, mig) {
		return // a forward-only history: no migration of it has a down part
	}
	name := migrationName(mig)
	var msg string
	switch mig.Tool {
	case migration.GolangMigrate:
		if mig.Down != nil {
			return
		}
		base := path.Base(strings.ReplaceAll(mig.Up.URI, `\`, "/"))
		msg = fmt.Sprintf("migration %s has no down migration (%s is missing), so it cannot be rolled back",
			name, strings.TrimSuffix(base, ".up.sql")+".down.sql")
	case migration.Sqitch:
		if mig.Down != nil {
			return
		}
		msg = fmt.Sprintf("sqitch change %s has no revert script (revert/%s.sql), so it cannot be reverted", mig.Name, mig.Name)
	case migration.Flyway:
		if mig.Down != nil {
			return
		}
		msg = fmt.Sprintf("migration %s has no undo script (U%s__%s.sql), though other migrations of this history have one",
			name, mig.Version, mig.Name)
	case migration.Goose, migration.Dbmate:
		marker := "-- +goose Down"
		if mig.Tool == migration.Dbmate {
			marker = "-- migrate:down"
		}
		if mig.Down == nil {
			msg = fmt.Sprintf("migration %s has no down section (%s), so it cannot be rolled back", name, marker)
		} else if !placeholderOnly(partStmts(pf, mig.Down)) {
			return
		} else {
			msg = fmt.Sprintf("migration %s has an empty down section, so it cannot be rolled back", name)
		}
		d := diagnostics.Diagnostic{Span: st.Span, Message: msg}
		if fix, ok := downSectionFix(pass, mig, up, marker); ok {
			d.Fixes = []diagnostics.Fix{fix}
		}
		pass.Report(d)
		return
	default:
		return
	}
	pass.Reportf(st.Span, "%s", msg)
}

// partStmts returns the top-level statements of pf that part p holds,
// transaction control statements (BEGIN, COMMIT) left out.
func partStmts(pf *syntax.ParsedFile, p *migration.Part) []*syntax.Stmt {
	var out []*syntax.Stmt
	for _, s := range pf.Stmts {
		if (s.Node != nil || s.Err != nil) && s.Node.GetTransactionStmt() == nil && p.Contains(pf.File.URI, s.Span.Start) {
			out = append(out, s)
		}
	}
	return out
}

// migrationName names a migration in a message: its version and name,
// "20240101120000 (create_users)", or the name alone.
func migrationName(m *migration.Migration) string {
	if m.Version == "" || m.Tool == migration.Sqitch {
		return m.Name
	}
	if m.Name == "" {
		return m.Version
	}
	return m.Version + " (" + m.Name + ")"
}

// historyHasUndo reports whether a migration of mig's history has a
// down part: a history without any is forward-only by choice.
func historyHasUndo(pass *diagnostics.Pass, mig *migration.Migration) bool {
	for _, h := range pass.Schema.Migrations().Histories {
		if slices.Contains(h.Migrations, mig) {
			return slices.ContainsFunc(h.Migrations, func(m *migration.Migration) bool { return m.Down != nil })
		}
	}
	return false
}

// placeholderOnly reports whether stmts undo nothing: there are none, or
// each is a SELECT of constants (goose's template writes
// SELECT 'down SQL query';).
func placeholderOnly(stmts []*syntax.Stmt) bool {
	for _, s := range stmts {
		sel := s.Node.GetSelectStmt()
		if sel == nil || len(sel.FromClause) > 0 || len(sel.TargetList) == 0 {
			return false
		}
		for _, t := range sel.TargetList {
			if t.GetResTarget().GetVal().GetAConst() == nil {
				return false
			}
		}
	}
	return true
}

// downSectionFix returns the fix that writes the inverse of the up
// statements into the down section of a goose or dbmate migration:
// after the empty section's marker, or in a new section at the end of
// the file. It returns false when no statement can be inverted.
func downSectionFix(pass *diagnostics.Pass, mig *migration.Migration, up []*syntax.Stmt, marker string) (diagnostics.Fix, bool) {
	var lines []string
	derived, todo := 0, false
	for i := len(up) - 1; i >= 0; i-- {
		inv, ok := inverseStatement(pass.File.Text, up[i])
		if ok {
			derived++
		} else {
			todo = true
		}
		lines = append(lines, inv)
	}
	if derived == 0 {
		return diagnostics.Fix{}, false
	}
	text := pass.File.Text
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	body := strings.Join(lines, nl)
	var e source.Edit
	if mig.Down != nil {
		found := false
		for _, c := range pass.Comments() {
			if mig.Down.Contains(pass.File.URI, c.Start) && downMarker.MatchString(text[c.Start:c.End]) {
				e, found = edit.Insert(c.End, nl+body), true
				break
			}
		}
		if !found {
			return diagnostics.Fix{}, false
		}
	} else {
		lead := nl
		if !strings.HasSuffix(text, "\n") {
			lead = nl + nl
		}
		e = edit.Insert(len(text), lead+marker+nl+body+nl)
	}
	title := "Write the down section"
	if todo {
		return edit.UnsafeFix(title+" (with TODOs)", e), true
	}
	return edit.Fix(title, e), true
}

// inverseStatement returns the statement that undoes st, and true; or a
// TODO comment naming st's kind, and false, when it cannot be derived.
func inverseStatement(text string, st *syntax.Stmt) (string, bool) {
	if st.Node != nil {
		switch n := st.Node.Node.(type) {
		case *syntax.Node_CreateStmt:
			if rv := n.CreateStmt.Relation; rv != nil {
				return "DROP TABLE " + spanText(text, st.NameSpan(rv.Location)) + ";", true
			}
		case *syntax.Node_AlterTableStmt:
			at := n.AlterTableStmt
			if at.Objtype != syntax.ObjectType_OBJECT_TABLE || at.Relation == nil {
				break
			}
			var drops []string
			for _, c := range at.Cmds {
				cmd := c.GetAlterTableCmd()
				def := cmd.GetDef().GetColumnDef()
				if cmd.GetSubtype() != syntax.AlterTableType_AT_AddColumn || def == nil {
					drops = nil
					break
				}
				drops = append(drops, "DROP COLUMN "+syntax.QuoteIdent(def.Colname))
			}
			if len(drops) > 0 && len(drops) == len(at.Cmds) {
				slices.Reverse(drops)
				return "ALTER TABLE " + spanText(text, st.NameSpan(at.Relation.Location)) + " " + strings.Join(drops, ", ") + ";", true
			}
		case *syntax.Node_IndexStmt:
			is := n.IndexStmt
			if is.Idxname == "" {
				break
			}
			name := syntax.QuoteIdent(is.Idxname)
			if s := is.GetRelation().GetSchemaname(); s != "" {
				name = syntax.QuoteIdent(s) + "." + name
			}
			if is.Concurrent {
				return "DROP INDEX CONCURRENTLY " + name + ";", true
			}
			return "DROP INDEX " + name + ";", true
		}
	}
	return "-- TODO: undo " + statementKind(text, st), false
}

// spanText returns the text of span in text.
func spanText(text string, span source.Span) string { return text[span.Start:span.End] }

// kindWords are the words that may follow CREATE, ALTER or DROP before
// the kind of object: CREATE OR REPLACE FUNCTION, CREATE UNIQUE INDEX.
var kindWords = map[string]bool{"or": true, "replace": true, "unique": true, "temp": true, "temporary": true,
	"materialized": true, "unlogged": true, "recursive": true, "global": true, "local": true, "foreign": true}

// statementKind names the kind of st from its leading words: "UPDATE",
// "ALTER TABLE", "CREATE OR REPLACE FUNCTION".
func statementKind(text string, st *syntax.Stmt) string {
	var words []string
	for _, l := range st.Lexemes() {
		if l.Kind == syntax.LexComment {
			continue
		}
		if l.Kind != syntax.LexWord {
			break
		}
		w := strings.ToLower(l.Text(st.Text))
		words = append(words, strings.ToUpper(w))
		if len(words) == 1 && w != "create" && w != "alter" && w != "drop" {
			break
		}
		if len(words) > 1 && !kindWords[w] {
			break
		}
	}
	if len(words) == 0 {
		return "statement"
	}
	return strings.Join(words, " ")
}
