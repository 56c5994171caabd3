package lookup

import (
	"context"
	"regexp"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// A Candidate is a name that may be written at the cursor: a table of the
// model, or a column of a table the statement names.
type Candidate struct {
	Name   string         // the label: a table's name (schema-qualified outside public) or a column's
	Insert string         // the text to write: Name, each part double-quoted where it must be
	Table  *schema.Table  // the table, or the column's table
	Column *schema.Column // the column; nil for a table
}

// Complete returns the names that may be written at byte offset off of
// the file at uri in snap:
//
//   - the model's tables after FROM, JOIN, INTO, UPDATE, TABLE (not in
//     CREATE TABLE), REFERENCES, TRUNCATE, ONLY, the ON of CREATE INDEX
//     and CREATE TRIGGER, and a comma of a FROM list;
//   - a schema's tables after "schema.";
//   - the columns of a table after "table." or "alias.";
//   - the columns of the tables the statement names (anywhere in it,
//     aliases resolved) after SELECT, WHERE, ON, SET, AND, OR, BY,
//     HAVING, RETURNING, WHEN, THEN, ELSE, DISTINCT, an operator, or a
//     comma or parenthesis in such a clause;
//   - the columns of the table of a column list: INSERT INTO t (…),
//     REFERENCES t (…), CREATE INDEX … ON t (…).
//
// It reads the lexemes around the cursor and the statement's text, not
// its parse tree, so that it works on the statement being typed, which
// does not parse yet; inside a dollar-quoted routine body it reads the
// body's statement around the cursor. Elsewhere (after a name, in a
// comment or a string, between statements) it returns nothing.
func Complete(ctx context.Context, snap *workspace.Snapshot, uri string, off int) ([]Candidate, error) {
	pf, err := snap.Parsed(ctx, uri)
	if err != nil {
		return nil, err
	}
	text, base, ok := stmtTextAt(pf, off)
	if !ok {
		return nil, nil
	}
	model, err := snap.Model(ctx)
	if err != nil {
		return nil, err
	}
	return complete(model, text, off-base, 0), nil
}

// stmtTextAt returns the text of the statement the cursor at off is in
// and the file offset it starts at: the statement holding off, or the
// last one before off when it has no semicolon yet (the one being typed).
func stmtTextAt(pf *syntax.ParsedFile, off int) (string, int, bool) {
	var st *syntax.Stmt
	for _, s := range pf.Stmts {
		if s.Span.Start > off {
			break
		}
		st = s
	}
	if st == nil || st.Kind != syntax.SQL {
		return "", 0, false
	}
	if off > st.Span.End && strings.HasSuffix(st.Text, ";") {
		return "", 0, false // after the statement's semicolon: a new one, empty so far
	}
	end := max(st.Span.End, off)
	return pf.File.Text[st.Span.Start:end], st.Span.Start, true
}

// maxBodyDepth bounds the nesting of routine bodies complete looks into.
const maxBodyDepth = 4

// complete returns the candidates at offset rel of text, one statement
// (or the text of a routine body).
func complete(model *schema.Model, text string, rel, depth int) []Candidate {
	toks := syntax.Lex(text)
	// The cursor in a comment or a string: nothing, unless the string is
	// a routine body, whose statement around the cursor is looked into.
	for _, t := range toks {
		inside := t.Start < rel && rel < t.End || rel == t.End && unclosed(text, t)
		if !inside {
			continue
		}
		if t.Kind == syntax.LexString && text[t.Start] == '$' && depth < maxBodyDepth {
			open := strings.IndexByte(text[t.Start+1:], '$') + t.Start + 2
			end := t.End
			if tag := text[t.Start:open]; t.End-len(tag) >= open && strings.HasSuffix(text[t.Start:t.End], tag) {
				end = t.End - len(tag)
			}
			if rel < open || rel > end {
				return nil
			}
			body, bodyRel := bodyStmt(text[open:end], rel-open)
			return complete(model, body, bodyRel, depth+1)
		}
		return nil
	}
	c := newCompletion(text, toks, rel)
	return c.candidates(model)
}

// unclosed reports whether lexeme t of text is still open at its end: a line
// comment, or a string or block comment without its closing quote (the
// text ends inside it).
func unclosed(text string, t syntax.Lexeme) bool {
	s := t.Text(text)
	switch t.Kind {
	case syntax.LexComment:
		return strings.HasPrefix(s, "--") || !strings.HasSuffix(s, "*/") || len(s) < 4
	case syntax.LexQuotedIdent:
		return len(s) < 2 || !strings.HasSuffix(s, `"`)
	case syntax.LexString:
		if s[0] == '$' {
			tag := s[:strings.IndexByte(s[1:], '$')+2]
			return len(s) < 2*len(tag) || !strings.HasSuffix(s, tag)
		}
		q := strings.IndexByte(s, '\'')
		return len(s)-q < 2 || !strings.HasSuffix(s, "'")
	}
	return false
}

// bodyStmt returns the statement of a routine body around offset rel:
// the text between the semicolons (outside parentheses) before and after
// it, and rel within that text.
func bodyStmt(body string, rel int) (string, int) {
	start, end, depth := 0, len(body), 0
	for _, t := range syntax.Lex(body) {
		if t.Kind != syntax.LexPunct {
			continue
		}
		switch t.Text(body) {
		case "(":
			depth++
		case ")":
			depth = max(0, depth-1)
		case ";":
			if depth != 0 {
				continue
			}
			if t.End <= rel {
				start = t.End
			} else if t.Start >= rel {
				return body[start:t.Start], rel - start
			}
		}
	}
	return body[start:end], rel - start
}

// A completion is the lexical context of a cursor in one statement.
type completion struct {
	text string
	toks []syntax.Lexeme // comments left out
	prev int             // index in toks of the last token before the word being typed; -1 at the start
}

func newCompletion(text string, all []syntax.Lexeme, rel int) *completion {
	c := &completion{text: text, prev: -1}
	for _, t := range all {
		if t.Kind != syntax.LexComment && t.Kind != syntax.LexMeta {
			c.toks = append(c.toks, t)
		}
	}
	for i, t := range c.toks {
		if t.End > rel || t.End == rel && isIdent(t) {
			break // after the cursor, or the word being typed
		}
		c.prev = i
	}
	return c
}

func isIdent(t syntax.Lexeme) bool {
	return t.Kind == syntax.LexWord || t.Kind == syntax.LexQuotedIdent
}

// word returns token i lower-cased when it is an unquoted word, else "".
func (c *completion) word(i int) string {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != syntax.LexWord {
		return ""
	}
	return strings.ToLower(c.toks[i].Text(c.text))
}

// punct returns token i when it is punctuation, else "".
func (c *completion) punct(i int) string {
	if i < 0 || i >= len(c.toks) || c.toks[i].Kind != syntax.LexPunct {
		return ""
	}
	return c.toks[i].Text(c.text)
}

// tableWords are the words after which a table's name is written.
var tableWords = map[string]bool{
	"from": true, "join": true, "into": true, "update": true, "references": true,
	"truncate": true, "only": true, "table": true,
}

// columnWords are the words after which a column's name may be written.
var columnWords = map[string]bool{
	"select": true, "where": true, "on": true, "set": true, "and": true, "or": true, "not": true,
	"by": true, "having": true, "returning": true, "when": true, "then": true, "else": true,
	"distinct": true,
}

// columnOperators are the operators after which a column's name may be written.
var columnOperators = map[string]bool{
	"=": true, "<": true, ">": true, "<=": true, ">=": true, "<>": true, "!=": true,
	"+": true, "-": true, "/": true, "%": true, "||": true,
}

// candidates returns what may be written after token c.prev.
func (c *completion) candidates(model *schema.Model) []Candidate {
	p := c.prev
	if c.punct(p) == "." {
		if p >= 1 && isIdent(c.toks[p-1]) {
			return c.qualified(model, fold(c.text, c.toks[p-1]))
		}
		return nil
	}
	if w := c.word(p); w != "" {
		switch {
		case c.tableContext(p):
			return tableCandidates(model)
		case w == "table" || w == "only":
			return nil
		case columnWords[w]:
			return c.columnsInScope(model)
		}
		return nil
	}
	switch op := c.punct(p); {
	case op == ",":
		return c.afterComma(model, p)
	case op == "(":
		if t := c.listOwner(model, p); t != nil {
			return columnCandidates(t)
		}
		if c.inColumnClause(p) {
			return c.columnsInScope(model)
		}
	case columnOperators[op]:
		return c.columnsInScope(model)
	}
	return nil
}

// tableContext reports whether the word at i is followed by a table name.
func (c *completion) tableContext(i int) bool {
	w := c.word(i)
	switch {
	case w == "table":
		return c.word(0) != "create" // not the name of a table being created
	case w == "only":
		return i > 0 && (c.word(i-1) == "from" || c.word(i-1) == "table" || c.word(i-1) == "update")
	case tableWords[w]:
		return true
	case w == "on":
		return c.createOn(i)
	}
	return false
}

// createOn reports whether the ON at i is that of CREATE INDEX, CREATE
// TRIGGER or CREATE POLICY, which names a table.
func (c *completion) createOn(i int) bool {
	if c.word(0) != "create" {
		return false
	}
	what := false
	for k := 1; k < i; k++ {
		switch c.word(k) {
		case "index", "trigger", "policy":
			what = true
		case "on":
			return false // only the first ON
		}
	}
	return what
}

// afterComma returns the candidates after the comma at i: tables in a
// FROM list, columns in a column list or a clause that lists columns.
func (c *completion) afterComma(model *schema.Model, i int) []Candidate {
	depth := 0
	for k := i - 1; k >= 0; k-- {
		switch c.punct(k) {
		case ")":
			depth++
			continue
		case "(":
			if depth > 0 {
				depth--
				continue
			}
			if t := c.listOwner(model, k); t != nil {
				return columnCandidates(t)
			}
			if c.inColumnClause(k) {
				return c.columnsInScope(model)
			}
			return nil
		}
		if depth > 0 {
			continue
		}
		w := c.word(k)
		switch {
		case w == "from":
			return tableCandidates(model)
		case columnWords[w]:
			return c.columnsInScope(model)
		case clauseWords[w] || tableWords[w]:
			return nil
		}
	}
	return nil
}

// clauseWords start clauses that list neither tables nor columns.
var clauseWords = map[string]bool{
	"values": true, "limit": true, "offset": true, "into": true, "join": true, "using": true,
	"with": true, "as": true, "window": true, "union": true, "intersect": true, "except": true,
}

// inColumnClause reports whether the token at i lies in a clause that
// names columns (SELECT list, WHERE, ON, SET, GROUP BY, …), looking back
// through enclosing parentheses.
func (c *completion) inColumnClause(i int) bool {
	depth := 0
	for k := i - 1; k >= 0; k-- {
		switch c.punct(k) {
		case ")":
			depth++
			continue
		case "(":
			depth = max(0, depth-1)
			continue
		}
		if depth > 0 {
			continue
		}
		w := c.word(k)
		if columnWords[w] {
			return !(w == "on" && c.createOn(k))
		}
		if tableWords[w] || clauseWords[w] {
			return false
		}
	}
	return false
}

// listOwner returns the table whose column list opens with the
// parenthesis at i: INSERT INTO t (, REFERENCES t (, CREATE INDEX … ON t
// [USING method] (, or nil.
func (c *completion) listOwner(model *schema.Model, i int) *schema.Table {
	k := i - 1
	if k >= 2 && c.word(k-1) == "using" {
		k -= 2
	}
	end := k
	for k >= 2 && c.punct(k-1) == "." && isIdent(c.toks[k-2]) {
		k -= 2
	}
	if k < 1 || end < 0 || !isIdent(c.toks[end]) || !c.tableContext(k-1) || c.word(k-1) == "from" || c.word(k-1) == "join" {
		return nil
	}
	return model.Table(c.name(k, end))
}

// name returns the possibly qualified name of tokens from through to.
func (c *completion) name(from, to int) schema.Name {
	var parts []string
	for k := from; k <= to; k += 2 {
		parts = append(parts, fold(c.text, c.toks[k]))
	}
	n := schema.Name{Object: parts[len(parts)-1]}
	if len(parts) > 1 {
		n.Schema = parts[len(parts)-2]
	}
	return n
}

// qualified returns the candidates after "q.": the columns of the table
// q stands for in the statement (an alias, or a table's name), else the
// tables of the schema q.
func (c *completion) qualified(model *schema.Model, q string) []Candidate {
	for _, r := range c.tableRefs(model) {
		if r.alias == q {
			return columnCandidates(r.table)
		}
	}
	for _, r := range c.tableRefs(model) {
		if r.alias == "" && r.table.Name.Object == q {
			return columnCandidates(r.table)
		}
	}
	var out []Candidate
	for _, t := range model.Tables() {
		if t.Name.Schema == q || q == "public" && t.Name.Schema == "" {
			out = append(out, Candidate{Name: t.Name.Object, Insert: quoteIdent(t.Name.Object), Table: t})
		}
	}
	return out
}

// columnsInScope returns the columns of every table the statement names,
// in the order it names them.
func (c *completion) columnsInScope(model *schema.Model) []Candidate {
	var out []Candidate
	seen := map[*schema.Table]bool{}
	for _, r := range c.tableRefs(model) {
		if !seen[r.table] {
			seen[r.table] = true
			out = append(out, columnCandidates(r.table)...)
		}
	}
	return out
}

// A tableRef is a table the statement names, with its alias if any.
type tableRef struct {
	table *schema.Table
	alias string
}

// notAlias are the words that may follow a table reference and are not
// its alias.
var notAlias = map[string]bool{
	"where": true, "join": true, "inner": true, "left": true, "right": true, "full": true,
	"cross": true, "natural": true, "on": true, "using": true, "group": true, "order": true,
	"limit": true, "offset": true, "having": true, "window": true, "union": true, "intersect": true,
	"except": true, "returning": true, "set": true, "values": true, "select": true, "default": true,
	"for": true, "fetch": true, "tablesample": true, "as": true, "lateral": true, "overriding": true,
	"do": true, "with": true, "from": true, "only": true, "execute": true,
	"restart": true, "continue": true, "cascade": true, "restrict": true, "add": true, "alter": true,
	"drop": true, "rename": true, "owner": true, "enable": true, "disable": true, "validate": true,
	"attach": true, "detach": true, "inherit": true, "no": true, "cluster": true, "reset": true,
}

// tableRefs returns the model's tables that the statement names after
// FROM (and the commas of its list), JOIN, UPDATE, INTO, TABLE, ONLY,
// REFERENCES, TRUNCATE and CREATE INDEX … ON, with their aliases.
func (c *completion) tableRefs(model *schema.Model) []tableRef {
	var out []tableRef
	fromDepth := -1 // the depth of the FROM list being read, or -1
	depth := 0
	for i := 0; i < len(c.toks); i++ {
		switch c.punct(i) {
		case "(":
			depth++
			continue
		case ")":
			depth--
			if depth < fromDepth {
				fromDepth = -1
			}
			continue
		}
		start := -1
		switch w := c.word(i); {
		case c.punct(i) == "," && depth == fromDepth:
			start = i + 1
		case w == "from":
			fromDepth = depth
			start = i + 1
		case c.tableContext(i) && w != "only":
			if w != "join" {
				fromDepth = -1
			}
			start = i + 1
		case w != "" && (clauseWords[w] || w == "where" || w == "group" || w == "order" || w == "having" || w == "returning" || w == "set" || w == "on"):
			if depth == fromDepth {
				fromDepth = -1
			}
		}
		if start < 0 {
			continue
		}
		for start < len(c.toks) && (c.word(start) == "only" || c.word(start) == "lateral") {
			start++
		}
		if start >= len(c.toks) || !isIdent(c.toks[start]) || c.toks[start].Kind == syntax.LexWord && notAlias[c.word(start)] {
			continue
		}
		end := start
		for end+2 < len(c.toks) && c.punct(end+1) == "." && isIdent(c.toks[end+2]) {
			end += 2
		}
		t := model.Table(c.name(start, end))
		if t == nil {
			continue
		}
		r := tableRef{table: t}
		a := end + 1
		if c.word(a) == "as" {
			a++
		}
		if a < len(c.toks) && isIdent(c.toks[a]) && !(c.toks[a].Kind == syntax.LexWord && notAlias[c.word(a)]) {
			r.alias = fold(c.text, c.toks[a])
		}
		out = append(out, r)
	}
	return out
}

// tableCandidates returns every table of the model, in creation order.
func tableCandidates(model *schema.Model) []Candidate {
	var out []Candidate
	for _, t := range model.Tables() {
		insert := quoteIdent(t.Name.Object)
		if t.Name.Key() != t.Name.Object {
			insert = quoteIdent(t.Name.Schema) + "." + insert
		}
		out = append(out, Candidate{Name: t.Name.Key(), Insert: insert, Table: t})
	}
	return out
}

// columnCandidates returns the columns of t, in order.
func columnCandidates(t *schema.Table) []Candidate {
	out := make([]Candidate, 0, len(t.Columns))
	for _, col := range t.Columns {
		out = append(out, Candidate{Name: col.Name, Insert: quoteIdent(col.Name), Table: t, Column: col})
	}
	return out
}

// plainIdent matches the identifiers that need no quotes.
var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// reservedWords are PostgreSQL's reserved key words, which an identifier
// can only be written as when quoted.
var reservedWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric both case cast check
		collate column constraint create current_catalog current_date current_role current_time
		current_timestamp current_user default deferrable desc distinct do else end except false fetch
		for foreign from grant group having in initially intersect into lateral leading limit localtime
		localtimestamp not null offset on only or order placing primary references returning select
		session_user some symmetric system_user table then to trailing true union unique user using
		variadic when where window with`) {
		m[w] = true
	}
	return m
}()

// quoteIdent returns name as it must be written in SQL: as is when it is
// a plain lower-case identifier, else double-quoted.
func quoteIdent(name string) string {
	if plainIdent.MatchString(name) && !reservedWords[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// TypeName returns a column type as people write it ("bigint" for the
// model's "int8"), for labels.
func TypeName(t string) string { return typeName(t) }
