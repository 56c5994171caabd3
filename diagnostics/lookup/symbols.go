package lookup

import (
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A SymbolKind says what kind of object a Symbol is.
type SymbolKind uint8

// Symbol kinds.
const (
	SymbolTable SymbolKind = iota + 1
	SymbolColumn
	SymbolView
	SymbolMaterializedView
	SymbolIndex
	SymbolFunction
	SymbolProcedure
	SymbolTrigger
)

// A Symbol is an object one statement of a file defines: a table (with
// its columns as children), a view, an index, a function or procedure, a
// trigger.
type Symbol struct {
	Kind     SymbolKind
	Name     string      // as PostgreSQL reads it: unquoted parts folded, schema kept when written
	Detail   string      // "table", a column's type, "index on orders", …
	Span     source.Span // the statement (a column: its definition)
	NameSpan source.Span // the name in it; for an unnamed index, its table's name
	Children []Symbol
}

// Symbols returns the objects the statements of pf define, in order:
// CREATE TABLE (and CREATE TABLE AS), CREATE VIEW, CREATE MATERIALIZED
// VIEW, CREATE INDEX, CREATE FUNCTION, CREATE PROCEDURE and CREATE
// TRIGGER. Statements that do not parse define nothing.
func Symbols(pf *syntax.ParsedFile) []Symbol {
	var out []Symbol
	for _, st := range pf.Stmts {
		if st.Node == nil {
			continue
		}
		if sym, ok := stmtSymbol(st); ok {
			out = append(out, sym)
		}
	}
	return out
}

// stmtSymbol returns the object st defines, if any.
func stmtSymbol(st *syntax.Stmt) (Symbol, bool) {
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_CreateStmt:
		cs := n.CreateStmt
		sym := Symbol{Kind: SymbolTable, Name: rangeVarText(cs.Relation), Detail: "table", Span: st.Span, NameSpan: st.NameSpan(cs.Relation.GetLocation())}
		if cs.Partbound != nil && len(cs.InhRelations) > 0 {
			sym.Detail = "partition of " + rangeVarText(cs.InhRelations[0].GetRangeVar())
		}
		for _, e := range cs.TableElts {
			def := e.GetColumnDef()
			if def == nil {
				continue
			}
			sym.Children = append(sym.Children, Symbol{
				Kind:     SymbolColumn,
				Name:     def.Colname,
				Detail:   typeName(syntax.TypeString(def.TypeName)),
				Span:     st.ColumnSpan(def),
				NameSpan: identSpan(st, int(def.Location)),
			})
		}
		return sym, true
	case *syntax.Node_ViewStmt:
		v := n.ViewStmt.View
		return Symbol{Kind: SymbolView, Name: rangeVarText(v), Detail: "view", Span: st.Span, NameSpan: st.NameSpan(v.GetLocation())}, true
	case *syntax.Node_CreateTableAsStmt:
		rel := n.CreateTableAsStmt.GetInto().GetRel()
		if rel == nil {
			return Symbol{}, false
		}
		sym := Symbol{Kind: SymbolTable, Name: rangeVarText(rel), Detail: "table", Span: st.Span, NameSpan: st.NameSpan(rel.Location)}
		if n.CreateTableAsStmt.Objtype == syntax.ObjectType_OBJECT_MATVIEW {
			sym.Kind, sym.Detail = SymbolMaterializedView, "materialized view"
		}
		return sym, true
	case *syntax.Node_IndexStmt:
		ix := n.IndexStmt
		table := rangeVarText(ix.Relation)
		detail := "index on " + table
		if ix.Unique {
			detail = "unique " + detail
		}
		sym := Symbol{Kind: SymbolIndex, Name: ix.Idxname, Detail: detail, Span: st.Span, NameSpan: st.NameSpan(ix.Relation.GetLocation())}
		if ix.Idxname == "" {
			sym.Name = "(unnamed) on " + table
		} else if sp, ok := nameAfter(st, "index", ix.Idxname); ok {
			sym.NameSpan = sp
		}
		return sym, true
	case *syntax.Node_CreateFunctionStmt:
		fs := n.CreateFunctionStmt
		parts := syntax.Strings(fs.Funcname)
		if len(parts) == 0 {
			return Symbol{}, false
		}
		kw, sym := "function", Symbol{Kind: SymbolFunction, Name: joinDots(parts), Detail: "function", Span: st.Span, NameSpan: st.Span}
		if fs.IsProcedure {
			kw, sym.Kind, sym.Detail = "procedure", SymbolProcedure, "procedure"
		}
		if sp, ok := nameAfter(st, kw, parts[len(parts)-1]); ok {
			sym.NameSpan = sp
		}
		return sym, true
	case *syntax.Node_CreateTrigStmt:
		tr := n.CreateTrigStmt
		sym := Symbol{Kind: SymbolTrigger, Name: tr.Trigname, Detail: "trigger on " + rangeVarText(tr.Relation), Span: st.Span, NameSpan: st.Span}
		if sp, ok := nameAfter(st, "trigger", tr.Trigname); ok {
			sym.NameSpan = sp
		}
		return sym, true
	}
	return Symbol{}, false
}

// rangeVarText is a table name as the statement qualifies it, folded.
func rangeVarText(rv *syntax.RangeVar) string {
	if rv == nil {
		return ""
	}
	if rv.Schemaname != "" {
		return rv.Schemaname + "." + rv.Relname
	}
	return rv.Relname
}

func joinDots(parts []string) string {
	s := parts[0]
	for _, p := range parts[1:] {
		s += "." + p
	}
	return s
}

// identSpan returns the file span of the identifier lexeme at the
// statement-relative offset rel, or an empty span there.
func identSpan(st *syntax.Stmt, rel int) source.Span {
	if i := st.LexemeAt(rel); i >= 0 && st.Lexemes()[i].Start == rel {
		return st.LexemeSpan(i)
	}
	return source.Span{Start: st.Span.Start + rel, End: st.Span.Start + rel}
}

// nameAfter returns the file span of the possibly qualified name whose
// last part folds to name, the first after the keyword kw (the name of
// an index, function or trigger, which the parse tree does not locate).
func nameAfter(st *syntax.Stmt, kw, name string) (source.Span, bool) {
	toks := st.Lexemes()
	after := false
	for i, t := range toks {
		if !after {
			after = t.Is(st.Text, kw)
			continue
		}
		if t.Kind != syntax.LexWord && t.Kind != syntax.LexQuotedIdent {
			continue
		}
		// The start of a dotted chain: its last part must be the name.
		span := st.NameSpan(int32(t.Start))
		last := i
		for last+2 < len(toks) && st.Span.Start+toks[last].End < span.End {
			last += 2
		}
		if fold(st.Text, toks[last]) == name {
			return span, true
		}
		if t.Is(st.Text, "on") || t.Is(st.Text, "as") || t.Is(st.Text, "returns") {
			return source.Span{}, false
		}
	}
	return source.Span{}, false
}
