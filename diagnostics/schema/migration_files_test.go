package schema

import "testing"

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
