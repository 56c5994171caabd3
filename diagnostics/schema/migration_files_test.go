package schema

import (
	"regexp"
	"testing"
)

func TestIsMigrationFile(t *testing.T) {
	for uri, want := range map[string]bool{
		"db/migrations/001_init.sql":              true,
		"migrations/20240101120000_add_users.sql": true,
		"sql/V2.1__orders.sql":                    true,
		"sql/U3__undo.sql":                        true,
		"db/000042_orders.up.sql":                 true,
		"sqitch/deploy/users.sql":                 true,
		"schema/versioned/v1.2/add_index.sql":     true,
		"db/schema.sql":                           false,
		"queries/reports.sql":                     false,
		"testdata/examples/mysql_dump.sql":        false,
		`C:\proj\db\migrations\0001_create.sql`:   true,
		"db/structure.sql":                        false,
		"db/seeds/demo_data.sql":                  false,
	} {
		if got := IsMigrationFile(uri); got != want {
			t.Errorf("IsMigrationFile(%q) = %v, want %v", uri, got, want)
		}
	}
}

// TestMigrationNameMatchesItsPattern checks the written-out matcher
// against the regular expression it replaces.
func TestMigrationNameMatchesItsPattern(t *testing.T) {
	re := regexp.MustCompile(`(?i)^(\d+[_.-]|[VU]\d+(\.\d+)*__|R__)|\.(up|down)\.sql$`)
	for _, name := range []string{"", "1", "1_", "001_init.sql", "12-x.sql", "3.sql", "V1__a.sql", "v1.2.3__b.sql", "V1.__x", "V__x",
		"U10__undo.sql", "R__views.sql", "r__x", "x.up.sql", "X.DOWN.SQL", "up.sql", "schema.sql", "V1_x.sql", "Vx__", "V1.2_3__x"} {
		if got, want := migrationName(name), re.MatchString(name); got != want {
			t.Errorf("migrationName(%q) = %v, the pattern says %v", name, got, want)
		}
	}
}
