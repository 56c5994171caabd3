package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// RepeatingGroup reports numbered column families (phone1, phone2) and
// text columns that hold lists (tag_ids, tags), which break first normal form.
var RepeatingGroup = &diagnostics.Rule{
	ID:       "repeating-group",
	Category: diagnostics.Schema,
	Severity: diagnostics.Info,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Repeating group in columns or in a list column",
		Why: "`phone1, phone2, phone3` fix how many phones a customer may have — the fourth needs a migration " +
			"— and every query must look in all three (`WHERE phone1 = $1 OR phone2 = $1 OR phone3 = $1`), " +
			"which no single index serves. A text column holding a comma-separated list (`tag_ids = '3,17,42'`) " +
			"is worse: the database cannot check that the ids exist, cannot index the elements, and every " +
			"query parses strings (`WHERE ',' || tag_ids || ',' LIKE '%,17,%'`). Both break first normal form. " +
			"Put the repeated values in rows of a child table (`customer_phones (customer_id, phone)`) or, " +
			"for references, a junction table with foreign keys; for a short list of plain values an array " +
			"column (`text[]`) with a GIN index keeps them indexable.\n\n" +
			"The rule reports a family of two or more columns of one type that differ only by a trailing number and " +
			"include two consecutive numbers (`address_1, address_2`, `phone1, phone2`), once, at its first " +
			"column; and `TEXT` or `VARCHAR` columns named `*_ids`, `tags` or `*_list`. Numbers that are part " +
			"of a name (`sha256`, `ipv4`, `x1, y1, x2, y2` corner coordinates) are not families, nor are generated " +
			"columns (slots derived from a document for indexing). A family of only two is reported when it " +
			"is named for something a row commonly has several of (`phone`, `email`, `address`, `line`, " +
			"`image`, `tag`, …) and its columns are not foreign keys: other pairs may be two roles " +
			"(`entity0, entity1`, `project_id_1, project_id_2`) or two different measures (`unique1, unique2`).",
		Bad: "CREATE TABLE customers (id bigint PRIMARY KEY, phone1 text, phone2 text, phone3 text, tag_ids text);",
		Good: "CREATE TABLE customers (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE customer_phones (customer_id bigint NOT NULL REFERENCES customers (id), phone text NOT NULL,\n" +
			"  PRIMARY KEY (customer_id, phone));\n" +
			"CREATE TABLE posts (id bigint PRIMARY KEY, tags text[] NOT NULL DEFAULT '{}');\n" +
			"CREATE INDEX posts_tags ON posts USING gin (tags);",
		Ignore: "Columns with a fixed, meaningful arity (`home_team_id`/`away_team_id` are better names than " +
			"`team1`/`team2`/`team3`, but a fixed number of teams per match is the model), and imported data kept " +
			"in its source's shape.",
	},
	Run: runRepeatingGroup,
}

// numberedName splits a column name into a stem and a trailing number
// ("address_2" → "address", 2), or reports false.
func numberedName(name string) (stem string, n int, ok bool) {
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == len(name) || len(name)-i > 3 {
		return "", 0, false
	}
	n, _ = strconv.Atoi(name[i:])
	stem = strings.TrimRight(name[:i], "_")
	return strings.ToLower(stem), n, true
}

// notFamilyStems are stems whose numbers are part of a name, or that
// number coordinates of one thing rather than repeat it.
var notFamilyStems = []string{"sha", "md", "ipv", "utf", "int", "float", "base", "oauth",
	"lat", "lng", "lon", "col", "top", "iso", "crc", "fnv", "http"}

// mayBeListName is a cheap test that rules out most names before
// isListName splits them into words.
func mayBeListName(name string) bool {
	return hasSuffixFold(name, "ids") || hasSuffixFold(name, "tags") || hasSuffixFold(name, "list")
}

// isListName reports whether a text column's name says it holds a list.
func isListName(name string) bool {
	w := nameWords(name)
	if len(w) == 0 {
		return false
	}
	switch last := w[len(w)-1]; {
	case last == "ids" && len(w) >= 2, last == "tags", last == "list" && len(w) >= 2:
		return true
	}
	return false
}

func runRepeatingGroup(pass *diagnostics.Pass) {
	st := pass.Stmt
	var down downCheck
	for col := range eachColumn(st) {
		if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
			continue
		}
		stem, _, numbered := numberedName(col.Name)
		list := !numbered && mayBeListName(col.Name) && isTextType(col.Def.TypeName) && isListName(col.Name)
		if !numbered && !list || numbered && (len(stem) < 2 || slices.Contains(notFamilyStems, stem)) {
			continue
		}
		tbl, fc, known := finalColumn(pass, col)
		if !known || fc == nil {
			continue
		}
		var family []string
		if numbered {
			if family = numberedFamily(tbl, stem); len(family) == 0 || family[0] != fc.Name {
				continue // not a family, or reported at its first column
			}
			if columnConstraint(col.Def, syntax.ConstrType_CONSTR_GENERATED) != nil || len(family) == 2 && !isRepeatedPair(tbl, stem, family) {
				continue
			}
		}
		if down.inDown(pass) {
			return
		}
		span := st.LexemeSpan(st.LexemeAt(int(col.Def.Location)))
		var msg string
		if numbered {
			msg = fmt.Sprintf("columns %s repeat one attribute in numbered columns, so a value more needs a migration "+
				"and every lookup must check each column; store them as rows of a child table", strings.Join(quoteAll(family), ", "))
		} else {
			msg = fmt.Sprintf("column %q holds a list in text, so its elements cannot be checked, indexed or joined; "+
				"use a junction table with foreign keys, or an array with a GIN index", col.Name)
		}
		pass.Report(diagnostics.Diagnostic{Span: span, Message: msg})
	}
}

// numberedFamily returns the columns of t, in declaration order, that
// share stem and differ only by a trailing number, when there are at
// least two of them, all of one type, and two of their numbers are
// consecutive. Columns of different types (filler1 text, filler2
// numeric) are different attributes.
func numberedFamily(t *schema.Table, stem string) []string {
	var family []string
	var numbers []int
	typ := ""
	for _, c := range t.Columns {
		if s, n, ok := numberedName(c.Name); ok && s == stem {
			if typ != "" && c.Type != typ {
				return nil
			}
			typ = c.Type
			family = append(family, c.Name)
			numbers = append(numbers, n)
		}
	}
	for _, n := range numbers {
		if slices.Contains(numbers, n+1) {
			return family
		}
	}
	return nil
}

// multiValueWords end the names of attributes that a thing commonly has
// several of: two numbered columns named for one of them are a list
// (phone1, phone2), where two other numbered columns may be two roles or
// two different measures (unique1 and unique2, secret1 and secret2).
var multiValueWords = []string{"phone", "telephone", "mobile", "fax", "email", "mail", "address", "addr",
	"street", "line", "url", "website", "link", "image", "img", "photo", "picture", "pic", "tag", "category",
	"skill", "language", "interest", "hobby", "child", "note", "comment", "attachment", "file", "document",
	"contact", "name", "alias", "option", "choice", "answer", "slot", "column", "field", "value", "item"}

// isRepeatedPair reports whether a family of two numbered columns is a
// list of one attribute: named for something a row commonly has several
// of, and not the two ends of a relationship (entity0 and entity1,
// project_id_1 and project_id_2: references, or named for ids).
func isRepeatedPair(t *schema.Table, stem string, family []string) bool {
	w := nameWords(stem)
	if len(w) == 0 || !slices.Contains(multiValueWords, w[len(w)-1]) {
		return false
	}
	for _, c := range family {
		if inForeignKey(t, c) {
			return false
		}
	}
	return true
}

// quoteAll quotes each name for a message.
func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
}
