// Package diagnostics is sqlsage's engine: the vocabulary of rules and
// findings, and the driver that runs rules over a workspace snapshot.
//
// A Rule is a plain value (ID, category, default severity, documentation,
// Run). Run sees one statement at a time through a Pass, together with the
// workspace schema model, and reports Diagnostics: a byte span, a message
// and the Fixes that resolve it, each a titled set of text edits computed
// next to the matched nodes. Rules never see the LSP, the CLI, config files
// or suppression comments: the Engine applies that policy afterwards
// (suppression comments, per-rule severity and on/off, ordering), the same
// way for the language server and for `sqlsage check`.
//
// The Engine does not know the rules by name; the front ends pass it the
// list (package rules' All), as staticcheck hands its analyzers to a driver.
package diagnostics
