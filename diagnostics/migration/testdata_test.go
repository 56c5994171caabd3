package migration

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readTestdata reads the SQL files of testdata/migrations/<tool> with
// paths relative to testdata/migrations as URIs.
func readTestdata(t *testing.T, tool string) *Set {
	t.Helper()
	root := filepath.Join("..", "..", "testdata", "migrations")
	var sqlFiles []File
	err := filepath.WalkDir(filepath.Join(root, tool), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		sqlFiles = append(sqlFiles, File{URI: filepath.ToSlash(rel), Text: string(data)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return Read(sqlFiles, Options{ReadFile: func(uri string) ([]byte, error) { return os.ReadFile(filepath.Join(root, uri)) }})
}

// outline renders a history one migration a line: version, name, the
// up and down files, and the up part's transaction mode.
func outline(s *Set) string {
	var b strings.Builder
	for _, h := range s.Histories {
		fmt.Fprintf(&b, "%s %s\n", h.Tool, h.Dir)
		for _, m := range h.Migrations {
			down := "-"
			if m.Down != nil {
				down = baseName(m.Down.URI)
			}
			fmt.Fprintf(&b, "%s %s %s %s %s\n", m.Version, m.Name, baseName(m.Up.URI), down, m.Up.Tx.Mode)
		}
	}
	return b.String()
}

func TestTestdata(t *testing.T) {
	for tool, want := range map[string]string{
		"golang-migrate": `golang-migrate golang-migrate
000001 create_users 000001_create_users.up.sql 000001_create_users.down.sql implicit
000002 create_products 000002_create_products.up.sql 000002_create_products.down.sql implicit
000003 create_orders 000003_create_orders.up.sql 000003_create_orders.down.sql implicit
000004 create_order_items 000004_create_order_items.up.sql 000004_create_order_items.down.sql implicit
000005 add_users_phone 000005_add_users_phone.up.sql 000005_add_users_phone.down.sql implicit
000006 index_orders_user_id 000006_index_orders_user_id.up.sql 000006_index_orders_user_id.down.sql implicit
000007 order_items_product_fk 000007_order_items_product_fk.up.sql - implicit
000008 add_orders_status 000008_add_orders_status.up.sql 000008_add_orders_status.down.sql implicit
000009 rename_products_title 000009_rename_products_title.up.sql 000009_rename_products_title.down.sql implicit
000010 index_products_name 000010_index_products_name.up.sql 000010_index_products_name.down.sql implicit
`,
		"goose": `goose goose
20240105093000 create_users 20240105093000_create_users.sql 20240105093000_create_users.sql wrapped
20240105094512 create_products 20240105094512_create_products.sql 20240105094512_create_products.sql wrapped
20240112161003 create_orders 20240112161003_create_orders.sql 20240112161003_create_orders.sql wrapped
20240112161540 create_order_items 20240112161540_create_order_items.sql 20240112161540_create_order_items.sql wrapped
20240203080000 add_users_phone 20240203080000_add_users_phone.sql 20240203080000_add_users_phone.sql wrapped
20240203081500 index_orders_user_id 20240203081500_index_orders_user_id.sql 20240203081500_index_orders_user_id.sql wrapped
20240219120000 order_items_product_fk 20240219120000_order_items_product_fk.sql - wrapped
20240301090000 add_orders_status 20240301090000_add_orders_status.sql 20240301090000_add_orders_status.sql wrapped
20240415173000 rename_products_title 20240415173000_rename_products_title.sql 20240415173000_rename_products_title.sql wrapped
20240502101010 index_products_name 20240502101010_index_products_name.sql 20240502101010_index_products_name.sql none
`,
		"dbmate": `dbmate dbmate/db/migrations
20240105093000 create_users 20240105093000_create_users.sql 20240105093000_create_users.sql wrapped
20240105094512 create_products 20240105094512_create_products.sql 20240105094512_create_products.sql wrapped
20240112161003 create_orders 20240112161003_create_orders.sql 20240112161003_create_orders.sql wrapped
20240112161540 create_order_items 20240112161540_create_order_items.sql 20240112161540_create_order_items.sql wrapped
20240203080000 add_users_phone 20240203080000_add_users_phone.sql 20240203080000_add_users_phone.sql wrapped
20240203081500 index_orders_user_id 20240203081500_index_orders_user_id.sql 20240203081500_index_orders_user_id.sql wrapped
20240219120000 order_items_product_fk 20240219120000_order_items_product_fk.sql 20240219120000_order_items_product_fk.sql wrapped
20240301090000 add_orders_status 20240301090000_add_orders_status.sql 20240301090000_add_orders_status.sql wrapped
20240415173000 rename_products_title 20240415173000_rename_products_title.sql 20240415173000_rename_products_title.sql wrapped
20240502101010 index_products_name 20240502101010_index_products_name.sql 20240502101010_index_products_name.sql none
`,
		"flyway": `flyway flyway/db/migration
1 create_users V1__create_users.sql U1__create_users.sql unless-non-transactional
2 create_products V2__create_products.sql U2__create_products.sql unless-non-transactional
3 create_orders V3__create_orders.sql U3__create_orders.sql unless-non-transactional
4 create_order_items V4__create_order_items.sql U4__create_order_items.sql unless-non-transactional
5 add_users_phone V5__add_users_phone.sql U5__add_users_phone.sql unless-non-transactional
6 index_orders_user_id V6__index_orders_user_id.sql U6__index_orders_user_id.sql unless-non-transactional
7 order_items_product_fk V7__order_items_product_fk.sql - unless-non-transactional
8 add_orders_status V8__add_orders_status.sql U8__add_orders_status.sql unless-non-transactional
9 rename_products_title V9__rename_products_title.sql U9__rename_products_title.sql unless-non-transactional
10 index_products_name V10__index_products_name.sql U10__index_products_name.sql none
 order_totals_view R__order_totals_view.sql - unless-non-transactional
`,
		"sqitch": `sqitch sqitch
1 create_users create_users.sql create_users.sql none
2 create_products create_products.sql create_products.sql none
3 create_orders create_orders.sql create_orders.sql none
4 create_order_items create_order_items.sql create_order_items.sql none
5 add_users_phone add_users_phone.sql add_users_phone.sql none
6 index_orders_user_id index_orders_user_id.sql index_orders_user_id.sql none
7 order_items_product_fk order_items_product_fk.sql - none
8 add_orders_status add_orders_status.sql add_orders_status.sql none
9 rename_products_title rename_products_title.sql rename_products_title.sql none
10 index_products_name index_products_name.sql index_products_name.sql none
`,
		"plain": `plain plain
1 create_users 1_create_users.sql - none
2 create_products 2_create_products.sql - none
3 create_orders 3_create_orders.sql - none
4 create_order_items 4_create_order_items.sql - none
5 add_users_phone 5_add_users_phone.sql - none
6 index_orders_user_id 6_index_orders_user_id.sql - none
7 order_items_product_fk 7_order_items_product_fk.sql - none
8 add_orders_status 8_add_orders_status.sql - none
9 rename_products_title 9_rename_products_title.sql - none
10 index_products_name 10_index_products_name.sql - none
`,
	} {
		t.Run(tool, func(t *testing.T) {
			s := readTestdata(t, tool)
			if got := outline(s); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			// Every file belongs to the history, and the order lists each once.
			seen := make(map[string]bool)
			for _, uri := range s.Order() {
				if seen[uri] || s.Migrations(uri) == nil {
					t.Errorf("order: %s twice or outside the history", uri)
				}
				seen[uri] = true
			}
		})
	}
}

// TestTestdataSections checks the transaction of down sections and of
// the files whose tool sees them in a transaction: the parts the
// concurrent-in-transaction rule will ask about.
func TestTestdataSections(t *testing.T) {
	goose := readTestdata(t, "goose")
	m := goose.Histories[0].Migrations[9]
	if m.Down.Tx != (Transaction{Mode: TxNone, Reason: "-- +goose NO TRANSACTION"}) {
		t.Errorf("goose NO TRANSACTION down part: %+v", m.Down.Tx)
	}
	dbmate := readTestdata(t, "dbmate")
	m = dbmate.Histories[0].Migrations[9]
	if m.Up.Tx.Reason != "-- migrate:up transaction:false" || m.Down.Tx.Mode != TxNone {
		t.Errorf("dbmate transaction:false: up %+v, down %+v", m.Up.Tx, m.Down.Tx)
	}
	if m := dbmate.Histories[0].Migrations[6]; m.Down == nil || m.Down.Spans[0].Len() != len("-- migrate:down\n") {
		t.Errorf("dbmate empty down section: %+v", m.Down)
	}
	flyway := readTestdata(t, "flyway")
	if m := flyway.Histories[0].Migrations[9]; m.Up.Tx.Reason != "executeInTransaction=false in V10__index_products_name.sql.conf" {
		t.Errorf("flyway script config: %+v", m.Up.Tx)
	}
	sqitch := readTestdata(t, "sqitch")
	if m := sqitch.Histories[0].Migrations[0]; m.Verify == nil || m.Verify.URI != "sqitch/verify/create_users.sql" {
		t.Errorf("sqitch verify script: %+v", m.Verify)
	}
}
