package schema

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// attachIndexes applies ALTER INDEX parent ATTACH PARTITION child: the
// child index becomes part of the parent's partitioned index.
func (m *Model) attachIndexes(at *syntax.AlterTableStmt) {
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AttachPartition {
			continue
		}
		child := RangeVarName(cmd.Def.GetPartitionCmd().GetName())
		m.track.touch(indexKey(child.Object))
		want := Name{Schema: child.Schema, Object: "x"}.Key()
		for _, t := range m.order {
			if (Name{Schema: t.Name.Schema, Object: "x"}).Key() != want {
				continue
			}
			for _, ix := range t.Indexes {
				if ix.Name == child.Object {
					m.track.touch(t.Name.Key())
					ix.Attached = true
				}
			}
		}
	}
}

// indexKeys returns the comparable text of each key of a CREATE INDEX
// (see Index.Keys) and of its WHERE predicate. A plain column key is its
// name; other keys and the predicate are read from the statement's
// lexemes, so that two indexes compare equal when they differ only in
// layout, comments or the case of unquoted words.
//
// columns are the index's key columns as Index.Columns has them; when
// every key is a plain column, keys is columns itself (no copy: renames
// apply to both alike).
func indexKeys(st *syntax.Stmt, is *syntax.IndexStmt, columns []string) (keys []string, predicate string) {
	plain := true
	for _, p := range is.IndexParams {
		e := p.GetIndexElem()
		if !plainKey(e) {
			plain = false
			break
		}
	}
	if plain && is.WhereClause == nil {
		return columns, ""
	}
	keys = make([]string, len(is.IndexParams))
	for i, p := range is.IndexParams {
		e := p.GetIndexElem()
		if plainKey(e) {
			keys[i] = e.Name
		}
	}
	if plain {
		keys = columns
	}
	// The key list is the first parenthesis after the table's name; the
	// predicate follows the first WHERE after it at depth 0.
	toks := st.Lexemes()
	i := st.LexemeAt(int(is.Relation.GetLocation()))
	for i >= 0 && i < len(toks) && toks[i].Text(st.Text) != "(" {
		i++
	}
	if i < 0 || i >= len(toks) {
		return keys, ""
	}
	depth, k, start := 0, 0, i+1
	for i++; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == syntax.LexComment {
			continue
		}
		switch t.Text(st.Text) {
		case "(", "[":
			depth++
			continue
		case ")", "]":
			if depth > 0 {
				depth--
				continue
			}
		case ",":
			if depth > 0 {
				continue
			}
		default:
			continue
		}
		// A comma or the closing parenthesis at depth 0 ends key k.
		if k < len(keys) && keys[k] == "" {
			keys[k] = normalizedText(st, toks[start:i])
		}
		k++
		start = i + 1
		if t := toks[i].Text(st.Text); t == ")" {
			break
		}
	}
	if is.WhereClause == nil {
		return keys, ""
	}
	depth = 0
	for i++; i < len(toks); i++ {
		switch t := toks[i]; {
		case t.Kind == syntax.LexPunct && (t.Text(st.Text) == "(" || t.Text(st.Text) == "["):
			depth++
		case t.Kind == syntax.LexPunct && (t.Text(st.Text) == ")" || t.Text(st.Text) == "]"):
			depth--
		case depth == 0 && t.Is(st.Text, "where"):
			end := len(toks)
			for end > i+1 && (toks[end-1].Kind == syntax.LexComment || toks[end-1].Text(st.Text) == ";") {
				end--
			}
			return keys, normalizedText(st, toks[i+1:end])
		}
	}
	return keys, ""
}

// plainKey reports whether an index element is a plain column in the
// default order: ascending (written or not), nulls last (written or not),
// the default operator class and collation.
func plainKey(e *syntax.IndexElem) bool {
	asc := e.Ordering == syntax.SortByDir_SORTBY_DEFAULT || e.Ordering == syntax.SortByDir_SORTBY_ASC
	nulls := e.NullsOrdering == syntax.SortByNulls_SORTBY_NULLS_DEFAULT || e.NullsOrdering == syntax.SortByNulls_SORTBY_NULLS_LAST
	return e.GetName() != "" && e.Expr == nil && len(e.Collation) == 0 && len(e.Opclass) == 0 && len(e.Opclassopts) == 0 &&
		asc && nulls
}

// normalizedText joins the text of lexemes with single spaces, leaving
// comments out and lower-casing unquoted words, which PostgreSQL folds.
func normalizedText(st *syntax.Stmt, toks []syntax.Lexeme) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == syntax.LexComment {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		text := t.Text(st.Text)
		if t.Kind == syntax.LexWord {
			text = strings.ToLower(text)
		}
		b.WriteString(text)
	}
	return b.String()
}
