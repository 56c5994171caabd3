package pgtest

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStartStop(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()

	dsn, err := s.CreateDatabase(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Exec(ctx, dsn, "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2)"); err != nil {
		t.Fatal(err)
	}
	conn, err := s.Connect(ctx, "shop")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var user string
	if err := conn.QueryRow(ctx, "SELECT count(*), current_user FROM t").Scan(&n, &user); err != nil || n != 2 || user != "postgres" {
		t.Errorf("count, user = %d, %q, %v; want 2, postgres", n, user, err)
	}
	conn.Close(ctx)
	if !strings.HasPrefix(s.Version, "1") {
		t.Errorf("Version = %q", s.Version)
	}
	if !strings.Contains(dsn, ":"+s.Password+"@") {
		t.Errorf("DSN %q lacks the password", dsn)
	}

	dir := s.Dir()
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("after Stop, %s still exists (%v)", dir, err)
	}
	if c, err := net.DialTimeout("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)), time.Second); err == nil {
		c.Close()
		t.Errorf("after Stop, port %d still accepts connections", s.Port)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
}

// TestWatchdog runs a test binary that starts a server and exits without
// stopping it, as a panicking or killed test would, and checks that the
// server is gone shortly after.
func TestWatchdog(t *testing.T) {
	t.Parallel()
	if os.Getenv("PGTEST_ORPHAN") == "1" {
		return // the child's copy of this test; the child runs TestOrphanChild
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOrphanChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PGTEST_ORPHAN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var dir string
	var port int
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "orphan "); ok {
			f := strings.Fields(rest)
			dir = f[0]
			port, _ = strconv.Atoi(f[1])
		}
	}
	cmd.Wait()
	if dir == "" {
		t.Fatal("the child did not start a server")
	}
	exited := time.Now()
	for {
		_, statErr := os.Stat(dir)
		c, dialErr := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), time.Second)
		if dialErr == nil {
			c.Close()
		}
		if os.IsNotExist(statErr) && dialErr != nil {
			break
		}
		if time.Since(exited) > 10*time.Second {
			t.Fatalf("10 s after its test process exited, the server on port %d still runs (%v) or %s still exists (%v)", port, dialErr, dir, statErr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("orphaned server stopped %v after its test process exited", time.Since(exited).Round(time.Millisecond))
}

// TestOrphanChild is TestWatchdog's child: it starts a server, says where,
// and exits at once, skipping every cleanup.
func TestOrphanChild(t *testing.T) {
	if os.Getenv("PGTEST_ORPHAN") != "1" {
		t.Skip("run by TestWatchdog")
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("orphan " + s.Dir() + " " + strconv.Itoa(s.Port) + "\n")
	os.Exit(0)
}

func TestFindBin(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	root := t.TempDir()
	if _, err := findBinUnder(root); err == nil || !strings.Contains(err.Error(), "run `make deps`") {
		t.Errorf("without PostgreSQL: %v; want an error telling to run make deps", err)
	}
	for _, v := range []string{"13", "16", "9.6"} {
		bin := filepath.Join(root, v, "bin")
		os.MkdirAll(bin, 0o755)
		for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
			os.WriteFile(filepath.Join(bin, name), nil, 0o755)
		}
	}
	os.MkdirAll(filepath.Join(root, "17", "bin"), 0o755) // no binaries: not a candidate
	if got, err := findBinUnder(root); err != nil || got != filepath.Join(root, "16", "bin") {
		t.Errorf("findBinUnder = %q, %v; want the newest version with binaries, 16", got, err)
	}
}
