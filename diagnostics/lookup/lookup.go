// Package lookup tells what a name in a statement refers to: the table or
// column of the workspace schema model that an identifier at a byte offset
// of a file names, where that object is defined, and a Markdown
// description of it; every place in the workspace that names a given
// table or column (References); the objects a file defines (Symbols); and
// the tables and columns that may be written at a cursor (Complete). It
// knows nothing of the LSP; the server's handlers convert its answers.
//
// Names are resolved the way PostgreSQL would read them within one
// statement (a statement of a routine body counts as one): a table name
// anywhere a table is named (FROM, JOIN, UPDATE, DELETE, INSERT INTO,
// CREATE TABLE, ALTER TABLE, CREATE INDEX … ON, REFERENCES), a column
// qualified by a table name or alias (o.total), an unqualified column when
// exactly one table of the statement has it, column definitions, INSERT
// column lists, UPDATE … SET targets, and the column lists of keys,
// indexes and ALTER TABLE commands. A CTE name hides a table of the same
// name. What cannot be resolved without doubt resolves to nothing.
//
// The model is the workspace's final schema (every file replayed in
// migration order), so a name resolves to the table as the last migration
// leaves it.
package lookup

import (
	"context"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// A Ref is the table or column a name refers to.
type Ref struct {
	Span   source.Span     // the name at the offset asked about, in that file
	Table  *schema.Table   // the table named, or the column's table
	Column *schema.Column  // the column named; nil when the name is a table's
	Def    schema.Location // where the object is defined: the table's name in its CREATE TABLE, or the column's name in its CREATE TABLE or ADD COLUMN
}

// Resolve returns what the name at byte offset off of the file at uri in
// snap refers to, or nil when the offset is not on a name of a table or
// column of the model. An offset just after a name's last character
// counts as on it (where editors leave the cursor after a double click).
func Resolve(ctx context.Context, snap *workspace.Snapshot, uri string, off int) (*Ref, error) {
	pf, err := snap.Parsed(ctx, uri)
	if err != nil {
		return nil, err
	}
	st := innermost(pf.Stmts, off)
	if st == nil || st.Node == nil {
		return nil, nil
	}
	model, err := snap.Model(ctx)
	if err != nil {
		return nil, err
	}
	i := identAt(st, off-st.Span.Start)
	if i < 0 {
		return nil, nil
	}
	ref := newScope(st, model).resolve(i)
	if ref == nil {
		return nil, nil
	}
	if ref.Column != nil {
		ref.Def = ref.Column.Def
	} else if ref.Def, err = tableDef(ctx, snap, ref.Table); err != nil {
		return nil, err
	}
	return ref, nil
}

// innermost returns the statement holding off, the deepest one when off
// lies in a routine body: body statements are statements of their own.
func innermost(stmts []*syntax.Stmt, off int) *syntax.Stmt {
	var found *syntax.Stmt
	for {
		var next *syntax.Stmt
		for _, st := range stmts {
			if st.Span.Start <= off && off <= st.Span.End {
				next = st
				if off < st.Span.End {
					break
				}
			}
		}
		if next == nil {
			return found
		}
		found, stmts = next, next.Body
	}
}

// identAt returns the index of the identifier lexeme (a word or a quoted
// identifier) of st at or just before the statement-relative offset rel,
// or -1.
func identAt(st *syntax.Stmt, rel int) int {
	toks := st.Lexemes()
	best := -1
	for i, t := range toks {
		if t.Start > rel {
			break
		}
		if rel <= t.End && (t.Kind == syntax.LexWord || t.Kind == syntax.LexQuotedIdent) {
			best = i
		}
	}
	return best
}

// fold returns an identifier lexeme as PostgreSQL reads it: an unquoted
// word lower-cased, a quoted one unquoted.
func fold(text string, t syntax.Lexeme) string {
	s := t.Text(text)
	if t.Kind == syntax.LexQuotedIdent {
		return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`), `""`, `"`)
	}
	return strings.ToLower(s)
}

// tableDef returns where table t is defined: its name in its CREATE TABLE
// statement, or the statement when the name cannot be found.
func tableDef(ctx context.Context, snap *workspace.Snapshot, t *schema.Table) (schema.Location, error) {
	if snap.File(t.Def.URI) == nil {
		return t.Def, nil
	}
	pf, err := snap.Parsed(ctx, t.Def.URI)
	if err != nil {
		return schema.Location{}, err
	}
	if st := pf.StmtAt(t.Def.Span.Start); st != nil {
		if cs := st.Node.GetCreateStmt(); cs != nil && cs.Relation != nil {
			return schema.Location{URI: t.Def.URI, Span: st.NameSpan(cs.Relation.Location)}, nil
		}
	}
	return t.Def, nil
}
