// Package server is sqlsage's language server: the LSP front end of the
// diagnostics engine, spoken over JSON-RPC on one stream (stdio in the
// binary). It is the only package that imports go.lsp.dev.
//
// The model, after gopls:
//
//   - The server holds one immutable workspace.Snapshot: every .sql file
//     under the workspace roots as read from disk, overridden by the
//     editor's open buffers. An edit builds a new source.File and swaps in
//     snapshot.With(file) under a small mutex; nothing is ever analysed in
//     place, so a slow analysis never races an edit.
//
//   - Handlers do O(edit) work and return. go.lsp.dev/jsonrpc2 v0.10.0's
//     AsyncHandler starts the next message only after the previous one is
//     replied to, so a slow handler would stall the whole stream. Analysis
//     runs on the scheduler's goroutines: per document, debounced, with the
//     previous run for that document cancelled. A request takes its
//     snapshot under the lock and then releases the queue (asyncHandler,
//     releaseQueue): the edits behind a slow request (references across
//     the workspace, an analysis of a version not analysed yet) are not
//     held up by it, and cannot change what it reads.
//
//   - The disk is read by one background goroutine, job after job in the
//     order they were asked for (diskQueue): the workspace load at start-up
//     (with work-done progress when the client shows it), the .sql files
//     and configuration files the client reports changed
//     (workspace/didChangeWatchedFiles, for watchers registered at
//     initialized), the configuration file saved in the editor. Open
//     documents never wait for it: each is analysed as soon as it is
//     opened, and again when the disk changes what it depends on.
//
//   - Configuration has one truth for editor and CI (config.go): the
//     .sqlsage.toml config.Find finds from each workspace folder, as
//     sqlsage check reads it, with the client's settings over it. A
//     mistake in the file is shown once and the previous configuration
//     stays in force; a change re-analyses every open document.
//
//   - Diagnostics are published only for the version that is still the
//     document's latest under the configuration still in force, always
//     with that version, and empty lists too (so the editor's count ticks
//     down to zero). The last published diagnostics of each document are
//     kept for code actions and hover; a request about a version that was
//     not published yet analyses that snapshot itself instead of waiting.
//     A client that pulls diagnostics (LSP 3.17, lsp317.go) is answered
//     from the same engine instead, and never published to.
//
//   - Positions are byte offsets everywhere but here: convert.go turns
//     them into LSP positions (UTF-16 code units) and back, through
//     source.File's OffsetPosition and PositionOffset.
//
//   - A panic in a handler is recovered, logged with the method and
//     answered with a JSON-RPC InternalError; the server keeps serving.
//     Nothing but the protocol is ever written to the stream; logs go to
//     the injected *slog.Logger.
//
// The handler chain (handler.go) is
//
//	protocol.CancelHandler(asyncHandler(recover(gate(dispatch))))
//
// where asyncHandler is jsonrpc2.AsyncHandler with releaseQueue, gate
// enforces the initialize/shutdown/exit lifecycle and dispatch hands each
// method to protocol.ServerHandler, except textDocument/didChange, which
// it decodes itself: protocol v0.12.0 declares a content change's range
// as a value, so a whole-document change (no range) would be
// indistinguishable from an insertion at 0:0; and textDocument/completion,
// whose 3.17 items v0.12.0 cannot carry. textDocument/diagnostic, unknown
// to v0.12.0, reaches Request.
package server
