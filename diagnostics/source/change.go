package source

import "errors"

// A Position is a place in a File as the LSP names it: a 0-based line
// and a column counted in UTF-16 code units (see PositionOffset).
type Position struct {
	Line, Character int
}

// RangeSpan converts the LSP range [start, end) of f into a byte span.
// Positions outside the text are clamped as PositionOffset clamps them,
// and the clamped span comes with an error wrapping ErrOutOfRange; a
// reversed range is put in order.
func (f *File) RangeSpan(start, end Position) (Span, error) {
	s, err1 := f.PositionOffset(start.Line, start.Character)
	e, err2 := f.PositionOffset(end.Line, end.Character)
	if e < s {
		s, e = e, s
	}
	return Span{Start: s, End: e}, errors.Join(err1, err2)
}

// Change returns the File, with the given version, that one ranged LSP
// content change (textDocument/didChange) makes of f: the text between
// start and end, positions in f, replaced by text. The server applies a
// didChange's changes one after the other through Change, each to the
// File the previous one made, as the specification orders.
//
// A range outside the text is clamped (see RangeSpan) and applied anyway,
// so that no typed text is lost; the error, wrapping ErrOutOfRange, is
// for the caller to log. The returned File is never nil.
func (f *File) Change(version int32, start, end Position, text string) (*File, error) {
	span, err := f.RangeSpan(start, end)
	return NewFile(f.URI, version, f.Text[:span.Start]+text+f.Text[span.End:]), err
}
