package lspclient

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestFramingRoundTrip(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	msgs := []any{
		map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}},
		map[string]any{"jsonrpc": "2.0", "id": 1, "result": "é ✓ 😀"}, // multi-byte: the length counts bytes
	}
	for _, m := range msgs {
		if err := WriteMessage(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(&buf)
	want := []string{
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"id":1,"jsonrpc":"2.0","result":"é ✓ 😀"}`,
	}
	for _, w := range want {
		got, err := ReadMessage(r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != w {
			t.Errorf("ReadMessage = %s, want %s", got, w)
		}
	}
	if _, err := ReadMessage(r); err != io.EOF {
		t.Errorf("ReadMessage at the end = %v, want io.EOF", err)
	}
}

func TestReadMessageHeaders(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in, want string
		err            error
	}{
		{"other headers and case", "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "{}", nil},
		{"bare newlines", "Content-Length: 2\n\n{}", "{}", nil},
		{"no length", "Content-Type: x\r\n\r\n{}", "", ErrFraming},
		{"bad length", "Content-Length: -3\r\n\r\n", "", ErrFraming},
		{"not a header", "hello\r\n\r\n", "", ErrFraming},
		{"short body", "Content-Length: 10\r\n\r\n{}", "", io.ErrUnexpectedEOF},
		{"cut header", "Content-Length: 2\r\n", "", io.ErrUnexpectedEOF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadMessage(bufio.NewReader(strings.NewReader(tc.in)))
			if !errors.Is(err, tc.err) || string(got) != tc.want {
				t.Errorf("ReadMessage(%q) = %q, %v; want %q, %v", tc.in, got, err, tc.want, tc.err)
			}
		})
	}
}
