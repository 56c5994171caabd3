package schema

import (
	"hash/maphash"
	"maps"
	"slices"
)

// Reads records what was looked up in a model through a Recording view:
// the engine keeps, for each statement, what its rules read, and after an
// edit re-runs them only when something they read changed (see Diff).
type Reads struct {
	Tables     []string // keys (Name.Key) of the tables looked up, found or not
	Columns    []string // column names whose tables were listed (TablesWithColumn)
	Referenced []string // keys of tables whose referencing foreign keys were listed (ReferencedBy)
	Names      bool     // the names of tables and indexes were read (NameTaken)
	AllTables  bool     // the list of tables was read (Tables, a lookup by location that found nothing)
	Files      bool     // the order of the files and migrations was read (FileIndex, CreatedBefore)
	Functions  bool     // functions were read
}

// Reset empties r for reuse.
func (r *Reads) Reset() {
	*r = Reads{Tables: r.Tables[:0], Columns: r.Columns[:0], Referenced: r.Referenced[:0]}
}

// Clone returns a copy of r that does not share its storage, with each
// key once, or nil when r read nothing.
func (r *Reads) Clone() *Reads {
	if len(r.Tables) == 0 && len(r.Columns) == 0 && len(r.Referenced) == 0 && !r.Names && !r.AllTables && !r.Files && !r.Functions {
		return nil
	}
	set := func(keys []string) []string {
		if len(keys) == 0 {
			return nil
		}
		keys = slices.Clone(keys)
		slices.Sort(keys)
		return slices.Compact(keys)
	}
	c := *r
	c.Tables, c.Columns, c.Referenced = set(r.Tables), set(r.Columns), set(r.Referenced)
	return &c
}

// Dirty reports whether anything r read differs between the two models d
// compares. A nil r read nothing.
func (r *Reads) Dirty(d *Diff) bool {
	if d.all {
		return true
	}
	if r == nil {
		return false
	}
	if r.AllTables && len(d.tables) > 0 || r.Files && d.files || r.Functions && d.functions || r.Names && d.names {
		return true
	}
	if len(d.changed) <= 8 {
		// A keystroke changes a table or two: comparing strings beats
		// hashing each key read.
		for _, k := range r.Tables {
			for _, c := range d.changed {
				if k == c {
					return true
				}
			}
		}
	} else {
		for _, k := range r.Tables {
			if d.tables[k] {
				return true
			}
		}
	}
	for _, c := range r.Columns {
		if d.columns[c] {
			return true
		}
	}
	for _, ref := range r.Referenced {
		if d.referenced[ref] {
			return true
		}
	}
	return false
}

func (r *Reads) table(key string) {
	if r != nil {
		r.Tables = append(r.Tables, key)
	}
}

// Recording returns a view of m that adds every lookup made through it
// to r. The view shares everything with m and is as immutable as m; r
// is written without locking, so a view serves one goroutine.
func (m *Model) Recording(r *Reads) *Model {
	if m == nil {
		return nil
	}
	v := *m
	v.reads = r
	return &v
}

// A Diff says which parts of a model differ from those of an earlier
// model of the same workspace: tables by name, the file order,
// functions. Positions do not count: a table whose statements only moved
// within their files is unchanged.
type Diff struct {
	all      bool // the models are unrelated: everything differs
	old, new *Model
	tables   map[string]bool // names whose tables differ
	changed  []string        // the keys of tables
	// columns and referenced are the column names and the tables their
	// foreign keys reference of both versions of the changed tables: only
	// those can have gained or lost a column or a reference.
	columns, referenced map[string]bool
	names               bool // a table or index was created, dropped or renamed
	files               bool
	functions           bool
}

// Tables returns the number of table names whose tables differ.
func (d *Diff) Tables() int { return len(d.tables) }

// Compare returns how new differs from old. Each table is compared by a
// fingerprint of the statements that built it, computed by Build, so
// Compare costs a pass over the table names, not over the tables.
func Compare(old, new *Model) *Diff {
	if old == nil || new == nil || old.fp == nil || new.fp == nil {
		return &Diff{all: true}
	}
	d := &Diff{old: old, new: new, files: old.fp.files != new.fp.files, functions: old.fp.functions != new.fp.functions}
	for k, h := range new.fp.tables {
		if old.fp.tables[k] != h {
			if d.tables == nil {
				d.tables = make(map[string]bool)
			}
			d.tables[k] = true
		}
	}
	for k := range old.fp.tables {
		if _, ok := new.fp.tables[k]; !ok {
			if d.tables == nil {
				d.tables = make(map[string]bool)
			}
			d.tables[k] = true
		}
	}
	d.changed = slices.Collect(maps.Keys(d.tables))
	d.columns, d.referenced = map[string]bool{}, map[string]bool{}
	for _, k := range d.changed {
		for _, t := range [2]*Table{old.tables[k], new.tables[k]} {
			if t == nil {
				continue
			}
			for _, c := range t.Columns {
				d.columns[c.Name] = true
			}
			for _, fk := range t.ForeignKeys {
				d.referenced[fk.RefTable.Key()] = true
			}
		}
	}
	for k := range d.tables {
		if !sameNames(old.tables[k], new.tables[k]) {
			d.names = true
			break
		}
	}
	return d
}

// sameNames reports whether a and b, two versions of a table (nil when
// absent), have the same name and index names.
func sameNames(a, b *Table) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Name != b.Name || len(a.Indexes) != len(b.Indexes) {
		return false
	}
	for i, ix := range a.Indexes {
		if ix.Name != b.Indexes[i].Name {
			return false
		}
	}
	return true
}

// NameTaken reports whether a table or an index of the schema called
// schemaName ("" or "public" for the default) is called name: tables and
// indexes share a schema's namespace.
func (m *Model) NameTaken(schemaName, name string) bool {
	if m == nil {
		return false
	}
	if m.reads != nil {
		m.reads.Names = true
	}
	want := Name{Schema: schemaName, Object: "x"}.Key()
	for _, t := range m.order {
		if (Name{Schema: t.Name.Schema, Object: "x"}).Key() != want {
			continue
		}
		if t.Name.Object == name {
			return true
		}
		for _, ix := range t.Indexes {
			if ix.Name == name {
				return true
			}
		}
	}
	return false
}

// ReferencedBy returns the foreign keys of the schema that reference the
// table called target, with their tables, in creation order.
func (m *Model) ReferencedBy(target Name) []TableForeignKey {
	if m == nil {
		return nil
	}
	key := target.Key()
	if m.reads != nil {
		m.reads.Referenced = append(m.reads.Referenced, key)
	}
	var out []TableForeignKey
	for _, t := range m.order {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable.Key() == key {
				out = append(out, TableForeignKey{t, fk})
			}
		}
	}
	return out
}

// A TableForeignKey is a foreign key with the table that declares it.
type TableForeignKey struct {
	Table *Table
	FK    *ForeignKey
}

// fingerprints are what Compare compares: for each table name, a hash of
// the statements (file and text, in order) that looked up, created,
// changed or dropped a table of that name while the model was built; a
// statement that touches several names ties their hashes together, so a
// table renamed from another depends on the other's history too.
type fingerprints struct {
	tables    map[string]uint64
	files     uint64 // the files and their order
	functions uint64 // the statements that created or dropped functions
}

// fingerprintSeed seeds every fingerprint of a process, so that those of
// two models compare. It is set once and never changes.
var fingerprintSeed = maphash.MakeSeed()

// tracker follows one statement's table lookups during Build.
type tracker struct {
	fp      *fingerprints
	touched []string // table keys the statement in progress looked up
}

// touch records that the statement being applied looked up key.
func (t *tracker) touch(key string) {
	if t != nil && !slices.Contains(t.touched, key) {
		t.touched = append(t.touched, key)
	}
}

// done folds the statement with hash h into the fingerprints of the
// tables it touched, and starts afresh.
func (t *tracker) done(h uint64) {
	if len(t.touched) == 0 {
		return
	}
	var mh maphash.Hash
	mh.SetSeed(fingerprintSeed)
	var buf [8]byte
	put := func(v uint64) {
		for i := range buf {
			buf[i] = byte(v >> (8 * i))
		}
		mh.Write(buf[:])
	}
	put(h)
	slices.Sort(t.touched)
	for _, k := range t.touched {
		put(t.fp.tables[k])
		mh.WriteString(k)
	}
	sum := mh.Sum64()
	for _, k := range t.touched {
		t.fp.tables[k] = sum
	}
	t.touched = t.touched[:0]
}
