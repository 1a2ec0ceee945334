// Analysis for the editor, where an edit reaches little of the model. Three cases, cheapest first:
//
// - The model means to the rules what it meant (a comment, whitespace, the model's own name or
//   description typed): every rule's findings are reused with their ranges moved past the edit.
// - Only entries of `services:` changed: rules with a scope (RuleMeta.scope) run again only on
//   the flows and components the edit reached, and keep their findings elsewhere; rules without
//   one keep theirs when what they read of each changed component (RuleMeta.reads) is as it
//   was, and run over the whole model otherwise.
// - Anything else runs in full.
//
// Overrides, acceptances and the acceptance rules run again every time (finishAnalysis).

import type { Component, Finding, Model, Role, TextRange } from '../model/types.js';
import { serviceIdsOf } from '../model/units.js';
import { PROSE_FIELD, writtenShape } from '../model/signature.js';
import type { Rule } from '../rules/rule.js';
import { editOf } from '../util/edit.js';
import { sameList } from '../util/lists.js';
import type { Edit } from '../util/edit.js';
import { ModelGraph } from './graph.js';
import { finishAnalysis, rulesToRun, runOneRule, todayUtc } from './analyze.js';
import type { Analysis, AnalysisOptions } from './analyze.js';

interface Previous {
  signature: string[];
  optionsKey: string;
  texts: Map<string, string>;
  /** Its flows, as caller, callee and target, one after the other (not the model: it would stay alive). */
  flows: string[];
  /** Each rule's findings, by rule id. */
  byRule: Map<string, Finding[]>;
  /** Its components (what rules without a scope read of a changed one is compared: RuleMeta.reads). */
  services: ReadonlyMap<string, Component>;
  /** Its roles: their grants resolve against the services, so adding or removing one changes them. */
  roles: ReadonlyMap<string, Role>;
}

/** What an edit reached: the services whose entries changed, and what rules must look at again. */
export interface Reach {
  services: Set<string>;
  /**
   * The changed services, those whose references resolve otherwise, and the holders of every
   * role whose grants the edit changed (a grant on a service added or removed resolves, or stops
   * resolving): what rules read afresh.
   */
  touched: Set<string>;
  /** The touched components and every component with a flow to or from one, before or after the edit. */
  components: Set<string>;
  /** Targets of the flows from or to a touched component, before the edit. */
  flowsBefore: Set<string>;
}

export class IncrementalAnalyzer {
  private previous?: Previous;
  /** How the last call went, for the benchmark and the tests. */
  lastReused = false;
  /** What the last call re-ran rules on, when only entries of `services:` changed. */
  lastReach?: Reach;
  /** The rules without a scope whose findings the last call kept, as nothing they read had changed (RuleMeta.reads). */
  lastKept: string[] = [];

  analyze(model: Model, options: AnalysisOptions = {}): Analysis {
    const graph = new ModelGraph(model);
    const today = options.today ?? todayUtc();
    const { signature } = model;
    const optionsKey = JSON.stringify([[...(options.rules ?? [])], options.catalogue?.map((r) => r.meta.id) ?? null, options.deployment?.id ?? null]);
    const texts = new Map([...model.files].map(([file, f]) => [file, f.text]));
    const prev = this.previous?.optionsKey === optionsKey ? this.previous : undefined;
    const edits = prev && editsBetween(prev.texts, texts);
    this.lastReused = false;
    this.lastReach = undefined;
    this.lastKept = [];
    let byRule: Map<string, Finding[]> | undefined;
    if (prev && edits && sameForRules(prev.signature, signature)) {
      byRule = moveEach(prev.byRule, edits);
      this.lastReused = byRule !== undefined;
    } else if (prev && edits) {
      const reach = reachOf(prev, graph);
      byRule = reach && rerunWithin(reach, prev, model, graph, edits, options, today, this.lastKept);
      if (byRule) this.lastReach = reach;
    }
    if (!byRule) {
      this.lastKept = [];
      byRule = new Map();
      for (const rule of rulesToRun(model, options)) byRule.set(rule.meta.id, runOneRule(rule, model, graph, today, options.deployment));
    }
    const flows: string[] = [];
    for (const f of model.flows) flows.push(f.from, f.to, f.target);
    this.previous = { signature, optionsKey, texts, flows, byRule, services: model.services, roles: model.roles };
    // Acceptances mark copies of the findings they match (applyAcceptances): the kept ones stay as they were.
    return finishAnalysis(model, graph, [...byRule.values()].flat(), { ...options, today });
  }
}

/**
 * What an edit reached, when all it changed are entries of `services:` (the signature tells:
 * see serviceIdsOf); undefined when it changed anything else, or renamed a flow outside them.
 */
function reachOf(prev: Previous, graph: ModelGraph): Reach | undefined {
  const before = prev.signature;
  const after = graph.model.signature;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const services = new Set<string>();
  for (const entry of [...before.slice(start, before.length - end), ...after.slice(start, after.length - end)]) {
    const ids = serviceIdsOf(entry);
    if (!ids) return undefined;
    for (const id of ids) services.add(id);
  }
  const touched = new Set(services);
  for (const holder of holdersOfChangedRoles(prev, graph)) touched.add(holder);
  // A service whose text stayed is the same element unless a reference of its resolved otherwise
  // (its `shared-with` names a service added or removed; see resolveReferences).
  for (const [id, c] of graph.model.services) if (!services.has(id) && prev.services.get(id) !== c) touched.add(id);
  const components = new Set(touched);
  const touches = (from: string, to: string) => touched.has(from) || touched.has(to);
  const targetsBefore: string[] = [];
  const flowsBefore = new Set<string>();
  for (let i = 0; i < prev.flows.length; i += 3) {
    const [from, to, target] = [prev.flows[i], prev.flows[i + 1], prev.flows[i + 2]];
    if (!touches(from, to)) {
      targetsBefore.push(target);
      continue;
    }
    components.add(from);
    components.add(to);
    flowsBefore.add(target);
  }
  const targetsAfter: string[] = [];
  for (const f of graph.model.flows) {
    if (!touches(f.from, f.to)) {
      targetsAfter.push(f.target);
      continue;
    }
    components.add(f.from);
    components.add(f.to);
  }
  // A flow id an edited service takes from another service's flow renames that flow.
  if (!sameList(targetsBefore, targetsAfter)) return undefined;
  return { services, touched, components, flowsBefore };
}

/**
 * The components that hold, before or after the edit, a role whose grants resolve to other
 * services than before: a rule reading a component's roles (or its callers') sees a change there.
 */
function holdersOfChangedRoles(prev: Previous, graph: ModelGraph): string[] {
  const changed = new Set<string>();
  for (const [id, role] of graph.model.roles) {
    const before = prev.roles.get(id);
    if (before !== role && !sameList(before?.grants.map((g) => g.target) ?? [], role.grants.map((g) => g.target))) changed.add(id);
  }
  if (changed.size === 0) return [];
  const holders: string[] = [];
  for (const id of changed) for (const c of graph.holders(id)) holders.push(c.id);
  for (const c of prev.services.values()) if (c.roles.some((r) => changed.has(r))) holders.push(c.id);
  return holders;
}

/** Each rule's findings after an edit that reached `reach`; undefined when a kept finding touches the edit. */
function rerunWithin(reach: Reach, prev: Previous, model: Model, graph: ModelGraph, edits: Map<string, Edit | undefined>,
  options: AnalysisOptions, today: string, keptRules: string[]): Map<string, Finding[]> | undefined {
  const flowModel: Model = { ...model, flows: model.flows.filter((f) => reach.touched.has(f.from) || reach.touched.has(f.to)) };
  const componentModel: Model = { ...model, services: new ScopedMap(model.services, reach.components) };
  const flowGraph = graph.scopedTo(flowModel);
  const componentGraph = graph.scopedTo(componentModel);
  const byRule = new Map<string, Finding[]>();
  const shapes = new Map<Component, string>();
  const inPlace = writtenInPlace(reach.services, prev.services, model.services, edits);
  for (const rule of rulesToRun(model, options)) {
    const { id, scope } = rule.meta;
    const before = prev.byRule.get(id);
    if (!scope && before && inPlace && readsAsBefore(rule, reach.services, prev.services, model.services, shapes)) {
      const moved = moveAll(before, edits);
      if (!moved) return undefined;
      byRule.set(id, moved);
      keptRules.push(id);
      continue;
    }
    if (!scope || !before) {
      byRule.set(id, runOneRule(rule, model, graph, today, options.deployment));
      continue;
    }
    const reached = scope === 'flow' ? reach.flowsBefore : reach.components;
    const kept = moveAll(before.filter((f) => !reached.has(f.target)), edits);
    if (!kept) return undefined;
    const again = scope === 'flow' ? runOneRule(rule, flowModel, flowGraph, today, options.deployment) : runOneRule(rule, componentModel, componentGraph, today, options.deployment);
    byRule.set(id, kept.concat(again));
  }
  return byRule;
}

/**
 * Whether every changed component is read from where it was written before, moved past the edit:
 * a second entry of the same id written below the first replaces it (the last one read counts),
 * and findings kept would point at the entry that no longer does.
 */
function writtenInPlace(changed: ReadonlySet<string>, before: ReadonlyMap<string, Component>, after: ReadonlyMap<string, Component>,
  edits: Map<string, Edit | undefined>): boolean {
  for (const id of changed) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a || !b || a === b) continue;
    if (a.src.file !== b.src.file) return false;
    const edit = edits.get(a.src.file);
    const key = edit ? move(a.src.key, edit) : a.src.key;
    if (!key || key.start !== b.src.key.start || key.end !== b.src.key.end) return false;
  }
  return true;
}

/**
 * Whether a rule without a scope reads of every changed component what it read before the edit
 * (RuleMeta.reads), with the same properties written; a component added or removed is a change.
 */
function readsAsBefore(rule: Rule, changed: ReadonlySet<string>, before: ReadonlyMap<string, Component>, after: ReadonlyMap<string, Component>,
  shapes: Map<Component, string>): boolean {
  const reads = rule.meta.reads;
  if (!reads) return false;
  const shape = (c: Component) => {
    let s = shapes.get(c);
    if (s === undefined) shapes.set(c, (s = [c.src, ...c.calls.map((f) => f.src)].map(writtenShape).join('|')));
    return s;
  };
  for (const id of changed) {
    const a = before.get(id);
    const b = after.get(id);
    if (a === b) continue;
    if (!a || !b || shape(a) !== shape(b) || !sameReading(reads(a), reads(b))) return false;
  }
  return true;
}

/** Two readings of a component equal in every value (lists, maps and records compared by content; sources left out). */
export function sameReading(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameReading(x, b[i]));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameReading(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(b) || b instanceof Map) return false;
  const keys = Object.keys(a).filter((k) => k !== 'src' && (a as Record<string, unknown>)[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => k !== 'src' && (b as Record<string, unknown>)[k] !== undefined);
  return keys.length === otherKeys.length
    && keys.every((k) => sameReading((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The components of a model, of which only some are gone over (`values()`, `keys()`, iteration)
 * while every one can be looked up: what a rule with a scope sees when it runs again.
 */
class ScopedMap extends Map<string, Component> {
  /** The components gone over, in file order: found once, not on every pass of every rule. */
  private readonly scoped: [string, Component][];

  constructor(all: ReadonlyMap<string, Component>, only: ReadonlySet<string>) {
    super(all);
    this.scoped = [];
    for (const entry of all) if (only.has(entry[0])) this.scoped.push(entry);
  }

  override *entries(): MapIterator<[string, Component]> {
    yield* this.scoped;
  }

  override *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  override *values(): MapIterator<Component> {
    for (const [, c] of this.entries()) yield c;
  }

  override [Symbol.iterator](): MapIterator<[string, Component]> {
    return this.entries();
  }

  override forEach(fn: (value: Component, key: string, map: Map<string, Component>) => void, thisArg?: unknown): void {
    for (const [id, c] of this.entries()) fn.call(thisArg, c, id, this);
  }
}

/** The same signatures but for the model's name and description, which no rule reads (PROSE_FIELD). */
function sameForRules(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i] || x.replace(PROSE_FIELD, '') === b[i].replace(PROSE_FIELD, ''));
}

/** Where each file's edit is; undefined when the files are not the same ones. */
function editsBetween(before: Map<string, string>, after: Map<string, string>): Map<string, Edit | undefined> | undefined {
  if (before.size !== after.size) return undefined;
  const edits = new Map<string, Edit | undefined>();
  for (const [file, text] of after) {
    const old = before.get(file);
    if (old === undefined) return undefined;
    edits.set(file, editOf(old, text));
  }
  return edits;
}

function moveEach(byRule: Map<string, Finding[]>, edits: Map<string, Edit | undefined>): Map<string, Finding[]> | undefined {
  const moved = new Map<string, Finding[]>();
  for (const [id, findings] of byRule) {
    const list = moveAll(findings, edits);
    if (!list) return undefined;
    moved.set(id, list);
  }
  return moved;
}

/** The findings moved past each file's edit; undefined when one of them touches an edit. */
function moveAll(findings: Finding[], edits: Map<string, Edit | undefined>): Finding[] | undefined {
  const moved: Finding[] = [];
  for (const f of findings) {
    const edit = edits.get(f.file);
    if (!edit) {
      moved.push(f);
      continue;
    }
    const range = move(f.range, edit);
    const elementRange = f.elementRange && move(f.elementRange, edit);
    if (!range || (f.elementRange && !elementRange)) return undefined;
    moved.push(range === f.range && elementRange === f.elementRange ? f : { ...f, range, elementRange });
  }
  return moved;
}

function move(r: TextRange, edit: Edit): TextRange | undefined {
  if (r.end < edit.start || (r.end === edit.start && r.start < r.end)) return r;
  // Past an edit that kept the length (a value replaced by one as long), a range stays where it was.
  if (r.start >= edit.oldEnd && r.start > edit.start) return edit.delta === 0 ? r : { start: r.start + edit.delta, end: r.end + edit.delta };
  return undefined;
}
