package schema

import (
	"path"
	"regexp"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// IsDownFile reports whether uri names a down migration, which undoes
// another file and is not part of the schema: golang-migrate's and popx's
// "<version>_<name>.down.sql" (popx also writes ".postgres.down.sql"),
// Flyway's undo scripts "U<version>__<name>.sql", and the scripts of a
// sqitch revert/ folder.
func IsDownFile(uri string) bool {
	slash := strings.ReplaceAll(uri, `\`, "/")
	base := path.Base(slash)
	return strings.HasSuffix(strings.ToLower(base), ".down.sql") || flywayUndo.MatchString(base) ||
		strings.HasPrefix(slash, "revert/") || strings.Contains(slash, "/revert/")
}

// flywayUndo matches Flyway's undo script names.
var flywayUndo = regexp.MustCompile(`^U[0-9]+([._][0-9]+)*__.*\.sql$`)

// versionPrefix matches the version that starts a migration file's name
// and the separator after it: "20210410175418000002_", "0007-".
var versionPrefix = regexp.MustCompile(`^[0-9]+[_-]`)

// ChangeName returns the name of the change a migration file belongs to:
// its base name without the leading version ("network.postgres.up.sql"
// for "20210410175418000002_network.postgres.up.sql"), or "" when the
// name does not start with a version. Tools such as popx split one change
// into a file per statement, numbered in sequence under one name.
func ChangeName(uri string) string {
	base := path.Base(uri)
	v := versionPrefix.FindString(base)
	if v == "" || len(v) == len(base) {
		return ""
	}
	return base[len(v):]
}

// sectionMarker matches the comments that open the up and down sections
// of a migration file: goose's "-- +goose Up" / "-- +goose Down" and
// dbmate's "-- migrate:up" / "-- migrate:down". Group 1 or 2 is the
// direction.
var sectionMarker = regexp.MustCompile(`(?i)^--\s*(?:\+goose\s+(up|down)\b|migrate:(up|down)\b)`)

// DownSections returns the spans of pf's text that belong to down
// sections: from a goose or dbmate down marker to the next up marker or
// the end of the file. A file without markers has none.
func DownSections(pf *syntax.ParsedFile) []source.Span {
	return DownSectionsOf(pf.File.Text, pf.Comments)
}

// DownSectionsOf is DownSections for a file's text and its comments.
func DownSectionsOf(text string, comments []source.Span) []source.Span {
	var spans []source.Span
	open := -1
	for _, c := range comments {
		m := sectionMarker.FindStringSubmatch(text[c.Start:c.End])
		if m == nil {
			continue
		}
		dir := strings.ToLower(m[1] + m[2])
		switch {
		case dir == "down" && open < 0:
			open = c.Start
		case dir == "up" && open >= 0:
			spans = append(spans, source.Span{Start: open, End: c.Start})
			open = -1
		}
	}
	if open >= 0 {
		spans = append(spans, source.Span{Start: open, End: len(text)})
	}
	return spans
}

// readMigrations finds the migration histories among files and numbers
// each file by its migration (steps, in the order of files), for
// CreatedBefore, upStatements and InTransaction.
func (m *Model) readMigrations(files []*syntax.ParsedFile) {
	in := make([]migration.File, len(files))
	for i, pf := range files {
		in[i] = migration.File{URI: pf.File.URI, Text: pf.File.Text}
	}
	m.migrations = migration.Read(in, migration.Options{Folders: m.folders, ReadFile: migration.ReadDisk})
	m.steps = make(map[string]int, len(files))
	stepOf := make(map[*migration.Migration]int)
	next := 0
	for _, pf := range files {
		uri := pf.File.URI
		ms := m.migrations.Migrations(uri)
		if len(ms) == 0 {
			m.steps[uri] = next
			next++
			continue
		}
		step, ok := stepOf[ms[0]]
		if !ok {
			step = next
			next++
			stepOf[ms[0]] = step
		}
		m.steps[uri] = step
	}
}

// upStatements returns the statements of pf that build the schema: those
// in the up parts of its migrations (none for a down file, a down section
// or a sqitch verify script), or, for a file of no migration history,
// those outside down sections unless it is a down file.
func (m *Model) upStatements(pf *syntax.ParsedFile) []*syntax.Stmt {
	uri := pf.File.URI
	ms := m.migrations.Migrations(uri)
	if len(ms) == 0 {
		return looseUpStatements(pf)
	}
	var up []*syntax.Stmt
	for _, st := range pf.Stmts {
		for _, mig := range ms {
			if mig.Up.Contains(uri, st.Span.Start) {
				up = append(up, st)
				break
			}
		}
	}
	return up
}

// looseUpStatements returns the statements of a file that belongs to no
// migration history: none for a down file, and those outside down
// sections otherwise.
func looseUpStatements(pf *syntax.ParsedFile) []*syntax.Stmt {
	if IsDownFile(pf.File.URI) {
		return nil
	}
	down := DownSections(pf)
	if len(down) == 0 {
		return pf.Stmts
	}
	var up []*syntax.Stmt
	for _, st := range pf.Stmts {
		in := false
		for _, d := range down {
			if d.Contains(st.Span.Start) {
				in = true
				break
			}
		}
		if !in {
			up = append(up, st)
		}
	}
	return up
}

// InMigrations reports whether the file at uri is a file of a migration
// history: by its name or folder (IsMigrationFile), or because a folder
// the migrations setting names holds it.
func (m *Model) InMigrations(uri string) bool {
	if IsMigrationFile(uri) {
		return true
	}
	if m == nil || len(m.folders) == 0 {
		return false
	}
	m.readFiles()
	return len(m.migrations.Migrations(uri)) > 0
}

// Migrations returns the workspace's migration histories, in the order
// Build read them.
func (m *Model) Migrations() *migration.Set {
	if m == nil {
		return nil
	}
	m.readFiles()
	return m.migrations
}

// MigrationAt returns the migration that byte offset off of the file at
// uri belongs to, and the part (up, down or verify) that holds it; nils
// for a file of no migration history. See migration.Set.At.
func (m *Model) MigrationAt(uri string, off int) (*migration.Migration, *migration.Part) {
	if m == nil {
		return nil, nil
	}
	m.readFiles()
	return m.migrations.At(uri, off)
}

// InTransaction reports whether the migration tool runs statement st of
// pf inside a transaction block, and why: the tool's default or the
// annotation that overrides it ("-- +goose NO TRANSACTION"). For the
// modes that depend on the statements it decides with pf's parse:
// golang-migrate's single query is one implicit transaction only when
// the file holds more than one statement, and Flyway runs a script
// without a transaction when one of its statements cannot run in one.
// A statement of no migration part gets false and "". The file's own
// BEGIN … COMMIT is not considered here.
func (m *Model) InTransaction(pf *syntax.ParsedFile, st *syntax.Stmt) (bool, string) {
	st = st.Top()
	_, part := m.MigrationAt(pf.File.URI, st.Span.Start)
	if part == nil {
		return false, ""
	}
	var stmts []*syntax.Stmt
	for _, s := range pf.Stmts {
		if (s.Node != nil || s.Err != nil) && part.Contains(pf.File.URI, s.Span.Start) {
			stmts = append(stmts, s)
		}
	}
	switch part.Tx.Mode {
	case migration.TxWrapped:
		return true, part.Tx.Reason
	case migration.TxImplicit:
		if len(stmts) > 1 {
			return true, part.Tx.Reason
		}
		return false, "golang-migrate sends the file as one query, and a query of one statement runs outside a transaction block"
	case migration.TxUnlessNonTransactional:
		for _, s := range stmts {
			if what := nonTransactional(s); what != "" {
				return false, "Flyway runs the script without a transaction because it holds " + what
			}
		}
		return true, part.Tx.Reason
	}
	return false, part.Tx.Reason
}

// nonTransactional names the kind of st when PostgreSQL refuses to run it
// inside a transaction block, as Flyway's PostgreSQL parser detects them
// (PostgreSQLParser.detectCanExecuteInTransaction); "" otherwise.
func nonTransactional(st *syntax.Stmt) string {
	if st.Node == nil {
		return ""
	}
	switch n := st.Node.Node.(type) {
	case *syntax.Node_IndexStmt:
		if n.IndexStmt.Concurrent {
			return "CREATE INDEX CONCURRENTLY"
		}
	case *syntax.Node_DropStmt:
		if n.DropStmt.Concurrent {
			return "DROP INDEX CONCURRENTLY"
		}
	case *syntax.Node_ReindexStmt:
		return "REINDEX"
	case *syntax.Node_VacuumStmt:
		return "VACUUM"
	case *syntax.Node_AlterSystemStmt:
		return "ALTER SYSTEM"
	case *syntax.Node_CreatedbStmt:
		return "CREATE DATABASE"
	case *syntax.Node_CreateTableSpaceStmt:
		return "CREATE TABLESPACE"
	case *syntax.Node_CreateSubscriptionStmt:
		return "CREATE SUBSCRIPTION"
	case *syntax.Node_DiscardStmt:
		if n.DiscardStmt.Target == syntax.DiscardMode_DISCARD_ALL {
			return "DISCARD ALL"
		}
	}
	return ""
}

// migrationName matches the file names migration tools give: a version
// or timestamp prefix (golang-migrate, goose, dbmate, popx), Flyway's
// V1__ / U1__ / R__, and .up/.down suffixes.
// Rules ask it for every statement, so it is written out rather than a
// regular expression: (?i)^(\d+[_.-]|[VU]\d+(\.\d+)*__|R__)|\.(up|down)\.sql$
func migrationName(base string) bool {
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, ".up.sql") || strings.HasSuffix(lower, ".down.sql") || strings.HasPrefix(lower, "r__") {
		return true
	}
	digits := func(s string) int {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		return n
	}
	if n := digits(lower); n > 0 {
		return n < len(lower) && strings.IndexByte("_.-", lower[n]) >= 0
	}
	if lower == "" || (lower[0] != 'v' && lower[0] != 'u') {
		return false
	}
	rest := lower[1:]
	for {
		n := digits(rest)
		if n == 0 {
			return false
		}
		rest = rest[n:]
		if strings.HasPrefix(rest, "__") {
			return true
		}
		if !strings.HasPrefix(rest, ".") {
			return false
		}
		rest = rest[1:]
	}
}

// migrationDirs are folder names that hold migrations (sqitch's deploy
// and revert included).
var migrationDirs = map[string]bool{"migrations": true, "migration": true, "migrate": true, "deploy": true, "revert": true, "versioned": true}

// IsMigrationFile reports whether uri looks like a file of a migration
// history: its name follows a migration tool's convention, or it lies in
// a folder named migrations, migrate, deploy, revert or versioned.
func IsMigrationFile(uri string) bool {
	parts := strings.Split(strings.ReplaceAll(uri, "\\", "/"), "/")
	if migrationName(parts[len(parts)-1]) {
		return true
	}
	for _, dir := range parts[:len(parts)-1] {
		if migrationDirs[strings.ToLower(dir)] {
			return true
		}
	}
	return false
}
