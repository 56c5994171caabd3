package syntax

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// QuoteIdent returns name as an SQL identifier, double-quoted when
// PostgreSQL would not read it back unquoted as name: when it has
// characters other than lower-case letters, digits, _ and $, starts with
// a digit or $, or is a keyword other than an unreserved one (PostgreSQL's
// own quote_ident rule).
func QuoteIdent(name string) string {
	plain := name != ""
	for i := 0; i < len(name) && plain; i++ {
		c := name[i]
		plain = c >= 'a' && c <= 'z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '$')
	}
	if plain {
		res, err := pg_query.Scan(name)
		if err != nil || len(res.Tokens) != 1 {
			plain = false
		} else if k := res.Tokens[0].KeywordKind; k != pg_query.KeywordKind_NO_KEYWORD && k != pg_query.KeywordKind_UNRESERVED_KEYWORD {
			plain = false
		}
	}
	if plain {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
