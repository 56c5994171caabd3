package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// MoneyFloat reports money-like columns declared with a binary
// floating-point type.
var MoneyFloat = &diagnostics.Rule{
	ID:       "money-float",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "v0.1.0",
	Doc: diagnostics.Doc{
		Summary: "Money stored in a floating-point column",
		Why: "`REAL`, `DOUBLE PRECISION` and `FLOAT` are binary floating point: they cannot represent 0.10 " +
			"exactly, so sums and comparisons of prices drift by fractions of a cent, and `0.1 + 0.2 = 0.3` " +
			"is false. Money needs exact decimal arithmetic: `NUMERIC`/`DECIMAL` with a fixed scale (or an " +
			"integer number of cents). The rule looks at columns whose name has a money word in it (price, " +
			"amount, total, cost, balance, fee, salary, tax, subtotal, revenue, payment, …) and ignores " +
			"names that say they measure something else (rate, ratio, weight, score, …).",
		Bad:    "CREATE TABLE orders (id bigint PRIMARY KEY, total_amount float8);",
		Good:   "CREATE TABLE orders (id bigint PRIMARY KEY, total_amount DECIMAL(10, 2));",
		Fix:    "Replaces the type with `DECIMAL(10, 2)`, keeping the rest of the column definition. Widen the precision if amounts can exceed 99,999,999.99. On a populated table the change rewrites it.",
		Ignore: "Scientific or statistical values that only look like money by name (an estimated `cost` in a query planner model).",
	},
	Run: runMoneyFloat,
}

// moneyWords are name words that say a column holds an amount of money.
var moneyWords = []string{
	"price", "prices", "amount", "amounts", "total", "totals", "cost", "costs", "balance", "fee", "fees",
	"salary", "salaries", "tax", "taxes", "subtotal", "revenue", "payment", "payments", "wage", "wages",
	"budget", "income", "expense", "expenses", "refund", "discount", "charge", "charges", "money", "cash",
	"profit", "commission", "fare", "bonus", "payout", "debit", "credit", "spend", "tip", "msrp", "vat",
}

// notMoneyWords are name words that say a number measures something else.
var notMoneyWords = []string{
	"rate", "ratio", "percent", "percentage", "pct", "weight", "score", "count", "distance", "height",
	"width", "length", "lat", "lng", "latitude", "longitude", "duration", "seconds", "ms", "size", "factor",
}

func isMoneyName(settings diagnostics.Settings, name string) bool {
	return (hasWord(name, moneyWords...) || hasWord(name, settings.MoneyWords...)) && !hasWord(name, notMoneyWords...)
}

func isFloatType(tn *syntax.TypeName) bool {
	switch syntax.TypeBase(tn) {
	case "float4", "float8", "float", "real", "double precision":
		return true
	}
	return false
}

func runMoneyFloat(pass *diagnostics.Pass) {
	for col := range eachColumn(pass.Stmt) {
		tn := col.Def.TypeName
		if tn == nil || !isFloatType(tn) || !isMoneyName(pass.Settings, col.Name) {
			continue
		}
		span := pass.Stmt.TypeSpan(tn)
		replacement := "DECIMAL(10, 2)"
		if syntax.IsArray(tn) {
			replacement += "[]"
		}
		pass.Report(diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q stores money as %s, which cannot represent cents exactly",
				col.Name, pass.File.Text[span.Start:span.End]),
			Fixes: []diagnostics.Fix{edit.Fix("Use "+replacement, edit.ReplaceTokens(pass.File, span, replacement))},
		})
	}
}
