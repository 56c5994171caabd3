// Package syntax is sqlsage's only door to PostgreSQL's parser (pg_query):
// it splits a file into statements, lexes and parses each one through a
// cache keyed by the statement's text, and offers views of the parse tree
// with byte spans in the file.
//
// The nouns:
//
//   - Split cuts a file into Segments the way psql reads it: SQL
//     statements, psql meta-commands and COPY data.
//   - A Parser parses statements and caches each result by its exact
//     text, so after an edit only changed statements are parsed again.
//   - A ParsedFile is a file's Stmts. A Stmt holds its span, its text, its
//     parse tree (Node, whose Locations are relative to the statement) or
//     its Error, and its lexemes.
//   - A Stmt of a CREATE FUNCTION, CREATE PROCEDURE or DO written in SQL
//     or PL/pgSQL has a Routine, and its Body holds the SQL statements of
//     the routine's body: Stmts like any other, whose Span and Text are
//     exact places of the file. Routine says how bodies are read and
//     what is left out of them.
//
// Every value here is immutable once built and may be shared by many
// snapshots.
package syntax
