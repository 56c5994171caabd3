package server

import (
	"encoding/json"

	"go.lsp.dev/protocol"
)

// This file declares the pieces of LSP 3.17 that go.lsp.dev/protocol
// v0.12.0 (LSP 3.16) lacks, and the client capabilities sqlsage reads:
// pull diagnostics (textDocument/diagnostic, routed through Request),
// the server's diagnosticProvider capability, completion items'
// labelDetails, and work-done progress values whose percentage is sent
// even when it is 0 (v0.12.0 omits a zero percentage, and a begin
// without one makes the client ignore every later percentage).

// LSP 3.17 methods.
const (
	methodDocumentDiagnostic = "textDocument/diagnostic"
	methodDiagnosticRefresh  = "workspace/diagnostic/refresh"
)

// clientCaps are the client capabilities the server acts on, read from
// the initialize request's raw params (protocol v0.12.0 drops the 3.17
// ones when decoding).
type clientCaps struct {
	watchRegistration   bool // workspace.didChangeWatchedFiles.dynamicRegistration
	progress            bool // window.workDoneProgress
	pull                bool // textDocument.diagnostic: the client pulls diagnostics
	refresh             bool // workspace.diagnostics.refreshSupport
	hierarchicalSymbols bool // textDocument.documentSymbol.hierarchicalDocumentSymbolSupport
	labelDetails        bool // textDocument.completion.completionItem.labelDetailsSupport
}

// parseClientCaps reads clientCaps from initialize's params, best effort:
// anything malformed reads as unsupported.
func parseClientCaps(params json.RawMessage) clientCaps {
	var p struct {
		Capabilities struct {
			Workspace struct {
				DidChangeWatchedFiles struct {
					DynamicRegistration bool `json:"dynamicRegistration"`
				} `json:"didChangeWatchedFiles"`
				Diagnostics struct {
					RefreshSupport bool `json:"refreshSupport"`
				} `json:"diagnostics"`
			} `json:"workspace"`
			Window struct {
				WorkDoneProgress bool `json:"workDoneProgress"`
			} `json:"window"`
			TextDocument struct {
				Diagnostic     *json.RawMessage `json:"diagnostic"`
				DocumentSymbol struct {
					Hierarchical bool `json:"hierarchicalDocumentSymbolSupport"`
				} `json:"documentSymbol"`
				Completion struct {
					CompletionItem struct {
						LabelDetailsSupport bool `json:"labelDetailsSupport"`
					} `json:"completionItem"`
				} `json:"completion"`
			} `json:"textDocument"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return clientCaps{}
	}
	c := p.Capabilities
	return clientCaps{
		watchRegistration:   c.Workspace.DidChangeWatchedFiles.DynamicRegistration,
		progress:            c.Window.WorkDoneProgress,
		pull:                c.TextDocument.Diagnostic != nil && string(*c.TextDocument.Diagnostic) != "null",
		refresh:             c.Workspace.Diagnostics.RefreshSupport,
		hierarchicalSymbols: c.TextDocument.DocumentSymbol.Hierarchical,
		labelDetails:        c.TextDocument.Completion.CompletionItem.LabelDetailsSupport,
	}
}

// initializeResult is protocol.InitializeResult with the 3.17 server
// capabilities.
type initializeResult struct {
	Capabilities serverCapabilities   `json:"capabilities"`
	ServerInfo   *protocol.ServerInfo `json:"serverInfo,omitempty"`
}

// serverCapabilities is protocol.ServerCapabilities plus diagnosticProvider.
type serverCapabilities struct {
	protocol.ServerCapabilities
	DiagnosticProvider *diagnosticOptions `json:"diagnosticProvider,omitempty"`
}

// diagnosticOptions is the server's pull diagnostics capability.
type diagnosticOptions struct {
	Identifier            string `json:"identifier,omitempty"`
	InterFileDependencies bool   `json:"interFileDependencies"`
	WorkspaceDiagnostics  bool   `json:"workspaceDiagnostics"`
}

// documentDiagnosticParams are textDocument/diagnostic's params.
type documentDiagnosticParams struct {
	TextDocument     protocol.TextDocumentIdentifier `json:"textDocument"`
	Identifier       string                          `json:"identifier,omitempty"`
	PreviousResultID string                          `json:"previousResultId,omitempty"`
}

// Document diagnostic report kinds.
const (
	reportFull      = "full"
	reportUnchanged = "unchanged"
)

// fullDocumentDiagnosticReport is the answer to textDocument/diagnostic
// with the document's diagnostics; Items is never nil.
type fullDocumentDiagnosticReport struct {
	Kind     string                `json:"kind"` // reportFull
	ResultID string                `json:"resultId,omitempty"`
	Items    []protocol.Diagnostic `json:"items"`
}

// unchangedDocumentDiagnosticReport says the diagnostics the client holds
// under ResultID are still right.
type unchangedDocumentDiagnosticReport struct {
	Kind     string `json:"kind"` // reportUnchanged
	ResultID string `json:"resultId"`
}

// completionList is protocol.CompletionList with 3.17 items.
type completionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []completionItem `json:"items"`
}

// completionItem is protocol.CompletionItem with labelDetails (3.17), for
// the fields sqlsage fills.
type completionItem struct {
	Label        string                      `json:"label"`
	LabelDetails *completionItemLabelDetails `json:"labelDetails,omitempty"`
	Kind         protocol.CompletionItemKind `json:"kind,omitempty"`
	Detail       string                      `json:"detail,omitempty"`
	SortText     string                      `json:"sortText,omitempty"`
	FilterText   string                      `json:"filterText,omitempty"`
	InsertText   string                      `json:"insertText,omitempty"`
}

// completionItemLabelDetails is shown after a completion item's label:
// Detail right after it, Description less prominently further on.
type completionItemLabelDetails struct {
	Detail      string `json:"detail,omitempty"`
	Description string `json:"description,omitempty"`
}

// Work-done progress values ($/progress), with the percentage always
// written.
type (
	progressBegin struct {
		Kind        string `json:"kind"` // "begin"
		Title       string `json:"title"`
		Cancellable bool   `json:"cancellable"`
		Message     string `json:"message,omitempty"`
		Percentage  uint32 `json:"percentage"`
	}
	progressReport struct {
		Kind       string `json:"kind"` // "report"
		Message    string `json:"message,omitempty"`
		Percentage uint32 `json:"percentage"`
	}
	progressEnd struct {
		Kind    string `json:"kind"` // "end"
		Message string `json:"message,omitempty"`
	}
)
