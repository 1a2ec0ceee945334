// Reading a file in units: YAML's block structure makes each top-level key, and each entry of
// the sections, independent. The editor keeps a cache of what each unit's text read to, so that a
// keystroke re-parses only the unit it touched; the units are then moved to where they now are.

import { modelProblem } from './problems.js';
import { readUnitAt, readWhole, readWholeComments } from './read.js';
import { SECTION_NAMES } from './vocabulary.js';
import type { FileModel, SectionName } from './read.js';
import { partSignature } from './signature.js';
import { editOf } from '../util/edit.js';
import type { Edit } from '../util/edit.js';
import type { PropSource, Source, TextRange } from './types.js';

/**
 * What earlier reads of unchanged parts of a file produced. The editor keeps one per session so
 * that a keystroke re-parses only the entry it touched.
 */
export interface ParseCache {
  /** By file and section, then by the unit's text. */
  scopes: Map<string, Map<string, CachedUnit>>;
  /**
   * Per file, the last text read and the cached unit read at each place: after a keystroke every
   * unit but one is found by where it was, without cutting and hashing its text.
   */
  last: Map<string, { text: string; byStart: Map<number, CachedUnit> }>;
  generation: number;
  /** Reads through the cache so far (see CachedUnit.placed). */
  reads: number;
}

interface CachedUnit {
  /** Its place in the units of the file: a unit found by place is the same one if it is the same length, section and key. */
  unit: Unit;
  /** What the unit's text reads to, with ranges from the unit's start. */
  part: FileModel;
  /** Whether it holds nothing but elements of its section (isSimple). */
  simple: boolean;
  generation: number;
  signature?: string;
  /**
   * The part placed in the file through an anchor that moves with the unit (movable parts), or
   * copied to where the unit last was (others). `read` is the last read that placed it: a text
   * that appears twice in one read is copied for its second place.
   */
  placed?: { anchor: Anchor; part: FileModel; movable: boolean; read: number };
}

export function createParseCache(): ParseCache {
  return { scopes: new Map(), last: new Map(), generation: 0, reads: 0 };
}

/** Drops cached units that no read used since the last sweep. */
export function sweepParseCache(cache: ParseCache): void {
  for (const [scope, units] of cache.scopes) {
    for (const [text, entry] of units) if (entry.generation !== cache.generation) units.delete(text);
    if (units.size === 0) cache.scopes.delete(scope);
  }
  // A file not read since the last sweep (closed, or no longer included) lets go of its last text.
  for (const [file, { byStart }] of cache.last) {
    const some = byStart.values().next().value;
    if (some?.generation !== cache.generation) cache.last.delete(file);
  }
  cache.generation++;
}

export function readModelFile(file: string, text: string, cache?: ParseCache): FileModel {
  const units = segment(text);
  return units ? readSegmented(file, text, units, cache) : readWhole(file, text);
}


export interface Unit {
  readonly start: number;
  readonly end: number;
  /** The top-level key the unit belongs to. */
  readonly key: string;
  /** For an entry of a section: the section; undefined for a whole top-level chunk. */
  readonly section?: SectionName;
}

/**
 * The last text split and its units. After a keystroke the model, the outline, folding and the
 * ids of the file each split the same text: it is split once. (Units are never changed.)
 */
let lastSplit: { text: string; units: readonly Unit[] | undefined } | undefined;

const TOP_KEY = /^([A-Za-z_][\w.-]*|"[^"\n]*"|'[^'\n]*'):(?:[ \t]|$)/;
const SECTION_HEADER = /^(boundaries|data|roles|services):[ \t]*(?:#.*)?$/;

/**
 * Splits a file into units YAML's block structure makes independent: each top-level key, and
 * each entry of the block-style sections. Returns undefined when the text uses something that
 * ties units together (anchors, aliases, merge keys, tags, several documents, tabs) or that
 * this splitter does not recognise; the whole file is then read in one piece.
 */
export function segment(text: string): readonly Unit[] | undefined {
  if (lastSplit?.text !== text) lastSplit = { text, units: split(text) };
  return lastSplit.units;
}

function split(text: string): Unit[] | undefined {
  if (hasAnchorAliasOrTag(text) || text.includes('<<')) return undefined;
  for (const marker of ['---', '...', '%']) if (text.startsWith(marker) || text.includes(`\n${marker}`)) return undefined;
  if (text.includes('\t') && /^ *\t/m.test(text)) return undefined;
  const units: { start: number; end: number; key: string; section?: SectionName }[] = [];
  let current: (typeof units)[number] | undefined;
  let sectionIndent = -1;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let first = lineStart;
    while (first < lineEnd && text.charCodeAt(first) === 32) first++;
    const next = lineEnd + 1;
    const c = text.charCodeAt(first);
    // Blank lines and comments belong to whatever unit they are in.
    if (first >= lineEnd || c === 35 /* # */ || (c === 13 && first === lineEnd - 1)) {
      lineStart = next;
      continue;
    }
    const indent = first - lineStart;
    if (indent === 0) {
      const content = text.slice(lineStart, lineEnd).replace(/\r$/, '');
      const key = TOP_KEY.exec(content);
      if (!key) return undefined;
      if (current) current.end = lineStart;
      current = { start: lineStart, end: text.length, key: key[1].replace(/^["']|["']$/g, '') };
      units.push(current);
      sectionIndent = SECTION_HEADER.test(content) ? 0 : -1;
    } else {
      if (!current) return undefined;
      if (sectionIndent === 0) sectionIndent = indent;
      if (sectionIndent > 0) {
        if (indent < sectionIndent) return undefined;
        if (indent === sectionIndent) {
          if (c === 45 /* - */ || c === 63 /* ? */) return undefined;
          current.end = lineStart;
          current = { start: lineStart, end: text.length, key: current.key, section: current.key as SectionName };
          units.push(current);
        }
      }
    }
    lineStart = next;
  }
  if (units.length === 0) return undefined;
  return units;
}

/**
 * What a unit was in the last read of its file, found by place: a keystroke leaves every unit but
 * one as it was, before the edit or moved past it, so it is found without cutting and hashing the
 * text of each (a few megabytes on a large model). Undefined where the edit may have changed it,
 * or when what stands there now differs in length, section or key.
 */
export function placedBefore<E extends { unit: Unit }>(byStart: ReadonlyMap<number, E>, edit: Edit | undefined, unit: Unit): E | undefined {
  const old = !edit || unit.end < edit.start ? byStart.get(unit.start)
    : unit.start > edit.oldEnd + edit.delta ? byStart.get(unit.start - edit.delta) : undefined;
  return old && old.unit.end - old.unit.start === unit.end - unit.start && old.unit.section === unit.section && old.unit.key === unit.key ? old : undefined;
}

/**
 * An anchor (`&a`), alias (`*a`) or tag (`!t`): the character at the start of a value (after
 * whitespace, `[`, `{` or `,`) and followed by a name. Found by looking at each such character,
 * which is rare, rather than matching the whole text.
 */
function hasAnchorAliasOrTag(text: string): boolean {
  for (const c of ['&', '*', '!']) {
    for (let i = text.indexOf(c); i !== -1; i = text.indexOf(c, i + 1)) {
      const before = i === 0 ? ' ' : text[i - 1];
      const after = text[i + 1];
      if (after !== undefined && !/\s/.test(after) && /[\s[{,]/.test(before)) return true;
    }
  }
  return false;
}

/**
 * A unit's entry in the model's signature: where it is (its top-level key and section), the ids
 * of the services it declares when it is an entry of `services:` (serviceIdsOf reads them back),
 * and what it says.
 */
function unitSignature(unit: Unit, part: FileModel): string {
  const ids = unit.section === 'services' ? `[${part.services.map((s) => s.id).join(',')}]` : '';
  return `${unit.key}/${unit.section ?? ''}${ids}:${partSignature(part)}`;
}

/** The services a signature entry declares, when it is an entry of `services:`; undefined for anything else. */
export function serviceIdsOf(signatureEntry: string): string[] | undefined {
  const m = /^services\/services\[([^\]]*)\]:/.exec(signatureEntry);
  if (!m) return undefined;
  return m[1] === '' ? [] : m[1].split(',');
}

function readSegmented(file: string, text: string, units: readonly Unit[], cache?: ParseCache): FileModel {
  const result: FileModel = {
    file, text, hasVersion: false, includes: [], boundaries: [], data: [], roles: [], services: [],
    controls: new Map(), acceptances: [], problems: [],
  };
  const seenTop = new Map<string, number>();
  const seenIds = new Map<string, Set<string>>();
  const parts: FileModel[] = [];
  /** Per part: whether it holds nothing but elements of its unit's section (known of a cached unit). */
  const simple: boolean[] = [];
  const signatures: string[] = [];
  // The cache's scope of each section, looked up once per read rather than once per unit.
  const scopes = new Map<SectionName | undefined, Map<string, CachedUnit>>();
  const read = cache ? ++cache.reads : 0;
  const scopeOf = (c: ParseCache, section: SectionName | undefined) => {
    let units = scopes.get(section);
    if (!units) {
      const scope = `${file}\0${section ?? ''}`;
      units = c.scopes.get(scope);
      if (!units) c.scopes.set(scope, (units = new Map()));
      scopes.set(section, units);
    }
    return units;
  };
  const last = cache?.last.get(file);
  const byStart = new Map<number, CachedUnit>();
  const edit = last ? editOf(last.text, text) : undefined;
  for (const unit of units) {
    let part: FileModel;
    if (cache) {
      // (A file's last read is forgotten by the sweep that drops its units: what it finds is the cache's.)
      let entry = last && placedBefore(last.byStart, edit, unit);
      if (!entry) {
        const units = scopeOf(cache, unit.section);
        const unitText = text.slice(unit.start, unit.end);
        entry = units.get(unitText);
        if (!entry) {
          // A slice keeps the whole text it was cut from alive; a kept unit gets its own copy, so
          // the cache does not hold on to every version of the file.
          const own = detach(unitText);
          const part = readWhole(file, own, { section: unit.section });
          units.set(own, (entry = { unit, part, simple: isSimple(part, unit), generation: cache.generation }));
        }
      }
      entry.unit = unit;
      byStart.set(unit.start, entry);
      simple.push(entry.simple);
      entry.generation = cache.generation;
      signatures.push((entry.signature ??= unitSignature(unit, entry.part)));
      const placed = entry.placed;
      if (placed && placed.read === read && placed.anchor.at !== unit.start) part = cloneShifted(entry.part, { at: unit.start });
      else if (placed && (placed.anchor.at === unit.start || placed.movable)) {
        placed.anchor.at = unit.start;
        placed.read = read;
        part = placed.part;
      } else {
        const anchor = { at: unit.start };
        entry.placed = { anchor, part: cloneShifted(entry.part, anchor), movable: movable(entry.part), read };
        part = entry.placed.part;
      }
    } else {
      // Read once: in place when the block reader can, and no signature (nothing reuses it).
      part = readUnitAt(file, text, unit) ?? cloneShifted(readWhole(file, text.slice(unit.start, unit.end), { section: unit.section }), { at: unit.start });
      simple.push(false);
    }
    // Shared with earlier models: a load copies what it changes (resolveReferences).
    parts.push(part);
  }
  cache?.last.set(file, { text, byStart });
  // Later duplicates of a top-level key replace earlier ones, as in a whole-file read.
  units.forEach((unit, i) => {
    if (unit.section) return;
    const earlier = seenTop.get(unit.key);
    if (earlier !== undefined) {
      parts[i] = { ...parts[i], problems: [...parts[i].problems, modelProblem('model/duplicate-id', file, { start: unit.start, end: unit.start + unit.key.length },
        `\`${unit.key}\` appears twice in the model; the second one replaces the first.`)] };
      units.forEach((u, j) => { if (j >= earlier && j < i && u.key === unit.key) parts[j] = emptyPart(parts[j]); });
    }
    seenTop.set(unit.key, i);
  });
  const addElements = (section: SectionName, elements: readonly { id: string; src?: Source }[]) => {
    let ids = seenIds.get(section);
    if (!ids) seenIds.set(section, (ids = new Set<string>()));
    for (const element of elements) {
      if (ids.has(element.id)) {
        result.problems.push(modelProblem('model/duplicate-id', file, element.src!.key,
          `\`${element.id}\` appears twice in \`${section}\`; the second one replaces the first.`));
        const target = result[section] as { id: string }[];
        target.splice(target.findIndex((x) => x.id === element.id), 1);
      }
      ids.add(element.id);
      (result[section] as unknown[]).push(element);
    }
  };
  // Most units add nothing to most lists: spreading an empty list costs a call each, and looking
  // at each list of thousands of parts costs more than the rest of the read.
  for (const [i, part] of parts.entries()) {
    const section = units[i].section;
    if (simple[i] && section) {
      addElements(section, part[section]);
      continue;
    }
    if (part.problems.length > 0) result.problems.push(...part.problems);
    if (part.hasVersion) {
      result.hasVersion = true;
      result.version = part.version;
    }
    result.name ??= part.name;
    result.nameKey ??= part.nameKey;
    result.description ??= part.description;
    if (part.includes.length > 0) result.includes.push(...part.includes);
    if (part.controlsKey) {
      result.controls = part.controls;
      result.controlsKey = part.controlsKey;
    }
    if (part.acceptances.length > 0) result.acceptances.push(...part.acceptances);
    for (const name of SECTION_NAMES) if (part[name].length > 0) addElements(name, part[name]);
  }
  // Inline acceptances are comments: they are read from the whole text.
  // Comments before the first unit belong to none.
  const regions = units[0].start > 0 ? [{ start: 0, end: units[0].start }, ...units] : units;
  const inline = readWholeComments(file, text, regions);
  result.acceptances.push(...inline.acceptances);
  result.problems.push(...inline.problems);
  if (cache) result.signature = signatures;
  return result;
}

function detach(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** Whether a unit's part holds nothing but elements of the unit's section: all most units of a large model hold. */
function isSimple(part: FileModel, unit: Unit): boolean {
  return unit.section !== undefined && part.problems.length === 0 && !part.hasVersion && part.name === undefined
    && part.nameKey === undefined && part.description === undefined && part.includes.length === 0 && !part.controlsKey
    && part.acceptances.length === 0 && SECTION_NAMES.every((name) => name === unit.section || part[name].length === 0);
}

function emptyPart(part: FileModel): FileModel {
  return { ...part, hasVersion: false, includes: [], boundaries: [], data: [], roles: [], services: [], controls: new Map(), acceptances: [], problems: part.problems };
}

/**
 * Where a unit's ranges start in the file. A part read from a unit's text has ranges from the
 * unit's start; placed in a file, they are read through its anchor. The anchor of a cached unit
 * moves with the unit, so a keystroke that moves every unit below it (a letter typed near the
 * top) moves each by one assignment instead of copying its elements.
 */
interface Anchor {
  at: number;
}

/** A copy of a unit's results whose ranges are read through `anchor`. */
function cloneShifted(part: FileModel, anchor: Anchor): FileModel {
  const d = anchor.at;
  return {
    ...part,
    includes: moved(part.includes, (i) => ({ path: i.path, range: r(i.range, d) })),
    boundaries: moved(part.boundaries, (b) => ({ ...b, src: b.src && source(b.src, anchor) })),
    data: moved(part.data, (x) => ({ ...x, src: source(x.src, anchor) })),
    roles: moved(part.roles, (x) => ({ ...x, src: source(x.src, anchor), grants: moved(x.grants, (g) => ({ ...g, src: prop(g.src, anchor) })) })),
    // Controls, secrets and env hold no positions (those are in the element's source): shared.
    services: moved(part.services, (x) => ({
      ...x,
      src: source(x.src, anchor),
      calls: moved(x.calls, (f) => ({ ...f, src: source(f.src, anchor) })),
      runtime: x.runtime && { ...x.runtime, src: prop(x.runtime.src, anchor) },
    })),
    // Plain ranges, fixed where the unit is now: a part that has any is copied again when it moves (see movable).
    controlsKey: part.controlsKey && r(part.controlsKey, d),
    nameKey: part.nameKey && r(part.nameKey, d),
    acceptances: moved(part.acceptances, (a) => ({ ...a, range: r(a.range, d), ruleRange: a.ruleRange && r(a.ruleRange, d) })),
    problems: moved(part.problems, (p) => ({ ...p, range: r(p.range, d) })),
  };
}

/** Whether every range of a part is read through its anchor (see cloneShifted): it can move without a copy. */
function movable(part: FileModel): boolean {
  return part.includes.length === 0 && part.acceptances.length === 0 && part.problems.length === 0 && !part.controlsKey && !part.nameKey;
}

/**
 * A list with each item moved; an empty list is shared rather than copied (most of a unit's
 * lists are empty, and nothing changes a read's lists after it: a load copies what it changes).
 */
function moved<T>(list: T[], move: (item: T) => T): T[] {
  return list.length === 0 ? list : list.map(move);
}

function r(range: TextRange, d: number): TextRange {
  return d === 0 ? range : { start: range.start + d, end: range.end + d };
}

/**
 * A property's source read through an anchor, computed when read: most of a model's ranges are
 * never looked at, so a keystroke should not pay for copying them.
 */
class ShiftedProp implements PropSource {
  private shiftedEntries?: Map<string, PropSource>;

  constructor(private readonly base: PropSource, private readonly anchor: Anchor) {}

  get key(): TextRange {
    return r(this.base.key, this.anchor.at);
  }

  get value(): TextRange {
    return r(this.base.value, this.anchor.at);
  }

  get items(): TextRange[] | undefined {
    return this.base.items?.map((i) => r(i, this.anchor.at));
  }

  get entries(): Map<string, PropSource> | undefined {
    if (!this.base.entries) return undefined;
    if (!this.shiftedEntries) {
      this.shiftedEntries = new Map();
      for (const [k, v] of this.base.entries) this.shiftedEntries.set(k, prop(v, this.anchor));
    }
    return this.shiftedEntries;
  }
}

function prop(p: PropSource, anchor: Anchor): PropSource {
  return new ShiftedProp(p, anchor);
}

/** An element's source read through an anchor; its ranges are worked out when read. */
class ShiftedSource implements Source {
  readonly file: string;
  private shiftedProps?: Map<string, PropSource>;

  constructor(private readonly base: Source, private readonly anchor: Anchor) {
    this.file = base.file;
  }

  get key(): TextRange {
    return r(this.base.key, this.anchor.at);
  }

  get node(): TextRange {
    return r(this.base.node, this.anchor.at);
  }

  get props(): Map<string, PropSource> {
    if (!this.shiftedProps) {
      this.shiftedProps = new Map();
      for (const [k, v] of this.base.props) this.shiftedProps.set(k, prop(v, this.anchor));
    }
    return this.shiftedProps;
  }
}

function source(src: Source, anchor: Anchor): Source {
  return new ShiftedSource(src, anchor);
}
