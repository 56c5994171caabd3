package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/config"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// Configuration has one truth for the editor and CI: the server reads
// .sqlsage.toml as `sqlsage check` does (config.Find from each workspace
// folder, as check does from its first path; config.Load's checks), at
// initialize and whenever the file changes (watched files, or the save of
// its buffer). The client's settings (workspace/didChangeConfiguration,
// {"sqlsage": {"pgVersion": 15, "rules": {…}, "migrations": […]}}, what
// editors/vscode sends) override the file's pg-version and rules, as
// check's flags do. A configuration file with a mistake is reported once
// (window/showMessage, and a diagnostic on the file when it is open) and
// the previous good configuration stays in force. Every change of the
// configuration in force re-analyses the open documents.

// configState is the server's configuration; guarded by server.mu.
type configState struct {
	roots    map[string]*rootConfig // by workspace root; "" when there is none
	settings settings               // the client's overrides
	gen      int                    // bumped whenever the configuration in force changes

	shown   map[string]string         // config path → the error last shown for it
	errDocs map[string]configProblem  // config path → its error, while it has one
	docs    map[string]configDocument // open configuration documents, by path
}

// rootConfig is the configuration file in force for one workspace root.
type rootConfig struct {
	path string       // the .sqlsage.toml in force; "" when none was found
	file *config.File // its last good contents; nil when none
}

// settings are the client's overrides of the configuration file.
type settings struct {
	pgVersion  int                             // 0: the file's
	rules      map[string]diagnostics.Severity // override the file's [rules]
	migrations []string                        // as .sqlsage.toml's migrations, which they replace; nil: the file's
}

// configProblem is a configuration file's error and where it is.
type configProblem struct {
	uri   string         // the file's URI
	rng   protocol.Range // the key it concerns, or its line, or the file's start
	msg   string         // the error without its location
	error string         // the whole error, as shown
}

// configDocument is an open .sqlsage.toml buffer.
type configDocument struct {
	uri     string
	version int32
}

func newConfigState() configState {
	return configState{
		roots:   make(map[string]*rootConfig),
		shown:   make(map[string]string),
		errDocs: make(map[string]configProblem),
		docs:    make(map[string]configDocument),
	}
}

// isConfigURI reports whether uri names a configuration file, which is
// not SQL and is never part of the snapshot.
func isConfigURI(uri string) bool {
	p, ok := uriPath(uri)
	if !ok {
		return strings.HasSuffix(uri, "/"+config.FileName)
	}
	return filepath.Base(p) == config.FileName
}

// configForLocked returns the configuration of document uri: the
// configuration file in force for the workspace root holding it (the
// first root's for a document outside every root), else Options.Config,
// with the client's settings over it. s.mu must be held.
func (s *server) configForLocked(uri string) diagnostics.Config {
	cfg := s.opts.Config
	root := ""
	if p, ok := uriPath(uri); ok {
		root, ok = rootOf(s.roots, p)
		if !ok && len(s.roots) > 0 {
			root = s.roots[0]
		}
	} else if len(s.roots) > 0 {
		root = s.roots[0]
	}
	if rc := s.config.roots[root]; rc != nil && rc.file != nil {
		cfg = rc.file.Config
	}
	st := s.config.settings
	if st.pgVersion != 0 {
		cfg.PGVersion = st.pgVersion
	}
	if len(st.rules) > 0 {
		rules := make(map[string]diagnostics.Severity, len(cfg.Rules)+len(st.rules))
		maps.Copy(rules, cfg.Rules)
		maps.Copy(rules, st.rules)
		cfg.Rules = rules
	}
	return cfg
}

// reloadConfig reads the configuration file in force for each workspace
// root again. A file with an error leaves that root's previous good
// configuration in force; its error is shown once (until the file is
// good again) and published on the file's open buffer. When the
// configuration in force changes, the open documents are analysed again.
func (s *server) reloadConfig() {
	s.mu.Lock()
	roots := slices.Clone(s.roots)
	s.mu.Unlock()
	if len(roots) == 0 {
		return
	}
	type loaded struct {
		path string
		file *config.File
		err  error
		data []byte
	}
	found := make(map[string]loaded, len(roots))
	for _, root := range roots {
		l := loaded{path: config.Find(root)}
		if l.path != "" {
			l.data, l.err = os.ReadFile(l.path)
			if l.err == nil {
				l.file, l.err = config.Parse(l.path, l.data, s.opts.Engine.Rules())
			} else {
				l.err = fmt.Errorf("reading %s: %w", l.path, l.err)
			}
		}
		found[root] = l
	}

	var show []string
	var publish []string // config paths whose open buffer needs its diagnostics again
	s.mu.Lock()
	before := s.effectiveLocked()
	cs := &s.config
	seen := make(map[string]bool)
	for _, root := range roots {
		l := found[root]
		rc := cs.roots[root]
		if rc == nil {
			rc = &rootConfig{}
			cs.roots[root] = rc
		}
		switch {
		case l.err != nil:
			// The previous good configuration stays in force.
			if !seen[l.path] {
				p := problemOf(l.path, l.data, l.err)
				if cs.shown[l.path] != p.error {
					cs.shown[l.path] = p.error
					show = append(show, p.error)
				}
				if old, ok := cs.errDocs[l.path]; !ok || old != p {
					cs.errDocs[l.path] = p
					publish = append(publish, l.path)
				}
			}
		default:
			rc.path, rc.file = l.path, l.file
			if l.path != "" && !seen[l.path] {
				delete(cs.shown, l.path)
				if _, ok := cs.errDocs[l.path]; ok {
					delete(cs.errDocs, l.path)
					publish = append(publish, l.path)
				}
			}
		}
		seen[l.path] = true
	}
	// A file no longer in force (deleted, or hidden by a nearer one)
	// keeps no error.
	for path := range cs.errDocs {
		if !seen[path] {
			delete(cs.errDocs, path)
			delete(cs.shown, path)
			publish = append(publish, path)
		}
	}
	changed := !reflect.DeepEqual(before, s.effectiveLocked())
	if changed {
		cs.gen++
		s.snap = s.snap.WithMigrationFolders(s.migrationFoldersLocked())
	}
	s.mu.Unlock()

	for _, msg := range show {
		s.showMessage(protocol.MessageTypeError, msg)
	}
	for _, path := range publish {
		s.publishConfigDiagnostics(path)
	}
	if changed {
		s.log.Info("configuration changed", "files", s.configPaths())
		s.invalidate("", 0)
	}
}

// effectiveLocked returns what decides the configuration of every
// document: the good configuration of each root, and the settings. Two
// equal values mean the same configuration everywhere. s.mu must be held.
func (s *server) effectiveLocked() any {
	files := make(map[string]*config.File, len(s.config.roots))
	for root, rc := range s.config.roots {
		if rc.file != nil {
			files[root] = rc.file
		}
	}
	return []any{files, s.config.settings}
}

// migrationFoldersLocked returns the migration folders the configuration
// in force names, as URIs: those of each root's .sqlsage.toml, and the
// client's migrations setting, which replaces them, resolved against
// each root. s.mu must be held.
func (s *server) migrationFoldersLocked() []migration.Folder {
	var out []migration.Folder
	for _, root := range slices.Sorted(maps.Keys(s.config.roots)) {
		rc := s.config.roots[root]
		folders := []migration.Folder(nil)
		if rc.file != nil {
			folders = rc.file.MigrationFolders
		}
		if s.config.settings.migrations != nil {
			folders = nil
			for _, entry := range s.config.settings.migrations {
				folder, err := migration.ParseFolder(entry)
				if err != nil {
					continue // parseSettings warned about it
				}
				if !filepath.IsAbs(folder.Dir) && root != "" {
					folder.Dir = filepath.Join(root, folder.Dir)
				}
				folders = append(folders, folder)
			}
		}
		for _, f := range folders {
			f.Dir = pathURI(f.Dir)
			out = append(out, f)
		}
	}
	return out
}

// configPaths returns the configuration files in force, for the log.
func (s *server) configPaths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var paths []string
	for _, rc := range s.config.roots {
		if rc.file != nil && !slices.Contains(paths, rc.file.Path) {
			paths = append(paths, rc.file.Path)
		}
	}
	slices.Sort(paths)
	return paths
}

// problemOf locates a configuration file's error in its text: on the key
// it names when the error has one, else on its line, else at the start.
func problemOf(path string, data []byte, err error) configProblem {
	keeping := "the previous configuration stays in force"
	p := configProblem{uri: pathURI(path), msg: err.Error(), error: "sqlsage: " + err.Error() + " (" + keeping + ")"}
	var ce *config.Error
	if !errors.As(err, &ce) {
		return p
	}
	p.msg = ce.Message
	if ce.Line < 1 {
		return p
	}
	f := source.NewFile(p.uri, 0, string(data))
	if ce.Line > f.LineCount() {
		return p
	}
	line := ce.Line - 1
	start := f.LineStart(line)
	text := f.LineText(line)
	span := source.Span{Start: start + len(text) - len(strings.TrimLeft(text, " \t")), End: start + len(strings.TrimRight(text, " \t"))}
	if ce.Key != "" {
		if i := keyIndex(text, ce.Key); i >= 0 {
			span = source.Span{Start: start + i, End: start + i + len(ce.Key)}
		}
	}
	p.rng = spanRange(f, span)
	return p
}

// keyIndex returns where key is written on a TOML line (bare or quoted),
// or -1.
func keyIndex(line, key string) int {
	trimmed := strings.TrimLeft(line, " \t")
	indent := len(line) - len(trimmed)
	switch {
	case strings.HasPrefix(trimmed, key):
		return indent
	case strings.HasPrefix(trimmed, `"`+key+`"`):
		return indent + 1
	}
	return strings.Index(line, key)
}

// publishConfigDiagnostics publishes the error of the configuration file
// at path on its buffer, when it is open: one diagnostic, or none.
func (s *server) publishConfigDiagnostics(path string) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	doc, open := s.config.docs[path]
	p, bad := s.config.errDocs[path]
	s.mu.Unlock()
	if !open {
		return
	}
	params := &protocol.PublishDiagnosticsParams{
		URI:         protocol.DocumentURI(doc.uri),
		Version:     uint32(max(doc.version, 0)),
		Diagnostics: []protocol.Diagnostic{},
	}
	if bad {
		params.Diagnostics = append(params.Diagnostics, protocol.Diagnostic{
			Range:    p.rng,
			Severity: protocol.DiagnosticSeverityError,
			Source:   "sqlsage",
			Message:  p.msg,
		})
	}
	if err := s.notifyDiagnostics(params); err != nil && s.ctx.Err() == nil {
		s.log.Error("cannot publish configuration diagnostics", "path", path, "error", err)
	}
}

// showMessage shows msg to the user.
func (s *server) showMessage(typ protocol.MessageType, msg string) {
	if err := s.conn.Notify(s.ctx, protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: typ, Message: msg}); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot show a message", "message", msg, "error", err)
	}
}

// DidChangeConfiguration takes the client's settings: {"sqlsage":
// {"pgVersion": 15, "rules": {"money-float": "error"}, "migrations":
// ["db/migrations"]}}. They override the configuration file's pg-version
// and rules; a setting that is not understood (an unknown rule, a bad
// severity, a version out of range) is shown as a warning and ignored.
// Settings without "sqlsage" clear the overrides.
func (s *server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	st, warnings := s.parseSettings(params.Settings)
	for _, w := range warnings {
		s.showMessage(protocol.MessageTypeWarning, w)
	}
	s.mu.Lock()
	before := s.effectiveLocked()
	s.config.settings = st
	changed := !reflect.DeepEqual(before, s.effectiveLocked())
	if changed {
		s.config.gen++
		s.snap = s.snap.WithMigrationFolders(s.migrationFoldersLocked())
	}
	s.mu.Unlock()
	if changed {
		s.log.Info("settings changed", "pgVersion", st.pgVersion, "rules", len(st.rules))
		s.invalidate("", 0)
	}
	return nil
}

// parseSettings reads the "sqlsage" section of the client's settings,
// returning what is understood and a warning for each thing that is not.
func (s *server) parseSettings(raw any) (settings, []string) {
	var st settings
	data, err := json.Marshal(raw)
	if err != nil {
		return st, []string{fmt.Sprintf("sqlsage: settings: %v (ignored)", err)}
	}
	var w struct {
		Sqlsage json.RawMessage `json:"sqlsage"`
	}
	if json.Unmarshal(data, &w) != nil || len(w.Sqlsage) == 0 || string(w.Sqlsage) == "null" {
		return st, nil
	}
	var sec struct {
		PGVersion  json.RawMessage            `json:"pgVersion"`
		Rules      map[string]json.RawMessage `json:"rules"`
		Migrations json.RawMessage            `json:"migrations"`
	}
	if err := json.Unmarshal(w.Sqlsage, &sec); err != nil {
		return st, []string{fmt.Sprintf("sqlsage: settings: \"sqlsage\" is not an object of settings: %v (ignored)", err)}
	}
	var warnings []string
	warn := func(format string, args ...any) {
		warnings = append(warnings, "sqlsage: settings: "+fmt.Sprintf(format, args...)+" (ignored)")
	}
	if len(sec.PGVersion) > 0 && string(sec.PGVersion) != "null" {
		var v float64
		switch err := json.Unmarshal(sec.PGVersion, &v); {
		case err != nil || v != float64(int(v)):
			warn("sqlsage.pgVersion %s: want a PostgreSQL major version between 9 and 18", sec.PGVersion)
		case v < 9 || v > 18:
			warn("sqlsage.pgVersion %d: want a PostgreSQL major version between 9 and 18", int(v))
		default:
			st.pgVersion = int(v)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(sec.Rules)) {
		if s.opts.Engine.Rule(id) == nil {
			warn("sqlsage.rules has unknown rule %q (`sqlsage rules` lists them)", id)
			continue
		}
		var name string
		if err := json.Unmarshal(sec.Rules[id], &name); err != nil {
			warn("sqlsage.rules[%q] is %s: want off, hint, info, warning or error", id, sec.Rules[id])
			continue
		}
		sev, err := diagnostics.ParseSeverity(name)
		if err != nil {
			warn("sqlsage.rules[%q]: %v", id, err)
			continue
		}
		if st.rules == nil {
			st.rules = make(map[string]diagnostics.Severity)
		}
		st.rules[id] = sev
	}
	if len(sec.Migrations) > 0 && string(sec.Migrations) != "null" {
		if err := json.Unmarshal(sec.Migrations, &st.migrations); err != nil {
			warn("sqlsage.migrations is %s: want a list of folders", sec.Migrations)
			st.migrations = nil
		}
		st.migrations = slices.DeleteFunc(st.migrations, func(entry string) bool {
			if _, err := migration.ParseFolder(entry); err != nil {
				warn("sqlsage.migrations: %v", err)
				return true
			}
			return false
		})
	}
	return st, warnings
}

// openConfig records an open configuration document and publishes its
// file's error, if any.
func (s *server) openConfig(uri string, version int32) {
	path, ok := uriPath(uri)
	if !ok {
		return
	}
	s.mu.Lock()
	s.config.docs[path] = configDocument{uri: uri, version: version}
	s.mu.Unlock()
	s.publishConfigDiagnostics(path)
}

// changeConfig records the new version of an open configuration document.
func (s *server) changeConfig(uri string, version int32) {
	path, ok := uriPath(uri)
	if !ok {
		return
	}
	s.mu.Lock()
	if d, ok := s.config.docs[path]; ok {
		d.version = version
		s.config.docs[path] = d
	}
	s.mu.Unlock()
}

// closeConfig forgets a configuration document and clears its diagnostics.
func (s *server) closeConfig(uri string) error {
	path, ok := uriPath(uri)
	if !ok {
		return nil
	}
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	_, open := s.config.docs[path]
	delete(s.config.docs, path)
	s.mu.Unlock()
	if !open {
		return nil
	}
	return s.notifyDiagnostics(&protocol.PublishDiagnosticsParams{URI: protocol.DocumentURI(uri), Diagnostics: []protocol.Diagnostic{}})
}

// configReloadJob is the disk job that reads the configuration files again.
func (s *server) configReloadJob(ctx context.Context) {
	if ctx.Err() == nil {
		s.reloadConfig()
	}
}
