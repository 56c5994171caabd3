package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"
)

// runServeWith runs `sqlsage serve args...` in-process with stdin.
func runServeWith(stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errw bytes.Buffer
	code = run(context.Background(), append([]string{"serve"}, args...), streams{strings.NewReader(stdin), &out, &errw})
	return out.String(), errw.String(), code
}

func TestServeFlags(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		code       int
		stdout     string // a substring of stdout
		stderrLike string // a substring of stderr
	}{
		{[]string{"--help"}, exitOK, "usage: sqlsage serve [--debounce DURATION] [--memory-limit MIB]", ""},
		{[]string{"-h"}, exitOK, "-debounce duration", ""},
		{[]string{"--bogus"}, exitError, "", "flag provided but not defined: -bogus"},
		{[]string{"--debounce", "soon"}, exitError, "", "invalid value"},
		{[]string{"--debounce", "-1s"}, exitError, "", "must not be negative"},
		{[]string{"--memory-limit", "-5"}, exitError, "", "--memory-limit must not be negative"},
		{[]string{"extra"}, exitError, "", `unexpected argument "extra"`},
	} {
		stdout, stderr, code := runServeWith("", tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderrLike) {
			t.Errorf("sqlsage serve %s: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				strings.Join(tc.args, " "), code, stdout, stderr, tc.code, tc.stdout, tc.stderrLike)
		}
	}
}

// serveFrames frames JSON-RPC messages with Content-Length headers.
func serveFrames(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// serveFrame matches one framed message on stdout.
var serveFrame = regexp.MustCompile(`^Content-Length: (\d+)\r\n\r\n`)

// TestServeSession runs whole sessions from a scripted stdin that ends
// right after the last message: stdout must hold only framed protocol
// messages answering every request read, and the exit status follows the
// LSP specification (0 after shutdown then exit, 1 otherwise).
func TestServeSession(t *testing.T) {
	const (
		initialize    = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}`
		initialized   = `{"jsonrpc":"2.0","method":"initialized","params":{}}`
		unknown       = `{"jsonrpc":"2.0","id":3,"method":"sqlsage/unknown"}`
		unimplemented = `{"jsonrpc":"2.0","id":4,"method":"textDocument/signatureHelp","params":{"textDocument":{"uri":"file:///x.sql"},"position":{"line":0,"character":0}}}`
		malformed     = `{"jsonrpc":"2.0","id":5,"method":`
		dollar        = `{"jsonrpc":"2.0","method":"$/unknownNotification"}`
		shutdownNull  = `{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}`
		shutdown      = `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`
		exit          = `{"jsonrpc":"2.0","method":"exit"}`
	)
	for _, tc := range []struct {
		name string
		in   []string
		want map[int]string // id → "result" or the error code
		code int
		log  string // a substring of stderr
	}{
		{"shutdown then exit", []string{initialize, initialized, shutdown, exit}, map[int]string{1: "result", 2: "result"}, exitOK, ""},
		{"unknown methods, malformed message, null shutdown params",
			[]string{initialize, initialized, unknown, unimplemented, malformed, dollar, shutdownNull, exit},
			map[int]string{1: "result", 2: "result", 3: "-32601", 4: "-32601"}, exitOK, "skipping a malformed message"},
		{"exit without shutdown", []string{initialize, initialized, exit}, map[int]string{1: "result"}, 1, "exit notification received before shutdown"},
		{"stream ends without exit", []string{initialize, initialized}, map[int]string{1: "result"}, 1, "connection closed before shutdown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runServeWith(serveFrames(tc.in...), "--debounce", "0")
			if code != tc.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.log) {
				t.Errorf("stderr lacks %q:\n%s", tc.log, stderr)
			}
			got := map[int]string{}
			for rest := stdout; rest != ""; {
				m := serveFrame.FindStringSubmatch(rest)
				if m == nil {
					t.Fatalf("stdout holds something that is not a framed message: %q", rest)
				}
				var n int
				fmt.Sscan(m[1], &n)
				body := rest[len(m[0]) : len(m[0])+n]
				rest = rest[len(m[0])+n:]
				var msg struct {
					ID     int             `json:"id"`
					Result json.RawMessage `json:"result"`
					Error  *struct {
						Code int `json:"code"`
					} `json:"error"`
				}
				if err := json.Unmarshal([]byte(body), &msg); err != nil {
					t.Fatalf("stdout body %q: %v", body, err)
				}
				got[msg.ID] = "result"
				if msg.Error != nil {
					got[msg.ID] = fmt.Sprint(msg.Error.Code)
				}
				if msg.ID == 1 && !strings.Contains(string(msg.Result), `"serverInfo":{"name":"sqlsage","version":"`+version+`"}`) {
					t.Errorf("initialize result %s lacks serverInfo for %s", msg.Result, version)
				}
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("responses %v, want %v", got, tc.want)
			}
		})
	}
}
