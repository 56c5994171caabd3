package migration

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

// describe renders a set's histories one migration a line:
// "tool dir: version name up=file[spans](tx) down=… verify=…".
func describe(s *Set) string {
	var b strings.Builder
	for _, h := range s.Histories {
		fmt.Fprintf(&b, "%s %s\n", h.Tool, h.Dir)
		for _, m := range h.Migrations {
			fmt.Fprintf(&b, "  %s %s", m.Version, m.Name)
			if m.Repeatable {
				b.WriteString(" repeatable")
			}
			for _, p := range []struct {
				label string
				part  *Part
			}{{"up", m.Up}, {"down", m.Down}, {"verify", m.Verify}} {
				if p.part == nil {
					continue
				}
				fmt.Fprintf(&b, " %s=%s", p.label, baseName(p.part.URI))
				for _, sp := range p.part.Spans {
					fmt.Fprintf(&b, "[%d,%d)", sp.Start, sp.End)
				}
				fmt.Fprintf(&b, "(%s)", p.part.Tx.Mode)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func files(texts map[string]string) []File {
	var fs []File
	for uri, text := range texts {
		fs = append(fs, File{URI: uri, Text: text})
	}
	return fs
}

// disk returns an Options.ReadFile over an in-memory file system.
func disk(files map[string]string) func(string) ([]byte, error) {
	return func(uri string) ([]byte, error) {
		if text, ok := files[uri]; ok {
			return []byte(text), nil
		}
		return nil, fs.ErrNotExist
	}
}

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		opts  Options
		want  string
		order []string
	}{{
		name: "golang-migrate orders versions as numbers and pairs up with down",
		files: map[string]string{
			"db/10_c.up.sql": "SELECT 1;", "db/10_c.down.sql": "SELECT 2;",
			"db/9_b.up.sql": "SELECT 1;", "db/1_a.up.sql": "SELECT 1;", "db/1_a.down.sql": "",
			"db/20_orphan.down.sql": "", "db/README.sql": "",
		},
		want: "golang-migrate db\n" +
			"  1 a up=1_a.up.sql[0,9)(implicit) down=1_a.down.sql[0,0)(implicit)\n" +
			"  9 b up=9_b.up.sql[0,9)(implicit)\n" +
			"  10 c up=10_c.up.sql[0,9)(implicit) down=10_c.down.sql[0,9)(implicit)\n" +
			"  20 orphan down=20_orphan.down.sql[0,0)(implicit)\n",
		order: []string{"db/1_a.up.sql", "db/1_a.down.sql", "db/9_b.up.sql", "db/10_c.up.sql", "db/10_c.down.sql", "db/20_orphan.down.sql", "db/README.sql"},
	}, {
		name: "goose sections, NO TRANSACTION for both directions, timestamps beside sequential numbers",
		files: map[string]string{
			"m/00002_b.sql":             "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- +goose Down\nDROP INDEX i;\n",
			"m/00001_a.sql":             "-- +goose up\n-- +goose StatementBegin\nCREATE TABLE t (a int);\n-- +goose StatementEnd\n",
			"m/20240101000000_ts.sql":   "-- +goose Up\nSELECT 1;\n",
			"m/3_no_markers.sql":        "SELECT 1;\n",
			"m/not_a_migration.sql":     "-- +goose Up\n",
			"m/00004_indented.sql":      "  -- +goose Up\nSELECT 1;\n",
			"m/00005_string_marker.sql": "-- +goose Up\nSELECT '\n-- +goose Down\n';\n",
		},
		want: "goose m\n" +
			"  00001 a up=00001_a.sql[0,85)(wrapped)\n" +
			"  00002 b up=00002_b.sql[25,76)(none) down=00002_b.sql[76,105)(none)\n" +
			"  3 no_markers up=3_no_markers.sql[0,10)(wrapped)\n" +
			"  00004 indented up=00004_indented.sql[0,25)(wrapped)\n" +
			"  00005 string_marker up=00005_string_marker.sql[0,22)(wrapped) down=00005_string_marker.sql[22,40)(wrapped)\n" +
			"  20240101000000 ts up=20240101000000_ts.sql[0,23)(wrapped)\n",
		order: []string{"m/00001_a.sql", "m/00002_b.sql", "m/3_no_markers.sql", "m/00004_indented.sql", "m/00005_string_marker.sql", "m/20240101000000_ts.sql", "m/not_a_migration.sql"},
	}, {
		name: "dbmate options per section, file-name order",
		files: map[string]string{
			"db/migrations/20240102_b.sql": "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n-- migrate:down\nDROP INDEX i;\n",
			"db/migrations/20240101_a.sql": "-- a comment first\n-- migrate:up\nCREATE TABLE t (a int);\n\n-- migrate:down transaction:false\n",
		},
		want: "dbmate db/migrations\n" +
			"  20240101 a up=20240101_a.sql[19,58)(wrapped) down=20240101_a.sql[58,92)(none)\n" +
			"  20240102 b up=20240102_b.sql[0,70)(none) down=20240102_b.sql[70,100)(wrapped)\n",
		order: []string{"db/migrations/20240101_a.sql", "db/migrations/20240102_b.sql"},
	}, {
		name: "flyway: dotted versions segment-wise, undo paired, repeatable last, script config",
		files: map[string]string{
			"sql/V10__j.sql": "", "sql/V2__b.sql": "", "sql/V1.10__x.sql": "", "sql/V1.9__w.sql": "", "sql/V1__a.sql": "",
			"sql/U2__b.sql": "", "sql/R__views.sql": "", "sql/R__a_funcs.sql": "", "sql/V1_11__y.sql": "",
		},
		opts: Options{ReadFile: disk(map[string]string{"sql/V10__j.sql.conf": "# comment\nexecuteInTransaction = false\n"})},
		want: "flyway sql\n" +
			"  1 a up=V1__a.sql[0,0)(unless-non-transactional)\n" +
			"  1.9 w up=V1.9__w.sql[0,0)(unless-non-transactional)\n" +
			"  1.10 x up=V1.10__x.sql[0,0)(unless-non-transactional)\n" +
			"  1_11 y up=V1_11__y.sql[0,0)(unless-non-transactional)\n" +
			"  2 b up=V2__b.sql[0,0)(unless-non-transactional) down=U2__b.sql[0,0)(unless-non-transactional)\n" +
			"  10 j up=V10__j.sql[0,0)(none)\n" +
			"   a_funcs repeatable up=R__a_funcs.sql[0,0)(unless-non-transactional)\n" +
			"   views repeatable up=R__views.sql[0,0)(unless-non-transactional)\n",
		order: []string{"sql/V1__a.sql", "sql/V1.9__w.sql", "sql/V1.10__x.sql", "sql/V1_11__y.sql", "sql/V2__b.sql", "sql/U2__b.sql", "sql/V10__j.sql", "sql/R__a_funcs.sql", "sql/R__views.sql"},
	}, {
		name: "sqitch: plan order, reworked change, verify scripts, a change missing from the workspace",
		files: map[string]string{
			"proj/deploy/users.sql": "", "proj/revert/users.sql": "", "proj/verify/users.sql": "",
			"proj/deploy/users@v1.sql": "", "proj/revert/users@v1.sql": "",
			"proj/deploy/appschema.sql": "", "proj/deploy/schema/widgets.sql": "",
			"proj/deploy/unplanned.sql": "",
		},
		opts: Options{ReadFile: disk(map[string]string{"proj/sqitch.plan": "%syntax-version=1.0.0\n%project=p\n\n" +
			"appschema 2024-01-01T00:00:00Z A <a@x> # schema\n" +
			"users [appschema] 2024-01-02T00:00:00Z A <a@x>\n" +
			"missing 2024-01-02T00:00:00Z A <a@x>\n" +
			"@v1 2024-01-03T00:00:00Z A <a@x> # tag\n" +
			"schema/widgets 2024-01-04T00:00:00Z A <a@x>\n" +
			"users [users@v1] 2024-01-05T00:00:00Z A <a@x> # reworked\n"})},
		want: "sqitch proj\n" +
			"  1 appschema up=appschema.sql[0,0)(none)\n" +
			"  2 users up=users@v1.sql[0,0)(none) down=users@v1.sql[0,0)(none)\n" +
			"  4 schema/widgets up=widgets.sql[0,0)(none)\n" +
			"  5 users up=users.sql[0,0)(none) down=users.sql[0,0)(none) verify=users.sql[0,0)(none)\n",
		order: []string{"proj/deploy/appschema.sql", "proj/deploy/users@v1.sql", "proj/revert/users@v1.sql", "proj/deploy/schema/widgets.sql",
			"proj/deploy/users.sql", "proj/revert/users.sql", "proj/verify/users.sql", "proj/deploy/unplanned.sql"},
	}, {
		name: "sqitch without a plan: deploy scripts in name order",
		files: map[string]string{
			"deploy/b.sql": "", "deploy/a.sql": "", "revert/a.sql": "", "revert/b.sql": "",
		},
		want: "sqitch \n" +
			"  1 a up=a.sql[0,0)(none) down=a.sql[0,0)(none)\n" +
			"  2 b up=b.sql[0,0)(none) down=b.sql[0,0)(none)\n",
		order: []string{"deploy/a.sql", "revert/a.sql", "deploy/b.sql", "revert/b.sql"},
	}, {
		name: "plain: natural order; in a folder named for migrations every file counts",
		files: map[string]string{
			"sql/10_j.sql": "", "sql/2_b.sql": "", "sql/schema.sql": "",
			"x/migrations/2_b.sql": "", "x/migrations/10_c.sql": "", "x/migrations/seed.sql": "",
			"queries/report.sql": "",
		},
		want: "plain sql\n" +
			"  2 b up=2_b.sql[0,0)(none)\n" +
			"  10 j up=10_j.sql[0,0)(none)\n" +
			"plain x/migrations\n" +
			"  2 b up=2_b.sql[0,0)(none)\n" +
			"  10 c up=10_c.sql[0,0)(none)\n" +
			"   seed up=seed.sql[0,0)(none)\n",
		order: []string{"queries/report.sql", "sql/2_b.sql", "sql/10_j.sql", "sql/schema.sql", "x/migrations/2_b.sql", "x/migrations/10_c.sql", "x/migrations/seed.sql"},
	}, {
		name: "configured folder: recursive, tool named, URIs",
		files: map[string]string{
			"file:///w/db/m/001_a.sql":        "SELECT 1;",
			"file:///w/db/m/sub/002_b.sql":    "SELECT 1;",
			"file:///w/db/other/001_x.sql":    "",
			"file:///w/db/m/sub/003_c.up.sql": "",
		},
		opts: Options{Folders: []Folder{{Dir: "db/m", Tool: Goose}}},
		want: "goose file:///w/db/m\n" +
			"  001 a up=001_a.sql[0,9)(wrapped)\n" +
			"  002 b up=002_b.sql[0,9)(wrapped)\n" +
			"  003 c.up up=003_c.up.sql[0,0)(wrapped)\n" +
			"plain file:///w/db/other\n" +
			"  001 x up=001_x.sql[0,0)(none)\n",
		order: []string{"file:///w/db/m/001_a.sql", "file:///w/db/m/sub/002_b.sql", "file:///w/db/m/sub/003_c.up.sql", "file:///w/db/other/001_x.sql"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			s := Read(files(tc.files), tc.opts)
			if got := describe(s); got != tc.want {
				t.Errorf("histories:\n%s\nwant:\n%s", got, tc.want)
			}
			if got := s.Order(); !slices.Equal(got, tc.order) {
				t.Errorf("order:\n%q\nwant:\n%q", got, tc.order)
			}
		})
	}
}

func TestAt(t *testing.T) {
	text := "-- +goose Up\nCREATE TABLE t (a int);\n-- +goose Down\nDROP TABLE t;\n"
	s := Read([]File{{URI: "m/1_a.sql", Text: text}, {URI: "schema.sql"}}, Options{})
	m, p := s.At("m/1_a.sql", strings.Index(text, "DROP"))
	if m == nil || p != m.Down {
		t.Fatalf("At(DROP) = %v, %v; want the down part", m, p)
	}
	if _, p := s.At("m/1_a.sql", strings.Index(text, "CREATE")); p != m.Up || p.Tx.Reason != "goose runs each migration in a transaction" {
		t.Errorf("At(CREATE) = %+v, want the up part run in goose's transaction", p)
	}
	if m, p := s.At("schema.sql", 0); m != nil || p != nil {
		t.Errorf("At(schema.sql) = %v, %v; want nils", m, p)
	}
}

func TestParseFolder(t *testing.T) {
	for in, want := range map[string]Folder{
		"db/migrations":       {Dir: "db/migrations"},
		"goose:db/migrations": {Dir: "db/migrations", Tool: Goose},
		"Flyway:sql":          {Dir: "sql", Tool: Flyway},
		`C:\db\migrations`:    {Dir: `C:\db\migrations`},
		"a/b:c":               {Dir: "a/b:c"},
	} {
		if got, err := ParseFolder(in); err != nil || got != want {
			t.Errorf("ParseFolder(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"liquibase:db": `migrations entry "liquibase:db": unknown tool "liquibase" (want one of golang-migrate, goose, dbmate, flyway, sqitch, plain, or a folder alone)`,
		"goose:":       `migrations entry "goose:" names no folder`,
		"":             "migrations entry is empty: want a folder",
	} {
		if _, err := ParseFolder(in); err == nil || err.Error() != want {
			t.Errorf("ParseFolder(%q) error = %v, want %s", in, err, want)
		}
	}
	if _, err := ReadDisk("file:///nonexistent/sqitch.plan"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDisk of a missing file: %v", err)
	}
}
