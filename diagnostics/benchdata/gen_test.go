package benchdata

import (
	"strings"
	"testing"
)

func TestSchemaSize(t *testing.T) {
	s := Schema(1600 << 10)
	n := strings.Count(s, ";\n")
	if len(s) < 1600<<10 || n < 18000 || n > 22000 {
		t.Errorf("Schema(1.6 MB) = %d bytes, %d statements; want ≥ 1.6 MB and about 20,000 statements", len(s), n)
	}
}
