// Package migration reads migration histories: it finds, among a
// workspace's SQL files, the folders a migration tool runs, recognises the
// tool (golang-migrate, goose, dbmate, Flyway, sqitch, or plain numbered
// files), and lists each folder's migrations in the order that tool
// applies them, with each migration's up and down parts and whether the
// tool runs them inside a transaction.
//
// The nouns:
//
//   - A Set is every History of a workspace plus the files that belong to
//     none (schema dumps, queries). Set.Order is the workspace's file
//     order: each history's files in its tool's order, histories and loose
//     files in path order. Set.At answers which migration and part a byte
//     of a file belongs to.
//   - A History is one folder's migrations, all of one Tool, in order.
//   - A Migration is one step of a history: its version and name, its Up
//     part, its Down part (nil when it has none) and, for sqitch, its
//     Verify part.
//   - A Part is the text a tool runs for one direction of a migration: a
//     file, or sections of a file (goose's and dbmate's markers), and the
//     Transaction the tool runs it in.
//
// Tools are recognised by layout (file names, folders, sqitch.plan) and
// by the markers in the files' text; a configured Folder can name the
// tool outright. The package reads no file itself except through
// Options.ReadFile, for the few companion files that are not SQL
// (sqitch.plan, Flyway's per-script .conf). It does not parse SQL: a
// Transaction whose answer depends on the statements (golang-migrate's
// implicit transaction, Flyway's detection of statements that cannot run
// in one) says so in its Mode, for a caller that has the parse.
package migration
