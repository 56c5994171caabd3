package migration

import (
	"slices"
	"strconv"
	"strings"
)

// sqitchDirs are the folders of a sqitch project, one per script kind.
var sqitchDirs = []string{"deploy", "revert", "verify"}

// sqitchRoot returns the folder holding the deploy/, revert/ or verify/
// folder e lies in (the last such folder of its path: change names may
// hold slashes, "deploy/schema/users.sql").
func sqitchRoot(e *entry) (string, bool) {
	segs := strings.Split(e.dir, "/")
	for k := len(segs) - 1; k >= 0; k-- {
		if slices.Contains(sqitchDirs, segs[k]) {
			return strings.Join(segs[:k], "/"), true
		}
	}
	return "", false
}

// isSqitchProject reports whether root is a sqitch project: it has a
// sqitch.plan, or both deploy/ and revert/ scripts.
func isSqitchProject(root, uriRoot string, entries []*entry, opts Options) bool {
	if opts.ReadFile != nil {
		if _, err := opts.ReadFile(join(uriRoot, "sqitch.plan")); err == nil {
			return true
		}
	}
	prefix := func(d string) string { return join(root, d) + "/" }
	return slices.ContainsFunc(entries, func(e *entry) bool { return strings.HasPrefix(e.slash, prefix("deploy")) }) &&
		slices.ContainsFunc(entries, func(e *entry) bool { return strings.HasPrefix(e.slash, prefix("revert")) })
}

// join joins a folder and a name with "/"; the folder "" is the
// workspace root. join(dir, "") is dir's prefix: "db/" or "".
func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// A planChange is one change of sqitch.plan: its name and the file name
// of its scripts (the name, or "name@tag" for a change reworked later).
type planChange struct {
	name, file string
}

// readPlan reads the changes of a sqitch.plan in order. Pragmas ("%…"),
// tags ("@…"), comments and blank lines are skipped; a change is the
// first word of its line. A change that appears again later was
// reworked: its earlier scripts are "<name>@<tag>.sql", named for the
// first tag after it (sqitch-rework).
func readPlan(text string) []planChange {
	var changes []planChange
	var tags []string // the first tag after each change, "" until one comes
	lines(text, func(_ int, line string) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '%' || line[0] == '#' {
			return
		}
		word := strings.Fields(line)[0]
		if strings.HasPrefix(word, "@") {
			for i := len(tags) - 1; i >= 0 && tags[i] == ""; i-- {
				tags[i] = word
			}
			return
		}
		for i := range changes {
			if changes[i].file == word && tags[i] != "" {
				changes[i].file = word + tags[i]
			}
		}
		changes = append(changes, planChange{name: word, file: word})
		tags = append(tags, "")
	})
	return changes
}

// sqitch reads a sqitch project: deploy/<change>.sql with its
// revert/<change>.sql and verify/<change>.sql, in the order of
// sqitch.plan (or of the deploy scripts' names, without a plan).
// sqitch runs each script through psql as written, opening no
// transaction; its templates put BEGIN and COMMIT in the script.
func sqitch(root, uriRoot string, entries []*entry, opts Options) []*Migration {
	tx := Transaction{Mode: TxNone, Reason: "sqitch runs scripts without a transaction of its own (they hold their own BEGIN and COMMIT)"}
	scripts := make(map[string]*entry) // "deploy/users" → file
	var deployed []string              // change file names of the deploy scripts, in natural order
	for _, e := range entries {
		rel := strings.TrimSuffix(strings.TrimPrefix(e.slash, join(root, "")), ".sql")
		scripts[rel] = e
		if name, ok := strings.CutPrefix(rel, "deploy/"); ok {
			deployed = append(deployed, name)
		}
	}
	var plan []planChange
	if opts.ReadFile != nil {
		if data, err := opts.ReadFile(join(uriRoot, "sqitch.plan")); err == nil {
			plan = readPlan(string(data))
		}
	}
	if plan == nil {
		slices.SortFunc(deployed, compareNatural)
		for _, d := range deployed {
			plan = append(plan, planChange{name: d, file: d})
		}
	}
	var ms []*Migration
	for i, c := range plan {
		part := func(kind string) *Part {
			if e := scripts[kind+"/"+c.file]; e != nil {
				return wholeFile(e, tx)
			}
			return nil
		}
		m := &Migration{Tool: Sqitch, Version: strconv.Itoa(i + 1), Name: c.name, Up: part("deploy"), Down: part("revert"), Verify: part("verify")}
		if m.Up == nil {
			continue // planned but not in the workspace
		}
		ms = append(ms, m)
	}
	return ms
}
