package source

import (
	"errors"
	"testing"
)

func TestPositionMapping(t *testing.T) {
	// Line 1 holds é (2 bytes, 1 unit), 日本 (3 bytes each, 1 unit each) and
	// 😀 (4 bytes, 2 units) before the word "bad".
	text := "SELECT 1;\r\nSELECT 'é日本😀' bad;\nlast"
	f := NewFile("t.sql", 1, text)
	bad := len("SELECT 1;\r\nSELECT 'é日本😀' ")
	tests := []struct {
		off, line, col int
	}{
		{0, 0, 0},
		{9, 0, 9},
		{11, 1, 0},                   // after CRLF
		{11 + len("SELECT '"), 1, 8}, // é
		{11 + len("SELECT 'é"), 1, 9},
		{11 + len("SELECT 'é日本"), 1, 11}, // emoji
		{bad, 1, 15},
		{len(text), 2, 4},
	}
	for _, tt := range tests {
		line, col := f.OffsetPosition(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("OffsetPosition(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
		off, err := f.PositionOffset(tt.line, tt.col)
		if err != nil || off != tt.off {
			t.Errorf("PositionOffset(%d:%d) = %d, %v; want %d", tt.line, tt.col, off, err, tt.off)
		}
	}
	if l, c := f.OffsetRuneColumn(bad); l != 2 || c != 15 {
		t.Errorf("OffsetRuneColumn(bad) = %d:%d, want 2:15", l, c)
	}
	if off := f.RuneColumnOffset(2, 15); off != bad {
		t.Errorf("RuneColumnOffset(2, 15) = %d, want %d", off, bad)
	}
	// A column inside the surrogate pair maps to the emoji's start.
	if off, _ := f.PositionOffset(1, 12); off != 11+len("SELECT 'é日本") {
		t.Errorf("PositionOffset inside surrogate pair = %d", off)
	}
	// Past the end of a line: clamped to the line end, with an error.
	if off, err := f.PositionOffset(0, 99); off != 9 || !errors.Is(err, ErrOutOfRange) {
		t.Errorf("PositionOffset(0, 99) = %d, %v; want 9, ErrOutOfRange", off, err)
	}
	if off, err := f.PositionOffset(7, 0); off != len(text) || !errors.Is(err, ErrOutOfRange) {
		t.Errorf("PositionOffset(7, 0) = %d, %v; want %d, ErrOutOfRange", off, err, len(text))
	}
	if f.LineText(1) != "SELECT 'é日本😀' bad;" {
		t.Errorf("LineText(1) = %q", f.LineText(1))
	}
}

func TestLoneCR(t *testing.T) {
	f := NewFile("t.sql", 0, "a\rb\n")
	if f.LineCount() != 3 {
		t.Fatalf("LineCount = %d, want 3", f.LineCount())
	}
	if line, col := f.OffsetPosition(2); line != 1 || col != 0 {
		t.Errorf("OffsetPosition(2) = %d:%d, want 1:0", line, col)
	}
}

func TestApply(t *testing.T) {
	got, err := Apply("abcdef", []Edit{{Span{4, 6}, "XY"}, {Span{0, 0}, ">"}, {Span{1, 2}, ""}})
	if err != nil || got != ">acdXY" {
		t.Errorf("Apply = %q, %v; want %q", got, err, ">acdXY")
	}
	if _, err := Apply("abc", []Edit{{Span{0, 2}, ""}, {Span{1, 3}, ""}}); !errors.Is(err, ErrOverlap) {
		t.Errorf("overlapping edits: err = %v, want ErrOverlap", err)
	}
	if _, err := Apply("abc", []Edit{{Span{2, 9}, ""}}); err == nil {
		t.Errorf("edit past the end: no error")
	}
}
