package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// fuzzConn is a connection whose client side sends fixed bytes and then
// closes; what the server writes is discarded.
type fuzzConn struct{ io.Reader }

func (fuzzConn) Write(p []byte) (int, error) { return len(p), nil }
func (fuzzConn) Close() error                { return nil }

// frame wraps a JSON-RPC message in LSP's base-protocol header.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// FuzzStream sends arbitrary bytes as the client's side of the stdio
// stream: the server must neither panic nor hang, and must return when
// the stream ends. Seeds are well-formed sessions, broken headers and
// malformed JSON.
//
//	go test ./server -run '^$' -fuzz FuzzStream -fuzztime 5m
func FuzzStream(f *testing.F) {
	init := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	open := frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.sql","languageId":"sql","version":1,"text":"CREATE TABLE t (id int PRIMARY KEY, price float8);"}}}`)
	change := frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.sql","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":40},"end":{"line":9,"character":99}},"text":"é😀"}]}}`)
	for _, seed := range []string{
		init + open + change + frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///a.sql"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":60}},"context":{"diagnostics":[]}}}`) +
			frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`),
		init + frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":null}`),
		init + frame(`{"jsonrpc":"2.0","id":2,"method":"no/such","params":[1,2]}`),
		"Content-Length: 5\r\n\r\n{}",
		"Content-Length: -1\r\n\r\n",
		"Content-Length: 99999999999999999999\r\n\r\n{",
		"Content-Type: x\r\n\r\n",
		"\r\n\r\n\r\n",
		frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":"oops"}`),
		frame(`not json at all`),
	} {
		f.Add([]byte(seed))
	}
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			done <- Serve(ctx, fuzzConn{bytes.NewReader(data)}, Options{Engine: engine, Debounce: -1})
		}()
		select {
		case <-done:
		case <-ctx.Done():
			t.Fatalf("Serve did not return after the stream ended (%d bytes)", len(data))
		}
	})
}
