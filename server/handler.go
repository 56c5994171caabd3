package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// handler returns the server's middleware chain:
//
//	protocol.CancelHandler(asyncHandler(recover(gate(dispatch))))
//
// CancelHandler serves $/cancelRequest; asyncHandler runs each message on
// its own goroutine but starts it only once the previous one has replied
// or released the queue (see releaseQueue); recover turns a panic into an
// InternalError reply; gate enforces the lifecycle; dispatch calls the
// protocol.Server methods.
//
// Around it all, every message is counted in s.inflight from the moment
// it is read until it is replied to (every path replies exactly once, to
// notifications too, where the reply is a no-op on the wire), so that
// Serve can finish the messages read before the stream ended.
func (s *server) handler() jsonrpc2.Handler {
	chain := protocol.CancelHandler(
		asyncHandler(s.log,
			recoverHandler(s.log,
				s.gate(
					s.dispatch(protocol.ServerHandler(s, nil))))))
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		s.inflight.add()
		var once sync.Once
		return chain(ctx, func(ctx context.Context, result any, err error) error {
			defer once.Do(s.inflight.done)
			return reply(ctx, result, err)
		}, req)
	}
}

// releaseKey marks, in a handler's context, the function that lets the
// next message start before this one is replied to.
type releaseKey struct{}

// asyncHandler is jsonrpc2.AsyncHandler (v0.10.0) with one addition. Like
// it, it runs each message on a goroutine of its own and starts the next
// message only once this one has replied, so that notifications apply in
// order and a request sees every edit sent before it. Unlike it, a
// request that has taken what it reads (a snapshot, which later edits
// never change) may call releaseQueue to let the next message start while
// it works: a slow request (references across the workspace, analysing a
// version not analysed yet) then never holds up the edits behind it. This
// is gopls's jsonrpc2 "Async" in the one place we need it.
func asyncHandler(log *slog.Logger, next jsonrpc2.Handler) jsonrpc2.Handler {
	nextRequest := make(chan struct{})
	close(nextRequest)
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		// The connection calls this from its one reading goroutine, so
		// nextRequest needs no lock.
		waitForPrevious := nextRequest
		nextRequest = make(chan struct{})
		unlockNext := nextRequest
		var once sync.Once
		release := func() { once.Do(func() { close(unlockNext) }) }
		innerReply := reply
		reply = func(ctx context.Context, result any, err error) error {
			release()
			return innerReply(ctx, result, err)
		}
		ctx = context.WithValue(ctx, releaseKey{}, release)
		go func() {
			<-waitForPrevious
			if err := next(ctx, reply, req); err != nil && ctx.Err() == nil {
				log.Debug("message handler returned an error", "method", req.Method(), "error", err)
			}
		}()
		return nil
	}
}

// releaseQueue lets the message after the one being handled start now,
// before this one replies (see asyncHandler). A request calls it once it
// holds the snapshot it will read; outside asyncHandler it does nothing.
func releaseQueue(ctx context.Context) {
	if release, ok := ctx.Value(releaseKey{}).(func()); ok {
		release()
	}
}

// recoverHandler returns next wrapped so that a panic is logged with the
// method (and the document, when the params name one) and answered with a
// JSON-RPC InternalError. The reply matters: under AsyncHandler the next
// message waits for it, so a panic that skipped it would hang the
// connection.
func recoverHandler(log *slog.Logger, next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
		replied := false
		once := func(ctx context.Context, result any, err error) error {
			replied = true
			return reply(ctx, result, err)
		}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			attrs := []any{"method", req.Method()}
			if doc := documentOf(req.Params()); doc.URI != "" {
				attrs = append(attrs, "uri", doc.URI)
				if doc.Version != nil {
					attrs = append(attrs, "version", *doc.Version)
				}
			}
			log.Error("handler panicked", append(attrs, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))...)
			if !replied {
				err = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", req.Method(), v))
			}
		}()
		return next(ctx, once, req)
	}
}

// docRef is the document a request's params name, for log lines.
type docRef struct {
	URI     string `json:"uri"`
	Version *int32 `json:"version,omitempty"`
}

// documentOf extracts params.textDocument, best effort.
func documentOf(params json.RawMessage) docRef {
	var p struct {
		TextDocument docRef `json:"textDocument"`
	}
	_ = json.Unmarshal(params, &p)
	return p.TextDocument
}

// gate enforces the LSP lifecycle. Before initialize, requests other than
// initialize are answered ServerNotInitialized and notifications other
// than exit dropped; a second initialize is an InvalidRequest; after
// shutdown, every request is an InvalidRequest and only exit is served.
// Dropped notifications are still "replied" (a no-op on the wire) so that
// AsyncHandler moves on to the next message.
func (s *server) gate(next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		_, call := req.(*jsonrpc2.Call)
		method := req.Method()
		if method == protocol.MethodExit {
			return next(ctx, reply, req)
		}
		switch st := s.lifecycle(); {
		case st == uninitialized && method != protocol.MethodInitialize:
			if call {
				return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method))
			}
			return reply(ctx, nil, nil)
		case st == running && method == protocol.MethodInitialize:
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "initialize sent twice"))
		case st == shutDown:
			if call {
				return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", method))
			}
			return reply(ctx, nil, nil)
		}
		return next(ctx, reply, req)
	}
}

// callKey marks, in a handler's context, a request that expects a reply.
type callKey struct{}

// isCall reports whether the message being handled is a request (not a
// notification).
func isCall(ctx context.Context) bool {
	v, _ := ctx.Value(callKey{}).(bool)
	return v
}

// dispatch hands messages to next (protocol.ServerHandler), except:
//
//   - shutdown and exit, which it serves itself whatever their params;
//   - textDocument/didChange: protocol v0.12.0 declares
//     TextDocumentContentChangeEvent.Range as a value, so a
//     whole-document change, which has no range, would decode as an
//     insertion at 0:0. The wire params are decoded here into
//     didChangeParams, whose range is a pointer;
//   - textDocument/completion, whose items carry the 3.17 labelDetails
//     that protocol v0.12.0's CompletionItem lacks;
//   - requests about a configuration file, answered with nothing
//     (configDocReplies).
//
// It reads initialize's raw params for the client capabilities v0.12.0
// does not decode, and adds the 3.17 server capabilities to its result.
// It also records in ctx whether the message is a request, for Request's
// sake.
func (s *server) dispatch(next jsonrpc2.Handler) jsonrpc2.Handler {
	return func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		_, call := req.(*jsonrpc2.Call)
		ctx = context.WithValue(ctx, callKey{}, call)
		if empty, ok := configDocReplies[req.Method()]; ok && call && isConfigURI(documentOf(req.Params()).URI) {
			return reply(ctx, empty, nil)
		}
		switch req.Method() {
		case protocol.MethodShutdown:
			// ServerHandler refuses any params, even the "params": null
			// some clients send; the specification says void.
			return reply(ctx, nil, s.Shutdown(ctx))
		case protocol.MethodExit:
			return reply(ctx, nil, s.Exit(ctx))
		case protocol.MethodInitialize:
			caps := parseClientCaps(req.Params())
			s.mu.Lock()
			s.caps = caps
			s.mu.Unlock()
			return next(ctx, s.initializeReply(reply), req)
		case protocol.MethodTextDocumentCompletion:
			var params protocol.CompletionParams
			if err := json.Unmarshal(req.Params(), &params); err != nil {
				return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "decoding completion params: %v", err))
			}
			list, err := s.completion(ctx, &params)
			return reply(ctx, list, err)
		case protocol.MethodTextDocumentDidChange:
		default:
			if len(req.Params()) == 0 {
				// ServerHandler answers a message without params with a
				// ParseError, even an unknown request that deserves
				// MethodNotFound: give it an explicit null.
				req = withNullParams(req)
			}
			return next(ctx, invalidParams(reply), req)
		}
		var params didChangeParams
		if err := json.Unmarshal(req.Params(), &params); err != nil {
			s.log.Warn("malformed didChange", "error", err)
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "decoding didChange params: %v", err))
		}
		return reply(ctx, nil, s.didChange(ctx, &params))
	}
}

// configDocReplies are the answers to requests about a configuration
// file (.sqlsage.toml), which a client may send when it attaches the
// server to it: it is not SQL, so nothing is there.
var configDocReplies = map[string]any{
	protocol.MethodTextDocumentHover:          nil,
	protocol.MethodTextDocumentDefinition:     nil,
	protocol.MethodTextDocumentReferences:     nil,
	protocol.MethodTextDocumentDocumentSymbol: []any{},
	protocol.MethodTextDocumentCodeAction:     []any{},
	protocol.MethodTextDocumentCompletion:     completionList{Items: []completionItem{}},
}

// invalidParams returns reply, but answering InvalidParams where
// protocol.ServerHandler answers ParseError: it does when params do not
// decode into the method's type, which JSON-RPC calls invalid params (a
// parse error is a message that is not JSON at all, and jsonrpc2 never
// hands one to a handler).
func invalidParams(reply jsonrpc2.Replier) jsonrpc2.Replier {
	return func(ctx context.Context, result any, err error) error {
		// ServerHandler formats ErrParse into the message (it wraps the
		// decoding error, not ErrParse), so the message is the evidence.
		var rpcErr *jsonrpc2.Error
		if prefix := jsonrpc2.ErrParse.Error() + ": "; err != nil && !errors.As(err, &rpcErr) && strings.HasPrefix(err.Error(), prefix) {
			err = jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %s", strings.TrimPrefix(err.Error(), prefix))
		}
		return reply(ctx, result, err)
	}
}

// withNullParams returns req with "null" params.
func withNullParams(req jsonrpc2.Request) jsonrpc2.Request {
	if c, ok := req.(*jsonrpc2.Call); ok {
		if n, err := jsonrpc2.NewCall(c.ID(), c.Method(), nil); err == nil {
			return n
		}
		return req
	}
	if n, err := jsonrpc2.NewNotification(req.Method(), nil); err == nil {
		return n
	}
	return req
}

// lenientStream is a jsonrpc2.Stream that skips a message whose body is
// not a JSON-RPC message (logging it) instead of failing: jsonrpc2
// v0.10.0's Conn closes the whole connection on any Read error, so one
// malformed message would end the session. The framing stays in step:
// the body has been read in full when decoding fails. Errors of the
// framing itself still end the stream.
//
// It also writes frames whose body is already encoded (writeFrame), for
// the large publishDiagnostics notifications: jsonrpc2 would re-encode
// and re-validate the body twice. Every write goes through one mutex, so
// frames never interleave.
type lenientStream struct {
	jsonrpc2.Stream
	log *slog.Logger
	w   io.Writer   // the stream's connection
	mu  *sync.Mutex // serialises Write and writeFrame
}

// Write writes msg through jsonrpc2's encoding.
func (s lenientStream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Stream.Write(ctx, msg)
}

// writeFrame writes one message whose JSON body is body.
func (s lenientStream) writeFrame(body []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := fmt.Fprintf(s.w, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return fmt.Errorf("writing a frame header: %w", err)
	}
	if _, err := s.w.Write(body); err != nil {
		return fmt.Errorf("writing a frame: %w", err)
	}
	return nil
}

// Read returns the next well-formed message.
func (s lenientStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		msg, n, err := s.Stream.Read(ctx)
		if err != nil && isDecodeError(err) {
			s.log.Warn("skipping a malformed message", "bytes", n, "error", err)
			continue
		}
		return msg, n, err
	}
}

// isDecodeError reports whether err is jsonrpc2.DecodeMessage's (a body
// that is not JSON-RPC) rather than the stream's. jsonrpc2 v0.10.0 does
// not wrap the two differently, so its messages are the evidence.
func isDecodeError(err error) bool {
	return errors.Is(err, jsonrpc2.ErrInvalidRequest) || strings.HasPrefix(err.Error(), "unmarshaling jsonrpc message")
}
