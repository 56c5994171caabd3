package migration

import (
	"regexp"
	"slices"
	"strings"
)

// A File is a SQL file of the workspace: its URI (or path) and text.
type File struct {
	URI  string
	Text string
}

// Options are what Read needs beyond the SQL files.
type Options struct {
	// Folders are the migration folders configuration names (the
	// migrations setting, resolved to the form the URIs use). Files
	// under them belong to their history whatever their layout.
	Folders []Folder
	// ReadFile reads a companion file that is not SQL, named like the
	// URIs: sqitch.plan, and Flyway's per-script "<script>.conf". With
	// nil, none is read: sqitch changes are then ordered by name and
	// Flyway scripts keep the default transaction.
	ReadFile func(uri string) ([]byte, error)
}

// A Set is a workspace's migration histories and the order of all its
// files. It never changes after Read.
type Set struct {
	// Histories are the histories found, ordered by folder.
	Histories []*History

	order []string                // every file: histories in tool order, loose files in path order
	byURI map[string][]*Migration // the migrations each file has a part in
}

// entry is a file with its path taken apart; paths are compared with
// forward slashes, and uri keeps the caller's spelling.
type entry struct {
	uri, slash, dir, base, text string
}

func newEntry(f File) *entry {
	s := strings.ReplaceAll(f.URI, `\`, "/")
	dir, base := "", s
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		dir, base = s[:i], s[i+1:]
	}
	return &entry{uri: f.URI, slash: s, dir: dir, base: base, text: f.Text}
}

// migrationDirs are folder names that hold migrations even when their
// files follow no tool's convention.
var migrationDirs = map[string]bool{"migrations": true, "migration": true, "migrate": true, "versioned": true}

// numbered matches a file name that starts with a version.
var numbered = regexp.MustCompile(`^\d+[_.-]`)

// Read finds the migration histories among files and orders them as
// their tools do. Files that belong to no history keep their place in
// path (byte-wise) order; a history takes the place of its first file.
func Read(files []File, opts Options) *Set {
	entries := make([]*entry, len(files))
	for i, f := range files {
		entries[i] = newEntry(f)
	}
	slices.SortFunc(entries, func(a, b *entry) int { return strings.Compare(a.uri, b.uri) })

	s := &Set{byURI: make(map[string][]*Migration)}
	for _, g := range group(entries, opts) {
		if h := g.history(opts); h != nil && len(h.Migrations) > 0 {
			s.Histories = append(s.Histories, h)
		}
	}
	slices.SortFunc(s.Histories, func(a, b *History) int { return strings.Compare(a.Dir, b.Dir) })

	hist := make(map[*Migration]*History)
	for _, h := range s.Histories {
		for _, m := range h.Migrations {
			hist[m] = h
			for _, uri := range m.URIs() {
				s.byURI[uri] = append(s.byURI[uri], m)
			}
		}
	}
	placed := make(map[*History]bool)
	for _, e := range entries {
		ms := s.byURI[e.uri]
		if len(ms) == 0 {
			s.order = append(s.order, e.uri)
			continue
		}
		h := hist[ms[0]]
		if placed[h] {
			continue
		}
		placed[h] = true
		for _, m := range h.Migrations {
			s.order = append(s.order, m.URIs()...)
		}
	}
	return s
}

// Order returns the URIs of every file Read was given: each history's
// files in its tool's order (a migration's up file, then its down and
// verify files), at the place of the history's first file in path order,
// and every other file in path order.
func (s *Set) Order() []string { return s.order }

// Migrations returns the migrations the file at uri has a part in (one,
// except for a damaged history), or nil when it belongs to none.
func (s *Set) Migrations(uri string) []*Migration {
	if s == nil {
		return nil
	}
	return s.byURI[uri]
}

// At returns the migration whose part holds byte offset off of the file
// at uri, and that part. For a file of a migration whose parts do not
// cover off (text before goose's or dbmate's first marker) it returns the
// migration and a nil part; for a file of no migration, nils.
func (s *Set) At(uri string, off int) (*Migration, *Part) {
	ms := s.Migrations(uri)
	for _, m := range ms {
		for _, p := range m.Parts() {
			if p.Contains(uri, off) {
				return m, p
			}
		}
	}
	if len(ms) > 0 {
		return ms[0], nil
	}
	return nil, nil
}

// A candidate is a group of files that may be one history: a configured
// folder, a sqitch project, or one folder of files.
type candidate struct {
	dir        string // slash form
	uriDir     string // the caller's spelling of dir
	tool       Tool   // named by configuration, or ""
	configured bool
	sqitch     bool
	entries    []*entry
}

// group sorts entries into candidate histories: configured folders
// first (the longest folder that holds a file wins), then sqitch
// projects, then each remaining folder.
func group(entries []*entry, opts Options) []*candidate {
	var out []*candidate
	byKey := make(map[string]*candidate)
	add := func(key string, c *candidate, e *entry) {
		g := byKey[key]
		if g == nil {
			g = c
			byKey[key] = g
			out = append(out, g)
		}
		g.entries = append(g.entries, e)
	}
	folders := make([]Folder, len(opts.Folders))
	for i, f := range opts.Folders {
		folders[i] = Folder{Dir: strings.TrimSuffix(strings.TrimPrefix(strings.ReplaceAll(f.Dir, `\`, "/"), "./"), "/"), Tool: f.Tool}
	}
	slices.SortStableFunc(folders, func(a, b Folder) int { return len(b.Dir) - len(a.Dir) })
	sqitchRoots := make(map[string]bool) // asked once per folder: it may read sqitch.plan
	isSqitch := func(root string, e *entry) bool {
		is, ok := sqitchRoots[root]
		if !ok {
			is = isSqitchProject(root, e.uri[:len(root)], entries, opts)
			sqitchRoots[root] = is
		}
		return is
	}
	for _, e := range entries {
		if f, root, ok := configured(e, folders); ok {
			add("config:"+f.Dir, &candidate{dir: root, uriDir: e.uri[:len(root)], tool: f.Tool, configured: true}, e)
			continue
		}
		if root, ok := sqitchRoot(e); ok && isSqitch(root, e) {
			add("sqitch:"+root, &candidate{dir: root, uriDir: e.uri[:len(root)], tool: Sqitch, sqitch: true}, e)
			continue
		}
		add("dir:"+e.dir, &candidate{dir: e.dir, uriDir: e.uri[:len(e.dir)]}, e)
	}
	return out
}

// configured returns the configured folder e lies under, and the part of
// e's path that names that folder.
func configured(e *entry, folders []Folder) (Folder, string, bool) {
	for _, f := range folders {
		if f.Dir == "" || f.Dir == "." {
			return f, e.dir, true
		}
		if strings.HasPrefix(e.slash, f.Dir+"/") {
			return f, f.Dir, true
		}
		if i := strings.LastIndex(e.slash, "/"+f.Dir+"/"); i >= 0 {
			return f, e.slash[:i+1+len(f.Dir)], true
		}
	}
	return Folder{}, "", false
}

// history recognises the candidate's tool and builds its history, or
// returns nil when the files are not a migration history.
func (c *candidate) history(opts Options) *History {
	tool := c.tool
	if tool == "" {
		tool = c.detect()
	}
	var ms []*Migration
	switch tool {
	case GolangMigrate:
		ms = golangMigrate(c.entries)
	case Goose:
		ms = goose(c.entries)
	case Dbmate:
		ms = dbmate(c.entries)
	case Flyway:
		ms = flyway(c.entries, opts)
	case Sqitch:
		ms = sqitch(c.dir, c.uriDir, c.entries, opts)
	case Plain:
		ms = plain(c.entries, c.configured || migrationDirs[strings.ToLower(lastSegment(c.dir))])
	default:
		return nil
	}
	return &History{Dir: c.uriDir, Tool: tool, Migrations: ms}
}

// detect recognises the tool of a candidate's files: by file names
// first (golang-migrate's .up/.down, Flyway's prefixes), then by the
// markers in the text (goose, dbmate), else plain when the folder is
// named for migrations, is configured, or has numbered files. It returns
// "" for files that are no history.
func (c *candidate) detect() Tool {
	if c.sqitch || slices.ContainsFunc(c.entries, func(e *entry) bool { return strings.HasPrefix(e.slash, c.dir+"/deploy/") }) {
		return Sqitch
	}
	if slices.ContainsFunc(c.entries, func(e *entry) bool { return golangMigrateName.MatchString(e.base) }) {
		return GolangMigrate
	}
	if slices.ContainsFunc(c.entries, func(e *entry) bool { return flywayName.MatchString(e.base) || flywayRepeatable.MatchString(e.base) }) {
		return Flyway
	}
	if slices.ContainsFunc(c.entries, func(e *entry) bool { return gooseName.MatchString(e.base) && hasMarker(e.text, gooseMarker) }) {
		return Goose
	}
	if slices.ContainsFunc(c.entries, func(e *entry) bool { return dbmateName.MatchString(e.base) && hasMarker(e.text, dbmateMarker) }) {
		return Dbmate
	}
	if c.configured || migrationDirs[strings.ToLower(lastSegment(c.dir))] ||
		slices.ContainsFunc(c.entries, func(e *entry) bool { return numbered.MatchString(e.base) }) {
		return Plain
	}
	return ""
}

func lastSegment(dir string) string {
	return dir[strings.LastIndexByte(dir, '/')+1:]
}

// wholeFile returns a part that is all of e, run in tx.
func wholeFile(e *entry, tx Transaction) *Part {
	return &Part{URI: e.uri, Spans: whole(e), Tx: tx}
}
