// `moat import --update MODEL`: adds to an existing model what the deployment has and the model
// lacks (components, flows, runtime settings it leaves unset, the boundaries and roles they
// name), through the `yaml` Document, and writes the additions into the user's text (patch.ts), so
// every comment, anchor, alignment and edit of the user stays. It never removes or changes what
// is written. Run twice, the second run adds nothing.

import { isMap, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Document } from 'yaml';
import type { ImportedModel, ImportedService } from './imported.js';
import { matchComponents } from './match.js';
import { redactModel } from './redact.js';
import { patchedText, snapshot } from './patch.js';
import { boundaryPair, commentText, flowNode, rolePair, runtimeEntries, servicePair } from './write.js';

/** What the model's other files (its `include:`s) already hold: never added again to MODEL. */
export interface ElsewhereInModel {
  /** Service id → the names in its `deployed-as:`. */
  services: Map<string, string[]>;
  boundaries: Set<string>;
  roles: Set<string>;
}

export interface UpdateResult {
  /** The model's new text (the same text when nothing was added). */
  text: string;
  /** One line per addition: `service cart`, `flow cart->redis`, `runtime.user of cart`. */
  added: string[];
}

/** The services, boundaries and roles of other model files (parsed as written). */
export function elsewhereIn(texts: readonly string[]): ElsewhereInModel {
  const out: ElsewhereInModel = { services: new Map(), boundaries: new Set(), roles: new Set() };
  for (const text of texts) {
    const doc = parseDocument(text);
    const services = doc.get('services', true);
    if (isMap(services)) for (const p of services.items) out.services.set(keyOf(p), deployedAs(p.value));
    for (const [section, set] of [['boundaries', out.boundaries], ['roles', out.roles]] as const) {
      const m = doc.get(section, true);
      if (isMap(m)) for (const p of m.items) set.add(keyOf(p));
    }
  }
  return out;
}

function deployedAs(body: unknown): string[] {
  if (!isMap(body)) return [];
  const d = body.get('deployed-as', true);
  return isSeq(d) ? d.items.map((i) => String(isScalar(i) ? i.value : i)) : isScalar(d) ? [String(d.value)] : [];
}

/** A model that cannot be updated (not YAML, or not a Moat model): one line. */
export class UpdateError extends Error {}

export function updateModel(text: string, model: ImportedModel, elsewhere?: ElsewhereInModel): UpdateResult {
  const imported = redactModel(model);
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new UpdateError(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  if (!isMap(doc.contents) || !doc.has('moat')) throw new UpdateError('not a Moat model (its first key is not moat:)');
  const before = snapshot(doc);
  const added: string[] = [];
  const services = section(doc, 'services');
  const ids = matchIds(services, imported.services, elsewhere);
  const existing = new Set(services.items.map((p) => keyOf(p)));
  const defined = (id: string) => existing.has(id) || (elsewhere?.services.has(id) ?? false);
  const needBoundaries = new Set<string>();
  const needRoles = new Set<string>();
  for (const s of imported.services) {
    const modelId = ids.get(s.id)!;
    const calls = s.calls.map((f) => ({ ...f, to: ids.get(f.to) ?? f.to }));
    if (!defined(modelId)) {
      // Comments cannot be written inside a flow collection (`services: { … }`): it becomes a block.
      services.flow = false;
      const pair = servicePair(doc, { ...s, id: modelId, calls });
      (pair.key as Scalar).spaceBefore = services.items.length > 0;
      services.items.push(pair);
      existing.add(modelId);
      added.push(`service ${modelId}`);
      if (s.boundary) needBoundaries.add(s.boundary);
      for (const r of s.roles ?? []) needRoles.add(r);
      continue;
    }
    const body = services.get(modelId, true);
    if (!isMap(body)) continue; // in an included file (MODEL alone is edited), or not a map: not ours to change.
    let seq: unknown = body.get('calls', true);
    for (const f of calls) {
      const has = isSeq(seq) && seq.items.some((item) => isMap(item) && String(item.get('to')) === f.to);
      if (has) continue;
      if (!isSeq(seq)) {
        if (body.has('calls')) break; // `calls:` written as something else: leave it.
        seq = new YAMLSeq();
        body.flow = false;
        body.items.push(new Pair(new Scalar('calls'), seq));
      }
      // The flow's comments need a block sequence (and a block service around it).
      (seq as YAMLSeq).flow = false;
      body.flow = false;
      (seq as YAMLSeq).items.push(flowNode(doc, f));
      added.push(`flow ${modelId}->${f.to}`);
    }
    if (s.runtime) {
      const entries = runtimeEntries(doc, s.runtime);
      let runtime: unknown = body.get('runtime', true);
      if (runtime === undefined && entries.length > 0) {
        runtime = new YAMLMap();
        body.flow = false;
        const key = new Scalar('runtime');
        const comment = commentText(s.runtime);
        if (comment) key.commentBefore = comment;
        body.items.push(new Pair(key, runtime));
      }
      if (isMap(runtime)) {
        for (const [k, v] of entries) {
          if (runtime.has(k)) continue;
          runtime.items.push(new Pair(new Scalar(k), v));
          added.push(`runtime.${k} of ${modelId}`);
        }
      }
    }
  }
  if (needBoundaries.size > 0) {
    const boundaries = section(doc, 'boundaries');
    boundaries.flow = false;
    for (const b of imported.boundaries) {
      if (!needBoundaries.has(b.id) || boundaries.has(b.id) || b.id === 'internet' || elsewhere?.boundaries.has(b.id)) continue;
      boundaries.items.push(boundaryPair(doc, b));
      added.push(`boundary ${b.id}`);
    }
  }
  if (needRoles.size > 0) {
    const roles = section(doc, 'roles');
    roles.flow = false;
    for (const r of imported.roles ?? []) {
      if (!needRoles.has(r.id) || roles.has(r.id) || elsewhere?.roles.has(r.id)) continue;
      roles.items.push(rolePair(doc, { ...r, grants: Object.fromEntries(Object.entries(r.grants).map(([t, a]) => [ids.get(t) ?? t, a])) }));
      added.push(`role ${r.id}`);
    }
  }
  if (added.length === 0) return { text, added };
  // The user's text with the additions inserted; the whole document written again only for a
  // change that is not an insertion.
  return { text: patchedText(text, doc, before) ?? doc.toString({ lineWidth: 0 }), added };
}

function keyOf(p: unknown): string {
  const key = (p as Pair).key;
  return isScalar(key) ? String(key.value) : String(key);
}

/** A top-level map of the model, made when absent (before `services:`, or at the end). */
function section(doc: Document, key: string): YAMLMap {
  const root = doc.contents as YAMLMap;
  const found = root.get(key, true);
  if (isMap(found)) return found;
  const m = new YAMLMap();
  if (found === undefined || found === null || (isScalar(found) && found.value === null)) {
    const k = new Scalar(key);
    k.spaceBefore = true;
    const at = key === 'services' ? -1 : root.items.findIndex((p) => keyOf(p) === 'services');
    const pair = new Pair(k, m);
    if (at >= 0) root.items.splice(at, 0, pair);
    else root.items.push(pair);
    if (found !== undefined) root.items.splice(root.items.findIndex((p) => keyOf(p) === key && p !== pair), 1);
  }
  return m;
}

/** Imported id → the model's id (matchComponents, as drift matches), over the YAML's `services:` and the files it includes; an unmatched id stays itself. */
function matchIds(services: YAMLMap, imported: readonly ImportedService[], elsewhere?: ElsewhereInModel): Map<string, string> {
  const model = [
    ...services.items.map((p) => ({ id: keyOf(p), deployedAs: deployedAs(p.value) })),
    ...(elsewhere ? [...elsewhere.services].map(([id, names]) => ({ id, deployedAs: names })) : []),
  ];
  const matched = matchComponents(model, imported);
  return new Map(imported.map((s) => [s.id, matched.get(s.id) ?? s.id]));
}
