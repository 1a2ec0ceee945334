// The service's answers (in offsets) as LSP's (in lines and characters): hover, completion,
// definition, references, rename, outline, workspace symbols and folding. Nothing is worked out here.

import { CompletionItemKind, DocumentHighlightKind, FoldingRangeKind, InsertTextFormat, MarkupKind, ResponseError, SymbolKind } from 'vscode-languageserver';
import type {
  DocumentHighlight,
  CompletionItem, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SymbolInformation, WorkspaceEdit,
} from 'vscode-languageserver';
import { lineIndexOf } from '../util/lines.js';
import { RenameError, symbolOrigin } from '../service/index.js';
import type { CompletionChoice, ElementSymbol, ModelSymbol, MoatService, Span } from '../service/index.js';
import { workspaceEdit } from './actions.js';
import type { UriMap } from './uris.js';

/** The text positions of `file` are counted in: the editor's document, else what the service read. */
function linesOf(service: MoatService, file: string) {
  return lineIndexOf(service.text(file));
}

function offsetOf(service: MoatService, file: string, position: Position): number {
  return linesOf(service, file).offset(position.line, position.character);
}

function rangeOf(service: MoatService, file: string, start: number, end: number): Range {
  const lines = linesOf(service, file);
  return { start: lines.position(start), end: lines.position(end) };
}

function location(service: MoatService, uris: UriMap, span: Span): Location {
  return { uri: uris.uriOf(span.file), range: rangeOf(service, span.file, span.start, span.end) };
}

export async function hover(service: MoatService, uris: UriMap, uri: string, position: Position): Promise<Hover | null> {
  const file = uris.pathOf(uri);
  const answer = await service.hover(file, offsetOf(service, file, position));
  if (!answer) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: answer.markdown },
    range: answer.start !== undefined ? rangeOf(service, file, answer.start, answer.end ?? answer.start) : undefined,
  };
}

export async function definition(service: MoatService, uris: UriMap, uri: string, position: Position): Promise<Location[]> {
  const file = uris.pathOf(uri);
  return (await service.definition(file, offsetOf(service, file, position))).map((s) => location(service, uris, s));
}

export async function references(service: MoatService, uris: UriMap, uri: string, position: Position, includeDeclaration: boolean): Promise<Location[]> {
  const file = uris.pathOf(uri);
  return (await service.references(file, offsetOf(service, file, position), includeDeclaration)).map((s) => location(service, uris, s));
}

export function documentHighlights(service: MoatService, uris: UriMap, uri: string, position: Position): DocumentHighlight[] {
  const file = uris.pathOf(uri);
  return service.highlights(file, offsetOf(service, file, position)).map((s) => ({
    range: rangeOf(service, file, s.start, s.end),
    kind: s.write ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}

export async function prepareRename(service: MoatService, uris: UriMap, uri: string, position: Position): Promise<{ range: Range; placeholder: string } | null> {
  const file = uris.pathOf(uri);
  const target = await service.prepareRename(file, offsetOf(service, file, position));
  return target ? { range: rangeOf(service, target.file, target.start, target.end), placeholder: target.placeholder } : null;
}

export async function rename(service: MoatService, uris: UriMap, uri: string, position: Position, newName: unknown): Promise<WorkspaceEdit | null> {
  const file = uris.pathOf(uri);
  let edits;
  try {
    edits = await service.rename(file, offsetOf(service, file, position), newName);
  } catch (err) {
    if (err instanceof RenameError) throw new ResponseError(-32602, err.message);
    throw err;
  }
  if (!edits) return null;
  return workspaceEdit(service, uris, await service.analysesOf(file), edits) ?? null;
}

const CHOICE_KIND: Record<CompletionChoice['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property, reference: CompletionItemKind.Reference, 'enum-member': CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value, constant: CompletionItemKind.Constant,
};

export async function completion(service: MoatService, uris: UriMap, uri: string, position: Position, clientCommands: ReadonlySet<string>): Promise<CompletionItem[]> {
  const file = uris.pathOf(uri);
  const choices = await service.completion(file, offsetOf(service, file, position));
  const retrigger = clientCommands.has('editor.action.triggerSuggest') ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined;
  return choices.map((c) => {
    const item: CompletionItem = {
      label: c.label, kind: CHOICE_KIND[c.kind], detail: c.detail, sortText: c.sortText,
      textEdit: { range: rangeOf(service, file, c.start, c.end), newText: c.newText },
    };
    if (c.retrigger !== undefined) {
      item.insertTextFormat = InsertTextFormat.PlainText;
      item.command = c.retrigger ? retrigger : undefined;
    }
    return item;
  });
}

const SYMBOL_KIND: Record<ModelSymbol['kind'], SymbolKind> = {
  namespace: SymbolKind.Namespace, array: SymbolKind.Array, package: SymbolKind.Package, struct: SymbolKind.Struct,
  key: SymbolKind.Key, class: SymbolKind.Class, property: SymbolKind.Property, event: SymbolKind.Event, object: SymbolKind.Object,
  note: SymbolKind.Null,
};

/** Outline and folding are asked for again on every edit: the LSP answer is kept per answer of the service. */
const lspSymbols = new WeakMap<readonly ModelSymbol[], DocumentSymbol[]>();
/**
 * What the conversion made of a symbol, and where it started (line, character). A symbol made
 * from another with the same text (symbolOrigin), starting where that one did and with calls as
 * it had them, converts to the same answer.
 */
interface Converted { line: number; character: number; calls: boolean; symbol: DocumentSymbol }
const lspSymbol = new WeakMap<ModelSymbol, Converted>();
const lspFolding = new WeakMap<object, FoldingRange[]>();

export function documentSymbols(service: MoatService, uris: UriMap, uri: string, maxSymbols?: number): DocumentSymbol[] {
  const file = uris.pathOf(uri);
  const symbols = service.symbols(file, maxSymbols);
  let out = lspSymbols.get(symbols);
  if (!out) {
    const lines = linesOf(service, file);
    const range = (start: number, end: number): Range => ({ start: lines.position(start), end: lines.position(end) });
    const convert = (s: ModelSymbol): DocumentSymbol => {
      const line = lines.lineAt(s.start);
      const character = s.start - lines.lineStart(line);
      const calls = s.children !== undefined;
      const origin = symbolOrigin(s);
      const hit = lspSymbol.get(origin);
      if (hit && hit.line === line && hit.character === character && hit.calls === calls) return hit.symbol;
      const symbol: DocumentSymbol = {
        name: s.name, kind: SYMBOL_KIND[s.kind], detail: s.detail,
        range: { start: { line, character }, end: lines.position(s.end) }, selectionRange: range(s.selectionStart, s.selectionEnd),
        children: s.children?.map(convert),
      };
      lspSymbol.set(origin, { line, character, calls, symbol });
      return symbol;
    };
    lspSymbols.set(symbols, (out = symbols.map(convert)));
  }
  return out;
}

/** Each kind of element as the outline shows it (services as classes, data as structs…). */
const ELEMENT_SYMBOL: Record<ElementSymbol['ns'], { kind: SymbolKind; section: string }> = {
  service: { kind: SymbolKind.Class, section: 'services' }, data: { kind: SymbolKind.Struct, section: 'data' },
  role: { kind: SymbolKind.Key, section: 'roles' }, boundary: { kind: SymbolKind.Package, section: 'boundaries' },
  flow: { kind: SymbolKind.Event, section: 'calls' },
};

export function workspaceSymbols(service: MoatService, uris: UriMap, query: string): SymbolInformation[] {
  return service.workspaceSymbols(query).map((e) => ({
    name: e.name, kind: ELEMENT_SYMBOL[e.ns].kind, containerName: ELEMENT_SYMBOL[e.ns].section, location: location(service, uris, e),
  }));
}

export function foldingRanges(service: MoatService, uris: UriMap, uri: string): FoldingRange[] {
  const file = uris.pathOf(uri);
  const spans = service.folding(file);
  let out = lspFolding.get(spans);
  if (!out) {
    const lines = linesOf(service, file);
    out = [];
    for (const s of spans) {
      const a = lines.position(s.start).line;
      const b = lines.position(s.end).line;
      if (b > a) out.push({ startLine: a, endLine: b, kind: s.comment ? FoldingRangeKind.Comment : undefined });
    }
    out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
    lspFolding.set(spans, out);
  }
  return out;
}
