package schema_test

import (
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// TestDropOtherObjects replays DROP statements whose objects are not
// lists of names (functions, schemas, types, casts); they must neither
// panic nor drop a table.
func TestDropOtherObjects(t *testing.T) {
	m := buildFiles(t, source.NewFile("001.sql", 0, `CREATE TABLE users (id bigint PRIMARY KEY);
DROP FUNCTION IF EXISTS users(int);
DROP SCHEMA users;
DROP TYPE users;
DROP CAST (text AS users);
DROP TABLE IF EXISTS missing, other.missing;
`))
	if m.Table(schema.Name{Object: "users"}) == nil {
		t.Error("table users was dropped by a DROP of another kind of object")
	}
}

// TestDropByDefaultName drops constraints and indexes that were declared
// without a name by the names PostgreSQL gives them.
func TestDropByDefaultName(t *testing.T) {
	long := strings.Repeat("a", 40)
	col := strings.Repeat("b", 40)
	m := buildFiles(t,
		source.NewFile("001.sql", 0, `CREATE TABLE users (id bigint PRIMARY KEY, email text UNIQUE);
CREATE TABLE orders (
  id bigint,
  user_id bigint REFERENCES users,
  shop_id bigint,
  region text,
  PRIMARY KEY (id),
  FOREIGN KEY (shop_id, region) REFERENCES shops (id, region),
  UNIQUE (shop_id, region)
);
CREATE INDEX ON orders (user_id);
CREATE INDEX ON orders (lower(region), shop_id);
CREATE TABLE `+long+` (`+col+` bigint REFERENCES users);
`),
		source.NewFile("002.sql", 0, `ALTER TABLE users DROP CONSTRAINT users_email_key;
ALTER TABLE orders DROP CONSTRAINT orders_pkey, DROP CONSTRAINT orders_user_id_fkey,
  DROP CONSTRAINT orders_shop_id_region_fkey, DROP CONSTRAINT orders_shop_id_region_key;
DROP INDEX orders_user_id_idx, orders_expr_shop_id_idx;
ALTER TABLE `+long+` DROP CONSTRAINT `+long[:29]+"_"+col[:28]+`_fkey;
`))
	users := m.Table(schema.Name{Object: "users"})
	orders := m.Table(schema.Name{Object: "orders"})
	if len(users.Uniques) != 0 || users.PrimaryKey == nil || users.PrimaryKey.Name != "users_pkey" {
		t.Errorf("users: unique %v, primary key %+v", users.Uniques, users.PrimaryKey)
	}
	if orders.PrimaryKey != nil || len(orders.ForeignKeys) != 0 || len(orders.Uniques) != 0 || len(orders.Indexes) != 0 {
		t.Errorf("orders keeps pk %+v, fks %d, uniques %d, indexes %d", orders.PrimaryKey, len(orders.ForeignKeys), len(orders.Uniques), len(orders.Indexes))
	}
	if fks := m.Table(schema.Name{Object: long}).ForeignKeys; len(fks) != 0 {
		t.Errorf("long-named table keeps its foreign key %q", fks[0].Name)
	}
}
