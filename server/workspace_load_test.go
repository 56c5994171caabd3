package server

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestLargeWorkspaceLoadsInBackground opens a document in a workspace of
// 5,000 .sql files: its first diagnostics arrive while the workspace is
// still being read (the load is held at its 100th file until they have
// arrived), and once the load ends the document is analysed again
// against all 5,000 tables.
func TestLargeWorkspaceLoadsInBackground(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 5,000 files")
	}
	const files = 5000
	dir := t.TempDir()
	for i := range files {
		sub := filepath.Join(dir, fmt.Sprintf("m%02d", i%50))
		if i < 50 {
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		text := fmt.Sprintf("CREATE TABLE t%d (id bigint PRIMARY KEY, name text);\n", i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%04d.sql", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var loaded atomic.Int64
	release := make(chan struct{})
	c := startServer(t, Options{Engine: defaultEngine(t), loadHook: func(string) {
		if loaded.Add(1) == 100 {
			select {
			case <-release:
			case <-time.After(waitTimeout):
			}
		}
	}})
	start := time.Now()
	c.initialize(string(uri.File(dir)))
	doc := string(uri.File(filepath.Join(dir, "query.sql")))
	c.open(doc, 1, "SELECT tables;")
	first := c.awaitVersion(doc, 1)
	firstAt, during := time.Since(start), loaded.Load()
	close(release)
	if during >= files {
		t.Fatalf("the first diagnostics waited for the whole workspace (%d files read)", during)
	}
	if len(first.Diagnostics) != 1 || first.Diagnostics[0].Message != "tables: " {
		t.Errorf("first diagnostics: %v, want the model without the workspace", summarize(first.Diagnostics))
	}
	mark := c.mark()
	full := c.awaitAfter(mark, "the loaded workspace", func(p protocol.PublishDiagnosticsParams) bool {
		return string(p.URI) == doc && len(p.Diagnostics) == 1 && len(p.Diagnostics[0].RelatedInformation) == files
	})
	t.Logf("first diagnostics after %v (%d of %d files read); all %d tables after %v", firstAt, during, files, files, full.at.Sub(start))
}
