package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
)

// GitHub writes GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request:
//
//	::warning file=db/a.sql,line=3,col=9,endLine=3,endColumn=15,title=sqlsage(money-float)::column …
//
// Errors are error, warnings warning, info and hints notice. Values are
// escaped as the runner expects: % \r \n in the message, and also : and ,
// in properties.
func GitHub(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	var pos positioner
	for _, f := range run.Findings {
		line, col := pos.position(f.File, f.Span.Start)
		endLine, endCol := pos.position(f.File, f.Span.End)
		level := "notice"
		switch f.Severity {
		case diagnostics.Error:
			level = "error"
		case diagnostics.Warning:
			level = "warning"
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", level,
			escapeProperty(f.Path), line, col, endLine, endCol, escapeProperty("sqlsage("+f.Diagnostic.Rule+")"), escapeData(f.Message))
	}
	return bw.Flush()
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
