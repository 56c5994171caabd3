package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// baseline names the tool the ratios divide by.
const baseline = "sqlsage"

// A row is one tool's figures for one measurement, or why it has none.
type row struct {
	tool, measurement string
	status            string // set when the tool was skipped or failed
	median            time.Duration
	spread            string // "min …" for check, "p99 …" for keystrokes
	peakKB            int64
	notes             string
}

// A table collects rows in the order measured.
type table struct {
	rows []row
}

func (t *table) skip(tool, measurement, status string) {
	t.rows = append(t.rows, row{tool: tool, measurement: measurement, status: status})
}

func (t *table) addCheck(tool, measurement string, r checkResult) {
	t.rows = append(t.rows, row{
		tool: tool, measurement: measurement,
		median: r.median(), spread: "min " + formatDuration(r.walls[0]), peakKB: r.peakKB,
	})
}

func (t *table) addKeystroke(tool, measurement string, r keystrokeResult, debounce time.Duration) {
	mode := "push"
	if r.caps.Pull {
		mode = "pull"
	}
	notes := []string{
		fmt.Sprintf("%s sync, %s", r.caps.Sync, mode),
		fmt.Sprintf("%d diagnostics", r.count),
		"open→first diagnostics " + formatDuration(r.open),
	}
	if debounce > 0 {
		notes = append(notes, fmt.Sprintf("debounce %s included", formatMillis(debounce)))
	}
	if r.timeouts > 0 {
		notes = append(notes, fmt.Sprintf("%d of %d edits timed out", r.timeouts, r.sent))
	}
	t.rows = append(t.rows, row{
		tool: tool, measurement: measurement,
		median: r.median(), spread: "p99 " + formatDuration(r.p99()), peakKB: r.peakKB,
		notes: strings.Join(notes, "; "),
	})
}

// ratio returns the row's figures over the baseline's for the same
// measurement, or "" for the baseline itself and rows without figures.
func (t *table) ratio(r row) string {
	if r.status != "" || r.tool == baseline || strings.HasPrefix(r.tool, baseline+" ") {
		return ""
	}
	for _, b := range t.rows {
		if b.tool == baseline && b.measurement == r.measurement && b.status == "" && b.median > 0 {
			s := fmt.Sprintf("time %.1f×", float64(r.median)/float64(b.median))
			if b.peakKB > 0 && r.peakKB > 0 {
				s += fmt.Sprintf(", RSS %.1f×", float64(r.peakKB)/float64(b.peakKB))
			}
			return s
		}
	}
	return ""
}

// write prints the table with aligned columns; a skipped or failed row
// prints its reason where its figures would be.
func (t *table) write(w io.Writer) {
	cells := [][]string{{"tool", "measurement", "median", "p99/min", "peak RSS", "peer/sqlsage", "notes"}}
	for _, r := range t.rows {
		if r.status != "" {
			cells = append(cells, []string{r.tool, r.measurement, r.status})
			continue
		}
		rss := "n/a"
		if r.peakKB > 0 {
			rss = fmt.Sprintf("%.0f MiB", float64(r.peakKB)/1024)
		}
		cells = append(cells, []string{r.tool, r.measurement, formatDuration(r.median), r.spread, rss, t.ratio(r), r.notes})
	}
	var width []int
	for _, c := range cells {
		full := len(c) == len(cells[0])
		for i, s := range c {
			if i == len(c)-1 || (!full && i >= 2) {
				break // a last cell or a reason does not widen a column
			}
			for len(width) <= i {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(s)))
		}
	}
	for _, c := range cells {
		var b strings.Builder
		for i, s := range c {
			b.WriteString(s)
			if i < len(c)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-len([]rune(s))+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// formatDuration prints a duration in ms below a second, else in s.
func formatDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 10:
		return fmt.Sprintf("%.2f ms", ms)
	case ms < 1000:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f s", ms/1000)
}

// formatMillis prints a whole number of milliseconds: "30 ms".
func formatMillis(d time.Duration) string {
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
