package server

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
)

// A progress reports the progress of one piece of background work to the
// client (window/workDoneProgress/create, then $/progress begin, report
// and end), when the client supports it; otherwise its methods do nothing.
// It is used by one goroutine.
type progress struct {
	s      *server
	token  string // "" when the client does not show progress
	last   uint32 // the percentage last reported
	active bool   // begun and not ended
}

// progressParams are $/progress's params.
type progressParams struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

// startProgress creates a progress token and begins a progress titled
// title, at 0 %, when the client supports window.workDoneProgress.
func (s *server) startProgress(ctx context.Context, title, message string) *progress {
	p := &progress{s: s}
	if !s.clientCaps().progress {
		return p
	}
	token := fmt.Sprintf("sqlsage/%d", s.progressSeq.Add(1))
	cctx, cancel := context.WithTimeout(ctx, clientRequestTimeout)
	defer cancel()
	if _, err := s.conn.Call(cctx, protocol.MethodWorkDoneProgressCreate, map[string]string{"token": token}, nil); err != nil {
		if ctx.Err() == nil {
			s.log.Warn("the client refused a progress token", "error", err)
		}
		return p
	}
	p.token, p.active = token, true
	p.notify(progressBegin{Kind: "begin", Title: title, Message: message})
	return p
}

// report reports done of total steps, as "done/total files" and a
// percentage; only a change of the whole percentage is sent.
func (p *progress) report(done, total int) {
	if !p.active || total <= 0 {
		return
	}
	pct := uint32(done * 100 / total)
	if pct == p.last {
		return
	}
	p.last = pct
	p.notify(progressReport{Kind: "report", Message: fmt.Sprintf("%d/%d files", done, total), Percentage: pct})
}

// end ends the progress with message.
func (p *progress) end(message string) {
	if !p.active {
		return
	}
	p.active = false
	p.notify(progressEnd{Kind: "end", Message: message})
}

func (p *progress) notify(value any) {
	s := p.s
	if err := s.conn.Notify(s.ctx, protocol.MethodProgress, &progressParams{Token: p.token, Value: value}); err != nil && s.ctx.Err() == nil {
		s.log.Warn("cannot report progress", "error", err)
	}
}
