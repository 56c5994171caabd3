// Package pgtest starts a real, throwaway PostgreSQL server for tests: no
// mocks. A Server is an initdb'd cluster in a temporary folder, listening
// on a free port of 127.0.0.1 (and on a Unix socket inside that folder),
// with a superuser "postgres" whose random password every DSN carries, so
// that the tests also exercise password redaction.
//
// The binaries (initdb, pg_ctl, postgres) are found on PATH or under
// /usr/lib/postgresql/*/bin (the newest version wins). When there are
// none, Start fails with a message that says to run `make deps`: a test
// that needs PostgreSQL fails in CI rather than silently skipping.
//
// initdb, pg_ctl and postgres refuse to run as root. Under root the
// temporary folder is given to the "postgres" user and every binary runs
// through `runuser -u postgres --`; otherwise they run directly.
//
// Every server is stopped (pg_ctl stop -m immediate) and its folder
// removed by Stop, which New registers with t.Cleanup and Main calls after
// the package's tests. A test binary that dies before that (a panic, a
// go test -timeout, a kill) leaves no server behind either: Start also
// launches a small watchdog process that stops the server within a second
// of the test process's exit.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// startTimeout bounds initdb plus the server's start.
const startTimeout = 60 * time.Second

// A Server is a running PostgreSQL cluster in a temporary folder.
type Server struct {
	Host     string // "127.0.0.1"
	Port     int    // a free port picked at start
	User     string // the superuser, "postgres"
	Password string // the superuser's random password
	Socket   string // the folder of the server's Unix socket
	Version  string // the server's version, as `SHOW server_version` gives it

	dir      string   // temporary folder: data/, sock/, server.log, pwfile
	bin      string   // folder of initdb, pg_ctl and postgres
	runAs    []string // command prefix: runuser -u postgres -- when root, else nothing
	watchdog *exec.Cmd
	dbs      atomic.Int64 // databases created, to name the next one

	stopOnce sync.Once
	stopErr  error
}

// New starts a server for one test and stops it when the test and its
// subtests end, passed or failed. It fails the test when PostgreSQL
// cannot be started.
func New(t testing.TB) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	start := time.Now()
	s, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pgtest: PostgreSQL %s started in %v on port %d", s.Version, time.Since(start).Round(time.Millisecond), s.Port)
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("stopping PostgreSQL: %v", err)
		}
	})
	return s
}

// Start initialises a cluster in a new temporary folder and starts a
// server on it. The caller must call Stop.
func Start(ctx context.Context) (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	s := &Server{Host: "127.0.0.1", User: "postgres", bin: bin}
	var owner *user.User
	if os.Geteuid() == 0 {
		owner, err = user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("pgtest: running as root, PostgreSQL must run as the user \"postgres\", which does not exist (%v); run `make deps` to install Debian's postgresql package, which creates it", err)
		}
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			return nil, fmt.Errorf("pgtest: running as root needs runuser to start PostgreSQL as \"postgres\": %w", err)
		}
		s.runAs = []string{runuser, "-u", "postgres", "--"}
	}
	if s.dir, err = os.MkdirTemp("", "sqlsage-pgtest-"); err != nil {
		return nil, fmt.Errorf("pgtest: %w", err)
	}
	if err := s.start(ctx, owner); err != nil {
		s.Stop() // removes what was made; the start error is the one to report
		return nil, err
	}
	return s, nil
}

func (s *Server) start(ctx context.Context, owner *user.User) error {
	s.Socket = filepath.Join(s.dir, "sock")
	if err := os.Mkdir(s.Socket, 0o700); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	s.Password = randomHex(12)
	pwfile := filepath.Join(s.dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(s.Password+"\n"), 0o600); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if owner != nil {
		if err := chownAll(s.dir, owner); err != nil {
			return fmt.Errorf("pgtest: giving %s to postgres: %w", s.dir, err)
		}
	}
	data := filepath.Join(s.dir, "data")
	if out, err := s.command(ctx, "initdb", "-D", data, "-U", s.User, "--pwfile", pwfile,
		"--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	os.Remove(pwfile)

	// Once the cluster exists, the watchdog guards it: whatever happens
	// to this process from here on, the server does not outlive it.
	if err := s.startWatchdog(); err != nil {
		return err
	}

	// A free port can be taken by someone else before the server binds
	// it: try a few.
	var err error
	for range 3 {
		if s.Port, err = freePort(); err != nil {
			return err
		}
		opts := strings.Join([]string{
			"-c port=" + strconv.Itoa(s.Port),
			"-c listen_addresses=127.0.0.1",
			"-c unix_socket_directories='" + s.Socket + "'",
			// A test cluster trades durability for speed.
			"-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
			"-c max_connections=40", "-c shared_buffers=32MB",
		}, " ")
		logfile := filepath.Join(s.dir, "server.log")
		var out []byte
		out, err = s.command(ctx, "pg_ctl", "-D", data, "-l", logfile, "-w", "-t", "30", "-s", "-o", opts, "start").CombinedOutput()
		if err == nil {
			break
		}
		log, _ := os.ReadFile(logfile)
		err = fmt.Errorf("pgtest: pg_ctl start: %v\n%s\nserver log:\n%s", err, out, tail(string(log), 2000))
		if !strings.Contains(string(log), "could not bind") && !strings.Contains(string(log), "already in use") {
			return err
		}
	}
	if err != nil {
		return err
	}
	conn, err := s.Connect(ctx, "postgres")
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&s.Version); err != nil {
		return fmt.Errorf("pgtest: asking the server's version: %w", err)
	}
	return nil
}

// startWatchdog starts a process, in a session of its own so that a ^C
// to the test does not end it first, that waits for this process to exit
// and then stops the server and removes its folder. Stop ends it.
func (s *Server) startWatchdog() error {
	stop := shellQuote(append(slices.Clone(s.runAs), filepath.Join(s.bin, "pg_ctl"), "-D", filepath.Join(s.dir, "data"), "-s", "-m", "immediate", "stop"))
	script := fmt.Sprintf(`while kill -0 %d 2>/dev/null; do sleep 1; done; if [ -d %s ]; then %s; rm -rf %s; fi`,
		os.Getpid(), shellQuote([]string{s.dir}), stop, shellQuote([]string{s.dir}))
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: starting the watchdog: %w", err)
	}
	s.watchdog = cmd
	return nil
}

// Stop stops the server at once (pg_ctl stop -m immediate: the data is
// thrown away anyway) and removes its folder. It is safe to call more
// than once.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		var errs []error
		if _, err := os.Stat(filepath.Join(s.dir, "data", "postmaster.pid")); err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			out, err := s.command(ctx, "pg_ctl", "-D", filepath.Join(s.dir, "data"), "-s", "-m", "immediate", "stop").CombinedOutput()
			cancel()
			if err != nil {
				errs = append(errs, fmt.Errorf("pg_ctl stop: %v\n%s", err, out))
			}
		}
		if s.watchdog != nil {
			s.watchdog.Process.Kill()
			s.watchdog.Wait()
		}
		if s.dir != "" {
			if err := os.RemoveAll(s.dir); err != nil {
				errs = append(errs, err)
			}
		}
		s.stopErr = errors.Join(errs...)
	})
	return s.stopErr
}

// Dir returns the server's temporary folder (its data directory is
// "data" inside it).
func (s *Server) Dir() string { return s.dir }

// DSN returns a connection URL for database over TCP, with the
// superuser's password in it.
func (s *Server) DSN(database string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(s.User, s.Password),
		Host:     net.JoinHostPort(s.Host, strconv.Itoa(s.Port)),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// Connect opens a connection to database as the superuser.
func (s *Server) Connect(ctx context.Context, database string) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, s.DSN(database))
	if err != nil {
		return nil, fmt.Errorf("pgtest: connecting to the test server: %s", strings.ReplaceAll(err.Error(), s.Password, "xxxxx"))
	}
	return conn, nil
}

// CreateDatabase creates a new, empty database and returns its DSN.
func (s *Server) CreateDatabase(ctx context.Context, name string) (string, error) {
	conn, err := s.Connect(ctx, "postgres")
	if err != nil {
		return "", err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("pgtest: creating database %s: %w", name, err)
	}
	return s.DSN(name), nil
}

// NewDatabase creates a database for test t, named after it, and returns
// its DSN. Tests that each take their own database can run in parallel.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("%s_%d", nonWord.ReplaceAllString(strings.ToLower(t.Name()), "_"), s.dbs.Add(1))
	if len(name) > 63 {
		name = name[len(name)-63:]
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn, err := s.CreateDatabase(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

var nonWord = regexp.MustCompile(`[^a-z0-9_]+`)

// Exec runs statements (several, separated by semicolons) in database as
// the superuser, and commits them: it is how a test sets up its schema.
func (s *Server) Exec(ctx context.Context, dsn, sql string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("pgtest: connecting: %s", strings.ReplaceAll(err.Error(), s.Password, "xxxxx"))
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	return nil
}

// command returns the command that runs the named PostgreSQL binary, as
// the postgres user when we are root.
func (s *Server) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	argv := append(slices.Clone(s.runAs), filepath.Join(s.bin, name))
	argv = append(argv, args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = s.dir // runuser keeps the working directory; postgres must be able to read it
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	return cmd
}

// findBin returns the folder that holds initdb, pg_ctl and postgres.
func findBin() (string, error) { return findBinUnder("/usr/lib/postgresql") }

// findBinUnder looks on PATH, then in root/*/bin (Debian's layout).
func findBinUnder(root string) (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		if dir := filepath.Dir(p); hasBinaries(dir) {
			return dir, nil
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "*", "bin"))
	slices.SortFunc(dirs, func(a, b string) int { return majorOf(b) - majorOf(a) }) // newest first
	for _, dir := range dirs {
		if hasBinaries(dir) {
			return dir, nil
		}
	}
	return "", errors.New("pgtest: PostgreSQL is not installed (no initdb, pg_ctl and postgres on PATH or under /usr/lib/postgresql/*/bin); run `make deps` to install it")
}

func hasBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		if info, err := os.Stat(filepath.Join(dir, name)); err != nil || info.IsDir() {
			return false
		}
	}
	return true
}

// majorOf returns the version in …/postgresql/<version>/bin, or 0.
func majorOf(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func chownAll(dir string, u *user.User) error {
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return err
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
}

// freePort returns a TCP port of 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// shellQuote quotes each word for /bin/sh and joins them with spaces.
func shellQuote(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// A Shared is one server shared by the tests of a package, started by
// the first test that asks for it. Declare one in the test package and
// call Main from TestMain, which stops it after the tests:
//
//	var pg pgtest.Shared
//
//	func TestMain(m *testing.M) { pgtest.Main(m, &pg) }
//
//	func TestX(t *testing.T) { dsn := pg.Get(t).NewDatabase(t); … }
type Shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Get returns the shared server, starting it on first use; it fails the
// test when PostgreSQL cannot be started.
func (sh *Shared) Get(t testing.TB) *Server {
	t.Helper()
	sh.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		start := time.Now()
		sh.srv, sh.err = Start(ctx)
		if sh.err == nil {
			t.Logf("pgtest: PostgreSQL %s started in %v on port %d", sh.srv.Version, time.Since(start).Round(time.Millisecond), sh.srv.Port)
		}
	})
	if sh.err != nil {
		t.Fatal(sh.err)
	}
	return sh.srv
}

// Stop stops the shared server if it was started.
func (sh *Shared) Stop() error {
	// Calling once.Do here also makes a Get after Stop fail cleanly
	// instead of starting a server nobody stops.
	sh.once.Do(func() { sh.err = errors.New("pgtest: the shared server was already stopped") })
	if sh.srv == nil {
		return nil
	}
	return sh.srv.Stop()
}

// Main runs the package's tests, stops sh's server and exits with the
// tests' status (1 also when stopping the server failed).
func Main(m *testing.M, sh *Shared) {
	code := m.Run()
	if err := sh.Stop(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
