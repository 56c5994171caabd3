// Package catalog reads a live database's schema from pg_catalog into a
// Catalog: tables with their columns (type, NOT NULL, default, identity,
// generated), constraints (primary key, unique, foreign key with its
// actions, check), indexes (key and INCLUDE columns, method, predicate,
// validity), triggers, and the planner's row estimate of each table.
//
// A Catalog is a plain value: once read it holds no connection and can
// be compared, printed or handed to rules. Names are those of the
// catalog (already folded, never quoted); expressions (defaults, checks,
// predicates, index keys) are the server's own rendering
// (pg_get_expr/pg_get_constraintdef, pretty printed), so two catalogs
// compare as text. Read needs PostgreSQL 12 or later.
package catalog

import (
	"github.com/sqlsage/sqlsage/diagnostics/schema"
)

// A Catalog is the schema of a database at one moment.
type Catalog struct {
	ServerVersion int      // server_version_num: 150018 for 15.18
	Schemas       []string // the schemas read, sorted
	Tables        []*Table // sorted by schema, then name
}

// A Table is an ordinary or partitioned table.
type Table struct {
	Name        schema.Name
	Partitioned bool // a partitioned parent: it holds no rows itself
	Partition   bool // a partition of another table
	// RowEstimate is the planner's estimate of the number of rows
	// (pg_class.reltuples), as of the last VACUUM or ANALYZE; -1 when
	// the table was never vacuumed nor analysed (PostgreSQL 14+: 0
	// before), and always for a partitioned parent.
	RowEstimate float64
	Pages       int // pg_class.relpages, the size in 8 kB pages at the same moment

	Columns     []*Column // in column order
	PrimaryKey  *Key      // nil when the table has none
	Uniques     []*Key    // UNIQUE constraints (unique indexes that back no constraint are in Indexes only), by name
	ForeignKeys []*ForeignKey
	Checks      []*Check
	Indexes     []*Index // every index, constraint-backing ones included, by name
	Triggers    []*Trigger
}

// A Column is one column of a table.
type Column struct {
	Name      string
	Type      string // format_type: "bigint", "numeric(10,2)", "timestamp with time zone", "text[]"
	NotNull   bool
	Default   string // the default expression, "" when none: "'open'::text", "now()"
	Identity  string // "always" or "by default" for an identity column, else ""
	Generated string // the expression of a GENERATED ALWAYS AS (…) STORED column, else ""
}

// A Key is a primary key or unique constraint.
type Key struct {
	Name       string
	Columns    []string
	Index      string // the index that enforces it
	Deferrable bool
}

// A ForeignKey is a FOREIGN KEY constraint.
type ForeignKey struct {
	Name       string
	Columns    []string
	RefTable   schema.Name
	RefColumns []string
	OnDelete   schema.Action
	OnUpdate   schema.Action
	Deferrable bool
	Validated  bool // false after ADD CONSTRAINT … NOT VALID until VALIDATE CONSTRAINT
	Inherited  bool // cloned onto a partition from its parent's constraint
}

// A Check is a CHECK constraint.
type Check struct {
	Name      string
	Def       string // "CHECK (total >= 0::numeric)"
	Validated bool
}

// An Index is an index of a table.
type Index struct {
	Name    string
	Method  string   // btree, hash, gin, gist, brin, …
	Columns []string // key columns; "" for an expression key
	// Keys are the key columns as the server prints them: the column's
	// name, or the expression ("lower(email)"); without ordering or
	// operator class, which Def has.
	Keys       []string
	Include    []string // INCLUDE columns
	Unique     bool
	Primary    bool
	Valid      bool   // false for an index a failed CREATE INDEX CONCURRENTLY left behind
	Predicate  string // the WHERE of a partial index, "" otherwise: "status = 'open'::text"
	Constraint string // the primary key, unique or exclusion constraint it enforces, if any
	Def        string // pg_get_indexdef: "CREATE INDEX … ON public.orders USING btree (created_at DESC) …"
}

// A Trigger is a user trigger of a table (not the internal triggers of
// foreign keys).
type Trigger struct {
	Name       string
	Timing     string   // "BEFORE", "AFTER" or "INSTEAD OF"
	Events     []string // of "INSERT", "UPDATE", "DELETE", "TRUNCATE", in that order
	ForEachRow bool     // FOR EACH ROW; false: FOR EACH STATEMENT
	Function   string   // the trigger function, as regproc prints it: "touch_updated_at"
	Enabled    bool     // false after ALTER TABLE … DISABLE TRIGGER
	Def        string   // pg_get_triggerdef
}

// Table returns the table called name in schema, or nil. With schema ""
// it returns the table in "public", or else the only table of that name.
func (c *Catalog) Table(schemaName, name string) *Table {
	if c == nil {
		return nil
	}
	var found *Table
	for _, t := range c.Tables {
		if t.Name.Object != name {
			continue
		}
		if t.Name.Schema == schemaName || schemaName == "" && t.Name.Schema == "public" {
			return t
		}
		if schemaName == "" {
			if found != nil {
				return nil // ambiguous
			}
			found = t
		}
	}
	return found
}

// RowEstimate returns the planner's row estimate of a table (see
// Table.RowEstimate), and false when the table is unknown or has no
// estimate. It is a plan.TableRows.
func (c *Catalog) RowEstimate(schemaName, name string) (float64, bool) {
	t := c.Table(schemaName, name)
	if t == nil || t.RowEstimate < 0 {
		return 0, false
	}
	return t.RowEstimate, true
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

// Index returns the index called name, or nil.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}
