// Reads one model file: YAML → the parts of a model, with where each is written.
// Structural problems become `model/…` findings; whatever can still be read is kept.

import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import {
  ACCEPT_KEYS, ACCESS_MODES, ACTIONS, AUTH_METHODS, BOUNDARY_KEYS, CLASSIFICATIONS, DATA_KEYS, FLOW_CONTROLS, FLOW_KEYS,
  CONTROLS, IMPLIED_TLS, KINDS, KNOWN_PROTOCOLS, LIMIT_KEYS, ROLE_KEYS, RUNTIME_KEYS, SERVICE_KEYS, SERVICE_OR_SYSTEM_CONTROLS, SYSTEM_CONTROLS,
  TLS_MODES, TOP_LEVEL_KEYS, TRUST_LEVELS, isOutsideKind, isPortNumber,
} from './vocabulary.js';
import type { ControlPlace, SectionName } from './vocabulary.js';
import type {
  Acceptance, Action, Component, Controls, DataAsset, Finding, Flow, Grant, NamedValue, PropSource, Role,
  Runtime, Severity, Source, TextRange, TrustBoundary,
} from './types.js';
import { closest, didYouMean } from '../util/suggest.js';
import { modelProblem } from './problems.js';
import { MODEL_YAML_OPTIONS, parseBlockYaml } from './block-yaml.js';
import { explainSyntaxErrors } from './syntax.js';
import type { ParserError } from './syntax.js';

/**
 * An acceptance whose reason is still empty, as "Accept …" writes it: it silences nothing, and is
 * reported once, at `low`, where the reason goes (not as an error while it is being typed).
 */
export const WRITE_THE_REASON = 'Write the reason for this acceptance: until it has one, the finding it accepts is still reported.';

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const SUPPORTED_VERSIONS = [1];

const ELEMENT_KEYS: Record<SectionName, readonly string[]> = {
  boundaries: BOUNDARY_KEYS, data: DATA_KEYS, roles: ROLE_KEYS, services: SERVICE_KEYS,
};

/** What one file contributes to the model. */
export interface FileModel {
  file: string;
  text: string;
  version?: unknown;
  hasVersion: boolean;
  name?: string;
  description?: string;
  includes: { path: string; range: TextRange }[];
  boundaries: TrustBoundary[];
  data: DataAsset[];
  roles: Role[];
  services: Component[];
  controls: Controls;
  controlsKey?: TextRange;
  nameKey?: TextRange;
  acceptances: Acceptance[];
  problems: Finding[];
  /** What rules read of the file, without positions, one string per unit, when it was read in units (model/signature.ts). */
  signature?: string[];
}

interface Entry {
  key: string;
  keyRange: TextRange;
  value: YamlNode | null;
  valueRange: TextRange;
  pair: Pair;
}

const MAX_ALIAS_DEPTH = 32;

function rangeOf(node: YamlNode | null | undefined, fallback: TextRange): TextRange {
  const r = node?.range;
  if (!r) return fallback;
  return { start: r[0], end: r[1] };
}

/** Every anchor of a document, by name, in document order: built once, so each alias is a lookup. */
const anchorIndexes = new WeakMap<Document, Map<string, YamlNode[]>>();

function anchorsOf(doc: Document): Map<string, YamlNode[]> {
  let index = anchorIndexes.get(doc);
  if (index) return index;
  index = new Map();
  const found = index;
  visit(doc, {
    Node(_, node) {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor && !isAlias(node)) {
        const list = found.get(anchor) ?? [];
        list.push(node as YamlNode);
        found.set(anchor, list);
      }
    },
  });
  anchorIndexes.set(doc, index);
  return index;
}

/**
 * Follows aliases to the node they name: the last anchor of that name before the alias. A text
 * read by the block reader (no `doc`) has no aliases.
 */
function deref(node: unknown, doc: Document | undefined): YamlNode | null {
  let current = node;
  for (let i = 0; doc && i < MAX_ALIAS_DEPTH && isAlias(current); i++) {
    const alias = current;
    const candidates = anchorsOf(doc).get(alias.source) ?? [];
    const at = alias.range?.[0] ?? Infinity;
    let target: YamlNode | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) target = c;
    current = target;
  }
  if (doc && isAlias(current)) return null;
  return (current ?? null) as YamlNode | null;
}

/**
 * Names flows without an id as language.md says: `FROM->TO`, and `FROM->TO#n` for the n-th flow
 * between the same two components. One counter per component's `calls:`.
 */
export function flowCounter(): (flow: { from: string; to: string }) => string {
  const pairs = new Map<string, number>();
  return ({ from, to }) => {
    const pair = `${from}->${to}`;
    const n = (pairs.get(pair) ?? 0) + 1;
    pairs.set(pair, n);
    return n === 1 ? pair : `${pair}#${n}`;
  };
}

export type { SectionName } from './vocabulary.js';

/** Reads a whole text, or one unit of a file (see units.ts) when `unit` says which. */
export function readWhole(file: string, text: string, unit?: { section?: SectionName }): FileModel {
  const reader = new FileReader(file, text);
  reader.read(unit);
  return reader.result;
}

/**
 * Reads one unit of a file where it stands in the file's text, so its ranges need no moving;
 * undefined when the unit needs the full YAML reader (then read its text with readWhole).
 */
export function readUnitAt(file: string, text: string, unit: { section?: SectionName; start: number; end: number }): FileModel | undefined {
  // Too deep a unit is refused by readWhole, as the editor's read refuses it.
  if (nestingDepth(text.slice(unit.start, unit.end)) > MAX_NESTING) return undefined;
  const root = parseBlockYaml(text, unit.start, unit.end);
  if (!root) return undefined;
  const reader = new FileReader(file, text);
  reader.readRoot(root, unit);
  return reader.result;
}

/**
 * The `# moat-accept` comments of a whole text (as acceptances, or problems when malformed). With
 * `regions` (sorted, each starting where a block starts), the comments of those regions only.
 */
export function readWholeComments(file: string, text: string, regions?: readonly TextRange[]): FileModel {
  const reader = new FileReader(file, text);
  reader.readComments(regions);
  return reader.result;
}

/** A control written where it does not apply (`rate-limit` on a flow): where it does. */
function misplacedControl(key: string, place: ControlPlace): string {
  const places = CONTROLS[key].on.map((p) => (p === 'system' ? 'the whole system (top-level `controls:`)' : `a ${p}`));
  return `\`${key}\` is a control of ${places.join(' or ')}, not of ${place === 'system' ? 'the whole system' : `a ${place}`}: write it under the \`controls:\` of one.`;
}

/** The merge keys met while collecting a mapping's entries: what they brought, and the mappings visited. */
interface Merges {
  root: YamlNode;
  merged?: Entry[];
  visited?: Set<YamlNode>;
}

class FileReader {
  readonly result: FileModel;
  /** The `yaml` library's document, when the text needed it (see block-yaml.ts). */
  private doc: Document | undefined;

  constructor(readonly file: string, readonly text: string) {
    this.result = {
      file, text, hasVersion: false, includes: [], boundaries: [], data: [], roles: [], services: [],
      controls: new Map(), acceptances: [], problems: [],
    };
  }

  private problem(rule: string, range: TextRange, message: string, data?: Record<string, unknown>, severity?: Severity): void {
    // The parser may point one past the end (an unclosed bracket); a finding stays inside its file.
    const end = Math.min(range.end, this.text.length);
    const start = Math.min(range.start, end);
    const problem = modelProblem(rule, this.file, { start, end }, message, data);
    this.result.problems.push(severity ? { ...problem, severity } : problem);
  }

  /**
   * Reads the text. As a unit of a larger file (see readModelFile), `section` names the section
   * whose single entry the text holds, or is undefined for a top-level chunk.
   */
  read(unit?: { section?: SectionName }): void {
    const depth = nestingDepth(this.text);
    if (depth > MAX_NESTING) {
      this.problem('model/syntax', { start: 0, end: 0 },
        `The file is nested more than ${MAX_NESTING} levels deep; a Moat model needs a handful, so it is not read.`);
      return;
    }
    const fast = parseBlockYaml(this.text);
    let contents: unknown;
    if (fast) contents = fast;
    else {
      const doc = this.parseWithYaml(unit);
      if (!doc) return;
      this.doc = doc;
      contents = doc.contents;
    }
    if (!unit) this.readInlineAcceptances();
    this.readRoot(contents, unit);
  }

  /** Reads the root node of the text, or of a unit of it. */
  readRoot(contents: unknown, unit?: { section?: SectionName }): void {
    const root = deref(contents, this.doc);
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
      if (!this.doc || this.doc.errors.length === 0) {
        this.problem('model/version', { start: 0, end: 0 }, 'The file is empty: a model starts with `moat: 1`.');
      }
      return;
    }
    if (!isMap(root)) {
      this.problem('model/type', rangeOf(root, { start: 0, end: 0 }),
        'A model is a YAML mapping of keys (`moat: 1`, `name:`, `services:` …), not a ' + describe(root) + '.');
      return;
    }
    if (unit?.section) this.readSectionEntries(root, unit.section);
    else this.readTop(root);
  }

  /**
   * Parses the text with the `yaml` library, reporting its syntax errors in plain words; for
   * whatever the block reader leaves (see block-yaml.ts). Undefined when nothing can be read.
   */
  private parseWithYaml(unit: { section?: SectionName } | undefined): Document | undefined {
    let docs: Document[];
    try {
      // A unit holds one document by construction (units.ts reads a file with `---` whole), and
      // parseDocument costs a third of parseAllDocuments' for the few lines of a unit.
      if (unit) docs = [parseDocument(this.text, MODEL_YAML_OPTIONS) as Document];
      else {
        const parsed = parseAllDocuments(this.text, MODEL_YAML_OPTIONS);
        docs = Array.isArray(parsed) ? (parsed as Document[]) : [];
      }
    } catch (err) {
      // The parser recurses on nesting; a file nested thousands deep is refused, not crashed on.
      const reason = err instanceof RangeError ? 'it is nested too deeply to read' : String((err as Error).message ?? err);
      this.problem('model/syntax', { start: 0, end: 0 }, `The file could not be parsed: ${reason}.`);
      return undefined;
    }
    if (docs.length === 0) {
      this.problem('model/version', { start: 0, end: 0 }, 'The file is empty: a model starts with `moat: 1`.');
      return undefined;
    }
    const doc = docs[0];
    for (const extra of docs.slice(1)) {
      const r = extra.range ?? [0, 0];
      this.problem('model/syntax', { start: r[0], end: Math.min(r[0] + 3, this.text.length) },
        'A model file holds one YAML document; this further document (after `---`) is ignored.');
    }
    const parserErrors: ParserError[] = [];
    for (const err of [...doc.errors]) {
      const [start, end] = err.pos;
      if (/call stack/i.test(err.message)) {
        this.problem('model/syntax', { start, end: Math.max(end, start) }, 'The file is nested too deeply to read.');
        continue;
      }
      parserErrors.push(err);
    }
    for (const p of explainSyntaxErrors(this.text, parserErrors)) this.problem('model/syntax', p.range, p.message);
    return doc;
  }

  private readSectionEntries(root: YamlNode, section: SectionName): void {
    const [name, what, read] = this.sectionReader(section);
    const entries = this.entries(root, `\`${name}\``, { start: 0, end: 0 }) ?? [];
    for (const entry of entries) {
      if (this.outdentedKey(entry, section, what) || !this.id(entry, what)) continue;
      read(entry);
    }
  }

  private sectionReader(section: SectionName): [string, string, (entry: Entry) => void] {
    switch (section) {
      case 'boundaries': return ['boundaries', 'boundary', (e) => this.readBoundary(e)];
      case 'data': return ['data', 'data', (e) => this.readData(e)];
      case 'roles': return ['roles', 'role', (e) => this.readRole(e)];
      case 'services': return ['services', 'service', (e) => this.readService(e)];
    }
  }

  /**
   * A key of an element written in line with the elements themselves (`boundary: x` under
   * `services:` rather than under a service): valid YAML, but it would make up an element named
   * after the key, and every finding about it would be false. It is an indentation mistake.
   */
  private outdentedKey(entry: Entry, section: SectionName, what: string): boolean {
    if (!(ELEMENT_KEYS[section] as readonly string[]).includes(entry.key)) return false;
    const value = deref(entry.value, this.doc);
    if (isMap(value)) return false;
    this.problem('model/syntax', entry.keyRange,
      `\`${entry.key}:\` lines up with the ${what === 'data' ? 'data assets' : `${what === 'boundary' ? 'boundarie' : what}s`} of \`${section}\`, so YAML reads it as one named \`${entry.key}\`: ` +
      `indent it in line with the keys of the ${what === 'data' ? 'data asset' : what} it belongs to.`);
    return true;
  }

  /** The entries of a mapping, merge keys (`<<: *anchor`) included; explicit keys win. */
  private entries(node: YamlNode | null, what: string, fallback: TextRange): Entry[] | undefined {
    const map = deref(node, this.doc);
    if (map === null || (isScalar(map) && map.value === null)) return [];
    if (!isMap(map)) {
      this.problem('model/type', rangeOf(map, fallback), `${what} should be a mapping of keys, not a ${describe(map)}.`);
      return undefined;
    }
    const out: Entry[] = [];
    const merges: Merges = { root: map };
    this.collectEntries(map, 0, out, what, fallback, merges);
    const { merged } = merges;
    // A mapping of a few keys (nearly all of them) is checked for duplicates without a Map.
    if (out.length <= 16 && !merged) {
      let duplicates = false;
      for (let i = 1; i < out.length && !duplicates; i++) for (let j = 0; j < i; j++) if (out[j].key === out[i].key) duplicates = true;
      if (!duplicates) return out;
    }
    const seen = new Map<string, Entry>();
    for (const entry of out) {
      const earlier = seen.get(entry.key);
      if (earlier) {
        this.problem('model/duplicate-id', entry.keyRange,
          `\`${entry.key}\` appears twice in ${what}; the second one replaces the first.`);
      }
      seen.set(entry.key, entry);
    }
    const result = [...seen.values()];
    for (const entry of merged ?? []) {
      if (!seen.has(entry.key)) {
        seen.set(entry.key, entry);
        result.push(entry);
      }
    }
    return result;
  }

  /** The pairs of a mapping as entries into `into`, its merge keys' into `merges.merged`. */
  private collectEntries(m: YamlNode, depth: number, into: Entry[], what: string, fallback: TextRange, merges: Merges): void {
    if (!isMap(m)) return;
    for (const pair of m.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyRange = rangeOf(keyNode, keyNode?.range ? fallback : rangeOf(m, fallback));
      if (isScalar(keyNode) && (keyNode.value === '<<' || typeof keyNode.value === 'symbol')) {
        if (depth >= 8) {
          this.problem('model/type', keyRange, 'Merge keys (`<<`) are nested more than 8 deep here; the deeper merges are not read.');
          continue;
        }
        // Each merged mapping is visited once, however often aliases name it: a "merge-key bomb"
        // (merges of merges, each named many times) stays linear.
        const visited = (merges.visited ??= new Set<YamlNode>([merges.root]));
        const merged = (merges.merged ??= []);
        const sources = deref(pair.value, this.doc);
        const list = isSeq(sources) ? sources.items.map((i) => deref(i, this.doc)) : [sources];
        for (const src of list) {
          if (src && isMap(src)) {
            if (!visited.has(src)) {
              visited.add(src);
              this.collectEntries(src, depth + 1, merged, what, fallback, merges);
            }
          }
          else this.problem('model/type', keyRange, 'A merge key (`<<`) takes an alias of a mapping, such as `<<: *defaults`.');
        }
        continue;
      }
      if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number' && typeof keyNode.value !== 'boolean')) {
        this.problem('model/type', keyRange, `Keys in ${what} are plain names, not a ${describe(keyNode)}.`);
        continue;
      }
      const key = String(keyNode.value);
      const value = (pair.value ?? null) as YamlNode | null;
      const valueRange = rangeOf(value, { start: keyRange.end, end: keyRange.end });
      into.push({ key, keyRange, value, valueRange, pair });
    }
  }

  private checkKeys(entries: Entry[], known: readonly string[], what: string): Entry[] {
    const kept: Entry[] = [];
    for (const e of entries) {
      const i = known.indexOf(e.key);
      if (i >= 0) {
        // The vocabulary's own string, not the text's copy: the model's maps are keyed by it, and
        // rules look its properties and controls up by the same literals.
        e.key = known[i];
        kept.push(e);
        continue;
      }
      if (this.controlOutsideControls(e, known)) continue;
      const suggestion = closest(e.key, known);
      this.problem('model/unknown-key', e.keyRange, `Unknown key \`${e.key}\` in ${what}${didYouMean(suggestion) || '.'}`,
        suggestion ? { suggestion } : undefined);
    }
    return kept;
  }

  /** A control written beside `controls:` rather than under it (`timeout: 2s` on a flow). */
  private controlOutsideControls(e: Entry, known: readonly string[]): boolean {
    const control = CONTROLS[e.key];
    if (!control || !known.includes('controls')) return false;
    const place: ControlPlace = known === FLOW_KEYS ? 'flow' : known === TOP_LEVEL_KEYS ? 'system' : 'service';
    const value = this.text.slice(e.valueRange.start, e.valueRange.end).trim() || 'true';
    const where = place === 'flow' ? "the flow's `controls:`" : place === 'system' ? 'the top-level `controls:`' : "the service's `controls:`";
    const message = control.on.includes(place)
      ? `\`${e.key}\` is a control: write it under ${where} (\`controls: { ${e.key}: ${value} }\`).`
      : misplacedControl(e.key, place);
    this.problem('model/unknown-key', e.keyRange, message, { control: e.key, place });
    return true;
  }

  private prop(e: Entry): PropSource {
    return this.propOf(e.keyRange, e.value, e.valueRange, 2);
  }

  /**
   * Where a property is written, and its list's items or map's entries, `depth` levels down: a
   * rule points at `runtime.mounts[2]` or a grant's action item, and the engine finds the range.
   */
  private propOf(key: TextRange, node: YamlNode | null, valueRange: TextRange, depth: number): PropSource {
    const value = deref(node, this.doc);
    const prop: PropSource = { key, value: valueRange };
    if (isSeq(value)) {
      prop.items = value.items.map((item) => rangeOf(item as YamlNode, valueRange));
    } else if (isMap(value)) {
      prop.entries = new Map();
      for (const pair of value.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const entryKey = rangeOf(pair.key as YamlNode, valueRange);
        const entryValue = rangeOf(pair.value as YamlNode, { start: entryKey.end, end: entryKey.end });
        prop.entries.set(String(pair.key.value), depth > 1
          ? this.propOf(entryKey, pair.value as YamlNode | null, entryValue, depth - 1)
          : { key: entryKey, value: entryValue });
      }
    }
    return prop;
  }

  private source(e: Entry): Source {
    const props = new Map<string, PropSource>();
    return { file: this.file, key: e.keyRange, node: e.valueRange, props };
  }

  // --- scalars -------------------------------------------------------------------------------

  private scalar(e: Entry): unknown {
    const v = deref(e.value, this.doc);
    if (v === null) return null;
    if (isScalar(v)) return v.value;
    return v;
  }

  private string(e: Entry, what: string): string | undefined {
    const v = this.scalar(e);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v === null) return undefined;
    this.problem('model/type', e.valueRange, `${what} should be text, not a ${describe(v)}.`);
    return undefined;
  }

  private boolean(e: Entry, what: string): boolean | undefined {
    const v = this.scalar(e);
    if (typeof v === 'boolean') return v;
    this.problem('model/type', e.valueRange, `${what} should be \`true\` or \`false\`, not ${show(v)}.`);
    return undefined;
  }

  private oneOf<T extends string>(e: Entry, allowed: readonly T[], what: string): T | undefined {
    const v = this.scalar(e);
    // The vocabulary's own string, not the text's copy: rules compare these thousands of times.
    const known = typeof v === 'string' ? (allowed as readonly string[]).indexOf(v) : -1;
    if (known >= 0) return allowed[known];
    const suggestion = typeof v === 'string' ? closest(v, allowed) : undefined;
    this.problem('model/type', e.valueRange,
      `${what} should be one of ${allowed.map((a) => `\`${a}\``).join(', ')}, not ${show(v)}${didYouMean(suggestion) || '.'}`,
      suggestion ? { suggestion } : undefined);
    return undefined;
  }

  private id(e: Entry, section: string): boolean {
    if (ID_PATTERN.test(e.key)) return true;
    const fixed = e.key.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');
    this.problem('model/type', e.keyRange,
      `\`${e.key}\` is not a valid ${section} id: ids use lowercase letters, digits, \`.\`, \`_\` and \`-\`, and start with a letter or digit` +
      (fixed && ID_PATTERN.test(fixed) ? ` (such as \`${fixed}\`).` : '.'));
    return false;
  }

  /** A list of ids (`data: [a, b]`); a single id is accepted as a list of one. */
  private idList(e: Entry, what: string): string[] {
    const v = deref(e.value, this.doc);
    if (v === null || (isScalar(v) && v.value === null)) return [];
    if (isScalar(v) && typeof v.value === 'string') {
      // `data: a, b` is one plain scalar "a, b": the brackets were forgotten.
      const items = v.value.split(',').map((i) => i.trim());
      if (items.length > 1 && items.every((i) => ID_PATTERN.test(i)) && v.type === 'PLAIN') {
        this.problem('model/type', e.valueRange,
          `\`${e.key}: ${v.value}\` is one name with a comma in it; a list of ${items.length} needs brackets: \`${e.key}: [${items.join(', ')}]\`.`,
          { list: items });
        return items;
      }
      return [v.value];
    }
    if (!isSeq(v)) {
      this.problem('model/type', e.valueRange, `${what} should be a list, such as \`[a, b]\`, not a ${describe(v)}.`);
      return [];
    }
    const out: string[] = [];
    for (const item of v.items) {
      const node = deref(item, this.doc);
      if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) out.push(String(node.value));
      else this.problem('model/type', rangeOf(node ?? (item as YamlNode), e.valueRange), `Items of ${what} should be names, not a ${describe(node)}.`);
    }
    return out;
  }

  // --- top level -----------------------------------------------------------------------------

  private readTop(root: YamlNode): void {
    const all = this.entries(root, 'the model', { start: 0, end: 0 }) ?? [];
    const first = all[0];
    const entries = this.checkKeys(all, TOP_LEVEL_KEYS, 'the model');
    const byKey = new Map(entries.map((e) => [e.key, e]));
    const moat = byKey.get('moat');
    if (!moat) {
      this.result.hasVersion = false;
    } else {
      this.result.hasVersion = true;
      const v = this.scalar(moat);
      this.result.version = v;
      if (!(v === 1 || v === '1')) {
        this.problem('model/version', moat.valueRange,
          `Unsupported Moat language version ${show(v)}; this Moat reads version ${SUPPORTED_VERSIONS.join(', ')} (\`moat: 1\`).`);
      } else if (first && first.key !== 'moat') {
        // Allowed, but say it: tools recognise a model by its first key.
      }
    }
    for (const e of entries) {
      switch (e.key) {
        case 'name':
          this.result.name = this.string(e, '`name`');
          this.result.nameKey = e.keyRange;
          break;
        case 'description':
          this.result.description = this.string(e, '`description`');
          break;
        case 'include':
          this.readIncludes(e);
          break;
        case 'boundaries':
        case 'data':
        case 'roles':
        case 'services':
          this.section(e, e.key);
          break;
        case 'controls':
          this.result.controls = this.readControls(e, SYSTEM_CONTROLS, 'system-wide `controls`', 'system');
          this.result.controlsKey = e.keyRange;
          break;
        case 'accept':
          this.readAccept(e);
          break;
      }
    }
  }

  private section(e: Entry, section: SectionName): void {
    const [name, what, read] = this.sectionReader(section);
    const entries = this.entries(e.value, `\`${name}\``, e.valueRange);
    if (!entries) return;
    for (const entry of entries) {
      if (this.outdentedKey(entry, section, what) || !this.id(entry, what)) continue;
      read(entry);
    }
  }

  private readIncludes(e: Entry): void {
    const v = deref(e.value, this.doc);
    const items = isSeq(v) ? v.items.map((i) => deref(i, this.doc)) : v === null ? [] : [v];
    for (const item of items) {
      if (isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '') {
        this.result.includes.push({ path: item.value, range: rangeOf(item, e.valueRange) });
      } else if (!(isScalar(item) && item.value === null)) {
        this.problem('model/type', rangeOf(item, e.valueRange), `Items of \`include\` should be file paths, not a ${describe(item)}.`);
      }
    }
  }

  private readBoundary(e: Entry): void {
    const entries = this.entries(e.value, `boundary \`${e.key}\``, e.valueRange);
    if (!entries) return;
    const src = this.source(e);
    const boundary: TrustBoundary = { type: 'boundary', id: e.key, trust: 'internal', implicit: false, src };
    let hasTrust = false;
    for (const p of this.checkKeys(entries, BOUNDARY_KEYS, `boundary \`${e.key}\``)) {
      src.props.set(p.key, this.prop(p));
      if (p.key === 'trust') {
        const t = this.oneOf(p, TRUST_LEVELS, '`trust`');
        if (t) { boundary.trust = t; hasTrust = true; }
        else hasTrust = true;
      } else if (p.key === 'within') {
        boundary.within = this.string(p, '`within`');
      } else if (p.key === 'description') {
        boundary.description = this.string(p, '`description`');
      }
    }
    if (!hasTrust) {
      this.problem('model/type', e.keyRange,
        `Boundary \`${e.key}\` needs a \`trust:\` level: \`untrusted\`, \`dmz\`, \`internal\` or \`restricted\`.`);
    }
    this.result.boundaries.push(boundary);
  }

  private readData(e: Entry): void {
    const entries = this.entries(e.value, `data asset \`${e.key}\``, e.valueRange);
    if (!entries) return;
    const src = this.source(e);
    const asset: DataAsset = { type: 'data', id: e.key, classification: 'internal', pii: false, src };
    let hasClassification = false;
    for (const p of this.checkKeys(entries, DATA_KEYS, `data asset \`${e.key}\``)) {
      src.props.set(p.key, this.prop(p));
      if (p.key === 'classification') {
        hasClassification = true;
        const c = this.oneOf(p, CLASSIFICATIONS, '`classification`');
        // An unreadable classification is treated as the most sensitive, so nothing is missed.
        asset.classification = c ?? 'restricted';
      } else if (p.key === 'pii') {
        asset.pii = this.boolean(p, '`pii`') ?? false;
      } else if (p.key === 'description') {
        asset.description = this.string(p, '`description`');
      }
    }
    if (!hasClassification) {
      this.problem('model/type', e.keyRange,
        `Data asset \`${e.key}\` needs a \`classification:\`: \`public\`, \`internal\`, \`confidential\` or \`restricted\`.`);
    }
    this.result.data.push(asset);
  }

  private readRole(e: Entry): void {
    const entries = this.entries(e.value, `role \`${e.key}\``, e.valueRange);
    if (!entries) return;
    const src = this.source(e);
    const role: Role = { type: 'role', id: e.key, grants: [], src };
    for (const p of this.checkKeys(entries, ROLE_KEYS, `role \`${e.key}\``)) {
      src.props.set(p.key, this.prop(p));
      if (p.key === 'description') role.description = this.string(p, '`description`');
      if (p.key !== 'grants') continue;
      const grants = this.entries(p.value, `the grants of role \`${e.key}\``, p.valueRange) ?? [];
      for (const g of grants) {
        const actions = this.idList(g, `the actions granted on \`${g.key}\``);
        const valid: Action[] = [];
        const grantSource = this.prop(g);
        const itemRanges = grantSource.items ?? [];
        actions.forEach((a, i) => {
          if ((ACTIONS as readonly string[]).includes(a)) valid.push(a as Action);
          else {
            const suggestion = closest(a, ACTIONS);
            this.problem('model/type', itemRanges[i] ?? g.valueRange,
              `\`${a}\` is not an action; actions are ${ACTIONS.map((x) => `\`${x}\``).join(', ')}${didYouMean(suggestion) || '.'}`,
              suggestion ? { suggestion } : undefined);
          }
        });
        role.grants.push({ target: g.key, actions: valid, listed: actions, src: grantSource });
      }
    }
    this.result.roles.push(role);
  }

  private readControls(e: Entry, known: readonly string[], what: string, place: ControlPlace): Controls {
    const controls: Controls = new Map();
    const entries = this.entries(e.value, what, e.valueRange);
    if (!entries) return controls;
    // A known control in the wrong place says where it goes, rather than "unknown key".
    const misplaced = (c: Entry) => !known.includes(c.key) && CONTROLS[c.key] !== undefined;
    for (const c of entries.filter(misplaced)) this.problem('model/unknown-key', c.keyRange, misplacedControl(c.key, place), { control: c.key, place });
    for (const c of this.checkKeys(entries.filter((c) => !misplaced(c)), known, what)) {
      const v = deref(c.value, this.doc);
      if (isScalar(v) && typeof v.value === 'boolean') controls.set(c.key, { enabled: v.value });
      else if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number') && String(v.value) !== '') {
        controls.set(c.key, { enabled: true, detail: String(v.value) });
      } else if (isMap(v) || isSeq(v)) controls.set(c.key, { enabled: true });
      else this.problem('model/type', c.valueRange, `Control \`${c.key}\` should be \`true\`, \`false\` or a detail such as \`100/min\`.`);
    }
    return controls;
  }

  private readService(e: Entry): void {
    const entries = this.entries(e.value, `service \`${e.key}\``, e.valueRange);
    if (!entries) return;
    const src = this.source(e);
    const service: Component = {
      type: 'service', id: e.key, kind: 'service', boundary: '', calls: [], stores: [], roles: [],
      controls: new Map(), secrets: [], env: [], src,
    };
    let hasKind = false;
    let callsEntry: Entry | undefined;
    for (const p of this.checkKeys(entries, SERVICE_KEYS, `service \`${e.key}\``)) {
      src.props.set(p.key, this.prop(p));
      switch (p.key) {
        case 'kind': {
          hasKind = true;
          const k = this.oneOf(p, KINDS, '`kind`');
          if (k) service.kind = k;
          break;
        }
        case 'boundary': service.boundary = this.string(p, '`boundary`') ?? ''; break;
        case 'description': service.description = this.string(p, '`description`'); break;
        case 'owner': service.owner = this.string(p, '`owner`'); break;
        case 'tech': service.tech = this.string(p, '`tech`'); break;
        case 'deployed-as': service.deployedAs = this.idList(p, '`deployed-as`'); break;
        case 'stores': service.stores = this.idList(p, '`stores`'); break;
        case 'roles': service.roles = this.idList(p, '`roles`'); break;
        case 'controls': service.controls = this.readControls(p, SERVICE_OR_SYSTEM_CONTROLS, `the controls of \`${e.key}\``, 'service'); break;
        case 'runtime': service.runtime = this.readRuntime(p, e.key); break;
        case 'secrets': service.secrets = this.namedValues(p, `the secrets of \`${e.key}\``); break;
        case 'env': service.env = this.namedValues(p, `the env of \`${e.key}\``); break;
        case 'calls': callsEntry = p; break;
      }
    }
    if (!hasKind) {
      this.problem('model/type', e.keyRange,
        `Service \`${e.key}\` needs a \`kind:\`: one of ${KINDS.map((k) => `\`${k}\``).join(', ')}.`);
    }
    if (service.boundary === '') {
      if (isOutsideKind(service.kind)) service.boundary = 'internet';
      else if (hasKind) {
        this.problem('model/missing-boundary', e.keyRange,
          `The ${service.kind} \`${e.key}\` names no \`boundary:\`: every component but users and externals sits in a trust boundary. Add \`boundary:\` with the id of the one it runs in.`);
      }
    }
    if (callsEntry) service.calls = this.readCalls(callsEntry, service);
    this.result.services.push(service);
  }

  private namedValues(e: Entry, what: string): NamedValue[] {
    const out: NamedValue[] = [];
    for (const v of this.entries(e.value, what, e.valueRange) ?? []) {
      const value = this.scalar(v);
      if (value === null || value === undefined) continue;
      if (typeof value === 'object') {
        this.problem('model/type', v.valueRange, `\`${v.key}\` in ${what} should be a single value, not a ${describe(value)}.`);
        continue;
      }
      out.push({ name: v.key, value: String(value) });
    }
    return out;
  }

  private readRuntime(e: Entry, owner: string): Runtime | undefined {
    const entries = this.entries(e.value, `the runtime of \`${owner}\``, e.valueRange);
    if (!entries) return undefined;
    const runtime: Runtime = { mounts: [], sharedWith: [], src: this.prop(e) };
    for (const p of this.checkKeys(entries, RUNTIME_KEYS, `the runtime of \`${owner}\``)) {
      switch (p.key) {
        case 'image': {
          const image = this.string(p, '`image`');
          if (image !== undefined) {
            runtime.image = image;
            const at = image.indexOf('@');
            if (at >= 0 && !/^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1))) {
              this.problem('model/type', p.valueRange,
                'The image digest is malformed: a pinned image ends in `@sha256:` followed by 64 hexadecimal digits.');
            }
          }
          break;
        }
        case 'user': {
          const u = this.scalar(p);
          if (typeof u === 'string' || typeof u === 'number') runtime.user = String(u);
          else this.problem('model/type', p.valueRange, '`user` should be a user name or a uid, such as `10001`.');
          break;
        }
        case 'privileged': runtime.privileged = this.boolean(p, '`privileged`'); break;
        case 'read-only-fs': runtime.readOnlyFs = this.boolean(p, '`read-only-fs`'); break;
        case 'host-network': runtime.hostNetwork = this.boolean(p, '`host-network`'); break;
        case 'host-pid': runtime.hostPid = this.boolean(p, '`host-pid`'); break;
        case 'platform': runtime.platform = this.string(p, '`platform`'); break;
        case 'mounts': runtime.mounts = this.idList(p, '`mounts`'); break;
        case 'shared-with': runtime.sharedWith = this.idList(p, '`shared-with`'); break;
        case 'limits': {
          runtime.limits = {};
          for (const l of this.checkKeys(this.entries(p.value, '`limits`', p.valueRange) ?? [], LIMIT_KEYS, '`limits`')) {
            const v = this.string(l, `\`${l.key}\``);
            if (v !== undefined) runtime.limits[l.key as 'cpu' | 'memory'] = v;
          }
          break;
        }
      }
    }
    return runtime;
  }

  private readCalls(e: Entry, from: Component): Flow[] {
    const v = deref(e.value, this.doc);
    if (v === null || (isScalar(v) && v.value === null)) return [];
    if (!isSeq(v)) {
      this.problem('model/type', e.valueRange, `\`calls\` should be a list of flows (\`- to: …\`), not a ${describe(v)}.`);
      return [];
    }
    const flows: Flow[] = [];
    for (const item of v.items) {
      const node = deref(item, this.doc);
      const itemRange = rangeOf(node ?? (item as YamlNode), e.valueRange);
      const fields = this.entries(node, `a flow of \`${from.id}\``, itemRange);
      if (!fields) continue;
      const src: Source = { file: this.file, key: itemRange, node: itemRange, props: new Map() };
      const flow: Flow = {
        type: 'flow', from: from.id, to: '', target: '', protocol: '', access: 'read-write', data: [], async: false,
        controls: new Map(), src,
      };
      let hasProtocol = false;
      for (const p of this.checkKeys(fields, FLOW_KEYS, `a flow of \`${from.id}\``)) {
        src.props.set(p.key, this.prop(p));
        switch (p.key) {
          case 'to': flow.to = this.string(p, '`to`') ?? ''; break;
          case 'id': {
            const id = this.string(p, '`id`');
            if (id !== undefined && !ID_PATTERN.test(id)) {
              this.problem('model/type', p.valueRange, `\`${id}\` is not a valid flow id: ids use lowercase letters, digits, \`.\`, \`_\` and \`-\`.`);
            } else flow.id = id;
            break;
          }
          case 'protocol': {
            const proto = this.string(p, '`protocol`');
            if (proto !== undefined) {
              flow.protocol = proto.toLowerCase();
              hasProtocol = true;
            }
            break;
          }
          case 'port': {
            const port = this.scalar(p);
            if (isPortNumber(port)) flow.port = port;
            else this.problem('model/type', p.valueRange, `\`port\` should be a port number (0–65535), not ${show(port)}.`);
            break;
          }
          case 'tls': {
            const raw = this.scalar(p);
            // YAML reads a bare `none`-like `false` as a boolean; users mean "no TLS".
            if (raw === false) flow.tls = 'none';
            else if (raw === true) flow.tls = 'tls';
            else flow.tls = this.oneOf(p, TLS_MODES, '`tls`');
            break;
          }
          case 'auth': flow.auth = this.oneOf(p, AUTH_METHODS, '`auth`'); break;
          case 'access': flow.access = this.oneOf(p, ACCESS_MODES, '`access`') ?? 'read-write'; break;
          case 'data': flow.data = this.idList(p, '`data`'); break;
          case 'async': flow.async = this.boolean(p, '`async`') ?? false; break;
          case 'controls': flow.controls = this.readControls(p, FLOW_CONTROLS, 'the controls of a flow', 'flow'); break;
          case 'description': flow.description = this.string(p, '`description`'); break;
        }
      }
      const to = src.props.get('to');
      if (to) src.key = { start: to.key.start, end: to.value.end };
      if (!to || flow.to === '') {
        this.problem('model/type', itemRange, `A flow of \`${from.id}\` needs \`to:\`, the id of the component it calls.`);
        continue;
      }
      if (!hasProtocol) {
        this.problem('model/type', src.key, `The flow ${from.id} → ${flow.to} needs a \`protocol:\` (such as \`https\`, \`grpc\`, \`postgres\`).`);
      }
      if (flow.auth === 'mtls') this.mutualTls(flow, src);
      flow.effectiveTls = flow.tls ?? IMPLIED_TLS[flow.protocol];
      flows.push(flow);
    }
    // The targets as they are when every reference resolves; loading changes the few that differ.
    const counted = flowCounter();
    for (const flow of flows) flow.target = flow.id ?? counted(flow);
    return flows;
  }

  /** `auth: mtls` is a TLS handshake: it implies `tls: mtls`, and cannot run over a flow without TLS. */
  private mutualTls(flow: Flow, src: Source): void {
    const stated = flow.tls;
    const implied = IMPLIED_TLS[flow.protocol];
    if (stated === undefined && implied !== 'none') {
      flow.tls = 'mtls';
      return;
    }
    if ((stated ?? implied) !== 'none') return;
    const auth = src.props.get('auth')!;
    this.problem('model/type', auth.value, stated === 'none'
      ? '`auth: mtls` needs TLS, but this flow says `tls: none`: set `tls: mtls`, or choose another `auth`.'
      : `\`auth: mtls\` needs TLS, but \`protocol: ${flow.protocol}\` is unencrypted: use ${flow.protocol === 'http' ? '`https`' : flow.protocol === 'ws' ? '`wss`' : 'a protocol over TLS'}, or choose another \`auth\`.`);
  }

  private readAccept(e: Entry): void {
    const v = deref(e.value, this.doc);
    if (v === null || (isScalar(v) && v.value === null)) return;
    if (!isSeq(v)) {
      this.problem('model/type', e.valueRange, '`accept` should be a list of acceptances (`- rule: …`).');
      return;
    }
    for (const item of v.items) {
      const node = deref(item, this.doc);
      const range = rangeOf(node ?? (item as YamlNode), e.valueRange);
      const fields = this.entries(node, 'an acceptance', range);
      if (!fields) continue;
      const a: Partial<Acceptance> = { inline: false, file: this.file, range };
      const props = new Map<string, Entry>();
      for (const p of this.checkKeys(fields, ACCEPT_KEYS, 'an acceptance')) {
        props.set(p.key, p);
        const value = p.key === 'until' ? this.scalar(p) : this.string(p, `\`${p.key}\``);
        if (p.key === 'rule') a.rule = value as string;
        else if (p.key === 'target') a.target = value as string;
        else if (p.key === 'reason') a.reason = value as string;
        else if (p.key === 'by') a.by = value as string;
        else if (p.key === 'until') {
          const until = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
          if (!isIsoDate(until)) {
            this.problem('model/type', p.valueRange, `\`until\` should be a date written YYYY-MM-DD, such as \`2027-06-30\`, not ${show(value)}.`);
          } else a.until = until;
        }
      }
      const missing = ['rule', 'target', 'reason'].filter((k) => !a[k as keyof Acceptance] || String(a[k as keyof Acceptance]).trim() === '');
      const reason = props.get('reason');
      if (missing.length === 1 && missing[0] === 'reason' && reason && (a.reason !== undefined || this.scalar(reason) === null)) {
        // An entry being written (as "Accept …" leaves it): it silences nothing yet, and says so once, gently.
        this.problem('model/type', reason.valueRange, WRITE_THE_REASON, undefined, 'low');
        continue;
      }
      if (missing.length > 0) {
        this.problem('model/type', range,
          `An acceptance needs ${missing.map((m) => `\`${m}:\``).join(', ')}` +
          (missing.includes('reason') ? ': the reason is what a reviewer reads later.' : '.'));
        continue;
      }
      const rule = props.get('rule');
      a.range = rule ? { start: rule.keyRange.start, end: rule.valueRange.end } : range;
      if (rule) a.ruleRange = rule.valueRange;
      this.result.acceptances.push(a as Acceptance);
    }
  }

  readComments(regions?: readonly TextRange[]): void {
    this.readInlineAcceptances(regions);
  }

  /**
   * `# moat-accept RULE: reason` comments, each covering its own line and the next. Only YAML's
   * comments count: the same words inside a quoted string or a block scalar are text. The lexer
   * runs only over the regions (units, see units.ts) where the words appear.
   */
  private readInlineAcceptances(regions: readonly TextRange[] = [{ start: 0, end: this.text.length }]): void {
    const hits: number[] = [];
    for (let at = this.text.indexOf('moat-accept'); at !== -1; at = this.text.indexOf('moat-accept', at + 1)) hits.push(at);
    if (hits.length === 0) return;
    // Lines are counted from one comment to the next, not indexed for the whole text.
    let line = 0;
    let counted = 0;
    const lineOf = (offset: number) => {
      for (let i = this.text.indexOf('\n', counted); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1)) line++;
      counted = offset;
      return line;
    };
    let next = 0;
    for (const region of regions) {
      while (next < hits.length && hits[next] < region.start) next++;
      if (next >= hits.length) break;
      if (hits[next] >= region.end) continue;
      for (const comment of yamlComments(this.text, region)) {
        if (comment.source.includes('moat-accept')) this.readInlineAcceptance(comment.offset, comment.source, lineOf);
      }
    }
  }

  private readInlineAcceptance(offset: number, source: string, lineOf: (offset: number) => number): void {
    const m = /^#\s*moat-accept\b[ \t]*([^\s:]*)[ \t]*(?::[ \t]*(.*))?$/.exec(source.replace(/\r$/, ''));
    if (!m) return;
    const start = offset;
    const range = { start, end: start + m[0].length };
    const rule = m[1];
    const reason = (m[2] ?? '').trim();
    if (rule && !reason) {
      // As "Accept …" leaves it: it silences nothing until the reason is written.
      this.problem('model/type', { start: range.end, end: range.end }, WRITE_THE_REASON, undefined, 'low');
      return;
    }
    if (!rule || !reason) {
      this.problem('model/type', range, 'An inline acceptance reads `# moat-accept RULE: reason`; the rule and the reason are both required.');
      return;
    }
    const line = lineOf(start);
    // A comment alone on its line covers the next line; one after an element covers its own.
    const alone = this.text.slice(this.text.lastIndexOf('\n', start - 1) + 1, start).trim() === '';
    const ruleStart = start + m[0].indexOf(rule, m[0].indexOf('moat-accept') + 'moat-accept'.length);
    this.result.acceptances.push({
      rule, reason, inline: true, file: this.file, range, ruleRange: { start: ruleStart, end: ruleStart + rule.length },
      lines: alone ? [line, line + 1] : [line],
    });
  }
}

/**
 * The comments YAML's lexer finds in a region of a text (one that starts where a block starts:
 * the whole text, or a unit), with their offsets in the text. Offsets advance as yaml's Parser
 * advances them: the markers `\x02` (document), `\x18` (flow end) and `\x1f` (a scalar follows)
 * take no room, and the token after `\x1f` is a scalar, whatever its first character.
 */
function* yamlComments(text: string, region: TextRange): Generator<{ offset: number; source: string }> {
  let offset = region.start;
  let atScalar = false;
  for (const token of new Lexer().lex(text.slice(region.start, region.end))) {
    if (atScalar) {
      atScalar = false;
      offset += token.length;
      continue;
    }
    const c = token.charCodeAt(0);
    if (c === 0x1f) {
      atScalar = true;
      continue;
    }
    if (c === 0x02 || c === 0x18) continue;
    if (c === 35 /* # */) yield { offset, source: token };
    offset += token.length;
  }
}

/** Deeper nesting is refused before parsing: the YAML parser recurses once per level. */
export const MAX_NESTING = 100;

/**
 * How deeply the text nests, estimated without parsing: brackets of flow collections (outside
 * quotes and comments), and for block style the columns of indentation and `- ` prefixes.
 */
function nestingDepth(text: string): number {
  let flow = 0;
  let deepest = 0;
  let quote = 0;
  let lineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      column = 0;
      if (quote === 39) quote = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 45 /* - */) {
        column++;
        if (column > MAX_NESTING * 4) return column;
        continue;
      }
      lineStart = false;
    }
    if (quote !== 0) {
      if (c === quote && !(quote === 34 && text.charCodeAt(i - 1) === 92)) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (prev === 32 || prev === 91 || prev === 123 || prev === 44 || prev === 58) quote = c;
    } else if (c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 32)) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === 91 || c === 123) {
      flow++;
      if (flow > deepest) deepest = flow;
    } else if (c === 93 || c === 125) {
      if (flow > 0) flow--;
    }
  }
  return deepest;
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function describe(v: unknown): string {
  if (isMap(v)) return 'mapping';
  if (isSeq(v)) return 'list';
  if (isScalar(v)) return describe(v.value);
  if (v === null || v === undefined) return 'empty value';
  if (typeof v === 'object') return 'mapping';
  return typeof v === 'string' ? 'text value' : typeof v === 'number' ? 'number' : typeof v;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') return `\`${v.length > 40 ? `${v.slice(0, 40)}…` : v}\``;
  if (typeof v === 'number' || typeof v === 'boolean') return `\`${v}\``;
  return `a ${describe(v)}`;
}
