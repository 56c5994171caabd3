package database

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// rollbackTimeout bounds the ROLLBACK that ends every transaction, which
// runs even when the caller's context is cancelled.
const rollbackTimeout = 5 * time.Second

// A Tx is a transaction that will be rolled back: it can query, and it
// has no Commit. Its statements run under the DB's statement and lock
// timeouts.
type Tx struct {
	tx   pgx.Tx
	rows []pgx.Rows // every result handed out, closed before the rollback
}

// Query runs one statement (the extended protocol refuses a second one)
// and returns its rows. Rows left open are closed when the transaction
// ends.
func (t *Tx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	rows, err := t.tx.Query(ctx, sql, args...)
	if rows != nil {
		t.rows = append(t.rows, rows)
	}
	return rows, err
}

// Exec runs one statement (the extended protocol refuses a second one)
// and returns the number of rows it affected.
func (t *Tx) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	tag, err := t.tx.Exec(ctx, sql, append([]any{pgx.QueryExecModeExec}, args...)...)
	return tag.RowsAffected(), err
}

// QueryRow runs one statement and returns its first row.
func (t *Tx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.tx.QueryRow(ctx, sql, args...)
}

// ReadOnly runs fn in a READ ONLY transaction, which the server refuses
// to let write anything, and rolls it back. The error it returns, fn's
// included, is an *Error without secrets.
func (db *DB) ReadOnly(ctx context.Context, op string, fn func(context.Context, *Tx) error) error {
	return db.inTx(ctx, op, true, fn)
}

// DryRun runs fn in a READ WRITE transaction and rolls it back whatever
// happens: what fn changes is never seen by anyone else, and is gone
// when DryRun returns. Only EXPLAIN ANALYZE of a data-modifying statement
// needs it. The error it returns, fn's included, is an *Error without
// secrets.
func (db *DB) DryRun(ctx context.Context, op string, fn func(context.Context, *Tx) error) error {
	return db.inTx(ctx, op, false, fn)
}

// inTx runs fn between BEGIN and ROLLBACK, after
//
//	SET TRANSACTION READ ONLY (or READ WRITE);
//	SET LOCAL statement_timeout = …; SET LOCAL lock_timeout = …
//
// op says what sqlsage was doing, for the error.
func (db *DB) inTx(ctx context.Context, op string, readOnly bool, fn func(context.Context, *Tx) error) (err error) {
	tx, err := db.conn.Begin(ctx)
	if err != nil {
		return db.redact.newError(op, err)
	}
	defer func() {
		// A cancelled ctx must not leave the transaction open: roll back
		// under a context of its own.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), rollbackTimeout)
		defer cancel()
		if rbErr := tx.Rollback(rctx); rbErr != nil && err == nil {
			// Nothing was committed: a failed ROLLBACK closes the
			// connection, and the server aborts the transaction.
			err = db.redact.newError(op+": rolling back", rbErr)
		}
	}()
	mode := "READ WRITE"
	if readOnly {
		mode = "READ ONLY"
	}
	// Our own constant text: several statements in one round trip
	// (pgx sends a query without arguments with the simple protocol).
	setup := fmt.Sprintf("SET TRANSACTION %s; SET LOCAL statement_timeout = %d; SET LOCAL lock_timeout = %d",
		mode, max(db.opts.StatementTimeout.Milliseconds(), 1), max(db.opts.LockTimeout.Milliseconds(), 1)) // 0 would mean no timeout
	if _, err := tx.Exec(ctx, setup); err != nil {
		return db.redact.newError(op+": starting the transaction", err)
	}
	t := &Tx{tx: tx}
	err = fn(ctx, t)
	for _, rows := range t.rows {
		rows.Close()
		if rerr := rows.Err(); rerr != nil && err == nil {
			err = rerr
		}
	}
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Op, e.Msg = db.redact.String(e.Op), db.redact.String(e.Msg)
			return e
		}
		return db.redact.newError(op, err)
	}
	return nil
}
