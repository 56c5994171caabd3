package source

import (
	"errors"
	"testing"
)

func TestChange(t *testing.T) {
	// Line 0 is "a😀b" (the emoji is 2 UTF-16 units), then a CRLF, "cd",
	// a lone CR and "e".
	const text = "a😀b\r\ncd\re"
	tests := []struct {
		name       string
		start, end Position
		new        string
		want       string
		outOfRange bool
	}{
		{"insert", Position{1, 1}, Position{1, 1}, "X", "a😀b\r\ncXd\re", false},
		{"replace the emoji", Position{0, 1}, Position{0, 3}, "é", "aéb\r\ncd\re", false},
		{"column between the surrogate halves", Position{0, 2}, Position{0, 2}, "X", "aX😀b\r\ncd\re", false},
		{"delete a CRLF", Position{0, 4}, Position{1, 0}, "", "a😀bcd\re", false},
		{"delete a lone CR", Position{1, 2}, Position{2, 0}, "", "a😀b\r\ncde", false},
		{"reversed", Position{1, 2}, Position{1, 0}, "", "a😀b\r\n\re", false},
		{"column past the line end", Position{1, 9}, Position{1, 9}, "X", "a😀b\r\ncdX\re", true},
		{"line past the end", Position{0, 0}, Position{7, 0}, "", "", true},
	}
	f := NewFile("file:///t.sql", 1, text)
	for _, tt := range tests {
		got, err := f.Change(2, tt.start, tt.end, tt.new)
		if got.Text != tt.want || got.Version != 2 || got.URI != f.URI {
			t.Errorf("%s: Change = %s v%d %q, want %s v2 %q", tt.name, got.URI, got.Version, got.Text, f.URI, tt.want)
		}
		if tt.outOfRange != errors.Is(err, ErrOutOfRange) || !tt.outOfRange && err != nil {
			t.Errorf("%s: error %v, want out of range %v", tt.name, err, tt.outOfRange)
		}
	}
	if f.Text != text || f.Version != 1 {
		t.Errorf("Change modified its File: v%d %q", f.Version, f.Text)
	}
}
