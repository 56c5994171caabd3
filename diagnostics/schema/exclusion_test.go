package schema_test

import (
	"slices"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestExclusionConstraints(t *testing.T) {
	m := buildFiles(t, source.NewFile("a.sql", 0, `CREATE TABLE bookings (
  id bigint PRIMARY KEY,
  room_id bigint NOT NULL,
  during tstzrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
);
CREATE TABLE slots (s int, EXCLUDE (s WITH =) WHERE (s > 0));
ALTER TABLE bookings RENAME COLUMN room_id TO room;
`), source.NewFile("b.sql", 0, `ALTER TABLE slots DROP CONSTRAINT slots_s_excl;`))
	bookings := m.Table(schema.Name{Object: "bookings"})
	if len(bookings.Exclusions) != 1 || len(bookings.Indexes) != 0 {
		t.Fatalf("bookings: %d exclusions, %d indexes; want 1 and 0", len(bookings.Exclusions), len(bookings.Indexes))
	}
	ex := bookings.Exclusions[0]
	if ex.Name != "bookings_no_overlap" || ex.Method != "gist" || !slices.Equal(ex.Columns, []string{"room", "during"}) || ex.Partial {
		t.Errorf("exclusion = %s %s %v partial=%v, want bookings_no_overlap gist [room during] (renamed column) not partial", ex.Name, ex.Method, ex.Columns, ex.Partial)
	}
	if slots := m.Table(schema.Name{Object: "slots"}); len(slots.Exclusions) != 0 {
		t.Errorf("slots: exclusion %s survived DROP CONSTRAINT by its default name", slots.Exclusions[0].Name)
	}
}
