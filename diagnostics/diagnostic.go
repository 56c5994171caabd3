package diagnostics

import "github.com/sqlsage/sqlsage/diagnostics/source"

// A Diagnostic is one finding in one file. It holds no parse-tree
// pointers: positions are byte spans of the file's text, so results can be
// cached, serialised and compared.
type Diagnostic struct {
	Rule     string      // the reporting rule's ID, filled in by the engine
	Span     source.Span // where the problem is
	Message  string      // lowercase, names the object, states the consequence, no final period
	Severity Severity    // filled in by the engine from the rule and config
	Related  []Related   // other places that explain the finding
	Fixes    []Fix       // alternative fixes; at most one is applied
}

// Related points at another place that explains a diagnostic, such as the
// CREATE TABLE that declared a column.
type Related struct {
	URI     string
	Span    source.Span
	Message string
}

// A Fix is a titled set of non-overlapping edits to the diagnostic's file.
type Fix struct {
	Title  string        // imperative verb phrase: "Use DECIMAL(10, 2)"
	Edits  []source.Edit // byte-offset edits relative to the analysed text
	Unsafe bool          // may change behaviour: offered, never preferred or applied by `sqlsage fix`
}

// Preferred returns the index of the fix an editor may apply with one key
// and `sqlsage fix` applies: the first safe fix. It returns -1 when every
// fix is unsafe or there is none.
func (d *Diagnostic) Preferred() int {
	for i, f := range d.Fixes {
		if !f.Unsafe {
			return i
		}
	}
	return -1
}
