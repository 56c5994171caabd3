// Package workspace holds Snapshot: the files of a workspace at one moment,
// with their parses and schema model computed on demand and memoized.
//
// A Snapshot never changes; an edit makes a new one with With, which keeps
// the memoized parses of every file the edit did not touch (gopls' model:
// analysis always reads an immutable snapshot, so a slow analysis never
// races an edit).
package workspace

import (
	"context"
	"maps"
	"slices"
	"sync"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A Snapshot is an immutable set of files keyed by URI (or path), in
// migration order, sharing one statement parse cache with its successors.
type Snapshot struct {
	parser *syntax.Parser
	files  map[string]*source.File
	order  []string // URIs sorted: file-name order is migration order

	mu     sync.Mutex
	parsed map[string]*syntax.ParsedFile // guarded by mu; memoized parses
	// prev holds, for files that changed since the snapshot this one was
	// made from, the parse of their previous version: Parsed re-parses
	// from it (see syntax.Parser.Reparse), and drops it once used.
	prev  map[string]*syntax.ParsedFile // guarded by mu
	model *schema.Model                 // guarded by mu; memoized model
	// prevModel is the model of the snapshot this one was made from (or
	// of an earlier one), which Model rebuilds from (schema.Rebuild);
	// dropped once used.
	prevModel *schema.Model // guarded by mu

	folders []migration.Folder // the migrations setting (WithMigrationFolders)
}

// New returns a snapshot of files that parses through parser.
func New(parser *syntax.Parser, files ...*source.File) *Snapshot {
	s := &Snapshot{parser: parser, files: make(map[string]*source.File, len(files)), parsed: make(map[string]*syntax.ParsedFile)}
	for _, f := range files {
		s.files[f.URI] = f
	}
	s.sortURIs()
	return s
}

// sortURIs puts the files in migration order: each migration history in
// its tool's order, everything else by path (migration.Set.Order).
func (s *Snapshot) sortURIs() {
	files := make([]migration.File, 0, len(s.files))
	for _, uri := range slices.Sorted(maps.Keys(s.files)) {
		files = append(files, migration.File{URI: uri, Text: s.files[uri].Text})
	}
	s.order = migration.Read(files, migration.Options{Folders: s.folders, ReadFile: migration.ReadDisk}).Order()
}

// WithMigrationFolders returns a snapshot of the same files whose
// migration histories include the folders the configuration names (the
// migrations setting; Dir in the form the snapshot's URIs use). Parses
// are kept; the order and the model follow the folders.
func (s *Snapshot) WithMigrationFolders(folders []migration.Folder) *Snapshot {
	n := s.clone(nil, nil)
	n.folders = slices.Clone(folders)
	n.sortURIs()
	return n
}

// MigrationFolders returns the folders set by WithMigrationFolders.
func (s *Snapshot) MigrationFolders() []migration.Folder { return s.folders }

// With returns a new snapshot in which files replace (or add to) those of
// s. Parses of the files that did not change are carried over.
func (s *Snapshot) With(files ...*source.File) *Snapshot {
	return s.clone(files, nil)
}

// Without returns a new snapshot without the files at uris.
func (s *Snapshot) Without(uris ...string) *Snapshot {
	return s.clone(nil, uris)
}

func (s *Snapshot) clone(add []*source.File, remove []string) *Snapshot {
	n := &Snapshot{parser: s.parser, files: maps.Clone(s.files), folders: s.folders}
	added := len(add) > 0 && slices.ContainsFunc(add, func(f *source.File) bool { return s.files[f.URI] == nil })
	for _, f := range add {
		n.files[f.URI] = f
	}
	for _, uri := range remove {
		delete(n.files, uri)
	}
	if added || len(remove) > 0 {
		n.sortURIs()
	} else {
		n.order = s.order
	}
	s.mu.Lock()
	n.parsed = make(map[string]*syntax.ParsedFile, len(s.parsed))
	for uri, pf := range s.parsed {
		if n.files[uri] == pf.File {
			n.parsed[uri] = pf
		} else if n.files[uri] != nil {
			if n.prev == nil {
				n.prev = make(map[string]*syntax.ParsedFile)
			}
			n.prev[uri] = pf
		}
	}
	n.prevModel = s.model
	if n.prevModel == nil {
		n.prevModel = s.prevModel
	}
	// A file edited twice before anyone asked for its parse re-parses
	// from the last parse there was.
	for uri, pf := range s.prev {
		if n.parsed[uri] == nil && n.prev[uri] == nil && n.files[uri] != nil {
			if n.prev == nil {
				n.prev = make(map[string]*syntax.ParsedFile)
			}
			n.prev[uri] = pf
		}
	}
	s.mu.Unlock()
	return n
}

// File returns the file at uri, or nil.
func (s *Snapshot) File(uri string) *source.File { return s.files[uri] }

// URIs returns the URIs of every file, in migration order.
func (s *Snapshot) URIs() []string { return s.order }

// Parser returns the statement parser shared by this snapshot's lineage.
func (s *Snapshot) Parser() *syntax.Parser { return s.parser }

// Parsed returns the parse of the file at uri, computing it once.
func (s *Snapshot) Parsed(ctx context.Context, uri string) (*syntax.ParsedFile, error) {
	s.mu.Lock()
	pf := s.parsed[uri]
	s.mu.Unlock()
	if pf != nil {
		return pf, nil
	}
	f := s.files[uri]
	if f == nil {
		return nil, &NotFoundError{URI: uri}
	}
	s.mu.Lock()
	prev := s.prev[uri]
	s.mu.Unlock()
	var err error
	if prev != nil {
		pf, err = s.parser.Reparse(ctx, prev, f)
	} else {
		pf, err = s.parser.ParseFile(ctx, f)
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.parsed[uri] = pf
	delete(s.prev, uri)
	s.mu.Unlock()
	return pf, nil
}

// Model returns the schema model of every file in migration order,
// computing it once.
func (s *Snapshot) Model(ctx context.Context) (*schema.Model, error) {
	s.mu.Lock()
	m := s.model
	s.mu.Unlock()
	if m != nil {
		return m, nil
	}
	files := make([]*syntax.ParsedFile, 0, len(s.order))
	for _, uri := range s.order {
		pf, err := s.Parsed(ctx, uri)
		if err != nil {
			return nil, err
		}
		files = append(files, pf)
	}
	s.mu.Lock()
	prev := s.prevModel
	s.mu.Unlock()
	var err error
	if prev != nil {
		m, err = schema.Rebuild(ctx, prev, files, s.folders)
	} else {
		m, err = schema.BuildWith(ctx, files, s.folders)
	}
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.model = m
	s.prevModel = nil
	s.mu.Unlock()
	return m, nil
}

// A NotFoundError reports a URI that is not in the snapshot.
type NotFoundError struct{ URI string }

func (e *NotFoundError) Error() string { return "no such document: " + e.URI }
