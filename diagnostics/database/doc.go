// Package database connects sqlsage to a live PostgreSQL database, for
// what files alone cannot tell: the real catalog, row counts, and query
// plans. It is written for someone else's production database, so it
// holds to three promises:
//
//   - Nothing is ever committed. Every statement runs in a transaction
//     that is rolled back (DB.ReadOnly, DB.DryRun; a Tx has no Commit),
//     under SET LOCAL statement_timeout and lock_timeout, and reads run
//     with SET TRANSACTION READ ONLY, so the server itself refuses a
//     write. The session also defaults to read-only transactions. Only
//     EXPLAIN ANALYZE of a data-modifying statement runs read-write
//     (DryRun), and is rolled back. (PostgreSQL never rolls back a
//     sequence: an analysed INSERT still advances nextval.)
//   - No password is ever shown. Every error leaves through a Redactor,
//     which masks the DSN's passwords (also those pgx took from
//     PGPASSWORD or a password file) in sqlsage's, pgx's and the
//     server's messages, and an Error does not unwrap to the driver's
//     error.
//   - A database that is down costs little. Connect gives up after a
//     short timeout (5 s by default, every host and TLS fallback
//     included) with one line that says where and why, matching
//     ErrUnavailable, so that callers can warn once and go on.
//
// The driver is pgx v5. Statements go through the extended protocol
// without statement caching: one statement per message (a user's
// statement cannot carry a second one), and PgBouncer's transaction
// pooling works.
//
// The work is split in three packages:
//
//	database          connecting (DSN, Connect, Options), redaction (Redactor, Error),
//	                  rolled-back transactions (ReadOnly, DryRun, Tx), EXPLAIN (Explain, Explainable)
//	database/catalog  Catalog, a plain value of tables, columns, constraints, indexes,
//	                  triggers and row estimates, and Read, which fills it from pg_catalog
//	database/plan     Plan, parsed from EXPLAIN's JSON, its Render as a tree, and the
//	                  plan-seq-scan and plan-row-misestimate detections; no connection
//	database/pgtest   a real throwaway PostgreSQL server for tests
//
// catalog and plan hold values that know nothing of connections, so that
// rules and the language server can use them without a database in
// their tests.
package database
