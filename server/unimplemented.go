package server

import (
	"context"

	"go.lsp.dev/protocol"
)

// The protocol.Server methods sqlsage does not implement. Each answers
// MethodNotFound (for a notification the answer is dropped on the wire),
// so that a request for a feature the server did not advertise never
// hangs. Implementing a feature means moving its method to its own file
// and advertising it in Initialize.

// WorkDoneProgressCancel is not implemented: MethodNotFound.
func (s *server) WorkDoneProgressCancel(ctx context.Context, params *protocol.WorkDoneProgressCancelParams) error {
	return methodNotFound(protocol.MethodWorkDoneProgressCancel)
}

// LogTrace is not implemented: MethodNotFound.
func (s *server) LogTrace(ctx context.Context, params *protocol.LogTraceParams) error {
	return methodNotFound(protocol.MethodLogTrace)
}

// SetTrace is not implemented: MethodNotFound.
func (s *server) SetTrace(ctx context.Context, params *protocol.SetTraceParams) error {
	return methodNotFound(protocol.MethodSetTrace)
}

// CodeLens is not implemented: MethodNotFound.
func (s *server) CodeLens(ctx context.Context, params *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentCodeLens)
}

// CodeLensResolve is not implemented: MethodNotFound.
func (s *server) CodeLensResolve(ctx context.Context, params *protocol.CodeLens) (*protocol.CodeLens, error) {
	return nil, methodNotFound(protocol.MethodCodeLensResolve)
}

// ColorPresentation is not implemented: MethodNotFound.
func (s *server) ColorPresentation(ctx context.Context, params *protocol.ColorPresentationParams) ([]protocol.ColorPresentation, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentColorPresentation)
}

// CompletionResolve is not implemented: MethodNotFound.
func (s *server) CompletionResolve(ctx context.Context, params *protocol.CompletionItem) (*protocol.CompletionItem, error) {
	return nil, methodNotFound(protocol.MethodCompletionItemResolve)
}

// Declaration is not implemented: MethodNotFound.
func (s *server) Declaration(ctx context.Context, params *protocol.DeclarationParams) ([]protocol.Location, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentDeclaration)
}

// DidChangeWorkspaceFolders is not implemented: MethodNotFound.
func (s *server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	return methodNotFound(protocol.MethodWorkspaceDidChangeWorkspaceFolders)
}

// DocumentColor is not implemented: MethodNotFound.
func (s *server) DocumentColor(ctx context.Context, params *protocol.DocumentColorParams) ([]protocol.ColorInformation, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentDocumentColor)
}

// DocumentHighlight is not implemented: MethodNotFound.
func (s *server) DocumentHighlight(ctx context.Context, params *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentDocumentHighlight)
}

// DocumentLink is not implemented: MethodNotFound.
func (s *server) DocumentLink(ctx context.Context, params *protocol.DocumentLinkParams) ([]protocol.DocumentLink, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentDocumentLink)
}

// DocumentLinkResolve is not implemented: MethodNotFound.
func (s *server) DocumentLinkResolve(ctx context.Context, params *protocol.DocumentLink) (*protocol.DocumentLink, error) {
	return nil, methodNotFound(protocol.MethodDocumentLinkResolve)
}

// ExecuteCommand is not implemented: MethodNotFound.
func (s *server) ExecuteCommand(ctx context.Context, params *protocol.ExecuteCommandParams) (any, error) {
	return nil, methodNotFound(protocol.MethodWorkspaceExecuteCommand)
}

// FoldingRanges is not implemented: MethodNotFound.
func (s *server) FoldingRanges(ctx context.Context, params *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentFoldingRange)
}

// Formatting is not implemented: MethodNotFound.
func (s *server) Formatting(ctx context.Context, params *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentFormatting)
}

// Implementation is not implemented: MethodNotFound.
func (s *server) Implementation(ctx context.Context, params *protocol.ImplementationParams) ([]protocol.Location, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentImplementation)
}

// OnTypeFormatting is not implemented: MethodNotFound.
func (s *server) OnTypeFormatting(ctx context.Context, params *protocol.DocumentOnTypeFormattingParams) ([]protocol.TextEdit, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentOnTypeFormatting)
}

// PrepareRename is not implemented: MethodNotFound.
func (s *server) PrepareRename(ctx context.Context, params *protocol.PrepareRenameParams) (*protocol.Range, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentPrepareRename)
}

// RangeFormatting is not implemented: MethodNotFound.
func (s *server) RangeFormatting(ctx context.Context, params *protocol.DocumentRangeFormattingParams) ([]protocol.TextEdit, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentRangeFormatting)
}

// Rename is not implemented: MethodNotFound.
func (s *server) Rename(ctx context.Context, params *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentRename)
}

// SignatureHelp is not implemented: MethodNotFound.
func (s *server) SignatureHelp(ctx context.Context, params *protocol.SignatureHelpParams) (*protocol.SignatureHelp, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentSignatureHelp)
}

// Symbols is not implemented: MethodNotFound.
func (s *server) Symbols(ctx context.Context, params *protocol.WorkspaceSymbolParams) ([]protocol.SymbolInformation, error) {
	return nil, methodNotFound(protocol.MethodWorkspaceSymbol)
}

// TypeDefinition is not implemented: MethodNotFound.
func (s *server) TypeDefinition(ctx context.Context, params *protocol.TypeDefinitionParams) ([]protocol.Location, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentTypeDefinition)
}

// WillSave is not implemented: MethodNotFound.
func (s *server) WillSave(ctx context.Context, params *protocol.WillSaveTextDocumentParams) error {
	return methodNotFound(protocol.MethodTextDocumentWillSave)
}

// WillSaveWaitUntil is not implemented: MethodNotFound.
func (s *server) WillSaveWaitUntil(ctx context.Context, params *protocol.WillSaveTextDocumentParams) ([]protocol.TextEdit, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentWillSaveWaitUntil)
}

// ShowDocument is not implemented: MethodNotFound.
func (s *server) ShowDocument(ctx context.Context, params *protocol.ShowDocumentParams) (*protocol.ShowDocumentResult, error) {
	return nil, methodNotFound(protocol.MethodShowDocument)
}

// WillCreateFiles is not implemented: MethodNotFound.
func (s *server) WillCreateFiles(ctx context.Context, params *protocol.CreateFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, methodNotFound(protocol.MethodWillCreateFiles)
}

// DidCreateFiles is not implemented: MethodNotFound.
func (s *server) DidCreateFiles(ctx context.Context, params *protocol.CreateFilesParams) error {
	return methodNotFound(protocol.MethodDidCreateFiles)
}

// WillRenameFiles is not implemented: MethodNotFound.
func (s *server) WillRenameFiles(ctx context.Context, params *protocol.RenameFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, methodNotFound(protocol.MethodWillRenameFiles)
}

// DidRenameFiles is not implemented: MethodNotFound.
func (s *server) DidRenameFiles(ctx context.Context, params *protocol.RenameFilesParams) error {
	return methodNotFound(protocol.MethodDidRenameFiles)
}

// WillDeleteFiles is not implemented: MethodNotFound.
func (s *server) WillDeleteFiles(ctx context.Context, params *protocol.DeleteFilesParams) (*protocol.WorkspaceEdit, error) {
	return nil, methodNotFound(protocol.MethodWillDeleteFiles)
}

// DidDeleteFiles is not implemented: MethodNotFound.
func (s *server) DidDeleteFiles(ctx context.Context, params *protocol.DeleteFilesParams) error {
	return methodNotFound(protocol.MethodDidDeleteFiles)
}

// CodeLensRefresh is not implemented: MethodNotFound.
func (s *server) CodeLensRefresh(ctx context.Context) error {
	return methodNotFound(protocol.MethodCodeLensRefresh)
}

// PrepareCallHierarchy is not implemented: MethodNotFound.
func (s *server) PrepareCallHierarchy(ctx context.Context, params *protocol.CallHierarchyPrepareParams) ([]protocol.CallHierarchyItem, error) {
	return nil, methodNotFound(protocol.MethodTextDocumentPrepareCallHierarchy)
}

// IncomingCalls is not implemented: MethodNotFound.
func (s *server) IncomingCalls(ctx context.Context, params *protocol.CallHierarchyIncomingCallsParams) ([]protocol.CallHierarchyIncomingCall, error) {
	return nil, methodNotFound(protocol.MethodCallHierarchyIncomingCalls)
}

// OutgoingCalls is not implemented: MethodNotFound.
func (s *server) OutgoingCalls(ctx context.Context, params *protocol.CallHierarchyOutgoingCallsParams) ([]protocol.CallHierarchyOutgoingCall, error) {
	return nil, methodNotFound(protocol.MethodCallHierarchyOutgoingCalls)
}

// SemanticTokensFull is not implemented: MethodNotFound.
func (s *server) SemanticTokensFull(ctx context.Context, params *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	return nil, methodNotFound(protocol.MethodSemanticTokensFull)
}

// SemanticTokensFullDelta is not implemented: MethodNotFound.
func (s *server) SemanticTokensFullDelta(ctx context.Context, params *protocol.SemanticTokensDeltaParams) (any, error) {
	return nil, methodNotFound(protocol.MethodSemanticTokensFullDelta)
}

// SemanticTokensRange is not implemented: MethodNotFound.
func (s *server) SemanticTokensRange(ctx context.Context, params *protocol.SemanticTokensRangeParams) (*protocol.SemanticTokens, error) {
	return nil, methodNotFound(protocol.MethodSemanticTokensRange)
}

// SemanticTokensRefresh is not implemented: MethodNotFound.
func (s *server) SemanticTokensRefresh(ctx context.Context) error {
	return methodNotFound(protocol.MethodSemanticTokensRefresh)
}

// LinkedEditingRange is not implemented: MethodNotFound.
func (s *server) LinkedEditingRange(ctx context.Context, params *protocol.LinkedEditingRangeParams) (*protocol.LinkedEditingRanges, error) {
	return nil, methodNotFound(protocol.MethodLinkedEditingRange)
}

// Moniker is not implemented: MethodNotFound.
func (s *server) Moniker(ctx context.Context, params *protocol.MonikerParams) ([]protocol.Moniker, error) {
	return nil, methodNotFound(protocol.MethodMoniker)
}
