package server

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/lookup"
)

// completionTriggers are the characters after which the client asks for
// completions unprompted: "." (alias.column, schema.table) and " " (after
// FROM, SELECT, …).
var completionTriggers = []string{".", " "}

// completion lists the table and column names that may be written at the
// cursor (lookup.Complete, which reads the statement's lexemes and text,
// so that it works while the statement does not parse yet). A column's
// detail is its type and its label details name its table; a table's
// label details name the file that creates it (for a client without
// labelDetails, the detail says it after a "·"). It never waits for an
// analysis: it reads the current snapshot.
func (s *server) completion(ctx context.Context, params *protocol.CompletionParams) (*completionList, error) {
	uri := string(params.TextDocument.URI)
	snap, f, err := s.document(ctx, uri)
	if err != nil {
		return nil, err
	}
	list := &completionList{Items: []completionItem{}}
	off, err := positionOffset(f, params.Position)
	if err != nil {
		return list, nil // outside the text
	}
	cands, err := lookup.Complete(ctx, snap, uri, off)
	if err != nil {
		return nil, requestError(err, "completing")
	}
	labelDetails := s.clientCaps().labelDetails
	for i, c := range cands {
		item := completionItem{
			Label:    c.Name,
			SortText: fmt.Sprintf("%05d", i),
		}
		if c.Insert != c.Name {
			item.InsertText = c.Insert
		}
		var where string // the column's table, the table's file
		if c.Column != nil {
			item.Kind = protocol.CompletionItemKindField
			item.Detail = lookup.TypeName(c.Column.Type)
			where = c.Table.Name.Key()
		} else {
			item.Kind = protocol.CompletionItemKindStruct
			item.Detail = "table"
			where = s.displayName(c.Table.Def.URI)
		}
		if labelDetails {
			item.LabelDetails = &completionItemLabelDetails{Description: where}
		} else {
			item.Detail += " · " + where // a client without labelDetails shows the detail
		}
		list.Items = append(list.Items, item)
	}
	return list, nil
}

// Completion serves textDocument/completion for callers of protocol.Server;
// the wire request goes to completion through dispatch, whose items keep
// their labelDetails (LSP 3.17), which protocol v0.12.0 cannot carry.
func (s *server) Completion(ctx context.Context, params *protocol.CompletionParams) (*protocol.CompletionList, error) {
	list, err := s.completion(ctx, params)
	if err != nil {
		return nil, err
	}
	out := &protocol.CompletionList{IsIncomplete: list.IsIncomplete, Items: make([]protocol.CompletionItem, 0, len(list.Items))}
	for _, it := range list.Items {
		out.Items = append(out.Items, protocol.CompletionItem{
			Label: it.Label, Kind: it.Kind, Detail: it.Detail, SortText: it.SortText, InsertText: it.InsertText,
		})
	}
	return out, nil
}
