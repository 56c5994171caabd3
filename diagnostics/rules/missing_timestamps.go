package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// MissingTimestamps reports tables without a creation time column.
var MissingTimestamps = &diagnostics.Rule{
	ID:       "missing-timestamps",
	Category: diagnostics.Schema,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Table without a created_at column",
		Why: "When a row was created is the first question of every investigation — which orders came in " +
			"before the bug was fixed, how many accounts signed up last week, what to back-fill — and it cannot " +
			"be recovered afterwards: PostgreSQL keeps no insert time. A `created_at TIMESTAMPTZ NOT NULL " +
			"DEFAULT now()` column costs 8 bytes a row and answers it for good; `updated_at` does the same for " +
			"the last change (keep it current with a trigger, see `updated-at-without-trigger`).\n\n" +
			"The rule reads the workspace's final schema and reports a table that has no column named for its " +
			"creation time (`created_at`, `created`, `created_on`, `creation_date`, `inserted_at`, `date_added`, " +
			"…; `created_by` does not count). It leaves alone junction tables (two foreign keys, see " +
			"`junction-missing-unique`), small lookup tables (no foreign keys, one to three text columns " +
			"besides the key, and a text key, a name such as `*_types` or `*_statuses`, or only label columns " +
			"such as `name` and `state_abbr`: `countries (code, name)`, `genres (id, name)`), tables that " +
			"already record a date or time on insert under another name (`requested_at NOT NULL DEFAULT now()`, " +
			"`deleted_at NOT NULL`, `last_update DEFAULT now()`, a `valid_range tstzrange NOT NULL`) or a time named for the row itself " +
			"(`order_date` in `orders`), tables named for codes or types that reference no other table " +
			"(`release_attribute_type`), tables of nothing but keys and references " +
			"(a subtype's base table; an integer column named for a table of the workspace counts as a " +
			"reference), temporary tables, partitions, and tables that inherit or copy " +
			"their columns from another (`INHERITS`, `LIKE`, `OF type`, `CREATE TABLE … AS`).",
		Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10, 2) NOT NULL);",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10, 2) NOT NULL,\n" +
			"  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());",
		Fix: "Adds `created_at TIMESTAMPTZ NOT NULL DEFAULT now()` — and `updated_at TIMESTAMPTZ NOT NULL " +
			"DEFAULT now()` when the table has no update time column either — as the last columns of the " +
			"`CREATE TABLE`. Existing code that inserts rows needs no change: the default fills them.",
		Ignore: "Tables whose rows are immutable reference data, and tables that record time in another form " +
			"(an event's own `occurred_at`, a ledger's `posted_on`).",
	},
	Run: runMissingTimestamps,
}

// timeColumnWords say, as a word of a column name, that the column holds
// when its row was created or last changed.
var (
	createdWords = []string{"created", "creation", "create", "inserted", "insert", "added"}
	updatedWords = []string{"updated", "update", "modified", "modification", "modify", "changed"}
	// notTimeWords end names that hold who, not when: created_by, modified_user_id.
	notTimeWords = []string{"by", "id", "user", "uid", "who", "author"}
)

// hasTimeColumn reports whether t has a column named with one of words
// that is not a who-column (created_by).
func hasTimeColumn(t *schema.Table, words []string) bool {
	if t.Column(words[0]+"_at") != nil {
		return true // the usual name, found without splitting names into words
	}
	for _, c := range t.Columns {
		w := nameWords(c.Name)
		if len(w) > 0 && hasWord(c.Name, words...) && !hasWord(w[len(w)-1], notTimeWords...) {
			return true
		}
	}
	return false
}

// lookupWords end the names of lookup tables: lists of codes and labels.
var lookupWords = []string{"type", "types", "kind", "kinds", "status", "statuses", "state", "states",
	"category", "categories", "code", "codes", "country", "countries", "currency", "currencies", "language",
	"languages", "locale", "locales", "unit", "units", "level", "levels", "priority", "priorities", "reason",
	"reasons", "gender", "genders", "format", "formats", "mode", "modes", "color", "colors", "colour", "colours",
	"class", "classes"}

// labelWords end the names of the columns of a lookup table besides its key.
var labelWords = []string{"name", "label", "title", "description", "desc", "code", "value", "abbreviation", "abbr",
	"symbol", "slug", "region", "order", "position"}

// isLookupTable reports whether t is a small lookup table: no foreign
// keys, a key (its primary key, and integer id columns) and at most three
// text columns besides it, and either a text primary key (a code) or one
// or more label columns (name, state_abbr, description, …) and nothing else.
func isLookupTable(t *schema.Table) bool {
	if len(t.ForeignKeys) > 0 {
		return false
	}
	isKey := func(c *schema.Column) bool {
		if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c.Name) {
			return true
		}
		w := nameWords(c.Name)
		return len(w) > 0 && w[len(w)-1] == "id" && isIntegerTypeName(c.Type)
	}
	n, keys, textKey, labels := 0, 0, false, true
	for _, c := range t.Columns {
		if isKey(c) {
			keys++
			textKey = textKey || isTextTypeName(c.Type)
			continue
		}
		if n++; n > 3 || !isTextTypeName(c.Type) {
			return false
		}
		w := nameWords(c.Name)
		labels = labels && len(w) > 0 && slices.Contains(labelWords, w[len(w)-1])
	}
	return keys > 0 && (textKey || n > 0 && labels)
}

// isNamedLookup reports whether t's name says it lists codes or types
// (order_statuses, release_attribute_type) and it references no other
// table: reference data, loaded once, dated by its release.
func isNamedLookup(t *schema.Table) bool {
	w := nameWords(t.Name.Object)
	if len(w) == 0 || !slices.Contains(lookupWords, w[len(w)-1]) {
		return false
	}
	for _, fk := range t.ForeignKeys {
		if fk.RefTable.Key() != t.Name.Key() {
			return false
		}
	}
	return true
}

// isIntegerTypeName reports whether a schema.Column's type is an integer type.
func isIntegerTypeName(typ string) bool {
	switch typ {
	case "int2", "int4", "int8", "smallint", "integer", "bigint", "serial", "bigserial", "smallserial",
		"serial2", "serial4", "serial8":
		return true
	}
	return false
}

// recordsInsertTime reports whether t has a column filled with a date or
// time on insert under another name (requested_at NOT NULL DEFAULT now(),
// delete_time NOT NULL, last_update DEFAULT now(), transdate DEFAULT
// current_date), or a time named for the row itself (order_date in
// orders, rental_date in rental): it already tells when a row arrived,
// or is the point of the row.
func recordsInsertTime(settings diagnostics.Settings, t *schema.Table) bool {
	tw := nameWords(t.Name.Object)
	noun := ""
	if len(tw) > 0 {
		noun = singular(tw[len(tw)-1])
	}
	for _, c := range t.Columns {
		typ := modelTypeBase(c.Type)
		timed := isTimestampTypeName(c.Type) || strings.Contains(typ, "timestamp") || strings.Contains(typ, "date") ||
			typ == "tstzrange" || typ == "tsrange" || typ == "daterange" // a validity period: valid_range
		named := isTimeName(settings, c.Name)
		if (timed || named) && (c.NotNull || c.HasDefault) {
			return true
		}
		if cw := nameWords(c.Name); named && len(cw) == 2 && cw[0] == noun {
			return true
		}
	}
	return false
}

// singular returns the singular of an English plural noun, roughly:
// orders → order, addresses → address, categories → category.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 3:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:len(w)-1]
	}
	return w
}

// hasFacts reports whether t has a column that is neither part of its
// primary key nor a reference: a column of a foreign key, or an integer
// or uuid column named for a table of the model (tag, editor_id) whose
// key a script elsewhere declares. A table of keys and references only
// (a subtype's base table, a junction table) records no facts to date.
func hasFacts(m *schema.Model, t *schema.Table) bool {
	for _, c := range t.Columns {
		if t.PrimaryKey != nil && slices.Contains(t.PrimaryKey.Columns, c.Name) || inForeignKey(t, c.Name) {
			continue
		}
		if _, family := keyType(c.Type); (family == "integer" || family == "uuid") && namesTable(m, t, c.Name) {
			continue
		}
		return true
	}
	return false
}

// namesTable reports whether a column name (x or x_id) names a table of
// the model other than t, in t's schema or the default one.
func namesTable(m *schema.Model, t *schema.Table, col string) bool {
	x := strings.TrimSuffix(col, "_id")
	for _, sch := range []string{t.Name.Schema, ""} {
		for _, cand := range referencedCandidates(x) {
			if other := m.Table(schema.Name{Schema: sch, Object: cand}); other != nil && other != t {
				return true
			}
		}
	}
	return false
}

func runMissingTimestamps(pass *diagnostics.Pass) {
	st := pass.Stmt
	cs := st.Node.GetCreateStmt()
	if cs == nil || cs.Relation == nil || cs.Relation.Relpersistence == "t" || cs.Partbound != nil ||
		len(cs.InhRelations) > 0 || cs.OfTypename != nil {
		return
	}
	for _, elt := range cs.TableElts {
		if elt.GetTableLikeClause() != nil {
			return
		}
	}
	tbl := pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start)
	if tbl == nil || tbl.Partition || !hasFacts(pass.Schema, tbl) || hasTimeColumn(tbl, createdWords) || isLookupTable(tbl) || isNamedLookup(tbl) ||
		recordsInsertTime(pass.Settings, tbl) {
		return
	}
	if _, junction := junctionColumns(tbl); junction || inDownMigration(pass) {
		return
	}
	name := st.NameSpan(cs.Relation.Location)
	nameText := pass.File.Text[name.Start:name.End]
	d := diagnostics.Diagnostic{
		Span:    name,
		Message: fmt.Sprintf("table %s has no created_at column, so when its rows were added cannot be told afterwards", nameText),
	}
	cols := []string{"created_at TIMESTAMPTZ NOT NULL DEFAULT now()"}
	if !hasTimeColumn(tbl, updatedWords) {
		cols = append(cols, "updated_at TIMESTAMPTZ NOT NULL DEFAULT now()")
	}
	if edits, ok := appendTableElements(pass, cs, cols); ok {
		title := "Add a created_at column"
		if len(cols) == 2 {
			title = "Add created_at and updated_at columns"
		}
		d.Fixes = []diagnostics.Fix{edit.Fix(title, edits...)}
	}
	pass.Report(d)
}
