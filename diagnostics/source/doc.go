// Package source holds the pure-text vocabulary of sqlsage: an immutable
// File, byte-offset Spans and Edits, and the conversions between byte
// offsets, LSP positions (UTF-16 code units) and the 1-based line/rune
// columns that people and CI systems read.
//
// Everything inside the engine works in byte offsets into File.Text.
// Protocol positions appear only at the edges (server/, cmd/), and every
// conversion goes through File's methods, which are named FromTo
// (OffsetPosition, PositionOffset, ...) as in gopls' protocol.Mapper.
// This package uses only the standard library and no cgo.
package source
