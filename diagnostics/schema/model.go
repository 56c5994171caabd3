package schema

import (
	"slices"
	"strings"
	"sync"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Location is where an object was defined: a file and a byte span in it.
type Location struct {
	URI  string
	Span source.Span
}

// A Name is a possibly schema-qualified object name, already folded as
// PostgreSQL folds it (unquoted identifiers lower-cased).
type Name struct {
	Schema, Object string
}

// Key returns the name used to look the object up: the schema "public"
// is the default search path and is dropped.
func (n Name) Key() string {
	if n.Schema == "" || n.Schema == "public" {
		return n.Object
	}
	return n.Schema + "." + n.Object
}

func (n Name) String() string { return n.Key() }

// A Table is a table with its columns and constraints as the files declare them.
type Table struct {
	Name        Name
	Def         Location // the CREATE TABLE statement
	Partitioned bool     // declared with PARTITION BY: a partitioned parent, which holds no rows itself
	Partition   bool     // a partition of another table: PARTITION OF, or attached with ATTACH PARTITION
	Columns     []*Column
	PrimaryKey  *Key // nil when the table has none
	Uniques     []*Key
	ForeignKeys []*ForeignKey
	Indexes     []*Index
	// Exclusions are the indexes behind EXCLUDE constraints (Method
	// gist, usually), kept apart from Indexes: they are constraints, not
	// indexes a user created or may drop, but they serve lookups too.
	Exclusions []*Index
	Triggers   []*Trigger
}

// A Column is one column of a table.
type Column struct {
	Name       string
	Type       string // the type as written, normalised: "numeric(10,2)", "timestamptz"
	NotNull    bool
	HasDefault bool
	Def        Location // the column definition
}

// A Key is a primary key or unique constraint.
type Key struct {
	Name    string // constraint name, as written or as PostgreSQL names an unnamed one
	Columns []string
	Def     Location
}

// A ForeignKey is a FOREIGN KEY constraint of a table.
type ForeignKey struct {
	Name       string // as written, or as PostgreSQL names an unnamed one: orders_user_id_fkey
	Columns    []string
	RefTable   Name
	RefColumns []string // empty means the referenced table's primary key
	OnDelete   Action
	Def        Location // the constraint (or the column's REFERENCES clause)
}

// An Action is a foreign key's referential action.
type Action byte

// Referential actions, with pg_query's codes.
const (
	NoAction   Action = 'a'
	Restrict   Action = 'r'
	Cascade    Action = 'c'
	SetNull    Action = 'n'
	SetDefault Action = 'd'
)

// An Index is a CREATE INDEX on a table.
type Index struct {
	Name    string // as written, or as PostgreSQL names an unnamed one: orders_user_id_idx
	Table   Name
	Columns []string // the key columns; an expression key is ""
	// Keys are the key columns as comparable text: a plain column is its
	// name; a key with an expression, operator class, collation or
	// ordering is its source text normalised (comments and layout
	// dropped, unquoted words lower-cased): "lower ( email )", "a desc".
	Keys      []string
	Include   []string // INCLUDE columns
	Unique    bool
	Partial   bool   // has a WHERE predicate
	Predicate string // the WHERE predicate, normalised like Keys; "" when not partial
	Method    string // btree, gin, ...
	Attached  bool   // a partition's index attached to its parent's (ALTER INDEX … ATTACH PARTITION)
	Def       Location
}

// A Model is the schema declared by a workspace's files, in file order.
type Model struct {
	tables map[string]*Table
	order  []*Table       // in creation order
	files  map[string]int // URI → position in the migration order
	// migrations are the workspace's migration histories; steps numbers
	// each file by its migration, so the files of one migration (an up
	// file and its down file) share a step: CreatedBefore compares them.
	migrations *migration.Set
	folders    []migration.Folder // the migrations setting, as BuildWith got it
	steps      map[string]int

	// byColumn memoises TablesWithColumn: rules ask it for every
	// statement of a file, and a keystroke builds a new model.
	byColumn *columnMemo

	// Where the objects of the final schema were declared, filled in at
	// the end of Build: the CREATE TABLE statement of each table and the
	// constraint of each foreign key, keyed by file and start offset.
	tableDefs map[defKey]*Table
	fkDefs    map[defKey]foreignKeyRef

	// idxDefs locates the final schema's indexes by their CREATE INDEX
	// statement, built on the first IndexDeclaredAt: a keystroke rebuilds
	// the model, and only files with CREATE INDEX statements need it.
	idx *indexDefs

	functions     map[string]*Function // by Name.Key(); overloads share an entry
	functionOrder []*Function          // in creation order

	// keyHistory holds, by table name key, the columns of every primary
	// key, unique constraint and unique index that a table of that name
	// had and lost (dropped, or with its table or a column), and those
	// added to a table of that name before one existed. Keys that stay are
	// in the final schema: recording only removed ones keeps the common
	// case free of work.
	keyHistory map[string][][]string

	hist *history      // type changes and the replayed files, for ColumnTypeBefore and DownDiff; set by Build
	fp   *fingerprints // what Compare compares; set by Build
	// applied lists the statements Build applied that changed or looked
	// up something, in order, for Rebuild.
	applied []applied
	track   *tracker // during Build only: the tables the statement being applied touches
	reads   *Reads   // in a Recording view only: where lookups are recorded
}

// indexDefs locates the final schema's indexes by their CREATE INDEX
// statement, built on the first IndexDeclaredAt.
type indexDefs struct {
	once sync.Once
	defs map[defKey]indexRef
}

// A defKey locates a declaration: a file and the byte offset where it starts.
type defKey struct {
	uri   string
	start int
}

type foreignKeyRef struct {
	table *Table
	fk    *ForeignKey
}

type indexRef struct {
	table *Table
	index *Index
}

// Table returns the table called name (schema-qualified or not), or nil.
func (m *Model) Table(n Name) *Table {
	if m == nil {
		return nil
	}
	k := n.Key()
	m.track.touch(k)
	m.reads.table(k)
	return m.tables[k]
}

// Tables returns every table in creation order.
func (m *Model) Tables() []*Table {
	if m == nil {
		return nil
	}
	if m.reads != nil {
		m.reads.AllTables = true
	}
	return m.order
}

// FileIndex returns uri's position in the order files were replayed, or -1.
func (m *Model) FileIndex(uri string) int {
	if m == nil {
		return -1
	}
	m.readFiles()
	if i, ok := m.files[uri]; ok {
		return i
	}
	return -1
}

// TableDeclaredAt returns the table of the final schema whose CREATE TABLE
// statement starts at byte offset start of the file at uri, or nil when
// that statement's table was dropped later (or the statement created
// nothing). Unlike Table, it follows the table through later renames.
func (m *Model) TableDeclaredAt(uri string, start int) *Table {
	if m == nil {
		return nil
	}
	t := m.tableDefs[defKey{uri, start}]
	m.readDeclared(t)
	return t
}

// ForeignKeyDeclaredAt returns the foreign key of the final schema whose
// constraint (a FOREIGN KEY clause, or a column's REFERENCES clause, with
// its CONSTRAINT name if any) starts at byte offset start of the file at
// uri, and its table. It returns nils when that constraint was dropped
// later, with its column or its table. The key's Columns and its table's
// indexes are those of the final schema: renames and later CREATE INDEX
// statements are applied.
func (m *Model) ForeignKeyDeclaredAt(uri string, start int) (*Table, *ForeignKey) {
	if m == nil {
		return nil, nil
	}
	r := m.fkDefs[defKey{uri, start}]
	m.readDeclared(r.table)
	return r.table, r.fk
}

// IndexDeclaredAt returns the index of the final schema whose CREATE
// INDEX statement starts at byte offset start of the file at uri, and its
// table. It returns nils when a later statement dropped the index (with
// its table or a column it indexes), or the statement created nothing.
func (m *Model) IndexDeclaredAt(uri string, start int) (*Table, *Index) {
	if m == nil {
		return nil, nil
	}
	m.idx.once.Do(func() {
		m.idx.defs = make(map[defKey]indexRef)
		for _, t := range m.order {
			for _, ix := range t.Indexes {
				m.idx.defs[defKey{ix.Def.URI, ix.Def.Span.Start}] = indexRef{t, ix}
			}
		}
	})
	r := m.idx.defs[defKey{uri, start}]
	m.readDeclared(r.table)
	return r.table, r.index
}

// DeclaredKeys returns the columns of the primary keys, unique
// constraints and unique indexes that statements of the workspace
// declared on a table called n and that the final schema no longer has:
// keys a later statement dropped (with their table or a column), keys of
// an earlier table of that name, and keys added before the table was
// created. With the final table's own keys, they are every key declared
// for it. Maintenance scripts drop and re-create keys wholesale (for a
// bulk load, or a schema rebuilt from parts); a key declared anywhere
// says what the designers meant.
func (m *Model) DeclaredKeys(n Name) [][]string {
	if m == nil {
		return nil
	}
	m.reads.table(n.Key())
	return m.keyHistory[n.Key()]
}

// CreatedBefore reports whether table t was created in a migration that
// comes before the migration of the file at uri (a file that belongs to
// no migration history is a migration of its own).
func (m *Model) CreatedBefore(t *Table, uri string) bool {
	m.readFiles()
	ti, tok := m.steps[t.Def.URI]
	ui, uok := m.steps[uri]
	return tok && uok && ti < ui
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Covers reports whether cols are the leftmost columns (in any order) of
// the primary key, a unique constraint or a non-partial index of t, which
// is what an index lookup on those columns needs.
func (t *Table) Covers(cols []string) bool {
	leftmost := func(key []string) bool {
		if len(key) < len(cols) {
			return false
		}
		for _, c := range cols {
			if !slices.Contains(key[:len(cols)], c) {
				return false
			}
		}
		return true
	}
	if t.PrimaryKey != nil && leftmost(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if leftmost(u.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if !ix.Partial && (ix.Method == "" || ix.Method == "btree") && leftmost(ix.Columns) {
			return true
		}
	}
	return false
}

// ColumnList formats column names as SQL: "a, b".
func ColumnList(cols []string) string { return strings.Join(cols, ", ") }

// readFiles records, in a Recording view, a lookup of the file order.
func (m *Model) readFiles() {
	if m.reads != nil {
		m.reads.Files = true
	}
}

// readDeclared records, in a Recording view, a lookup by declaration that
// found table t, or nothing: then what the statement would have declared
// is not known by name, and any table may be it.
func (m *Model) readDeclared(t *Table) {
	if m.reads == nil {
		return
	}
	if t == nil {
		m.reads.AllTables = true
		return
	}
	m.reads.table(t.Name.Key())
}
