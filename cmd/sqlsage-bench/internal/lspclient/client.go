package lspclient

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// ErrClosed reports that the server's output ended.
var ErrClosed = errors.New("language server stream closed")

// A ResponseError is a JSON-RPC error reply.
type ResponseError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("JSON-RPC error %d: %s", e.Code, e.Message)
}

// message is any incoming JSON-RPC message.
type message struct {
	ID     *json.RawMessage `json:"id,omitempty"`
	Method string           `json:"method,omitempty"`
	Params json.RawMessage  `json:"params,omitempty"`
	Result json.RawMessage  `json:"result,omitempty"`
	Error  *ResponseError   `json:"error,omitempty"`
	at     time.Time        // when the client read it
}

// Published is one textDocument/publishDiagnostics notification.
type Published struct {
	URI string
	// Version is the document version the diagnostics are for, or nil
	// when the server did not say.
	Version *int32
	// Count is the number of diagnostics.
	Count int
	// At is when the client read the notification.
	At time.Time
}

// A Client speaks to one language server. Its methods may be called from
// several goroutines.
type Client struct {
	w   io.Writer
	wmu sync.Mutex

	mu        sync.Mutex
	nextID    int64
	pending   map[int64]chan message
	published []Published
	arrived   chan struct{} // signalled when published grows
	done      chan struct{} // closed when the reader stops
	err       error         // why the reader stopped
}

// New starts a client reading the server's output from r and writing its
// input to w. The reader runs until r ends.
func New(r io.Reader, w io.Writer) *Client {
	c := &Client{
		w:       w,
		pending: make(map[int64]chan message),
		arrived: make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	go c.read(bufio.NewReaderSize(r, 64<<10))
	return c
}

// read dispatches every incoming message until the stream ends.
func (c *Client) read(r *bufio.Reader) {
	var err error
	defer func() {
		c.mu.Lock()
		if err == io.EOF {
			err = ErrClosed
		}
		c.err = err
		c.mu.Unlock()
		close(c.done)
	}()
	for {
		var body []byte
		body, err = ReadMessage(r)
		if err != nil {
			return
		}
		at := time.Now()
		var m message
		if err = json.Unmarshal(body, &m); err != nil {
			err = fmt.Errorf("decoding server message: %w", err)
			return
		}
		switch {
		case m.Method != "" && m.ID != nil:
			c.answer(m)
		case m.Method == "textDocument/publishDiagnostics":
			c.publish(m.Params, at)
		case m.Method == "":
			m.at = at
			c.reply(m)
		}
	}
}

// answer replies to a request from the server: workspace/configuration
// gets one null per item, every other request a null result, so that a
// server waiting for its client never stalls the benchmark.
func (c *Client) answer(m message) {
	var result any
	if m.Method == "workspace/configuration" {
		var p struct {
			Items []json.RawMessage `json:"items"`
		}
		_ = json.Unmarshal(m.Params, &p)
		result = make([]any, len(p.Items))
	}
	go func() {
		_ = c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result})
	}()
}

// publish queues a publishDiagnostics notification.
func (c *Client) publish(params json.RawMessage, at time.Time) {
	var p struct {
		URI         string            `json:"uri"`
		Version     *int32            `json:"version"`
		Diagnostics []json.RawMessage `json:"diagnostics"`
	}
	if json.Unmarshal(params, &p) != nil {
		return
	}
	c.mu.Lock()
	c.published = append(c.published, Published{URI: p.URI, Version: p.Version, Count: len(p.Diagnostics), At: at})
	c.mu.Unlock()
	select {
	case c.arrived <- struct{}{}:
	default:
	}
}

// reply hands a response to the request waiting for it.
func (c *Client) reply(m message) {
	var id int64
	if m.ID == nil || json.Unmarshal(*m.ID, &id) != nil {
		return
	}
	c.mu.Lock()
	ch := c.pending[id]
	delete(c.pending, id)
	c.mu.Unlock()
	if ch != nil {
		ch <- m
	}
}

// write sends one message.
func (c *Client) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return WriteMessage(c.w, v)
}

// Call sends a request and waits for its reply, decoding the result into
// result unless result is nil. Nil params are left out of the request.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	_, err := c.call(ctx, method, params, result)
	return err
}

// call is Call that also returns when the reply was read.
func (c *Client) call(ctx context.Context, method string, params, result any) (time.Time, error) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan message, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	req := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	if err := c.write(req); err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return m.at, fmt.Errorf("%s: %w", method, m.Error)
		}
		if result != nil && len(m.Result) > 0 {
			if err := json.Unmarshal(m.Result, result); err != nil {
				return m.at, fmt.Errorf("%s: decoding result: %w", method, err)
			}
		}
		return m.at, nil
	case <-c.done:
		return time.Time{}, fmt.Errorf("%s: %w", method, c.Err())
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
		return time.Time{}, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Notify sends a notification. Nil params are left out.
func (c *Client) Notify(method string, params any) error {
	msg := map[string]any{"jsonrpc": "2.0", "method": method}
	if params != nil {
		msg["params"] = params
	}
	if err := c.write(msg); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

// PullDiagnostics asks for a document's diagnostics with
// textDocument/diagnostic (LSP 3.17), for servers that advertise
// diagnosticProvider instead of publishing.
func (c *Client) PullDiagnostics(ctx context.Context, uri string) (Published, error) {
	var report struct {
		Kind  string            `json:"kind"`
		Items []json.RawMessage `json:"items"`
	}
	at, err := c.call(ctx, "textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &report)
	if err != nil {
		return Published{}, err
	}
	return Published{URI: uri, Count: len(report.Items), At: at}, nil
}

// Err returns why the server's output ended, or nil while it is open.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Done is closed when the server's output ends.
func (c *Client) Done() <-chan struct{} { return c.done }

// NextDiagnostics waits for the first publishDiagnostics for uri that the
// client read at or after since and that is for version or later (a
// notification without a version counts as matching). Notifications it
// passes over are discarded.
func (c *Client) NextDiagnostics(ctx context.Context, uri string, version int32, since time.Time) (Published, error) {
	for {
		c.mu.Lock()
		for len(c.published) > 0 {
			p := c.published[0]
			c.published = c.published[1:]
			if p.URI == uri && !p.At.Before(since) && (p.Version == nil || *p.Version >= version) {
				c.mu.Unlock()
				return p, nil
			}
		}
		c.mu.Unlock()
		select {
		case <-c.arrived:
		case <-c.done:
			// The reader may have queued a last notification before it stopped.
			c.mu.Lock()
			empty := len(c.published) == 0
			c.mu.Unlock()
			if empty {
				return Published{}, fmt.Errorf("waiting for diagnostics: %w", c.Err())
			}
		case <-ctx.Done():
			return Published{}, fmt.Errorf("waiting for diagnostics of version %d: %w", version, ctx.Err())
		}
	}
}
