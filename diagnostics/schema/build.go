package schema

import (
	"cmp"
	"context"
	"hash/maphash"
	"maps"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// Build replays the statements of files, in the order given (the caller
// sorts them into migration order, as migration.Set.Order does), into a
// Model. Statements that do not parse contribute nothing, and neither do
// down migrations and sqitch's verify scripts: *.down.sql files, Flyway's
// U files, sqitch's revert/ and verify/ scripts, and the down sections of
// goose and dbmate files (they still have a place in the order, for
// CreatedBefore). Companion files that are not SQL (sqitch.plan, Flyway's
// script .conf) are read from disk when the URIs name it. It returns
// ctx.Err() if cancelled.
func Build(ctx context.Context, files []*syntax.ParsedFile) (*Model, error) {
	return BuildWith(ctx, files, nil)
}

// BuildWith is Build for a workspace whose configuration names migration
// folders (the migrations setting): files under them belong to their
// history whatever their layout (see migration.Options.Folders).
func BuildWith(ctx context.Context, files []*syntax.ParsedFile, folders []migration.Folder) (*Model, error) {
	m := &Model{folders: folders, tables: make(map[string]*Table), files: make(map[string]int, len(files)), functions: make(map[string]*Function),
		byColumn: new(columnMemo)}
	m.idx = new(indexDefs)
	m.hist = &history{files: files}
	m.fp = &fingerprints{tables: make(map[string]uint64)}
	m.track = &tracker{fp: m.fp}
	m.readMigrations(files)
	var files64, functions64 maphash.Hash
	files64.SetSeed(fingerprintSeed)
	functions64.SetSeed(fingerprintSeed)
	for i, pf := range files {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m.files[pf.File.URI] = i
		files64.WriteString(pf.File.URI)
		files64.WriteByte(0)
		for _, st := range m.upStatements(pf) {
			if st.Node == nil {
				continue
			}
			if rec, ok := m.applyTracked(pf.File.URI, st); ok {
				m.applied = append(m.applied, rec)
				if rec.functions {
					functions64.WriteString(pf.File.URI)
					functions64.WriteString(st.Text)
				}
			}
		}
	}
	for _, uri := range slices.Sorted(maps.Keys(m.steps)) {
		files64.WriteString(uri)
		files64.WriteByte(byte(m.steps[uri]))
		files64.WriteByte(byte(m.steps[uri] >> 8))
		files64.WriteByte(byte(len(m.migrations.Migrations(uri)))) // in a history or not
	}
	for _, f := range folders {
		files64.WriteString(f.Dir)
		files64.WriteString(string(f.Tool))
	}
	m.fp.files, m.fp.functions = files64.Sum64(), functions64.Sum64()
	m.track = nil
	m.indexDefs()
	return m, nil
}

// changesFunctions reports whether st creates or drops functions.
func changesFunctions(st *syntax.Stmt) bool {
	switch n := st.Node.Node.(type) {
	case *syntax.Node_CreateFunctionStmt:
		return true
	case *syntax.Node_DropStmt:
		return n.DropStmt.RemoveType == syntax.ObjectType_OBJECT_FUNCTION
	}
	return false
}

// indexDefs records where the final schema's tables and foreign keys were
// declared, for TableDeclaredAt and ForeignKeyDeclaredAt.
func (m *Model) indexDefs() {
	m.tableDefs = make(map[defKey]*Table, len(m.order))
	m.fkDefs = make(map[defKey]foreignKeyRef)
	for _, t := range m.order {
		m.tableDefs[defKey{t.Def.URI, t.Def.Span.Start}] = t
		for _, fk := range t.ForeignKeys {
			m.fkDefs[defKey{fk.Def.URI, fk.Def.Span.Start}] = foreignKeyRef{t, fk}
		}
	}
}

// RangeVarName returns the folded name of a table reference.
func RangeVarName(rv *syntax.RangeVar) Name {
	if rv == nil {
		return Name{}
	}
	return Name{Schema: rv.Schemaname, Object: rv.Relname}
}

func (m *Model) apply(uri string, st *syntax.Stmt) {
	loc := func(span source.Span) Location { return Location{URI: uri, Span: span} }
	switch n := st.Node.Node.(type) {
	case *syntax.Node_CreateStmt:
		cs := n.CreateStmt
		name := RangeVarName(cs.Relation)
		if cs.IfNotExists && m.Table(name) != nil {
			return
		}
		t := &Table{Name: name, Def: loc(st.Span), Partitioned: cs.Partspec != nil, Partition: cs.Partbound != nil}
		for _, elt := range cs.TableElts {
			switch e := elt.Node.(type) {
			case *syntax.Node_ColumnDef:
				t.addColumn(st, uri, e.ColumnDef)
			case *syntax.Node_Constraint:
				t.addConstraint(st, uri, e.Constraint)
			}
		}
		m.putTable(t)
	case *syntax.Node_AlterTableStmt:
		at := n.AlterTableStmt
		if at.Objtype == syntax.ObjectType_OBJECT_INDEX {
			m.attachIndexes(at)
			return
		}
		t := m.Table(RangeVarName(at.Relation))
		if t == nil {
			m.recordAddedKeys(at)
			return
		}
		for _, c := range at.Cmds {
			cmd := c.GetAlterTableCmd()
			if cmd == nil {
				continue
			}
			switch cmd.Subtype {
			case syntax.AlterTableType_AT_AddColumn:
				if def := cmd.Def.GetColumnDef(); def != nil && t.Column(def.Colname) == nil {
					t.addColumn(st, uri, def)
				}
			case syntax.AlterTableType_AT_AttachPartition, syntax.AlterTableType_AT_DetachPartition:
				if part := m.Table(RangeVarName(cmd.Def.GetPartitionCmd().GetName())); part != nil {
					part.Partition = cmd.Subtype == syntax.AlterTableType_AT_AttachPartition
				}
			case syntax.AlterTableType_AT_DropColumn:
				m.recordKeys(t, func(cols []string) bool { return slices.Contains(cols, cmd.Name) }, "")
				t.dropColumn(cmd.Name)
			case syntax.AlterTableType_AT_AddConstraint:
				if con := cmd.Def.GetConstraint(); con != nil {
					t.addConstraint(st, uri, con)
				}
			case syntax.AlterTableType_AT_DropConstraint:
				m.recordKeys(t, nil, cmd.Name)
				t.dropConstraint(cmd.Name)
			case syntax.AlterTableType_AT_AlterColumnType:
				if col, def := t.Column(cmd.Name), cmd.Def.GetColumnDef(); col != nil && def != nil {
					m.recordTypeChange(uri, t, col)
					col.Type = syntax.TypeString(def.TypeName)
				}
			case syntax.AlterTableType_AT_SetNotNull:
				if col := t.Column(cmd.Name); col != nil {
					col.NotNull = true
				}
			case syntax.AlterTableType_AT_DropNotNull:
				if col := t.Column(cmd.Name); col != nil {
					col.NotNull = false
				}
			case syntax.AlterTableType_AT_ColumnDefault:
				if col := t.Column(cmd.Name); col != nil {
					col.HasDefault = cmd.Def != nil
				}
			}
		}
	case *syntax.Node_IndexStmt:
		is := n.IndexStmt
		name := RangeVarName(is.Relation)
		t := m.Table(name)
		if t == nil {
			return
		}
		if is.Idxname != "" && slices.ContainsFunc(t.Indexes, func(ix *Index) bool { return ix.Name == is.Idxname }) {
			// CREATE INDEX IF NOT EXISTS of an existing index creates
			// nothing, and without IF NOT EXISTS the statement fails.
			// (Names are unique in a schema; looking at the table's own
			// indexes keeps the check cheap and catches the usual case.)
			return
		}
		ix := &Index{Name: is.Idxname, Table: name, Unique: is.Unique, Partial: is.WhereClause != nil,
			Method: is.AccessMethod, Def: loc(st.Span)}
		for _, p := range is.IndexParams {
			ix.Columns = append(ix.Columns, p.GetIndexElem().GetName())
		}
		ix.Keys, ix.Predicate = indexKeys(st, is, ix.Columns)
		for _, p := range is.IndexIncludingParams {
			ix.Include = append(ix.Include, p.GetIndexElem().GetName())
		}
		if ix.Name == "" {
			// ChooseIndexName: the columns (an expression counts as "expr").
			cols := make([]string, len(ix.Columns))
			for i, c := range ix.Columns {
				cols[i] = cmp.Or(c, "expr")
			}
			ix.Name = defaultName(name.Object, cols, "idx")
		}
		t.Indexes = append(t.Indexes, ix)
		m.track.touch(indexKey(ix.Name))
	case *syntax.Node_DropStmt:
		ds := n.DropStmt
		switch ds.RemoveType {
		case syntax.ObjectType_OBJECT_TRIGGER:
			m.dropTriggers(ds)
			return
		case syntax.ObjectType_OBJECT_FUNCTION:
			m.dropFunctions(ds)
			return
		case syntax.ObjectType_OBJECT_TABLE, syntax.ObjectType_OBJECT_INDEX:
		default:
			return // other objects (schemas, types…) are not lists of names
		}
		for _, obj := range ds.Objects {
			parts := syntax.Strings(obj.GetList().GetItems())
			if len(parts) == 0 {
				continue
			}
			name := Name{Object: parts[len(parts)-1]}
			if len(parts) > 1 {
				name.Schema = parts[len(parts)-2]
			}
			switch ds.RemoveType {
			case syntax.ObjectType_OBJECT_TABLE:
				m.dropTable(name)
			case syntax.ObjectType_OBJECT_INDEX:
				m.dropIndex(name)
			}
		}
	case *syntax.Node_CreateTrigStmt:
		m.createTrigger(loc(st.Span), n.CreateTrigStmt)
	case *syntax.Node_CreateFunctionStmt:
		m.createFunction(loc(st.Span), n.CreateFunctionStmt)
	case *syntax.Node_RenameStmt:
		rs := n.RenameStmt
		t := m.Table(RangeVarName(rs.Relation))
		if t == nil {
			return
		}
		switch rs.RenameType {
		case syntax.ObjectType_OBJECT_TRIGGER:
			if tr := t.trigger(rs.Subname); tr != nil {
				tr.Name = rs.Newname
			}
		case syntax.ObjectType_OBJECT_TABLE:
			delete(m.tables, t.Name.Key())
			t.Name.Object = rs.Newname
			m.track.touch(t.Name.Key())
			m.tables[t.Name.Key()] = t
		case syntax.ObjectType_OBJECT_COLUMN:
			if col := t.Column(rs.Subname); col != nil {
				t.renameColumn(rs.Subname, rs.Newname)
			}
		}
	}
}

// recordKey adds a key's columns to the key history of table name n.
func (m *Model) recordKey(n Name, cols []string) {
	m.track.touch(n.Key())
	if len(cols) > 0 {
		if m.keyHistory == nil {
			m.keyHistory = make(map[string][][]string)
		}
		m.keyHistory[n.Key()] = append(m.keyHistory[n.Key()], cols)
	}
}

// recordKeys adds to the key history the primary key, unique constraints
// and unique indexes of t that a change is about to remove: those whose
// columns satisfy uses (a dropped column), or the constraint or index
// called name, or, when both are empty, all of them (a dropped table).
// Keys that stay are in the final schema; only removed ones need a record.
func (m *Model) recordKeys(t *Table, uses func(cols []string) bool, name string) {
	removed := func(keyName string, cols []string) bool {
		switch {
		case uses != nil:
			return uses(cols)
		case name != "":
			return keyName == name
		}
		return true
	}
	if k := t.PrimaryKey; k != nil && removed(k.Name, k.Columns) {
		m.recordKey(t.Name, k.Columns)
	}
	for _, k := range t.Uniques {
		if removed(k.Name, k.Columns) {
			m.recordKey(t.Name, k.Columns)
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && !slices.Contains(ix.Columns, "") && removed(ix.Name, ix.Columns) {
			m.recordKey(t.Name, ix.Columns)
		}
	}
}

// recordAddedKeys records the primary keys and unique constraints an
// ALTER TABLE adds to a table the model does not know (yet): a workspace
// of scripts in name order may add keys before it creates the tables
// (CreatePrimaryKeys.sql before CreateTables.sql).
func (m *Model) recordAddedKeys(at *syntax.AlterTableStmt) {
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AddConstraint {
			continue
		}
		if con := cmd.Def.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_PRIMARY || con.GetContype() == syntax.ConstrType_CONSTR_UNIQUE {
			m.recordKey(RangeVarName(at.Relation), syntax.Strings(con.Keys))
		}
	}
}

func (m *Model) putTable(t *Table) {
	m.track.touch(t.Name.Key())
	if old := m.tables[t.Name.Key()]; old != nil {
		m.recordKeys(old, nil, "")
		m.order = slices.DeleteFunc(m.order, func(x *Table) bool { return x == old })
	}
	m.tables[t.Name.Key()] = t
	m.order = append(m.order, t)
}

func (m *Model) dropTable(n Name) {
	m.track.touch(n.Key())
	t := m.tables[n.Key()]
	if t == nil {
		return
	}
	m.recordKeys(t, nil, "")
	delete(m.tables, n.Key())
	m.order = slices.DeleteFunc(m.order, func(x *Table) bool { return x == t })
}

func (m *Model) dropIndex(n Name) {
	m.track.touch(indexKey(n.Object))
	for _, t := range m.order {
		if n.Schema != "" && n.Schema != "public" && n.Schema != t.Name.Schema {
			continue
		}
		for _, ix := range t.Indexes {
			if ix.Name == n.Object && ix.Unique && !slices.Contains(ix.Columns, "") {
				m.recordKey(t.Name, ix.Columns)
			}
		}
		if slices.ContainsFunc(t.Indexes, func(ix *Index) bool { return ix.Name == n.Object }) {
			m.track.touch(t.Name.Key())
			t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *Index) bool { return ix.Name == n.Object })
		}
	}
}

func (t *Table) addColumn(st *syntax.Stmt, uri string, def *syntax.ColumnDef) {
	span := source.Span{Start: st.Offset(def.Location), End: st.Offset(def.Location) + len(def.Colname)}
	col := &Column{Name: def.Colname, Type: syntax.TypeString(def.TypeName), NotNull: def.IsNotNull,
		Def: Location{URI: uri, Span: span}}
	t.Columns = append(t.Columns, col)
	for _, cn := range def.Constraints {
		con := cn.GetConstraint()
		if con == nil {
			continue
		}
		switch con.Contype {
		case syntax.ConstrType_CONSTR_NOTNULL:
			col.NotNull = true
		case syntax.ConstrType_CONSTR_DEFAULT, syntax.ConstrType_CONSTR_IDENTITY, syntax.ConstrType_CONSTR_GENERATED:
			col.HasDefault = true
		case syntax.ConstrType_CONSTR_PRIMARY:
			col.NotNull = true
			t.PrimaryKey = &Key{Name: t.constraintName(con, nil, "pkey"), Columns: []string{def.Colname}, Def: col.Def}
		case syntax.ConstrType_CONSTR_UNIQUE:
			cols := []string{def.Colname}
			t.Uniques = append(t.Uniques, &Key{Name: t.constraintName(con, cols, "key"), Columns: cols, Def: col.Def})
		case syntax.ConstrType_CONSTR_FOREIGN:
			t.ForeignKeys = append(t.ForeignKeys, t.foreignKey(st, uri, con, []string{def.Colname}))
		}
	}
	if s := syntax.TypeBase(def.TypeName); s == "serial" || s == "bigserial" || s == "smallserial" || s == "serial4" || s == "serial8" {
		col.HasDefault, col.NotNull = true, true
	}
}

func (t *Table) addConstraint(st *syntax.Stmt, uri string, con *syntax.Constraint) {
	def := Location{URI: uri, Span: st.NodeSpan(con.Location)}
	switch con.Contype {
	case syntax.ConstrType_CONSTR_PRIMARY:
		t.PrimaryKey = &Key{Name: t.constraintName(con, nil, "pkey"), Columns: syntax.Strings(con.Keys), Def: def}
		for _, c := range t.PrimaryKey.Columns {
			if col := t.Column(c); col != nil {
				col.NotNull = true
			}
		}
	case syntax.ConstrType_CONSTR_UNIQUE:
		cols := syntax.Strings(con.Keys)
		t.Uniques = append(t.Uniques, &Key{Name: t.constraintName(con, cols, "key"), Columns: cols, Def: def})
	case syntax.ConstrType_CONSTR_FOREIGN:
		t.ForeignKeys = append(t.ForeignKeys, t.foreignKey(st, uri, con, syntax.Strings(con.FkAttrs)))
	case syntax.ConstrType_CONSTR_EXCLUSION:
		// EXCLUDE USING gist (room WITH =, during WITH &&): each element is
		// an index element and its operator.
		ix := &Index{Table: t.Name, Method: cmp.Or(con.AccessMethod, "btree"), Partial: con.WhereClause != nil, Def: def}
		for _, e := range con.Exclusions {
			items := e.GetList().GetItems()
			if len(items) == 0 {
				continue
			}
			name := items[0].GetIndexElem().GetName()
			ix.Columns = append(ix.Columns, name)
			ix.Keys = append(ix.Keys, cmp.Or(name, "expr"))
		}
		ix.Name = t.constraintName(con, ix.Columns, "excl")
		t.Exclusions = append(t.Exclusions, ix)
	}
}

// constraintName returns con's name: the one written, or else the one
// PostgreSQL chooses, so that a later DROP CONSTRAINT by that name finds it.
func (t *Table) constraintName(con *syntax.Constraint, cols []string, label string) string {
	if con.Conname != "" {
		return con.Conname
	}
	return defaultName(t.Name.Object, cols, label)
}

func (t *Table) foreignKey(st *syntax.Stmt, uri string, con *syntax.Constraint, cols []string) *ForeignKey {
	action := Action(NoAction)
	if len(con.FkDelAction) == 1 {
		action = Action(con.FkDelAction[0])
	}
	return &ForeignKey{Name: t.constraintName(con, cols, "fkey"), Columns: cols, RefTable: RangeVarName(con.Pktable),
		RefColumns: syntax.Strings(con.PkAttrs), OnDelete: action,
		Def: Location{URI: uri, Span: st.NodeSpan(con.Location)}}
}

func (t *Table) dropColumn(name string) {
	t.Columns = slices.DeleteFunc(t.Columns, func(c *Column) bool { return c.Name == name })
	uses := func(cols []string) bool { return slices.Contains(cols, name) }
	if t.PrimaryKey != nil && uses(t.PrimaryKey.Columns) {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(k *Key) bool { return uses(k.Columns) })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return uses(fk.Columns) })
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *Index) bool { return uses(ix.Columns) || uses(ix.Include) })
	t.Exclusions = slices.DeleteFunc(t.Exclusions, func(ix *Index) bool { return uses(ix.Columns) })
}

func (t *Table) dropConstraint(name string) {
	if t.PrimaryKey != nil && t.PrimaryKey.Name == name {
		t.PrimaryKey = nil
	}
	t.Uniques = slices.DeleteFunc(t.Uniques, func(k *Key) bool { return k.Name == name })
	t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return fk.Name == name })
	t.Exclusions = slices.DeleteFunc(t.Exclusions, func(ix *Index) bool { return ix.Name == name })
}

func (t *Table) renameColumn(from, to string) {
	t.Column(from).Name = to
	rename := func(cols []string) {
		for i, c := range cols {
			if c == from {
				cols[i] = to
			}
		}
	}
	if t.PrimaryKey != nil {
		rename(t.PrimaryKey.Columns)
	}
	for _, k := range t.Uniques {
		rename(k.Columns)
	}
	for _, fk := range t.ForeignKeys {
		rename(fk.Columns)
	}
	for _, ix := range t.Indexes {
		rename(ix.Columns)
		rename(ix.Keys) // a plain column key is the column's name
		rename(ix.Include)
	}
	for _, ix := range t.Exclusions {
		rename(ix.Columns)
		rename(ix.Keys)
	}
}
