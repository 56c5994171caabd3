package migration

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Tool is a migration tool whose folder layout and file conventions
// the package recognises.
type Tool string

// The tools recognised, by the names configuration uses for them.
const (
	Plain         Tool = "plain"          // numbered SQL files with no tool convention, run in natural name order
	GolangMigrate Tool = "golang-migrate" // NNN_name.up.sql / NNN_name.down.sql
	Goose         Tool = "goose"          // -- +goose Up / -- +goose Down sections
	Dbmate        Tool = "dbmate"         // -- migrate:up / -- migrate:down sections
	Flyway        Tool = "flyway"         // V1__name.sql, U1__name.sql, R__name.sql
	Sqitch        Tool = "sqitch"         // sqitch.plan with deploy/, revert/ and verify/
)

// Tools lists every Tool, for configuration messages.
var Tools = []Tool{GolangMigrate, Goose, Dbmate, Flyway, Sqitch, Plain}

// A TxMode says how a tool runs a part with respect to transactions.
type TxMode int

// Transaction modes.
const (
	// TxNone: the tool sends the statements without opening a
	// transaction; each runs in its own unless the file's own BEGIN …
	// COMMIT groups them.
	TxNone TxMode = iota
	// TxWrapped: the tool runs the part between BEGIN and COMMIT.
	TxWrapped
	// TxImplicit: the tool sends the part as one multi-statement query,
	// which PostgreSQL runs as one implicit transaction when it holds
	// more than one statement (a lone statement runs on its own).
	TxImplicit
	// TxUnlessNonTransactional: the tool wraps the part in a
	// transaction unless one of its statements cannot run inside one
	// (CREATE INDEX CONCURRENTLY, VACUUM, …), in which case it runs the
	// part without one.
	TxUnlessNonTransactional
)

var txModeNames = [...]string{"none", "wrapped", "implicit", "unless-non-transactional"}

func (m TxMode) String() string {
	if int(m) < len(txModeNames) {
		return txModeNames[m]
	}
	return fmt.Sprintf("TxMode(%d)", int(m))
}

// A Transaction is how a part runs and why: the tool's default or the
// annotation that overrides it.
type Transaction struct {
	Mode   TxMode
	Reason string // "goose runs each migration in a transaction", "-- +goose NO TRANSACTION", …
}

// A Part is what a tool runs for one direction of a migration: the
// sections Spans of the file URI (the whole file, for a tool without
// section markers), run in Tx.
type Part struct {
	URI   string
	Spans []source.Span
	Tx    Transaction
}

// Contains reports whether byte offset off of the file at uri lies in p.
func (p *Part) Contains(uri string, off int) bool {
	if p == nil || p.URI != uri {
		return false
	}
	return slices.ContainsFunc(p.Spans, func(s source.Span) bool { return s.Contains(off) })
}

// A Migration is one step of a history.
type Migration struct {
	Tool Tool
	// Version is the version as the file name writes it ("001",
	// "1.2", "20240101120000"); for sqitch, the change's position in
	// sqitch.plan; "" for Flyway repeatable migrations and unnumbered
	// plain files.
	Version string
	// Name is the migration's name: the file name's description
	// ("create_users"), or sqitch's change name.
	Name string
	// Repeatable marks Flyway's R__ migrations, which run after every
	// versioned one, ordered by name, whenever they change.
	Repeatable bool
	// Up is the part that moves the schema forward; nil when only a down
	// part exists (a .down.sql without its .up.sql).
	Up *Part
	// Down undoes Up: golang-migrate's .down.sql, goose's and dbmate's
	// down section, Flyway's U file, sqitch's revert script; nil when
	// the migration has none.
	Down *Part
	// Verify is sqitch's verify script, or nil.
	Verify *Part
}

// Parts returns the migration's non-nil parts: up, down, verify.
func (m *Migration) Parts() []*Part {
	var ps []*Part
	for _, p := range []*Part{m.Up, m.Down, m.Verify} {
		if p != nil {
			ps = append(ps, p)
		}
	}
	return ps
}

// URIs returns the files of the migration's parts, in the order up,
// down, verify, each once.
func (m *Migration) URIs() []string {
	var uris []string
	for _, p := range m.Parts() {
		if !slices.Contains(uris, p.URI) {
			uris = append(uris, p.URI)
		}
	}
	return uris
}

// A History is one folder's migrations, in the order its tool applies
// them.
type History struct {
	Dir        string // the folder, as the URIs spell it ("db/migrations"; sqitch: the folder holding deploy/)
	Tool       Tool
	Migrations []*Migration
}

// A Folder is a migration folder named by configuration: every SQL file
// under Dir (recursively) belongs to its history. Tool, when set, names
// the tool instead of recognising it from the files.
type Folder struct {
	Dir  string
	Tool Tool
}

// ParseFolder reads a configuration entry: "db/migrations", or the
// folder prefixed with a tool name and a colon, "goose:db/migrations".
// A one-letter prefix is a Windows drive ("C:\db"), not a tool.
func ParseFolder(s string) (Folder, error) {
	if i := strings.IndexByte(s, ':'); i > 1 && !strings.ContainsAny(s[:i], `/\`) {
		t := Tool(strings.ToLower(s[:i]))
		if !slices.Contains(Tools, t) {
			names := make([]string, len(Tools))
			for j, t := range Tools {
				names[j] = string(t)
			}
			return Folder{}, fmt.Errorf("migrations entry %q: unknown tool %q (want one of %s, or a folder alone)", s, s[:i], strings.Join(names, ", "))
		}
		s = s[i+1:]
		if s == "" {
			return Folder{}, fmt.Errorf("migrations entry %q names no folder", string(t)+":")
		}
		return Folder{Dir: s, Tool: t}, nil
	}
	if s == "" {
		return Folder{}, fmt.Errorf("migrations entry is empty: want a folder")
	}
	return Folder{Dir: s}, nil
}
