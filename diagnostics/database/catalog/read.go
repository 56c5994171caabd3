package catalog

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/sqlsage/sqlsage/diagnostics/database"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
)

// minServerVersion is the oldest server Read supports: the queries use
// pg_attribute.attgenerated (PostgreSQL 12).
const minServerVersion = 120000

// Read reads the tables of schemas (every schema but PostgreSQL's own
// when schemas is empty) in one read-only transaction, so that the
// Catalog is one consistent moment of the database.
func Read(ctx context.Context, db *database.DB, schemas []string) (*Catalog, error) {
	var c *Catalog
	err := db.ReadOnly(ctx, "reading the catalog", func(ctx context.Context, tx *database.Tx) error {
		var err error
		c, err = read(ctx, tx, schemas)
		return err
	})
	return c, err
}

func read(ctx context.Context, tx *database.Tx, schemas []string) (*Catalog, error) {
	c := &Catalog{}
	if err := tx.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&c.ServerVersion); err != nil {
		return nil, fmt.Errorf("asking the server's version: %w", err)
	}
	if c.ServerVersion < minServerVersion {
		return nil, fmt.Errorf("the server runs PostgreSQL %d.%d; reading its catalog needs PostgreSQL 12 or later", c.ServerVersion/10000, c.ServerVersion%10000)
	}
	var err error
	if c.Schemas, err = readSchemas(ctx, tx, schemas); err != nil {
		return nil, err
	}
	byOID := map[uint32]*Table{}
	var oids []uint32
	err = each(ctx, tx, "reading tables", `
		SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', c.relispartition, c.reltuples::float8, c.relpages
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY ($1)
		ORDER BY n.nspname, c.relname`, []any{c.Schemas},
		func(rows pgx.Rows) error {
			var oid uint32
			t := &Table{}
			if err := rows.Scan(&oid, &t.Name.Schema, &t.Name.Object, &t.Partitioned, &t.Partition, &t.RowEstimate, &t.Pages); err != nil {
				return err
			}
			if t.Partitioned {
				t.RowEstimate = -1 // a parent holds no rows; its reltuples says nothing (0 before PostgreSQL 14)
			}
			c.Tables = append(c.Tables, t)
			byOID[oid] = t
			oids = append(oids, oid)
			return nil
		})
	if err != nil || len(oids) == 0 {
		return c, err
	}
	for _, step := range []func(context.Context, *database.Tx, []uint32, map[uint32]*Table) error{
		readColumns, readConstraints, readIndexes, readTriggers,
	} {
		if err := step(ctx, tx, oids, byOID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// readSchemas returns the schemas to read that exist: those asked for,
// or every one that is not PostgreSQL's own.
func readSchemas(ctx context.Context, tx *database.Tx, want []string) ([]string, error) {
	var out []string
	err := each(ctx, tx, "listing schemas", `
		SELECT nspname FROM pg_namespace
		WHERE CASE WHEN cardinality($1::text[]) > 0 THEN nspname = ANY ($1)
		      ELSE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%' END
		ORDER BY nspname`, []any{want},
		func(rows pgx.Rows) error {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	return out, err
}

func readColumns(ctx context.Context, tx *database.Tx, oids []uint32, tables map[uint32]*Table) error {
	return each(ctx, tx, "reading columns", `
		SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
		       coalesce(pg_get_expr(d.adbin, d.adrelid, true), ''), a.attidentity::text, a.attgenerated::text
		FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = ANY ($1) AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attrelid, a.attnum`, []any{oids},
		func(rows pgx.Rows) error {
			var oid uint32
			var identity, generated string
			col := &Column{}
			if err := rows.Scan(&oid, &col.Name, &col.Type, &col.NotNull, &col.Default, &identity, &generated); err != nil {
				return err
			}
			switch identity {
			case "a":
				col.Identity = "always"
			case "d":
				col.Identity = "by default"
			}
			if generated == "s" {
				col.Generated, col.Default = col.Default, ""
			}
			tables[oid].Columns = append(tables[oid].Columns, col)
			return nil
		})
}

// columnNames is a SELECT list item turning an attnum array of relation
// rel into the columns' names, in order.
func columnNames(attnums, rel string) string {
	return fmt.Sprintf(`ARRAY(SELECT a.attname::text FROM unnest(%s) WITH ORDINALITY k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.attnum ORDER BY k.ord)`, attnums, rel)
}

func readConstraints(ctx context.Context, tx *database.Tx, oids []uint32, tables map[uint32]*Table) error {
	return each(ctx, tx, "reading constraints", `
		SELECT con.conrelid, con.conname, con.contype::text, `+columnNames("con.conkey", "con.conrelid")+`,
		       coalesce(rn.nspname, ''), coalesce(rc.relname, ''), `+columnNames("con.confkey", "con.confrelid")+`,
		       con.confdeltype::text, con.confupdtype::text, con.condeferrable, con.convalidated,
		       con.conparentid <> 0, coalesce(ic.relname, ''), pg_get_constraintdef(con.oid, true)
		FROM pg_constraint con
		LEFT JOIN pg_class rc ON rc.oid = con.confrelid
		LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
		LEFT JOIN pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u')
		WHERE con.conrelid = ANY ($1) AND con.contype IN ('p', 'u', 'f', 'c')
		ORDER BY con.conrelid, con.conname`, []any{oids},
		func(rows pgx.Rows) error {
			var (
				oid                    uint32
				name, kind, def, index string
				cols, refCols          []string
				ref                    schema.Name
				onDelete, onUpdate     string
				deferrable, validated  bool
				inherited              bool
			)
			if err := rows.Scan(&oid, &name, &kind, &cols, &ref.Schema, &ref.Object, &refCols,
				&onDelete, &onUpdate, &deferrable, &validated, &inherited, &index, &def); err != nil {
				return err
			}
			t := tables[oid]
			switch kind {
			case "p":
				t.PrimaryKey = &Key{Name: name, Columns: cols, Index: index, Deferrable: deferrable}
			case "u":
				t.Uniques = append(t.Uniques, &Key{Name: name, Columns: cols, Index: index, Deferrable: deferrable})
			case "f":
				t.ForeignKeys = append(t.ForeignKeys, &ForeignKey{
					Name: name, Columns: cols, RefTable: ref, RefColumns: refCols,
					OnDelete: action(onDelete), OnUpdate: action(onUpdate),
					Deferrable: deferrable, Validated: validated, Inherited: inherited,
				})
			case "c":
				t.Checks = append(t.Checks, &Check{Name: name, Def: def, Validated: validated})
			}
			return nil
		})
}

// action converts pg_constraint's confdeltype/confupdtype, which uses
// the same letters as the parser (and so schema.Action).
func action(code string) schema.Action {
	if len(code) != 1 {
		return schema.NoAction
	}
	return schema.Action(code[0])
}

func readIndexes(ctx context.Context, tx *database.Tx, oids []uint32, tables map[uint32]*Table) error {
	return each(ctx, tx, "reading indexes", `
		SELECT i.indrelid, ic.relname, am.amname, i.indnkeyatts,
		       ARRAY(SELECT coalesce(a.attname::text, '') FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
		             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
		             ORDER BY k.ord),
		       ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k ORDER BY k),
		       i.indisunique, i.indisprimary, i.indisvalid,
		       coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''),
		       coalesce((SELECT con.conname FROM pg_constraint con
		                 WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')), ''),
		       pg_get_indexdef(i.indexrelid)
		FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_am am ON am.oid = ic.relam
		WHERE i.indrelid = ANY ($1)
		ORDER BY i.indrelid, ic.relname`, []any{oids},
		func(rows pgx.Rows) error {
			var oid uint32
			var nkey int
			var cols, keys []string
			ix := &Index{}
			if err := rows.Scan(&oid, &ix.Name, &ix.Method, &nkey, &cols, &keys, &ix.Unique, &ix.Primary, &ix.Valid,
				&ix.Predicate, &ix.Constraint, &ix.Def); err != nil {
				return err
			}
			nkey = min(nkey, len(cols), len(keys))
			ix.Columns, ix.Keys = cols[:nkey], keys[:nkey]
			if len(cols) > nkey {
				ix.Include = slices.Clone(cols[nkey:])
			}
			tables[oid].Indexes = append(tables[oid].Indexes, ix)
			return nil
		})
}

// Bits of pg_trigger.tgtype (PostgreSQL's catalog/pg_trigger.h).
const (
	triggerRow      = 1 << 0
	triggerBefore   = 1 << 1
	triggerInsert   = 1 << 2
	triggerDelete   = 1 << 3
	triggerUpdate   = 1 << 4
	triggerTruncate = 1 << 5
	triggerInstead  = 1 << 6
)

func readTriggers(ctx context.Context, tx *database.Tx, oids []uint32, tables map[uint32]*Table) error {
	return each(ctx, tx, "reading triggers", `
		SELECT t.tgrelid, t.tgname, t.tgtype, t.tgenabled::text, t.tgfoid::regproc::text, pg_get_triggerdef(t.oid, true)
		FROM pg_trigger t
		WHERE t.tgrelid = ANY ($1) AND NOT t.tgisinternal
		ORDER BY t.tgrelid, t.tgname`, []any{oids},
		func(rows pgx.Rows) error {
			var oid uint32
			var tgtype int16
			var enabled string
			tr := &Trigger{}
			if err := rows.Scan(&oid, &tr.Name, &tgtype, &enabled, &tr.Function, &tr.Def); err != nil {
				return err
			}
			switch {
			case tgtype&triggerInstead != 0:
				tr.Timing = "INSTEAD OF"
			case tgtype&triggerBefore != 0:
				tr.Timing = "BEFORE"
			default:
				tr.Timing = "AFTER"
			}
			for _, e := range []struct {
				bit  int16
				name string
			}{{triggerInsert, "INSERT"}, {triggerUpdate, "UPDATE"}, {triggerDelete, "DELETE"}, {triggerTruncate, "TRUNCATE"}} {
				if tgtype&e.bit != 0 {
					tr.Events = append(tr.Events, e.name)
				}
			}
			tr.ForEachRow = tgtype&triggerRow != 0
			tr.Enabled = enabled != "D"
			tables[oid].Triggers = append(tables[oid].Triggers, tr)
			return nil
		})
}

// each runs a query and calls fn for each row; op names the step for
// the error.
func each(ctx context.Context, tx *database.Tx, op, sql string, args []any, fn func(pgx.Rows) error) error {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// RowEstimates returns the planner's row estimate (see
// Table.RowEstimate) of each table in names that exists, keyed by
// schema-qualified name ("public.orders"); a name without a schema is
// looked up on the search path. It reads two columns of pg_class where
// Read reads the whole catalog: what EXPLAIN needs for a plan's tables.
func RowEstimates(ctx context.Context, db *database.DB, names []schema.Name) (map[schema.Name]float64, error) {
	out := map[schema.Name]float64{}
	if len(names) == 0 {
		return out, nil
	}
	qualified := make([]string, len(names))
	for i, n := range names {
		qualified[i] = pgx.Identifier{n.Object}.Sanitize()
		if n.Schema != "" {
			qualified[i] = pgx.Identifier{n.Schema, n.Object}.Sanitize()
		}
	}
	err := db.ReadOnly(ctx, "reading row estimates", func(ctx context.Context, tx *database.Tx) error {
		return each(ctx, tx, "reading row estimates", `
			SELECT n.nspname, c.relname, CASE WHEN c.relkind = 'p' THEN -1 ELSE c.reltuples::float8 END
			FROM unnest($1::text[]) q(name)
			JOIN pg_class c ON c.oid = to_regclass(q.name)
			JOIN pg_namespace n ON n.oid = c.relnamespace`, []any{qualified},
			func(rows pgx.Rows) error {
				var n schema.Name
				var est float64
				if err := rows.Scan(&n.Schema, &n.Object, &est); err != nil {
					return err
				}
				out[n] = est
				return nil
			})
	})
	return out, err
}
