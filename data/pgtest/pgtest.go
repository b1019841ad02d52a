// Package pgtest starts a real PostgreSQL server for tests: Debian's
// postgresql binaries, initdb and pg_ctl in a temporary folder, listening
// on a free loopback port and on a unix socket in that folder. One server
// serves a whole test binary; each test gets a fresh database on it, which
// is far faster than a server per test.
//
// When the tests run as root (CI does), the server runs as the postgres
// system user the Debian package made: PostgreSQL refuses to run as root.
//
// A test binary that uses it calls Main from its TestMain, so that the
// server is stopped when the tests end.
package pgtest

import (
	"bytes"
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
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a running PostgreSQL server.
type Server struct {
	dir  string // the temporary folder: data/ and the socket
	bin  string // the folder of initdb, pg_ctl, postgres
	port int
	as   []string // the command prefix that runs a program as the server's user
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// Main runs the tests of m and stops the server if a test started it.
// Call it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// NewDatabase makes a fresh, empty database on the package's server
// (started on first use) and returns its URL. When PostgreSQL is not
// installed the test fails under CI (CI=true) and is skipped elsewhere.
func NewDatabase(t testing.TB) string {
	t.Helper()
	once.Do(func() { shared, startErr = Start() })
	if errors.Is(startErr, ErrNotInstalled) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (the Makefile's deps target installs it)", startErr)
		}
		t.Skipf("%v: apt-get install postgresql to run the PostgreSQL tests", startErr)
	}
	if startErr != nil {
		t.Fatal(startErr)
	}
	u, err := shared.CreateDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// ErrNotInstalled says Debian's postgresql package is not installed.
var ErrNotInstalled = errors.New("PostgreSQL's server programs are not installed (no /usr/lib/postgresql/*/bin/initdb)")

// binDir is the newest installed server's program folder.
func binDir() (string, error) {
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	if len(found) == 0 {
		return "", ErrNotInstalled
	}
	sort.Slice(found, func(i, j int) bool { return version(found[i]) < version(found[j]) })
	return filepath.Dir(found[len(found)-1]), nil
}

func version(initdb string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return v
}

// Start starts a new server in a new temporary folder. Its durability
// settings are PostgreSQL's defaults unless PGTEST_FSYNC=off, which the
// normal test run does not set: the figures measured on it are those of
// a real server.
func Start() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	// As root the folder is in /tmp whatever TMPDIR says: the postgres
	// user must reach it, and its socket's path must stay short.
	base := ""
	if os.Geteuid() == 0 {
		base = "/tmp"
	}
	dir, err := os.MkdirTemp(base, "pgtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin}
	if err := s.runAs(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := s.start(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// runAs arranges for the server to run as the postgres user when this
// process is root, owning the temporary folder.
func (s *Server) runAs() error {
	if os.Geteuid() != 0 {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root, PostgreSQL needs an unprivileged user to run as, and there is no postgres user: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	if err := os.Chown(s.dir, uid, gid); err != nil {
		return err
	}
	s.as = []string{"setpriv", "--reuid=" + u.Uid, "--regid=" + u.Gid, "--clear-groups", "--"}
	return nil
}

func (s *Server) command(name string, args ...string) *exec.Cmd {
	argv := append(append(append([]string{}, s.as...), filepath.Join(s.bin, name)), args...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC")
	return cmd
}

func (s *Server) run(name string, args ...string) error {
	cmd := s.command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %v: %v\n%s", name, args, err, out.Bytes())
	}
	return nil
}

func (s *Server) dataDir() string { return filepath.Join(s.dir, "data") }

func (s *Server) start() error {
	if err := s.run("initdb", "-D", s.dataDir(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return err
	}
	opts := "-c listen_addresses=127.0.0.1 -c unix_socket_directories=" + s.dir + " -c max_connections=200"
	if os.Getenv("PGTEST_FSYNC") == "off" {
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	// A port that is free now may be taken before the server binds it:
	// try another then.
	var err error
	for try := 0; try < 5; try++ {
		if s.port, err = freePort(); err != nil {
			return err
		}
		err = s.run("pg_ctl", "start", "-w", "-t", "60", "-D", s.dataDir(), "-l", filepath.Join(s.dir, "log"),
			"-o", opts+" -p "+strconv.Itoa(s.port))
		if err == nil {
			return nil
		}
	}
	log, _ := os.ReadFile(filepath.Join(s.dir, "log"))
	return fmt.Errorf("%w\n%s", err, log)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// Stop stops the server at once (pg_ctl's fast mode) and removes its
// folder.
func (s *Server) Stop() {
	if s.port != 0 {
		s.run("pg_ctl", "stop", "-m", "fast", "-w", "-D", s.dataDir())
	}
	os.RemoveAll(s.dir)
}

// URL is the address of database db over TCP on loopback, as the
// superuser, in the form hub --db takes.
func (s *Server) URL(db string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path: "/" + db, RawQuery: "sslmode=disable"}
	return u.String()
}

// CreateDatabase makes a new database with a random name and returns its
// URL.
func (s *Server) CreateDatabase(ctx context.Context) (string, error) {
	var b [8]byte
	rand.Read(b[:])
	name := "test_" + hex.EncodeToString(b[:])
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	return s.URL(name), nil
}

// Each runs test twice, as subtests named "sqlite" and "postgres", for
// code with a store of each kind: in the second, On is true.
func Each(t *testing.T, test func(*testing.T)) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, test)
	}
}

// On says whether t is (within) the "postgres" subtest of Each or of a
// benchmark's b.Run("postgres", ...).
func On(t testing.TB) bool {
	return slices.Contains(strings.Split(t.Name(), "/"), "postgres")
}

// NewStore is where a new, empty hub store of t's kind is: a new
// database's URL under On, else a new temporary folder for SQLite.
func NewStore(t testing.TB) string {
	t.Helper()
	if On(t) {
		return NewDatabase(t)
	}
	return t.TempDir()
}
