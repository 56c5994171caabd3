package schema

import (
	"path"
	"regexp"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// IsDownFile reports whether uri names a down migration, which undoes
// another file and is not part of the schema: golang-migrate's and popx's
// "<version>_<name>.down.sql" (popx also writes ".postgres.down.sql").
func IsDownFile(uri string) bool {
	return strings.HasSuffix(strings.ToLower(path.Base(uri)), ".down.sql")
}

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
	var spans []source.Span
	open := -1
	for _, c := range pf.Comments {
		m := sectionMarker.FindStringSubmatch(pf.File.Text[c.Start:c.End])
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
		spans = append(spans, source.Span{Start: open, End: len(pf.File.Text)})
	}
	return spans
}

// upStatements returns the statements of pf that build the schema: none
// for a down file, and those outside down sections otherwise.
func upStatements(pf *syntax.ParsedFile) []*syntax.Stmt {
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

// migrationName matches the file names migration tools give: a version
// or timestamp prefix (golang-migrate, goose, dbmate, popx), Flyway's
// V1__ / U1__ / R__, and .up/.down suffixes.
var migrationName = regexp.MustCompile(`(?i)^(\d+[_.-]|[VU]\d+(\.\d+)*__|R__)|\.(up|down)\.sql$`)

// migrationDirs are folder names that hold migrations (sqitch's deploy
// and revert included).
var migrationDirs = map[string]bool{"migrations": true, "migration": true, "migrate": true, "deploy": true, "revert": true, "versioned": true}

// IsMigrationFile reports whether uri looks like a file of a migration
// history: its name follows a migration tool's convention, or it lies in
// a folder named migrations, migrate, deploy, revert or versioned.
func IsMigrationFile(uri string) bool {
	parts := strings.Split(strings.ReplaceAll(uri, "\\", "/"), "/")
	if migrationName.MatchString(parts[len(parts)-1]) {
		return true
	}
	for _, dir := range parts[:len(parts)-1] {
		if migrationDirs[strings.ToLower(dir)] {
			return true
		}
	}
	return false
}
