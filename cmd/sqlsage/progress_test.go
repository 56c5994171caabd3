package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	if p := newProgress(&buf, 1000, false); p != nil {
		t.Errorf("progress on a non-terminal")
	}
	if p := newProgress(&buf, 10, true); p != nil {
		t.Errorf("progress for 10 files")
	}
	p := newProgress(&buf, 400, true)
	for range 400 {
		p.step()
	}
	p.done()
	out := buf.String()
	if !strings.HasPrefix(out, "\rsqlsage: checked 1/400 files") || !strings.Contains(out, "\rsqlsage: checked 400/400 files") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress output %q", out)
	}
	var nilProgress *progress
	nilProgress.step() // must not panic
	nilProgress.done()
}
