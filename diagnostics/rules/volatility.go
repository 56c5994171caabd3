package rules

import "github.com/sqlsage/sqlsage/diagnostics/syntax"

// volatileFuncs are functions PostgreSQL marks volatile that appear in
// column defaults (pg_proc.provolatile = 'v'), with those of the
// uuid-ossp and pgcrypto extensions. now(), statement_timestamp() and
// txid_current() are stable, and so safe since PostgreSQL 11.
var volatileFuncs = map[string]bool{
	"random": true, "random_normal": true, "setseed": true,
	"gen_random_uuid": true, "uuidv4": true, "uuidv7": true,
	"uuid_generate_v1": true, "uuid_generate_v1mc": true, "uuid_generate_v4": true,
	"gen_random_bytes": true, "gen_salt": true,
	"clock_timestamp": true, "timeofday": true,
	"nextval": true, "currval": true, "lastval": true, "setval": true,
}

// volatileCall returns the name of the first volatile function that expr
// calls, or "".
func volatileCall(expr *syntax.Node) string {
	name := ""
	syntax.Inspect(expr, func(n *syntax.Node) bool {
		if fc := n.GetFuncCall(); fc != nil && name == "" {
			parts := syntax.Strings(fc.Funcname)
			if f := parts[len(parts)-1]; volatileFuncs[f] {
				name = f
			}
		}
		return name == ""
	})
	return name
}
