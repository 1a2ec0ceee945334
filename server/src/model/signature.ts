// What rules read of a model, without where it is written: two models with the same signature
// get the same findings, up to their ranges. The editor compares signatures to know whether an
// edit changed what the model means (server/src/analysis/incremental.ts).
//
// Complete by construction: an element's signature is derived from every field of its data (a
// field added to Component tomorrow is in it without anyone remembering), leaving out only
// positions; a file's is a table over every field of FileModel, which the type checker holds
// exhaustive.

import type { FileModel } from './read.js';
import type { PropSource, Source } from './types.js';

/** How one field of a file's reading enters the signature; `null`: it does not, and why is said beside it. */
type FieldSignature<K extends keyof FileModel> = ((value: FileModel[K]) => string) | null;

const FILE_FIELDS: { [K in keyof FileModel]-?: FieldSignature<K> } = {
  // The file is named once per file in the model's signature (load.ts); its text is where things are written.
  file: null,
  text: null,
  version: (v) => String(v),
  hasVersion: (v) => String(v),
  // Rules read neither (a test holds it): the editor tells an edit of them apart (PROSE_FIELD), one line each.
  name: (v) => JSON.stringify(v ?? null),
  description: (v) => JSON.stringify(v ?? null),
  includes: (v) => v.map((i) => i.path).join(','),
  boundaries: data,
  data,
  roles: data,
  services: data,
  controls: data,
  // Whether the key is written decides where system findings point.
  controlsKey: (v) => String(v !== undefined),
  nameKey: (v) => String(v !== undefined),
  // Acceptances and model problems are not read by rules: finishAnalysis applies them again on every analysis.
  acceptances: null,
  // But a key written twice is: the second entry replaces the first, so a second copy added
  // below moves the element (and where its findings point) without changing its data.
  problems: (v) => JSON.stringify(v.filter((p) => p.rule === 'model/duplicate-id').map((p) => p.message)),
  signature: null,
};

/**
 * A line of a signature that says what the model's `name:` or `description:` is: no rule reads
 * them, so an edit that changes only these lines leaves every finding as it was (every field is
 * one line: values are written as JSON).
 */
export const PROSE_FIELD = /\n(?:name|description)=[^\n]*/g;

/**
 * The signature of what one file (or one unit of a file) contributes, before references are
 * resolved: resolution depends only on every part's contribution, so equal parts in the same
 * order make equal models.
 */
export function partSignature(part: FileModel): string {
  let out = '';
  for (const key of Object.keys(FILE_FIELDS) as (keyof FileModel)[]) {
    const sign = FILE_FIELDS[key] as ((value: unknown) => string) | null;
    if (sign) out += `${key}=${sign(part[key])}\n`;
  }
  return out;
}

/**
 * Any value of the model, every field of it, without positions: `src` fields give only which
 * properties are written (rules point at a property when it is there), not where.
 */
function data(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? '\0' : JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (const item of value) out += `${data(item)},`;
    return `${out}]`;
  }
  if (value instanceof Map) {
    let out = '{';
    for (const [k, v] of value) out += `${JSON.stringify(k)}:${data(v)};`;
    return `${out}}`;
  }
  let out = '{';
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    out += `${key}:${key === 'src' ? where(field as Source | PropSource) : data(field)};`;
  }
  return `${out}}`;
}

/** Which properties an element's or a property's source has, with their entries and items. */
export { where as writtenShape };

function where(s: Source | PropSource): string {
  if ('props' in s) {
    let out = s.file;
    for (const [k, p] of s.props) out += `,${k}${shape(p)}`;
    return out;
  }
  return shape(s);
}

function shape(p: PropSource): string {
  let out = p.items ? `[${p.items.length}]` : '';
  if (p.entries) {
    out += '{';
    for (const [k, e] of p.entries) out += `${k}${shape(e)},`;
    out += '}';
  }
  return out;
}
