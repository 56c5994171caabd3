package database

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Defaults of Options.
const (
	DefaultConnectTimeout   = 5 * time.Second
	DefaultStatementTimeout = 10 * time.Second
	DefaultLockTimeout      = 2 * time.Second
)

// DefaultURLEnv is the environment variable that holds the DSN when the
// configuration names none (database-url-env in .sqlsage.toml).
const DefaultURLEnv = "DATABASE_URL"

// Options bound what sqlsage may cost a database. Zero values take the
// defaults above.
type Options struct {
	ConnectTimeout   time.Duration // the whole connection, every host and TLS fallback included
	StatementTimeout time.Duration // SET LOCAL statement_timeout of every transaction
	LockTimeout      time.Duration // SET LOCAL lock_timeout of every transaction
}

func (o Options) withDefaults() Options {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.StatementTimeout <= 0 {
		o.StatementTimeout = DefaultStatementTimeout
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	return o
}

// ErrUnavailable is matched (errors.Is) by every error of Connect that
// means the database cannot be used now: down, unreachable, too slow to
// answer, or refusing the credentials. Callers that can go on without a
// database warn once and go on.
var ErrUnavailable = errors.New("database unavailable")

// ErrNoDSN is returned by DSN when no connection string is configured.
var ErrNoDSN = errors.New("no database configured")

// An Error is a failure talking to a database. Its message never holds
// a password (see Redactor), and it does not unwrap to the driver's
// error, whose message might.
type Error struct {
	Op          string // what sqlsage was doing: "connecting to postgres://app:xxxxx@db/shop"
	Msg         string // the cause, redacted
	Code        string // the server's SQLSTATE, when the server reported the error
	Position    int    // 1-based character position in the statement sent, when the server gave one; 0 otherwise
	Unavailable bool   // the database cannot be used now (see ErrUnavailable)
}

// Error returns "op: cause", on one line and without secrets.
func (e *Error) Error() string { return e.Op + ": " + e.Msg }

// Is reports whether e is ErrUnavailable and e.Unavailable is set.
func (e *Error) Is(target error) bool { return target == ErrUnavailable && e.Unavailable }

// newError builds an Error from a driver error: redacted, on one line.
func (r *Redactor) newError(op string, err error) *Error {
	e := &Error{Op: r.String(op)}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		e.Code = pgErr.Code
		e.Position = int(pgErr.Position)
		msg := pgErr.Message
		if pgErr.Detail != "" {
			msg += " (" + pgErr.Detail + ")"
		}
		if pgErr.Hint != "" {
			msg += "; hint: " + pgErr.Hint
		}
		e.Msg = r.String(msg)
		return e
	}
	e.Msg = r.String(strings.Join(strings.Fields(err.Error()), " "))
	return e
}

// DSN returns the connection string to use: flag (a --dsn value) when
// set, else the environment variable envName (DefaultURLEnv when "").
// getenv is os.Getenv outside tests. An empty result is ErrNoDSN, with a
// message that says how to configure one.
func DSN(flag, envName string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if envName == "" {
		envName = DefaultURLEnv
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := getenv(envName); v != "" {
		return v, nil
	}
	return "", fmt.Errorf("%w: set %s to a connection string (postgres://user@host/db) or pass --dsn", ErrNoDSN, envName)
}

// A DB is one connection to a PostgreSQL database, used only through
// transactions that are rolled back (ReadOnly, DryRun): sqlsage never
// commits anything to a user's database. A DB is not safe for concurrent
// use.
type DB struct {
	conn   *pgx.Conn
	opts   Options
	redact *Redactor
	target string // the redacted DSN, for messages
}

// Connect opens a connection to the database at dsn within
// opts.ConnectTimeout. Every failure to reach or log in to the database
// matches ErrUnavailable and says, on one line and without the password,
// where sqlsage tried to connect and why it could not.
//
// The session's transactions default to read only
// (default_transaction_read_only), its application_name is "sqlsage"
// unless the DSN sets one, and queries use the extended protocol without
// prepared-statement caching (one statement per query, and PgBouncer's
// transaction mode works).
func Connect(ctx context.Context, dsn string, opts Options) (*DB, error) {
	opts = opts.withDefaults()
	r := NewRedactor(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's message quotes the string with its passwords masked,
		// best effort; the Redactor masks what it knows on top.
		return nil, r.newError("reading the connection string", err)
	}
	r.add(cfg.Password) // also when it came from PGPASSWORD or a password file
	db := &DB{opts: opts, redact: r, target: r.safeDSN}
	if db.target == "" {
		db.target = fmt.Sprintf("host=%s port=%d dbname=%s user=%s", cfg.Host, cfg.Port, cfg.Database, cfg.User)
	}
	cfg.ConnectTimeout = opts.ConnectTimeout
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "sqlsage"
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"

	// pgx applies ConnectTimeout to each host address in turn; bound the
	// whole attempt too.
	cctx, cancel := context.WithTimeout(ctx, opts.ConnectTimeout)
	defer cancel()
	start := time.Now()
	db.conn, err = pgx.ConnectConfig(cctx, cfg)
	if err != nil {
		e := r.newError("cannot connect to "+db.target, connectCause(err))
		e.Unavailable = !errors.Is(ctx.Err(), context.Canceled) // the caller's cancellation is not the database's fault
		var (
			pgErr  *pgconn.PgError
			dnsErr *net.DNSError
			opErr  *net.OpError
		)
		switch {
		case errors.As(err, &pgErr): // the server answered: bad password, no such database, …
		case e.Unavailable && (cctx.Err() != nil || isTimeout(err)):
			bound := time.Since(start)
			if dl, ok := cctx.Deadline(); ok {
				bound = dl.Sub(start) // the timeout, or the caller's earlier deadline
			}
			e.Msg = fmt.Sprintf("no answer within %v", bound.Round(10*time.Millisecond))
		case errors.As(err, &dnsErr):
			e.Msg = r.String(dnsErr.Error())
		case errors.As(err, &opErr):
			e.Msg = r.String(opErr.Error()) // dial tcp 127.0.0.1:5432: connect: connection refused
		}
		return nil, e
	}
	return db, nil
}

// connectCause drops pgx's "failed to connect to `user=… database=…`:"
// prefix, which our message replaces with the redacted DSN.
func connectCause(err error) error {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		if inner := ce.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// Close closes the connection.
func (db *DB) Close(ctx context.Context) error {
	if err := db.conn.Close(ctx); err != nil {
		return db.redact.newError("closing the connection to "+db.target, err)
	}
	return nil
}

// Target returns the DSN with its password masked, for messages.
func (db *DB) Target() string { return db.target }

// Redact returns s without the connection's secrets.
func (db *DB) Redact(s string) string { return db.redact.String(s) }

// ServerVersion returns the server's version as it reports it at
// connection: "15.18 (Debian 15.18-0+deb12u1)".
func (db *DB) ServerVersion() string { return db.conn.PgConn().ParameterStatus("server_version") }
