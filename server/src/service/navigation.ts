// Go to definition, find references and rename, for every id, across the files of the model: in
// offsets, from the occurrences the service keeps per file text (occurrences.ts).

import { ID_PATTERN } from '../model/read.js';
import type { FileEdit } from '../fix/fixes.js';
import type { Namespace, Occurrence } from './occurrences.js';

/** A stretch of a file: what definition and references answer with. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface Navigation {
  all: readonly Occurrence[];
  here?: Occurrence;
}

/** Why a rename is refused (an invalid or taken name): the edge shows it as it is. */
export class RenameError extends Error {}

const same = (a: Occurrence) => (b: Occurrence) => a.ns === b.ns && a.id === b.id;
const span = (o: Occurrence): Span => ({ file: o.file, start: o.start, end: o.end });

export function definitionSpans(nav: Navigation): Span[] {
  if (!nav.here || nav.here.ns === 'rule') return [];
  return nav.all.filter(same(nav.here)).filter((o) => o.declaration).map(span);
}

export function referenceSpans(nav: Navigation, includeDeclaration: boolean): Span[] {
  if (!nav.here) return [];
  return nav.all.filter(same(nav.here)).filter((o) => includeDeclaration || !o.declaration).map(span);
}

export function renameTarget(nav: Navigation): (Span & { placeholder: string; ns: Namespace }) | undefined {
  if (!nav.here || nav.here.ns === 'rule') return undefined;
  return { ...span(nav.here), placeholder: nav.here.id, ns: nav.here.ns };
}

export function renameEdits(nav: Navigation, newName: unknown): FileEdit[] | undefined {
  const here = nav.here;
  if (!here || here.ns === 'rule') return undefined;
  if (typeof newName !== 'string' || !ID_PATTERN.test(newName)) {
    throw new RenameError(`\`${String(newName)}\` is not a valid id: ids use lowercase letters, digits, \`.\`, \`_\` and \`-\`, and start with a letter or digit.`);
  }
  if (newName !== here.id && nav.all.some((o) => o.ns === here.ns && o.id === newName && o.declaration)) {
    throw new RenameError(`There is already a ${here.ns} named \`${newName}\`.`);
  }
  return nav.all.filter(same(here)).map((o) => ({ file: o.file, start: o.start, end: o.end, newText: newName }));
}
