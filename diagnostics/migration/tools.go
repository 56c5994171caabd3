package migration

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

var (
	// golangMigrateName is golang-migrate's file name pattern
	// (source/parse.go: "^([0-9]+)_(.*)\.(down|up)\.(.*)$"); the
	// version is an unsigned integer, compared as a number.
	golangMigrateName = regexp.MustCompile(`(?i)^([0-9]+)_(.*)\.(down|up)\.sql$`)
	// gooseName: goose takes the version from the name up to its first
	// "_" and parses it as an integer (NumericComponent).
	gooseName = regexp.MustCompile(`(?i)^([0-9]+)_(.*)\.sql$`)
	// dbmateName: dbmate's migrationFileRegexp, "^(\d+).*\.sql$".
	dbmateName = regexp.MustCompile(`(?i)^([0-9]+)_?(.*)\.sql$`)
	// flywayName: Flyway's default prefixes V (versioned) and U (undo),
	// a version of numbers separated by "." or "_", the "__" separator,
	// a description and the .sql suffix; flywayRepeatable: R__.
	flywayName       = regexp.MustCompile(`^([VU])([0-9]+(?:[._][0-9]+)*)__(.*)\.sql$`)
	flywayRepeatable = regexp.MustCompile(`^R__(.*)\.sql$`)
	// plainName splits a plain file's name into its leading version, if
	// any, and the rest.
	plainName = regexp.MustCompile(`(?i)^([0-9]*)[_.-]?(.*)\.sql$`)
)

func whole(e *entry) []source.Span { return []source.Span{{Start: 0, End: len(e.text)}} }

// golangMigrate reads a golang-migrate folder: "<version>_<name>.up.sql"
// and its ".down.sql", ordered by version as a number. The postgres
// driver sends a whole file as one ExecContext call (database/postgres
// postgres.go, runStatement), which PostgreSQL runs as one implicit
// transaction when it holds several statements; golang-migrate opens no
// transaction of its own.
func golangMigrate(entries []*entry) []*Migration {
	tx := Transaction{Mode: TxImplicit, Reason: "golang-migrate sends the file as one query, which PostgreSQL runs as one implicit transaction"}
	byVersion := make(map[string]*Migration)
	var ms []*Migration
	for _, e := range entries {
		sub := golangMigrateName.FindStringSubmatch(e.base)
		if sub == nil {
			continue
		}
		key := strings.TrimLeft(sub[1], "0")
		m := byVersion[key]
		if m == nil {
			m = &Migration{Tool: GolangMigrate, Version: sub[1], Name: sub[2]}
			byVersion[key] = m
			ms = append(ms, m)
		}
		if strings.EqualFold(sub[3], "up") {
			m.Up = wholeFile(e, tx)
		} else {
			m.Down = wholeFile(e, tx)
		}
	}
	slices.SortStableFunc(ms, func(a, b *Migration) int { return compareNumbers(a.Version, b.Version) })
	return ms
}

// goose reads a goose folder: "<version>_<name>.sql" files with
// "-- +goose Up" and "-- +goose Down" sections, ordered by version as a
// number (sequential or timestamps). goose runs each migration in a
// transaction unless the file says "-- +goose NO TRANSACTION", which
// applies to both directions (pressly/goose migration_sql.go
// runSQLMigration's useTx; goose annotations reference).
func goose(entries []*entry) []*Migration {
	var ms []*Migration
	for _, e := range entries {
		sub := gooseName.FindStringSubmatch(e.base)
		if sub == nil {
			continue
		}
		tx := Transaction{Mode: TxWrapped, Reason: "goose runs each migration in a transaction"}
		if hasMarker(e.text, gooseNoTx) {
			tx = Transaction{Mode: TxNone, Reason: "-- +goose NO TRANSACTION"}
		}
		up, down := sections(e.text, markers(e.text, gooseMarker))
		m := &Migration{Tool: Goose, Version: sub[1], Name: sub[2], Up: &Part{URI: e.uri, Spans: up, Tx: tx}}
		if len(down) > 0 {
			m.Down = &Part{URI: e.uri, Spans: down, Tx: tx}
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b *Migration) int { return compareNumbers(a.Version, b.Version) })
	return ms
}

// dbmate reads a dbmate folder: "<version>_<name>.sql" files with
// "-- migrate:up" and "-- migrate:down" sections, in file-name order (it
// lists the folder with os.ReadDir, which sorts by name). Each section
// runs in a transaction unless its marker line says transaction:false
// (amacneil/dbmate pkg/dbmate/migration.go, migrationOptions.Transaction
// defaults to true).
func dbmate(entries []*entry) []*Migration {
	var ms []*Migration
	for _, e := range entries {
		sub := dbmateName.FindStringSubmatch(e.base)
		if sub == nil {
			continue
		}
		mk := markers(e.text, dbmateMarker)
		up, down := sections(e.text, mk)
		m := &Migration{Tool: Dbmate, Version: sub[1], Name: sub[2]}
		m.Up = &Part{URI: e.uri, Spans: up, Tx: dbmateTx(mk, true)}
		if len(down) > 0 {
			m.Down = &Part{URI: e.uri, Spans: down, Tx: dbmateTx(mk, false)}
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b *Migration) int { return strings.Compare(baseName(a.Up.URI), baseName(b.Up.URI)) })
	return ms
}

// baseName returns a URI's file name.
func baseName(uri string) string { return uri[strings.LastIndexAny(uri, `/\`)+1:] }

// dbmateTx reads the transaction option of the first up (or down)
// marker in ms.
func dbmateTx(ms []marker, up bool) Transaction {
	for _, m := range ms {
		if m.up == up {
			if dbmateNoTx.MatchString(m.line) {
				return Transaction{Mode: TxNone, Reason: strings.TrimSpace(m.line)}
			}
			break
		}
	}
	return Transaction{Mode: TxWrapped, Reason: "dbmate runs each migration in a transaction"}
}

// flyway reads a Flyway location: versioned "V<version>__<name>.sql",
// their undo scripts "U<version>__<name>.sql", and repeatable
// "R__<name>.sql". Versioned migrations run in version order (compared
// segment by segment), then repeatable ones in name order. On
// PostgreSQL Flyway runs each script in a transaction unless its parser
// finds a statement that cannot run in one (PostgreSQLParser
// detectCanExecuteInTransaction: CREATE/DROP INDEX CONCURRENTLY,
// REINDEX, VACUUM, ALTER SYSTEM, CREATE DATABASE, …), or a script
// configuration file "<script>.conf" says executeInTransaction=false
// (Flyway 6.1 and later).
func flyway(entries []*entry, opts Options) []*Migration {
	tx := func(e *entry) Transaction {
		if v, ok := scriptConfig(e.uri+".conf", "executeInTransaction", opts); ok {
			mode := TxWrapped
			if strings.EqualFold(v, "false") {
				mode = TxNone
			}
			return Transaction{Mode: mode, Reason: "executeInTransaction=" + v + " in " + baseName(e.uri) + ".conf"}
		}
		return Transaction{Mode: TxUnlessNonTransactional, Reason: "Flyway runs each migration in a transaction unless a statement cannot run in one"}
	}
	byVersion := make(map[string]*Migration)
	var versioned, repeatable []*Migration
	for _, e := range entries {
		if sub := flywayRepeatable.FindStringSubmatch(e.base); sub != nil {
			repeatable = append(repeatable, &Migration{Tool: Flyway, Name: sub[1], Repeatable: true, Up: wholeFile(e, tx(e))})
			continue
		}
		sub := flywayName.FindStringSubmatch(e.base)
		if sub == nil {
			continue
		}
		key := strings.Join(trimZeros(splitVersion(sub[2])), ".")
		m := byVersion[key]
		if m == nil {
			m = &Migration{Tool: Flyway, Version: sub[2], Name: sub[3]}
			byVersion[key] = m
			versioned = append(versioned, m)
		}
		if sub[1] == "V" {
			m.Version, m.Name = sub[2], sub[3]
			m.Up = wholeFile(e, tx(e))
		} else {
			m.Down = wholeFile(e, tx(e))
		}
	}
	slices.SortStableFunc(versioned, func(a, b *Migration) int { return compareDotted(a.Version, b.Version) })
	slices.SortStableFunc(repeatable, func(a, b *Migration) int { return strings.Compare(a.Name, b.Name) })
	return append(versioned, repeatable...)
}

// trimZeros drops the leading zeros of each segment and the trailing
// zero segments, so that equal versions have one spelling.
func trimZeros(segs []string) []string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = strings.TrimLeft(s, "0")
	}
	for len(out) > 1 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// scriptConfig reads key from a Flyway script configuration file
// (properties: "key=value" lines, "#" comments).
func scriptConfig(uri, key string, opts Options) (string, bool) {
	if opts.ReadFile == nil {
		return "", false
	}
	data, err := opts.ReadFile(uri)
	if err != nil {
		return "", false
	}
	val, found := "", false
	lines(string(data), func(_ int, line string) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && !strings.HasPrefix(k, "#") && strings.TrimSpace(k) == key {
			val, found = strings.TrimSpace(v), true
		}
	})
	return val, found
}

// plain reads numbered SQL files that follow no tool's convention: each
// file is one migration, in natural name order (2_x before 10_y). With
// all, every file of the folder is one (a folder named or configured for
// migrations); otherwise only the numbered files are. No tool wraps them
// in a transaction: only their own BEGIN … COMMIT does.
func plain(entries []*entry, all bool) []*Migration {
	tx := Transaction{Mode: TxNone, Reason: "plain SQL files run without a transaction unless they open one"}
	var ms []*Migration
	for _, e := range entries {
		if !all && !numbered.MatchString(e.base) {
			continue
		}
		m := &Migration{Tool: Plain, Name: strings.TrimSuffix(e.base, ".sql"), Up: wholeFile(e, tx)}
		if sub := plainName.FindStringSubmatch(e.base); sub != nil && sub[1] != "" {
			m.Version, m.Name = sub[1], sub[2]
		}
		ms = append(ms, m)
	}
	slices.SortStableFunc(ms, func(a, b *Migration) int { return compareNatural(a.Up.URI, b.Up.URI) })
	return ms
}
