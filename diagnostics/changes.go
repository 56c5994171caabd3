package diagnostics

// Changes says how the workspace's files differ from a base revision
// (`sqlsage check --base REF`): rules such as edited-applied-migration
// judge a file by whether it existed before. Keys are file URIs as the
// snapshot names them.
type Changes struct {
	Base     string          // the revision compared against, as the user named it
	Modified map[string]bool // files that existed at Base and changed since
	Added    map[string]bool // files created since Base
}

// IsModified reports whether uri existed at the base revision and changed.
// It is false when c is nil (no --base).
func (c *Changes) IsModified(uri string) bool { return c != nil && c.Modified[uri] }
