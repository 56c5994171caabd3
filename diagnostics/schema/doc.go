// Package schema builds the workspace schema model: the tables, columns,
// keys, foreign keys and indexes that a set of SQL files declares, replayed
// statement by statement in file order (migration order), each object
// remembering the file and span that defined it.
//
// A Model is immutable once built. Rules read it to answer questions that
// a single statement cannot: is this foreign key indexed anywhere in the
// workspace? Was this table created in an earlier file?
package schema
