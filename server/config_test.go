package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/config"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// checkSchema has a money column stored as float8 and a foreign key
// without an index, with multi-byte text before them.
const checkSchema = "-- é 😀 中文\n" +
	"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n" +
	"CREATE TABLE orders (\n" +
	"  id bigint PRIMARY KEY,\n" +
	"  user_id bigint NOT NULL REFERENCES users (id), -- 😀\n" +
	"  total_price float8\n" +
	");\n"

// checkRoute analyses every .sql file under dir as `sqlsage check dir`
// does (cmd/sqlsage/check.go): the configuration file config.Find finds
// from dir, loaded with config.Load against the engine's rules, and all
// the files as one workspace. It returns the diagnostics of the file
// named name, rendered by render with positions the test computes itself.
func checkRoute(t *testing.T, engine *diagnostics.Engine, dir, name string, withConfig bool) []string {
	t.Helper()
	ctx := context.Background()
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{}}
	if path := config.Find(dir); withConfig && path != "" {
		file, err := config.Load(path, engine.Rules())
		if err != nil {
			t.Fatal(err)
		}
		cfg = file.Config
	}
	paths, err := workspace.FindSQL(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	snap := workspace.New(syntax.NewParser(0))
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		f, err := workspace.ReadFile(p, filepath.ToSlash(rel))
		if err != nil {
			t.Fatal(err)
		}
		snap = snap.With(f)
	}
	diags, err := engine.Analyze(ctx, snap, name, cfg)
	if err != nil {
		t.Fatal(err)
	}
	text := snap.File(name).Text
	out := []string{}
	for _, d := range diags {
		r := protocol.Range{Start: utf16Pos(text, d.Span.Start), End: utf16Pos(text, d.Span.End)}
		out = append(out, fmt.Sprintf("%s %s %d %s", d.Rule, fmtRange(r), int(severity(d.Severity)), d.Message))
	}
	return out
}

// TestConfigMatchesCheck checks that the server reports exactly what
// `sqlsage check` reports for the same file and .sqlsage.toml, one that
// turns a rule off and changes another's severity: the same rules, ranges,
// severities and messages, with every rule of sqlsage.
func TestConfigMatchesCheck(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, config.FileName, "pg-version = 14\n\n[rules]\nmoney-float = \"error\"  # a warning by default\nfk-missing-index = \"off\"\n")
	schemaURI := writeFile(t, dir, "db/schema.sql", checkSchema)
	writeFile(t, dir, "db/queries.sql", "SELECT * FROM orders WHERE total_price > 1;\nDELETE FROM users;\n")

	engine, err := diagnostics.NewEngine(rules.All) // as cmd/sqlsage's newEngine
	if err != nil {
		t.Fatal(err)
	}
	want := checkRoute(t, engine, dir, "db/schema.sql", true)
	// The configuration matters: without it, fk-missing-index reports and
	// money-float is a warning; with it, neither.
	defaults := checkRoute(t, engine, dir, "db/schema.sql", false)
	has := func(diags []string, prefix string) bool {
		return slices.ContainsFunc(diags, func(d string) bool { return strings.HasPrefix(d, prefix) })
	}
	if !has(defaults, "fk-missing-index ") || !has(defaults, "money-float 5:14-5:20 2 ") {
		t.Fatalf("without the configuration check reports %q: want fk-missing-index, and money-float as a warning", defaults)
	}
	if has(want, "fk-missing-index ") || !has(want, "money-float 5:14-5:20 1 ") {
		t.Fatalf("with the configuration check reports %q: want no fk-missing-index, and money-float as an error", want)
	}

	t.Logf("check reports %q", want)
	c := startServer(t, Options{Engine: engine})
	mark := c.markMessages()
	c.initializeWith(string(uri.File(dir)), map[string]any{"window": map[string]any{"workDoneProgress": true}})
	c.awaitLoaded(mark)
	c.open(schemaURI, 1, checkSchema)
	if got := summarize(c.awaitVersion(schemaURI, 1).Diagnostics); !slices.Equal(got, want) {
		t.Errorf("the server reports\n%q\nsqlsage check reports\n%q", got, want)
	}
	if msgs := c.messages(protocol.MethodWindowShowMessage); len(msgs) != 0 {
		t.Errorf("messages shown for a good configuration: %+v", msgs)
	}
	c.shutdown()
}

// shown returns the window/showMessage notifications received, as
// "type message".
func (c *testClient) shown() []string {
	var out []string
	for _, m := range c.messages(protocol.MethodWindowShowMessage) {
		var p protocol.ShowMessageParams
		if err := json.Unmarshal(m.params, &p); err != nil {
			c.t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s", int(p.Type), p.Message))
	}
	return out
}

// TestConfigErrors changes .sqlsage.toml on disk under a running server:
// a mistake is shown once (window/showMessage, type Error, naming the
// file, the line and the key) and published on the open file, and the
// previous good configuration stays in force; a good file applies and
// clears the error; a save of the file's buffer reloads it too.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, config.FileName)
	cfgURI := writeFile(t, dir, config.FileName, "[rules]\nmoney-float = \"error\"\n")
	schemaURI := writeFile(t, dir, "schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, price float8);\n")

	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, rules.MoneyFloat)})
	c.initialize(string(uri.File(dir)))
	c.open(schemaURI, 1, "CREATE TABLE t (id bigint PRIMARY KEY, price float8);\n")
	if got, want := summaryCodes(c.awaitVersion(schemaURI, 1).Diagnostics), []string{"money-float 0:45-0:51"}; !slices.Equal(got, want) {
		t.Fatalf("version 1: %q, want %q", got, want)
	}
	if p := c.awaitVersion(schemaURI, 1); p.Diagnostics[0].Severity != protocol.DiagnosticSeverityError {
		t.Fatalf("money-float has severity %v, want Error from the configuration", p.Diagnostics[0].Severity)
	}
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: protocol.DocumentURI(cfgURI), LanguageID: "toml", Version: 1, Text: "[rules]\nmoney-float = \"error\"\n"}})
	if p := c.awaitVersion(cfgURI, 1); p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Fatalf("the good configuration file: %+v, want an empty list", p.Diagnostics)
	}
	// Requests about it find nothing there (it is not SQL).
	at := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(cfgURI)}, Position: protocol.Position{Line: 1, Character: 2}}
	for method, params := range map[string]any{
		protocol.MethodTextDocumentHover:          &protocol.HoverParams{TextDocumentPositionParams: at},
		protocol.MethodTextDocumentDefinition:     &protocol.DefinitionParams{TextDocumentPositionParams: at},
		protocol.MethodTextDocumentReferences:     &protocol.ReferenceParams{TextDocumentPositionParams: at},
		protocol.MethodTextDocumentDocumentSymbol: &protocol.DocumentSymbolParams{TextDocument: at.TextDocument},
		protocol.MethodTextDocumentCodeAction:     &protocol.CodeActionParams{TextDocument: at.TextDocument},
		protocol.MethodTextDocumentCompletion:     &protocol.CompletionParams{TextDocumentPositionParams: at},
	} {
		raw := json.RawMessage("null") // what a null result leaves
		c.mustCall(method, params, &raw)
		want := map[string]string{protocol.MethodTextDocumentDocumentSymbol: "[]", protocol.MethodTextDocumentCodeAction: "[]",
			protocol.MethodTextDocumentCompletion: `{"isIncomplete":false,"items":[]}`}[method]
		if want == "" {
			want = "null"
		}
		if string(raw) != want {
			t.Errorf("%s on the configuration file = %s, want %s", method, raw, want)
		}
	}
	watched := func() {
		c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
			Changes: []*protocol.FileEvent{{URI: protocol.DocumentURI(cfgURI), Type: protocol.FileChangeTypeChanged}}})
	}

	// A mistake: an unknown rule on line 3.
	writeFile(t, dir, config.FileName, "[rules]\nmoney-float = \"error\"\n  money-flaot = \"off\"\n")
	mark := c.mark()
	watched()
	p := c.awaitAfter(mark, "the error on the configuration file", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == cfgURI }).params
	wantMsg := `[rules] has unknown rule "money-flaot" (did you mean "money-float"?); ` + "`sqlsage rules` lists them"
	want := []string{"<nil> 2:2-2:13 1 " + wantMsg}
	if got := summarize(p.Diagnostics); !slices.Equal(got, want) || p.Version != 1 {
		t.Errorf("configuration file diagnostics: version %d %q, want version 1 %q", p.Version, got, want)
	}
	shown := []string{"1 sqlsage: " + cfgPath + ":3: " + wantMsg + " (the previous configuration stays in force)"}
	if got := c.shown(); !slices.Equal(got, shown) {
		t.Errorf("shown:\n%q\nwant\n%q", got, shown)
	}

	// The same mistake again is not shown again. (A new .sql file then
	// republishes schema.sql: the disk events are taken in order, so the
	// repeated one has been by then.)
	watched()
	other := writeFile(t, dir, "other.sql", "SELECT 1;\n")
	mark = c.mark()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
		Changes: []*protocol.FileEvent{{URI: protocol.DocumentURI(other), Type: protocol.FileChangeTypeCreated}}})
	p = c.awaitAfter(mark, "schema.sql republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == schemaURI }).params
	if p.Diagnostics[0].Severity != protocol.DiagnosticSeverityError {
		t.Errorf("money-float has severity %v under the file with a mistake, want Error from the previous file", p.Diagnostics[0].Severity)
	}
	if got := c.shown(); !slices.Equal(got, shown) {
		t.Errorf("shown after the same mistake again:\n%q\nwant only\n%q", got, shown)
	}

	// A good file applies (a change of severity republishes schema.sql)
	// and clears the error.
	writeFile(t, dir, config.FileName, "[rules]\nmoney-float = \"hint\"\n")
	mark = c.mark()
	watched()
	p = c.awaitAfter(mark, "the configuration file cleared", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == cfgURI }).params
	if len(p.Diagnostics) != 0 {
		t.Errorf("the fixed configuration file: %q, want none", summarize(p.Diagnostics))
	}
	p = c.awaitAfter(mark, "schema.sql republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == schemaURI }).params
	if got, want := summarize(p.Diagnostics), []string{"money-float 0:45-0:51 4 "}; len(got) != 1 || !strings.HasPrefix(got[0], want[0]) {
		t.Errorf("schema.sql under the fixed configuration: %q, want money-float as a hint", got)
	}
	if got := c.shown(); !slices.Equal(got, shown) {
		t.Errorf("shown after the fix:\n%q\nwant only\n%q", got, shown)
	}

	// A save of the buffer reloads the file: a bad severity, on line 2.
	writeFile(t, dir, config.FileName, "[rules]\nmoney-float = \"loud\"\n")
	mark = c.mark()
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(cfgURI)}})
	p = c.awaitAfter(mark, "the error on the configuration file", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == cfgURI }).params
	wantMsg = `rule money-float: unknown severity "loud" (want off, hint, info, warning or error)`
	if got, want := summarize(p.Diagnostics), []string{"<nil> 1:0-1:11 1 " + wantMsg}; !slices.Equal(got, want) {
		t.Errorf("configuration file diagnostics after the save: %q, want %q", got, want)
	}
	shown = append(shown, "1 sqlsage: "+cfgPath+":2: "+wantMsg+" (the previous configuration stays in force)")
	if got := c.shown(); !slices.Equal(got, shown) {
		t.Errorf("shown:\n%q\nwant\n%q", got, shown)
	}

	// Closing the configuration file clears its diagnostics.
	mark = c.mark()
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(cfgURI)}})
	p = c.awaitAfter(mark, "the closed configuration file cleared", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == cfgURI }).params
	if p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Errorf("closing the configuration file published %+v, want an empty list", p.Diagnostics)
	}
	c.shutdown()
}

// TestConfigErrorAtStart checks a mistake found at initialize: it is
// shown, and the defaults (here Options.Config) stay in force.
func TestConfigErrorAtStart(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, config.FileName)
	writeFile(t, dir, config.FileName, "pg-verison = 15\n")
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize(string(uri.File(dir)))
	c.open(testDoc, 1, "SELECT float;")
	c.awaitVersion(testDoc, 1)
	want := []string{"1 sqlsage: " + cfgPath + `:1: unknown key "pg-verison" (did you mean "pg-version"?) (the previous configuration stays in force)`}
	if got := c.shown(); !slices.Equal(got, want) {
		t.Errorf("shown:\n%q\nwant\n%q", got, want)
	}
	c.shutdown()
}

// TestSettingsOverrideTheFile sends the settings editors/vscode sends:
// its rules and pgVersion override .sqlsage.toml's; an unknown rule, a bad
// severity and a version out of range are shown as warnings and ignored;
// settings without "sqlsage" give the file back its say.
func TestSettingsOverrideTheFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, config.FileName, "[rules]\nmoney-float = \"hint\"\n")
	text := "CREATE TABLE t (id bigint PRIMARY KEY, price float8);\n"
	schemaURI := writeFile(t, dir, "schema.sql", text)
	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, rules.MoneyFloat, rules.FkMissingIndex)})
	c.initialize(string(uri.File(dir)))
	c.open(schemaURI, 1, text)
	sev := func(p protocol.PublishDiagnosticsParams) []string {
		var out []string
		for _, d := range p.Diagnostics {
			out = append(out, fmt.Sprintf("%v %d", d.Code, int(d.Severity)))
		}
		return out
	}
	if got, want := sev(c.awaitVersion(schemaURI, 1)), []string{"money-float 4"}; !slices.Equal(got, want) {
		t.Fatalf("under the file: %q, want %q", got, want)
	}

	settings := func(v any) {
		c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: v})
	}
	mark := c.mark()
	settings(map[string]any{"sqlsage": map[string]any{
		"pgVersion":  7,
		"rules":      map[string]any{"money-float": "error", "no-such-rule": "off", "fk-missing-index": "loud"},
		"migrations": []string{"db/migrations"},
	}})
	p := c.awaitAfter(mark, "schema.sql republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == schemaURI }).params
	if got, want := sev(p), []string{"money-float 1"}; !slices.Equal(got, want) {
		t.Errorf("under the settings: %q, want %q", got, want)
	}
	wantShown := []string{
		"2 sqlsage: settings: sqlsage.pgVersion 7: want a PostgreSQL major version between 9 and 18 (ignored)",
		`2 sqlsage: settings: sqlsage.rules["fk-missing-index"]: unknown severity "loud" (want off, hint, info, warning or error) (ignored)`,
		"2 sqlsage: settings: sqlsage.rules has unknown rule \"no-such-rule\" (`sqlsage rules` lists them) (ignored)",
	}
	if got := c.shown(); !slices.Equal(got, wantShown) {
		t.Errorf("shown:\n%q\nwant\n%q", got, wantShown)
	}

	// A valid pgVersion is taken (the documents are analysed again);
	// settings that change nothing republish nothing; settings without
	// "sqlsage" clear the overrides.
	mark = c.mark()
	settings(map[string]any{"sqlsage": map[string]any{"pgVersion": 15, "rules": map[string]any{"money-float": "error"}}})
	c.awaitAfter(mark, "schema.sql republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == schemaURI })
	settings(map[string]any{"sqlsage": map[string]any{"pgVersion": 15, "rules": map[string]any{"money-float": "error"}}})
	mark = c.mark()
	settings(map[string]any{"other": 1})
	p = c.awaitAfter(mark, "schema.sql republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == schemaURI }).params
	if got, want := sev(p), []string{"money-float 4"}; !slices.Equal(got, want) {
		t.Errorf("after the settings are cleared: %q, want %q", got, want)
	}
	if got := c.shown(); len(got) != len(wantShown) {
		t.Errorf("shown after good settings: %q, want no more", got[len(wantShown):])
	}
	c.shutdown()
}

// TestMigrationsSettingInTheServer checks that the server reads the
// migrations setting as check does: a folder it names is a migration
// history, so CREATE INDEX on a table an earlier migration of it created
// is reported; the client's setting replaces the file's.
func TestMigrationsSettingInTheServer(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, config.FileName, "migrations = [\"plain:schema_history\"]\n")
	writeFile(t, dir, "schema_history/a_create.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
	text := "CREATE INDEX users_email_idx ON users (email);\n"
	indexURI := writeFile(t, dir, "schema_history/b_index.sql", text)
	c := startServer(t, Options{Engine: newEngine(t, rules.IndexNotConcurrent)})
	mark := c.markMessages()
	c.initializeWith(string(uri.File(dir)), map[string]any{"window": map[string]any{"workDoneProgress": true}})
	c.awaitLoaded(mark)
	c.open(indexURI, 1, text)
	want := []string{"index-not-concurrent 0:0-0:46 2 CREATE INDEX on table users blocks writes to it until it finishes; use CONCURRENTLY"}
	if got := summarize(c.awaitVersion(indexURI, 1).Diagnostics); !slices.Equal(got, want) {
		t.Errorf("with the file's migrations setting: %q, want %q", got, want)
	}
	// A client setting naming another folder replaces the file's: this
	// folder is no migration history any more.
	pub := c.mark()
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{
		Settings: map[string]any{"sqlsage": map[string]any{"migrations": []string{"db/migrations"}}}})
	p := c.awaitAfter(pub, "republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == indexURI }).params
	if got := summarize(p.Diagnostics); len(got) != 0 {
		t.Errorf("with the client's migrations setting naming another folder: %q, want none", got)
	}
}
