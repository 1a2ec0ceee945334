// Go to definition, find references and rename, for every id, across the files of the model.

import { DocumentHighlightKind, ResponseError } from 'vscode-languageserver';
import type { DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ID_PATTERN } from '../model/read.js';
import { LineIndex } from '../util/lines.js';
import { workspaceEdit } from './actions.js';
import { occurrenceAt, occurrencesIn, occurrencesOf } from './occurrences.js';
import type { Occurrence } from './occurrences.js';
import type { ModelWorkspace, RootAnalysis } from './workspace.js';

export interface Navigation {
  all: Occurrence[];
  here?: Occurrence;
  texts: Map<string, { text: string }>;
}

export function navigationAt(workspace: ModelWorkspace, doc: TextDocument, results: RootAnalysis[], position: Position): Navigation {
  const texts = new Map<string, { text: string }>();
  for (const r of results) for (const [f, sf] of r.analysis.model.files) texts.set(f, sf);
  const file = workspace.pathOf(doc.uri);
  texts.set(file, { text: doc.getText() });
  const all = occurrencesOf(texts);
  return { all, here: occurrenceAt(all, file, doc.offsetAt(position)), texts };
}

function location(workspace: ModelWorkspace, texts: Map<string, { text: string }>, o: Occurrence): Location {
  const lines = new LineIndex(texts.get(o.file)?.text ?? '');
  return { uri: workspace.uriOf(o.file), range: { start: lines.position(o.start), end: lines.position(o.end) } };
}

const same = (a: Occurrence) => (b: Occurrence) => a.ns === b.ns && a.id === b.id;

export function definition(workspace: ModelWorkspace, doc: TextDocument, results: RootAnalysis[], position: Position): Location[] {
  const nav = navigationAt(workspace, doc, results, position);
  if (!nav.here || nav.here.ns === 'rule') return [];
  return nav.all.filter(same(nav.here)).filter((o) => o.declaration).map((o) => location(workspace, nav.texts, o));
}

export function references(workspace: ModelWorkspace, doc: TextDocument, results: RootAnalysis[], position: Position, includeDeclaration: boolean): Location[] {
  const nav = navigationAt(workspace, doc, results, position);
  if (!nav.here) return [];
  return nav.all.filter(same(nav.here)).filter((o) => includeDeclaration || !o.declaration).map((o) => location(workspace, nav.texts, o));
}

export function prepareRename(workspace: ModelWorkspace, doc: TextDocument, results: RootAnalysis[], position: Position): { range: Range; placeholder: string } | null {
  const nav = navigationAt(workspace, doc, results, position);
  if (!nav.here || nav.here.ns === 'rule') return null;
  return { range: location(workspace, nav.texts, nav.here).range, placeholder: nav.here.id };
}

export function rename(workspace: ModelWorkspace, doc: TextDocument, results: RootAnalysis[], position: Position, newName: unknown): WorkspaceEdit | null {
  const nav = navigationAt(workspace, doc, results, position);
  if (!nav.here || nav.here.ns === 'rule') return null;
  if (typeof newName !== 'string' || !ID_PATTERN.test(newName)) {
    throw new ResponseError(-32602, `\`${String(newName)}\` is not a valid id: ids use lowercase letters, digits, \`.\`, \`_\` and \`-\`, and start with a letter or digit.`);
  }
  if (newName !== nav.here.id && nav.all.some((o) => o.ns === nav.here!.ns && o.id === newName && o.declaration)) {
    throw new ResponseError(-32602, `There is already a ${nav.here.ns} named \`${newName}\`.`);
  }
  const edits = nav.all.filter(same(nav.here)).map((o) => ({ file: o.file, start: o.start, end: o.end, newText: newName }));
  return workspaceEdit(workspace, results, edits) ?? null;
}

/**
 * The places of this document where the id under the cursor is written, its declaration marked
 * as a write: `catalog` highlights `catalog`, never the `catalog` inside `catalog-db`, as the
 * editor's word highlighting would. Nothing when the cursor is not on an id.
 */
export function documentHighlights(workspace: ModelWorkspace, doc: TextDocument, position: Position): DocumentHighlight[] {
  const file = workspace.pathOf(doc.uri);
  const text = doc.getText();
  const all = occurrencesIn(file, text);
  const here = occurrenceAt(all, file, doc.offsetAt(position));
  if (!here) return [];
  return all.filter(same(here)).map((o) => ({
    range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) },
    kind: o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
