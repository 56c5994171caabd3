// Package config reads .sqlsage.toml, the project's sqlsage settings, into
// the engine's diagnostics.Config. The CLI and the language server read
// the same file the same way. Every mistake in the file is an error that
// names the file, the line and the key: a typo never silently turns a
// setting off.
//
//	pg-version = 15
//	migrations = ["db/migrations"]   # or "goose:db/migrations" to name the tool
//	primary-key-style = "identity"   # identity, serial or uuid
//	money-words = ["pennies"]
//	timestamp-words = ["until"]
//	boolean-prefixes = ["should"]
//	database-url-env = "DATABASE_URL" # the name of the variable, never the URL
//
//	[rules]
//	money-float = "error"             # off, hint, info, warning or error
//	unbounded-text = "hint"           # turns on a rule that is off by default
package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
)

// FileName is the name of the configuration file, looked up from the
// checked files' folder towards the root.
const FileName = ".sqlsage.toml"

// A File is a parsed configuration file.
type File struct {
	Path       string             // where it was read from
	Config     diagnostics.Config // target version, rule severities, settings
	Migrations []string           // migration folders as written, relative to the file's folder
	// MigrationFolders are Migrations read: each folder joined to the
	// file's folder, with the tool an entry names ("goose:db/migrations";
	// golang-migrate, goose, dbmate, flyway, sqitch or plain), or none
	// to recognise the tool from the files.
	MigrationFolders []migration.Folder
	DatabaseURLEnv   string // name of the environment variable holding the DSN
}

// raw mirrors the TOML document.
type raw struct {
	PGVersion       int               `toml:"pg-version"`
	Migrations      []string          `toml:"migrations"`
	PrimaryKeyStyle string            `toml:"primary-key-style"`
	MoneyWords      []string          `toml:"money-words"`
	TimestampWords  []string          `toml:"timestamp-words"`
	BooleanPrefixes []string          `toml:"boolean-prefixes"`
	DatabaseURLEnv  string            `toml:"database-url-env"`
	Rules           map[string]string `toml:"rules"`
}

// keys lists the top-level keys, for "did you mean" suggestions.
var keys = []string{"pg-version", "migrations", "primary-key-style", "money-words", "timestamp-words",
	"boolean-prefixes", "database-url-env", "rules"}

// Find returns the path of the nearest .sqlsage.toml in dir or one of its
// parents, or "" when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, FileName)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and checks the configuration file at path against rules.
func Load(path string, rules []*diagnostics.Rule) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return Parse(path, data, rules)
}

// Parse checks a configuration file's contents against rules; path is
// used in messages.
func Parse(path string, data []byte, rules []*diagnostics.Rule) (*File, error) {
	var r raw
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&r)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Message: pe.Message}
		}
		return nil, &Error{Path: path, Message: err.Error(), Err: err}
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0]
		name := k.String()
		if len(k) > 1 {
			name = k[0] + "." + k[1]
		}
		msg := fmt.Sprintf("unknown key %q", name)
		if s := closest(k[0], keys); s != "" && len(k) == 1 {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return nil, &Error{Path: path, Line: keyLine(data, k[len(k)-1]), Key: k[len(k)-1], Message: msg}
	}
	f := &File{Path: path, Migrations: r.Migrations, DatabaseURLEnv: r.DatabaseURLEnv}
	for _, entry := range r.Migrations {
		folder, err := migration.ParseFolder(entry)
		if err != nil {
			return nil, &Error{Path: path, Line: keyLine(data, "migrations"), Key: "migrations", Message: err.Error()}
		}
		if !filepath.IsAbs(folder.Dir) {
			folder.Dir = filepath.Join(filepath.Dir(path), folder.Dir)
		}
		f.MigrationFolders = append(f.MigrationFolders, folder)
	}
	if f.DatabaseURLEnv == "" {
		f.DatabaseURLEnv = "DATABASE_URL"
	}
	keyError := func(key, format string, args ...any) *Error {
		return &Error{Path: path, Line: keyLine(data, key), Key: key, Message: fmt.Sprintf(format, args...)}
	}
	if looksLikeURL(f.DatabaseURLEnv) {
		return nil, keyError("database-url-env", "database-url-env names an environment variable (such as \"DATABASE_URL\"), not the connection string itself; keep passwords out of the file")
	}
	cfg := diagnostics.Config{PGVersion: r.PGVersion, Rules: map[string]diagnostics.Severity{}}
	if r.PGVersion != 0 && (r.PGVersion < 9 || r.PGVersion > 18) {
		return nil, keyError("pg-version", "pg-version %d: want a PostgreSQL major version between 9 and 18", r.PGVersion)
	}
	if r.PrimaryKeyStyle != "" && !slices.Contains(diagnostics.PrimaryKeyStyles, r.PrimaryKeyStyle) {
		return nil, keyError("primary-key-style", "primary-key-style %q: want one of %s",
			r.PrimaryKeyStyle, strings.Join(diagnostics.PrimaryKeyStyles, ", "))
	}
	cfg.Settings = diagnostics.Settings{PrimaryKeyStyle: r.PrimaryKeyStyle, MoneyWords: lower(r.MoneyWords),
		TimestampWords: lower(r.TimestampWords), BooleanPrefixes: lower(r.BooleanPrefixes)}
	ids := make([]string, len(rules))
	for i, rule := range rules {
		ids[i] = rule.ID
	}
	// Map order is random: report the first mistake in the file.
	for _, id := range slices.SortedFunc(maps.Keys(r.Rules), func(a, b string) int { return keyLine(data, a) - keyLine(data, b) }) {
		sev := r.Rules[id]
		if !slices.Contains(ids, id) {
			msg := fmt.Sprintf("[rules] has unknown rule %q", id)
			if s := closest(id, ids); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, keyError(id, "%s; `sqlsage rules` lists them", msg)
		}
		s, err := diagnostics.ParseSeverity(sev)
		if err != nil {
			return nil, keyError(id, "rule %s: %v", id, err)
		}
		cfg.Rules[id] = s
	}
	f.Config = cfg
	return f, nil
}

// An Error is a mistake in a configuration file, located: the file, the
// line (1-based; 0 when unknown) and the key it concerns ("" when none,
// as for a TOML syntax error). Its text is "path:line: message".
type Error struct {
	Path    string
	Line    int
	Key     string // the key as written: "pg-version", or a rule ID of [rules]
	Message string // what is wrong, without the location
	Err     error  // the underlying error, if any
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	return e.Path + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

func lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

var urlLike = regexp.MustCompile(`^[a-z][a-z0-9+.-]*://|[@=\s]`)

func looksLikeURL(s string) bool { return urlLike.MatchString(s) }

// keyLine returns the 1-based line on which key is assigned, or 0.
func keyLine(data []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, line := range strings.Split(string(data), "\n") {
		if re.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// closest returns the candidate within edit distance 2 of word, or "".
func closest(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
