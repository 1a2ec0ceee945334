// The Moat service: the one way into the engine for the language server, the CLI and the tests.
export { createMoatService, atLeast, findingsIn, messageOf, RenameError } from './service.js';
export { DEFAULT_MAX_SYMBOLS, symbolOrigin } from './symbols.js';
export type {
  CompletionChoice, ConfigLookup, DiagramAnswer, Document, ElementSymbol, FindingFixes, FindingRef, FoldingSpan, HoverAnswer, ModelSettings,
  ModelSymbol, MoatService, MoatServiceOptions, RootAnalysis, Span,
} from './service.js';
