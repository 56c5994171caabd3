// Package rules declares sqlsage's rules, one file per rule: the rule's
// value (ID, category, severity, documentation) and its Run function with
// the fixes it offers. All lists them, sorted by ID; front ends hand All
// to diagnostics.NewEngine.
package rules

//go:generate go run gen_all.go
