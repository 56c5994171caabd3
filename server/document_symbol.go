package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/lookup"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// symbolKinds maps lookup's symbol kinds to the protocol's. LSP has no
// kind for a table or a view: a table is a Struct with Field columns, a
// view an Interface.
var symbolKinds = map[lookup.SymbolKind]protocol.SymbolKind{
	lookup.SymbolTable:            protocol.SymbolKindStruct,
	lookup.SymbolColumn:           protocol.SymbolKindField,
	lookup.SymbolView:             protocol.SymbolKindInterface,
	lookup.SymbolMaterializedView: protocol.SymbolKindInterface,
	lookup.SymbolIndex:            protocol.SymbolKindKey,
	lookup.SymbolFunction:         protocol.SymbolKindFunction,
	lookup.SymbolProcedure:        protocol.SymbolKindFunction,
	lookup.SymbolTrigger:          protocol.SymbolKindEvent,
}

// DocumentSymbol outlines the objects the document's statements define
// (lookup.Symbols): tables with their columns as children, views,
// indexes, functions and procedures, triggers. Each symbol's range is its
// statement (a column's: its definition) and its selection range its
// name. A client that does not declare hierarchical document symbols gets
// the same symbols flat, columns naming their table as container.
func (s *server) DocumentSymbol(ctx context.Context, params *protocol.DocumentSymbolParams) ([]any, error) {
	uri := string(params.TextDocument.URI)
	snap, f, err := s.document(ctx, uri)
	if err != nil {
		return nil, err
	}
	pf, err := snap.Parsed(ctx, uri)
	if err != nil {
		return nil, requestError(err, "parsing "+uri)
	}
	syms := lookup.Symbols(pf)
	out := []any{}
	if s.clientCaps().hierarchicalSymbols {
		for _, sym := range syms {
			out = append(out, documentSymbol(f, sym))
		}
		return out, nil
	}
	var flat func(container string, syms []lookup.Symbol)
	flat = func(container string, syms []lookup.Symbol) {
		for _, sym := range syms {
			out = append(out, protocol.SymbolInformation{
				Name:          sym.Name,
				Kind:          symbolKinds[sym.Kind],
				Location:      protocol.Location{URI: params.TextDocument.URI, Range: spanRange(f, sym.Span)},
				ContainerName: container,
			})
			flat(sym.Name, sym.Children)
		}
	}
	flat("", syms)
	return out, nil
}

// documentSymbol converts a symbol of f and its children.
func documentSymbol(f *source.File, sym lookup.Symbol) protocol.DocumentSymbol {
	ds := protocol.DocumentSymbol{
		Name:           sym.Name,
		Detail:         sym.Detail,
		Kind:           symbolKinds[sym.Kind],
		Range:          spanRange(f, sym.Span),
		SelectionRange: spanRange(f, sym.NameSpan),
	}
	for _, c := range sym.Children {
		ds.Children = append(ds.Children, documentSymbol(f, c))
	}
	return ds
}
