// Quick fixes: what a finding's fix intent (`data`, typed FixIntent in model/types.ts) asks for, as
// edits to the model's text. Editor-free; the language server turns the edits into a workspace
// edit, a test applies them to a string.
//
// The intents a rule attaches to a finding:
//   { prop, value, choices? }       set a property of the element (`prop` a key or a path; with
//                                   `entry`, a key of the map under `prop`); `choices`: one fix each
//   { addControl, value, scope }    add a control to the service, the flow, or the system
//   { remove: [...path] }           remove a setting of the element, or, when the path starts with a
//                                   section (`['data', ID]`, `['roles', ID, 'grants', T]`), of the file
//   { removeAcceptance: true }      remove the (stale) acceptance the finding points at
//   { secretRef }                   replace a literal secret with that reference
//   { reroute: GATEWAY }            send the flow to the gateway, which calls the target on
//   { suggestion }                  replace the misspelt key, value or reference

import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import type { Analysis } from '../analysis/analyze.js';
import type { ControlScope, Finding, Model, Source } from '../model/types.js';
import { RUNTIME_KEYS, SECTION_NAMES, SERVICE_KEYS } from '../model/vocabulary.js';
import type { SectionName } from '../model/vocabulary.js';
import { ruleById } from '../rules/index.js';
import { redactor } from '../model/secrets.js';
import { segment } from '../model/units.js';
import type { Unit } from '../model/units.js';
import {
  appendToChildSeq, reconcileMap, removeFromMap, removeFromSeq, setInChildMap, setInMap,
} from './edits.js';
import { collectionAt, eol, indentOfLine, lineStart, pairOf, parseSpans, parseYaml, replacementScalar, scalarAt, trimTrailing, yamlValue } from './text.js';
import type { FileEdit, TextEdit } from './text.js';

export type { FileEdit, TextEdit } from './text.js';
export { applyEdits } from './text.js';

export interface Fix {
  title: string;
  edits: FileEdit[];
  /** Decided by the rule alone (no choice to make, nothing removed): fit for "fix all". */
  safe: boolean;
  preferred?: boolean;
  /** Where the cursor goes once the edits are applied (an offset in the edited text): the part left for the user to write. */
  cursor?: { file: string; offset: number };
}

export type AcceptStyle = 'entry' | 'comment';

type Path = (string | number)[];

/** Parsed YAML per file, for the duration of one request. */
class Files {
  private readonly docs = new Map<string, Document>();
  private readonly units = new Map<string, readonly Unit[] | null>();
  /** Per file and span; null when the span alone does not parse cleanly. */
  private readonly unitDocs = new Map<string, Document | null>();
  constructor(readonly model: Model) {}
  text(file: string): string {
    return this.model.files.get(file)?.text ?? '';
  }
  doc(file: string): Document {
    let doc = this.docs.get(file);
    if (!doc) this.docs.set(file, (doc = parseYaml(this.text(file))));
    return doc;
  }
  /**
   * The parsed YAML around `offset`, its ranges offsets of the file: the unit (model/units.ts)
   * that holds it when the file splits into units, so that the fix of one element does not parse
   * a whole large file; else (or once it is parsed anyway) the whole document.
   */
  docAt(file: string, offset: number): Document {
    const whole = this.docs.get(file);
    if (whole) return whole;
    const unit = this.unitsOf(file)?.find((u) => u.start <= offset && offset < u.end);
    return (unit && this.parsedUnit(file, [unit])) ?? this.doc(file);
  }
  /**
   * What a change to the top-level `key` (`accept:`, `controls:`) needs of the file's root map,
   * parsed from units alone: the root with that pair when the file has one (its unit), else the
   * root's last top-level key through the end of the file (where a new pair goes). Its first key
   * is at column 0, as the whole root's is; the whole root when the file does not split into
   * units. A large model's whole file is never parsed for an acceptance or a system control.
   */
  rootFor(file: string, key: 'accept' | 'controls'): YAMLMap | undefined {
    const units = this.docs.has(file) ? null : this.unitsOf(file);
    if (units) {
      const top = units.filter((u) => u.section === undefined);
      const own = top.find((u) => u.key === key);
      const last = top[top.length - 1];
      // A section's header and its last entry are enough to know where the section ends.
      const end = units[units.length - 1];
      const pieces = own ? [own] : last && (end === last || end.start === last.end ? [{ start: last.start, end: end.end }] : [last, end]);
      const c = pieces && this.parsedUnit(file, pieces)?.contents;
      if (isMap(c)) return c;
    }
    return this.root(file);
  }
  /**
   * What a change inside one entry of a section needs of the file's root map (`offset` within
   * the entry): the section's key and the unit that holds the entry, parsed alone as one text;
   * the whole root when the file does not split into units (or writes the section twice).
   */
  sectionRoot(file: string, section: string, offset: number): YAMLMap | undefined {
    const units = this.docs.has(file) ? null : this.unitsOf(file);
    const headers = units?.filter((u) => u.section === undefined && u.key === section) ?? [];
    const entry = units?.find((u) => u.start <= offset && offset < u.end);
    if (headers.length === 1 && entry && (entry === headers[0] || entry.section === section)) {
      const header = headers[0];
      const spans = entry === header ? [header] : header.end === entry.start ? [{ start: header.start, end: entry.end }] : [header, entry];
      const c = this.parsedUnit(file, spans)?.contents;
      if (isMap(c)) return c;
    }
    return this.root(file);
  }
  private unitsOf(file: string): readonly Unit[] | null {
    let units = this.units.get(file);
    if (units === undefined) this.units.set(file, (units = segment(this.text(file)) ?? null));
    return units;
  }
  /** parseSpans of the file, once per file and spans. */
  private parsedUnit(file: string, spans: { start: number; end: number }[]): Document | null {
    const key = `${file}\0${spans.map((s) => `${s.start}-${s.end}`).join(',')}`;
    let doc = this.unitDocs.get(key);
    if (doc === undefined) this.unitDocs.set(key, (doc = parseSpans(this.text(file), spans)));
    return doc;
  }
  mapOf(src: Source): YAMLMap | undefined {
    return collectionAt(this.docAt(src.file, src.node.start), src.node.start, 'map') as YAMLMap | undefined;
  }
  root(file: string): YAMLMap | undefined {
    const c = this.doc(file).contents;
    return isMap(c) ? c : undefined;
  }
}

/**
 * One parse per file per analysis: "fix all" and a request for many diagnostics ask for the fixes
 * of every finding of the same analysed text. Edits only read the parsed documents.
 */
const parsed = new WeakMap<Model, Files>();
function filesOf(model: Model): Files {
  let files = parsed.get(model);
  if (!files) parsed.set(model, (files = new Files(model)));
  return files;
}

interface Located {
  kind: 'flow' | 'service' | 'role' | 'data' | 'boundary' | 'system' | 'acceptance';
  /** The element's own source (absent for the system and acceptances). */
  src?: Source;
  label: string;
}

function locate(model: Model, finding: Finding): Located | undefined {
  const kind = ruleById(finding.rule)?.meta.target;
  const t = finding.target;
  const flow = () => model.flows.find((f) => f.target === t);
  switch (kind) {
    case 'flow': { const f = flow(); return f && { kind, src: f.src, label: `${f.from} → ${f.to}` }; }
    case 'service': { const s = model.services.get(t); return s && { kind, src: s.src, label: s.id }; }
    case 'role': { const r = model.roles.get(t); return r && { kind, src: r.src, label: r.id }; }
    case 'data': { const d = model.data.get(t); return d && { kind, src: d.src, label: d.id }; }
    case 'boundary': { const b = model.boundaries.get(t); return b?.src && { kind, src: b.src, label: b.id }; }
    case 'system': return { kind, label: 'system' };
    case 'acceptance': return { kind, label: t };
    default: {
      const f = flow();
      if (f) return { kind: 'flow', src: f.src, label: `${f.from} → ${f.to}` };
      const s = model.services.get(t);
      return s ? { kind: 'service', src: s.src, label: s.id } : undefined;
    }
  }
}

const code = (s: string) => `\`${s}\``;

/** The fixes a finding's data describes (not "Accept this finding…": see acceptFix). */
export function fixesFor(analysis: Analysis, finding: Finding): Fix[] {
  // Titles quote what the model says (a misspelt value may hold a secret): none repeats a secret.
  const redact = redactor(analysis.model);
  return fixesOf(analysis, finding).map((fix) => ({ ...fix, title: redact(fix.title) }));
}

function fixesOf(analysis: Analysis, finding: Finding): Fix[] {
  const intent = finding.data;
  if (!intent || finding.accepted) return [];
  const files = filesOf(analysis.model);
  try {
    if ('suggestion' in intent) return intent.suggestion === undefined ? [] : suggestionFix(files, finding, intent.suggestion);
    if ('addControl' in intent && intent.scope === 'system') return addControlFix(files, finding, undefined, intent.addControl, intent.value, intent.scope);
    const el = locate(analysis.model, finding);
    if (!el) return [];
    if ('addControl' in intent) return addControlFix(files, finding, el, intent.addControl, intent.value, intent.scope);
    if ('secretRef' in intent) return secretFix(files, finding, intent.secretRef);
    if ('reroute' in intent) return rerouteFix(files, analysis.model, el, intent.reroute);
    if ('removeAcceptance' in intent) return removeAcceptanceFix(files, finding);
    if ('remove' in intent) return removeFix(files, finding, el, intent.remove);
    if ('prop' in intent) {
      const prop = [...(Array.isArray(intent.prop) ? intent.prop : [intent.prop]), ...(intent.entry !== undefined ? [intent.entry] : [])];
      const choices = intent.choices && intent.choices.length > 0 ? intent.choices : [intent.value];
      const out: Fix[] = [];
      for (const v of choices) {
        const fix = setPropFix(files, el, prop, v);
        const suggested = choices.length === 1 || v === intent.value;
        if (fix) out.push({ ...fix, safe: choices.length === 1, preferred: suggested });
      }
      return out;
    }
    // 'id' alone: a misspelt reference with nothing close to suggest.
  } catch {
    // A fix that cannot be computed is not offered; the finding stays as it is.
  }
  return [];
}

function suggestionFix(files: Files, finding: Finding, suggestion: string): Fix[] {
  const text = files.text(finding.file);
  const old = text.slice(finding.range.start, finding.range.end);
  if (old === '' || old === suggestion) return [];
  return [{
    title: `Change ${code(old.replace(/^["']|["']$/g, ''))} to ${code(suggestion)}`,
    edits: [{ file: finding.file, start: finding.range.start, end: finding.range.end, newText: replacementScalar(old, suggestion) }],
    safe: false, preferred: true,
  }];
}

/** Where a property path lives: runtime settings are under `runtime:` even when named alone. */
function propPath(el: Located, prop: string | string[]): string[] {
  const path = Array.isArray(prop) ? prop.map(String) : prop.split('.');
  if (el.kind === 'service' && path.length === 1 && RUNTIME_KEYS.includes(path[0]) && !SERVICE_KEYS.includes(path[0])) {
    return ['runtime', path[0]];
  }
  return path;
}

/**
 * Maps a rule's value gives in whole (a role's grants: what its holders use, nothing more). Other
 * map values complete what is written (`limits: { cpu: 1 }` gains its `memory`).
 */
const WHOLE_MAPS = new Set(['grants']);

function setPropFix(files: Files, el: Located, prop: string | string[], value: unknown): Omit<Fix, 'safe'> | undefined {
  if (!el.src) return undefined;
  const map = files.mapOf(el.src);
  if (!map) return undefined;
  const text = files.text(el.src.file);
  const path = propPath(el, prop);
  let target: YAMLMap = map;
  for (const key of path.slice(0, -2)) {
    const next = pairOf(target, key)?.value;
    if (!isMap(next)) return undefined;
    target = next;
  }
  const last = path[path.length - 1];
  const shown = path.join('.');
  const title = shown === 'protocol' && typeof value === 'string'
    ? `Switch to ${code(value)}`
    : `Set ${code(`${shown}: ${yamlValue(value)}`)}`;
  const whole = path.length === 1 && WHOLE_MAPS.has(last) ? pairOf(target, last)?.value : undefined;
  if (isMap(whole) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const edits = reconcileMap(text, whole, value as Record<string, unknown>);
    return edits && { title, edits: edits.map((e) => ({ file: el.src!.file, ...e })) };
  }
  const edit = path.length === 1 ? setInMap(text, target, last, value) : setInChildMap(text, target, path[path.length - 2], last, value);
  if (!edit) return undefined;
  return { title, edits: [{ file: el.src.file, ...edit }] };
}

function addControlFix(files: Files, finding: Finding, el: Located | undefined, control: string, value: string | boolean, scope: ControlScope): Fix[] {
  const shown = code(`${control}: ${yamlValue(value ?? true)}`);
  let edit: TextEdit | undefined;
  let file: string;
  let title: string;
  if (scope === 'system') {
    file = files.model.rootFile;
    const root = files.rootFor(file, 'controls');
    if (!root) return [];
    edit = setInChildMap(files.text(file), root, 'controls', control, value ?? true);
    title = `Add ${shown} to the system controls`;
  } else {
    // A service-scoped control named on a flow's finding goes to the service the target names.
    const service = el?.kind === 'service' ? el : (scope === 'service' ? locateService(files.model, finding.target) : undefined);
    const owner = scope === 'flow' || (scope === undefined && el?.kind === 'flow') ? el : service;
    if (!owner?.src) return [];
    file = owner.src.file;
    const map = files.mapOf(owner.src);
    if (!map) return [];
    edit = setInChildMap(files.text(file), map, 'controls', control, value ?? true);
    title = owner.kind === 'flow' ? `Add ${shown} to the flow ${owner.label}` : `Add ${shown} to the controls of ${code(owner.label)}`;
  }
  return edit ? [{ title, edits: [{ file, ...edit }], safe: true, preferred: true }] : [];
}

function locateService(model: Model, id: string): Located | undefined {
  const s = model.services.get(id);
  return s && { kind: 'service', src: s.src, label: s.id };
}

function removeFix(files: Files, finding: Finding, el: Located, path: Path): Fix[] {
  if (path.length === 0) return removeElementFix(files, finding, el);
  const file = el.src?.file ?? finding.file;
  // A path that starts with a section names a place in the file (`['data', ID]`), not in the element.
  const fromRoot = el.kind !== 'flow' && typeof path[0] === 'string' && (SECTION_NAMES as readonly string[]).includes(path[0]);
  if (fromRoot && path.length === 2 && path[1] === el.label) return removeElementFix(files, finding, el);
  if (!fromRoot && !el.src) return [];
  const text = files.text(file);
  // From the root: through the section's key and the entry the path names (an element of the model).
  const entry = fromRoot && typeof path[1] === 'string' ? elementSource(files.model, path[0] as SectionName, path[1]) : undefined;
  let node: YamlNode | null | undefined = !fromRoot ? files.mapOf(el.src!)
    : entry?.file === file ? files.sectionRoot(file, path[0] as string, entry.key.start) : files.root(file);
  for (const step of path.slice(0, -1)) {
    if (typeof step === 'number') node = isSeq(node) ? (node.items[step] as YamlNode) : undefined;
    else node = isMap(node) ? (pairOf(node, step)?.value ?? undefined) : undefined;
  }
  const last = path[path.length - 1];
  let edit: TextEdit | undefined;
  if (typeof last === 'number' && isSeq(node)) edit = removeFromSeq(text, node, last);
  else if (typeof last === 'string' && isMap(node)) edit = removeFromMap(text, node, last);
  if (!edit) return [];
  const what = typeof last === 'number' ? describeItem(node, last) : code(path.join('.'));
  return [{ title: `Remove ${what}`, edits: [{ file, ...edit }], safe: false }];
}

/** Where the element `id` of a section is written (the model keeps each section under its name). */
function elementSource(model: Model, section: SectionName, id: string): Source | undefined {
  return model[section].get(id)?.src;
}

function describeItem(seq: unknown, index: number): string {
  const item = isSeq(seq) ? seq.items[index] : undefined;
  return isScalar(item) ? code(String(item.value)) : 'the item';
}

const SECTION: Record<string, string> = { data: 'data', role: 'roles', boundary: 'boundaries', service: 'services' };

function removeElementFix(files: Files, finding: Finding, el: Located): Fix[] {
  if (el.kind === 'acceptance') return removeAcceptanceFix(files, finding);
  const section = SECTION[el.kind];
  if (!section || !el.src) return [];
  const root = files.sectionRoot(el.src.file, section, el.src.key.start);
  const map = root && pairOf(root, section)?.value;
  if (!isMap(map)) return [];
  const edit = removeFromMap(files.text(el.src.file), map, el.label);
  if (!edit) return [];
  const edits: FileEdit[] = [{ file: el.src.file, ...edit }];
  // Boundaries within a removed boundary move up to where it was: no `within:` is left naming it.
  if (el.kind === 'boundary') {
    const parent = files.model.boundaries.get(el.label)?.within;
    for (const child of files.model.boundaries.values()) {
      if (child.within !== el.label || !child.src) continue;
      const childMap = files.mapOf(child.src);
      if (!childMap) return [];
      const text = files.text(child.src.file);
      const moved = parent !== undefined ? setInMap(text, childMap, 'within', parent) : removeFromMap(text, childMap, 'within');
      if (!moved) return [];
      edits.push({ file: child.src.file, ...moved });
    }
  }
  return [{ title: `Remove the unused ${el.kind === 'data' ? 'data asset' : el.kind} ${code(el.label)}`, edits, safe: false }];
}

function removeAcceptanceFix(files: Files, finding: Finding): Fix[] {
  const text = files.text(finding.file);
  const a = files.model.acceptances.find((x) => x.file === finding.file && x.range.start <= finding.range.start && finding.range.start < Math.max(x.range.end, x.range.start + 1));
  if (!a) return [];
  if (a.inline) {
    const start = a.range.start;
    const alone = text.slice(lineStart(text, start), start).trim() === '';
    const from = alone ? lineStart(text, start) : trimTrailing(text, start);
    const nl = text.indexOf('\n', a.range.end);
    const to = alone ? (nl < 0 ? text.length : nl + 1) : a.range.end;
    return [{ title: 'Remove this stale acceptance', edits: [{ file: a.file, start: from, end: to, newText: '' }], safe: false }];
  }
  const root = files.rootFor(a.file, 'accept');
  const list = root && pairOf(root, 'accept')?.value;
  if (!isSeq(list)) return [];
  const index = list.items.findIndex((item) => {
    const r = (item as YamlNode).range;
    return r !== undefined && r !== null && r[0] <= a.range.start && a.range.start < r[1];
  });
  if (index < 0) return [];
  const edit = removeFromSeq(text, list, index);
  return edit ? [{ title: 'Remove this stale acceptance', edits: [{ file: a.file, ...edit }], safe: false }] : [];
}

function secretFix(files: Files, finding: Finding, ref: string): Fix[] {
  const doc = files.docAt(finding.file, finding.range.start);
  const hit = scalarAt(doc, finding.range.start);
  if (!hit) return [];
  // The finding may point at the secret's name; the value is what is replaced.
  const node = hit.parent && hit.parent.key === hit.node && isScalar(hit.parent.value) ? hit.parent.value : hit.node;
  const [start, end] = node.range!;
  const text = files.text(finding.file);
  const old = text.slice(start, trimTrailing(text, end));
  return [{
    title: `Replace the literal secret with the reference ${code(ref)} (and rotate the leaked value)`,
    edits: [{ file: finding.file, start, end: start + old.length, newText: replacementScalar(old, ref) }],
    safe: false,
  }];
}

function rerouteFix(files: Files, model: Model, el: Located, gatewayId: string): Fix[] {
  const flow = model.flows.find((f) => f.src === el.src);
  const gateway = model.services.get(gatewayId);
  if (!flow || !gateway || !el.src) return [];
  const text = files.text(el.src.file);
  const to = el.src.props.get('to');
  if (!to) return [];
  const toText = text.slice(to.value.start, to.value.end);
  const edits: FileEdit[] = [{ file: el.src.file, start: to.value.start, end: to.value.end, newText: replacementScalar(toText, gatewayId) }];
  if (!gateway.calls.some((f) => f.to === flow.to)) {
    const onward: Record<string, unknown> = { to: flow.to };
    if (flow.protocol) onward.protocol = flow.protocol;
    if (flow.tls) onward.tls = flow.tls;
    if (flow.auth) onward.auth = flow.auth;
    if (el.src.props.has('access')) onward.access = flow.access;
    if (flow.data.length > 0) onward.data = flow.data;
    if (flow.async) onward.async = true;
    const map = files.mapOf(gateway.src);
    if (!map) return [];
    const item = yamlValue(onward);
    const edit = appendToChildSeq(files.text(gateway.src.file), map, 'calls', item);
    if (!edit) return [];
    edits.push({ file: gateway.src.file, ...edit });
  }
  return [{ title: `Route ${el.label} through the gateway ${code(gatewayId)}`, edits, safe: false, preferred: true }];
}

/** What every "Accept …" action's title starts with. */
export const ACCEPT_TITLE = 'Accept ';

/** "Accept `missing-rate-limit` on gateway…": which finding, as a line with several findings has several. */
export function acceptTitle(finding: Finding): string {
  return `Accept \`${finding.rule}\` on ${finding.target}…`;
}

/**
 * "Accept this finding…": an `accept:` entry in the finding's file (style `entry`) or a
 * `# moat-accept` comment above the element (style `comment`), with the reason left for the
 * user to write. Until it is written the model says so, so no finding is silenced without one.
 */
export function acceptFix(analysis: Analysis, finding: Finding, style: AcceptStyle): Fix | undefined {
  if (finding.rule.startsWith('model/') || finding.accepted) return undefined;
  if (ruleById(finding.rule)?.meta.target === 'acceptance') return undefined;
  const files = filesOf(analysis.model);
  const text = files.text(finding.file);
  const nl = eol(text);
  if (style === 'comment') {
    const at = finding.elementRange ?? finding.range;
    const start = lineStart(text, at.start);
    const indent = indentOfLine(text, at.start);
    const comment = `${indent}# moat-accept ${finding.rule}: `;
    return {
      title: acceptTitle(finding),
      edits: [{ file: finding.file, start, end: start, newText: `${comment}${nl}` }],
      safe: false,
      cursor: { file: finding.file, offset: start + comment.length },
    };
  }
  const root = files.rootFor(finding.file, 'accept');
  const entry = { rule: finding.rule, target: finding.target, reason: '' };
  const blockLines = Object.entries(entry).map(([k, v]) => `${k}: ${yamlValue(v)}`);
  if (root) {
    const edit = appendToChildSeq(text, root, 'accept', yamlValue(entry), blockLines);
    if (!edit) return undefined;
    // A new `accept:` section stands apart from what is above it, as the sections of a model do.
    if (!root.items.some((p) => isScalar(p.key) && p.key.value === 'accept') && /^\r?\naccept:/.test(edit.newText)) {
      edit.newText = nl + edit.newText;
    }
    // Between the quotes of `reason: ""`, the new entry's last field.
    const reasonAt = edit.newText.lastIndexOf('reason: ""') + 'reason: "'.length;
    return {
      title: acceptTitle(finding), edits: [{ file: finding.file, ...edit }], safe: false,
      cursor: { file: finding.file, offset: edit.start + reasonAt },
    };
  }
  return undefined;
}

/**
 * The safe fixes of `findings` together, leaving out any whose edits would touch text another
 * one already edits (those wait for the next round).
 */
export function fixAll(analysis: Analysis, findings: readonly Finding[]): FileEdit[] {
  return fixAllOf(analysis, findings).edits;
}

/** fixAll, with the findings its edits fix (a "fix all" action names only those). */
export function fixAllOf(analysis: Analysis, findings: readonly Finding[]): { edits: FileEdit[]; fixed: Finding[] } {
  const taken: FileEdit[] = [];
  const takenKeys = new Set<string>();
  const keyOf = (e: FileEdit) => `${e.file}\0${e.start}\0${e.end}\0${e.newText}`;
  const fixed: Finding[] = [];
  // Fixes of many findings: one parse of each of their files, rather than one per unit.
  const files = filesOf(analysis.model);
  for (const file of new Set(findings.map((f) => f.file))) files.doc(file);
  for (const finding of findings) {
    const fixes = fixesFor(analysis, finding).filter((f) => f.safe);
    if (fixes.length !== 1) continue;
    const edits = fixes[0].edits;
    // The very edit another finding's fix makes (one system control for a thousand services) fixes this one too.
    if (edits.length > 0 && edits.every((e) => takenKeys.has(keyOf(e)))) {
      fixed.push(finding);
      continue;
    }
    const clash = edits.some((e) => taken.some((t) => t.file === e.file && t.start <= e.end && e.start <= t.end));
    if (clash) continue;
    taken.push(...edits);
    for (const e of edits) takenKeys.add(keyOf(e));
    fixed.push(finding);
  }
  return { edits: taken, fixed };
}
