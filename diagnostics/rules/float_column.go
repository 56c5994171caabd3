package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// FloatColumn reports columns declared with a binary floating-point type
// whose names say neither money (money-float reports those) nor a measurement.
var FloatColumn = &diagnostics.Rule{
	ID:       "float-column",
	Category: diagnostics.Schema,
	Severity: diagnostics.Info,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Column stored as binary floating point",
		Why: "`REAL`, `DOUBLE PRECISION` and `FLOAT` store binary approximations: 0.1 is kept as " +
			"0.1000000000000000055…, `0.1 + 0.2 = 0.3` is false, sums depend on the order rows are added in, " +
			"and an equality filter or a unique constraint on such a column matches or misses by a rounding " +
			"error. That is the right trade for measurements — coordinates, sensor readings, scores, ratios — " +
			"where a relative error of 1e-15 is noise, and the wrong one for counts, quantities, versions and " +
			"any value that is entered, compared or summed exactly: those need `NUMERIC` (exact decimal) or an " +
			"integer type.\n\n" +
			"The rule reports float columns in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … TYPE` except " +
			"those `money-float` reports (money words such as price or amount), those whose name says they " +
			"measure something (latitude, weight, score, ratio, temperature, duration, `maxlen`, …) and those " +
			"named for their type (`a_real`, `float4col`, or any column of `float8_tbl`), which are there to hold it. It is informational: " +
			"read the finding as a question — is this value exact?",
		Bad:  "CREATE TABLE stock (id bigint PRIMARY KEY, quantity double precision NOT NULL);",
		Good: "CREATE TABLE stock (id bigint PRIMARY KEY, quantity NUMERIC NOT NULL, weight_kg double precision);",
		Fix: "Replaces the type with `NUMERIC`, keeping the rest of the column definition. The fix is offered " +
			"but never applied by `sqlsage fix`: `NUMERIC` arithmetic is exact but slower, results of " +
			"functions and divisions change type, and a measurement is better left as it is.",
		Ignore: "Measurements and statistics whose names the rule does not recognise (`reading`, `mag`), and " +
			"columns read by code that expects `double precision`.",
	},
	Run: runFloatColumn,
}

// measurementWords are name words that say a number measures something,
// for which binary floating point is the right type.
var measurementWords = []string{
	"lat", "lng", "lon", "long", "latitude", "longitude", "altitude", "elevation", "coord", "coords", "x", "y", "z",
	"accuracy", "precision", "error", "speed", "velocity", "acceleration", "angle", "heading", "bearing", "rotation",
	"temperature", "temp", "humidity", "pressure", "mass", "volume", "density", "depth", "radius", "area", "diameter",
	"frequency", "probability", "prob", "confidence", "similarity", "distance", "threshold", "variance", "stddev",
	"deviation", "mean", "avg", "average", "median", "rating", "ratings", "rank", "weight", "weights", "score", "scores",
	"ratio", "rate", "percent", "percentage", "pct", "factor", "size", "width", "height", "length", "duration",
	"seconds", "secs", "ms", "millis", "elapsed", "latency", "load", "lambda", "alpha", "beta", "gamma", "sigma",
	"embedding", "vector", "selectivity", "zoom", "opacity", "scale", "coverage", "len", "random",
}

// measurementStems end words run together without a separator that say a
// measurement: "slmaxlen", "maxwidth", "unitweight".
var measurementStems = []string{"len", "length", "width", "height", "weight", "size", "dist", "distance",
	"temp", "score", "ratio", "factor", "angle", "speed"}

// typeWords start name words that name a floating-point type: a column
// called a_real or float4col, or one of table float4_tbl, is there to
// hold that type.
var typeWords = []string{"float", "double", "real", "dbl", "flt"}

// namesFloatType reports whether a word of name starts with a floating-point type's name.
func namesFloatType(name string) bool {
	for _, w := range nameWords(name) {
		for _, t := range typeWords {
			if strings.HasPrefix(w, t) {
				return true
			}
		}
	}
	return false
}

// isMeasurementName reports whether a column's name says it holds a
// measurement, or names its floating-point type.
func isMeasurementName(name string) bool {
	if namesFloatType(name) {
		return true
	}
	for _, w := range nameWords(name) {
		if slices.Contains(measurementWords, w) {
			return true
		}
		for _, stem := range measurementStems {
			if len(w) > len(stem) && strings.HasSuffix(w, stem) {
				return true
			}
		}
	}
	return false
}

func runFloatColumn(pass *diagnostics.Pass) {
	checkedDown := false
	for col := range eachColumn(pass.Stmt) {
		tn := col.Def.TypeName
		if tn == nil || !isFloatType(tn) || isMoneyName(pass.Settings, col.Name) || isMeasurementName(col.Name) {
			continue
		}
		if !checkedDown {
			if inDownMigration(pass) || namesFloatType(definedTableName(pass.Stmt)) {
				return
			}
			checkedDown = true
		}
		if _, fc, known := finalColumn(pass, col); known && (fc == nil || !isFloatTypeName(fc.Type)) {
			continue // dropped or retyped by a later statement
		}
		span := pass.Stmt.TypeSpan(tn)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q is stored as %s, which holds binary approximations that do not add up or compare exactly",
				col.Name, pass.File.Text[span.Start:span.End]),
		}
		if col.Alter == nil || col.Alter.Subtype == syntax.AlterTableType_AT_AddColumn || col.Def.RawDefault == nil {
			replacement := "NUMERIC"
			if syntax.IsArray(tn) {
				replacement += "[]"
			}
			d.Fixes = []diagnostics.Fix{edit.UnsafeFix("Use "+replacement, edit.ReplaceTokens(pass.File, span, replacement))}
		}
		pass.Report(d)
	}
}

// isFloatTypeName reports whether a schema.Column's type is a binary floating-point type.
func isFloatTypeName(typ string) bool {
	switch modelTypeBase(typ) {
	case "float4", "float8", "float", "real", "double precision":
		return true
	}
	return false
}

// definedTableName returns the name of the table a CREATE TABLE or ALTER TABLE
// statement defines or changes, or "".
func definedTableName(st *syntax.Stmt) string {
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_CreateStmt:
		return n.CreateStmt.GetRelation().GetRelname()
	case *syntax.Node_AlterTableStmt:
		return n.AlterTableStmt.GetRelation().GetRelname()
	}
	return ""
}
