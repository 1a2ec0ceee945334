// Loads a model: the root file and everything it includes, merged into one model whose
// references are resolved. Nothing here throws on bad input: problems become `model/…` findings.

import * as path from 'node:path';
import { readModelFile } from './units.js';
import { partSignature } from './signature.js';
import type { ParseCache } from './units.js';
import { flowCounter } from './read.js';
import type { FileModel } from './read.js';
import { modelProblem } from './problems.js';
import type { Component, Finding, Flow, Model, PropSource, Source, TextRange, TrustBoundary } from './types.js';
import { MAX_FILE_BYTES, formatBytes } from './host.js';
import type { ModelHost } from './host.js';
import { closest, didYouMean } from '../util/suggest.js';
import { LineIndex } from '../util/lines.js';
import { sameList } from '../util/lists.js';

/** How many files one model may span, includes included. */
export const MAX_MODEL_FILES = 1000;

export interface LoadOptions {
  /**
   * Results of earlier reads, reused for the parts of files that did not change. Its owner sweeps
   * it (sweepParseCache) now and then; one cache may serve several models.
   */
  cache?: ParseCache;
}

export function loadModel(rootFile: string, host: ModelHost, options: LoadOptions = {}): Model {
  const files = new Map<string, FileModel>();
  const order: FileModel[] = [];
  const problems: Finding[] = [];

  const visit = (file: string, stack: string[], from?: { file: string; range: TextRange }) => {
    if (stack.includes(file)) {
      const cycle = [...stack.slice(stack.indexOf(file)), file].map((f) => relativeTo(stack[0], f)).join(' → ');
      if (from) problems.push(modelProblem('model/include', from.file, from.range, `Include cycle: ${cycle}. Remove one of these includes.`));
      return;
    }
    if (files.has(file)) return;
    if (files.size >= MAX_MODEL_FILES) {
      if (from) problems.push(modelProblem('model/include', from.file, from.range, `A model may span at most ${MAX_MODEL_FILES} files; this include is not read.`));
      return;
    }
    const read = host.read(file);
    if ('error' in read) {
      if (from) problems.push(modelProblem('model/include', from.file, from.range, `Cannot include \`${relativeTo(from.file, file)}\`: ${read.error}.`));
      else problems.push(modelProblem('model/syntax', file, { start: 0, end: 0 }, `Cannot read the model: ${read.error}.`));
      return;
    }
    // An editor buffer bypasses the size check on disk; hold it to the same limit.
    if (read.text.length > MAX_FILE_BYTES) {
      const error = `it is ${formatBytes(read.text.length)}, over the ${formatBytes(MAX_FILE_BYTES)} limit for a model file`;
      if (from) problems.push(modelProblem('model/include', from.file, from.range, `Cannot include \`${relativeTo(from.file, file)}\`: ${error}.`));
      else problems.push(modelProblem('model/syntax', file, { start: 0, end: 0 }, `Cannot read the model: ${error}.`));
      return;
    }
    const fm = readModelFile(file, read.text, options.cache);
    files.set(file, fm);
    order.push(fm);
    for (const inc of fm.includes) {
      const dir = path.dirname(file);
      const targets = isGlob(inc.path) ? host.glob(inc.path, dir) : [path.resolve(dir, inc.path)];
      if (targets.length === 0) {
        problems.push(modelProblem('model/include', file, inc.range, `The pattern \`${inc.path}\` matches no file.`));
      }
      for (const target of targets) {
        if (isGlob(inc.path) && (target === file || stack.includes(target))) continue;
        visit(target, [...stack, file], { file, range: inc.range });
      }
    }
  };
  visit(rootFile, []);
  return merge(rootFile, order, problems);
}

function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

function relativeTo(from: string, file: string): string {
  const rel = path.relative(path.dirname(from), file);
  return rel === '' ? path.basename(file) : rel.split(path.sep).join('/');
}

function merge(rootFile: string, order: FileModel[], problems: Finding[]): Model {
  const root = order.find((f) => f.file === rootFile);
  const analyzable = root !== undefined && root.hasVersion && (root.version === 1 || root.version === '1');
  // Worked out when first asked (by the editor's incremental analysis): a model read once never is.
  let signature: string[] | undefined;
  const model: Model = {
    rootFile,
    files: new Map(order.map((f) => [f.file, { path: f.file, text: f.text }])),
    name: root?.name,
    description: root?.description,
    boundaries: new Map(),
    data: new Map(),
    roles: new Map(),
    services: new Map(),
    flows: [],
    controls: new Map(),
    acceptances: [],
    systemAnchor: { file: rootFile, range: { start: 0, end: 0 } },
    problems,
    get signature() {
      return (signature ??= [String(analyzable), ...order.flatMap((f) => [`file:${f.file}`, ...(f.signature ?? [partSignature(f)])])]);
    },
    analyzable,
  };
  const lineIndexes = new Map<string, LineIndex>();
  const where = (file: string, range: TextRange) => {
    let index = lineIndexes.get(file);
    if (!index) lineIndexes.set(file, (index = new LineIndex(model.files.get(file)?.text ?? '')));
    const line = index.position(range.start).line + 1;
    return file === rootFile || order.length === 1 ? `line ${line}` : `${relativeTo(rootFile, file)} line ${line}`;
  };

  for (const fm of order) {
    problems.push(...fm.problems);
    addUnique(model.boundaries as Map<string, TrustBoundary & { src: Source }>, fm.boundaries as (TrustBoundary & { src: Source })[], 'boundary', problems, where);
    addUnique(model.data, fm.data, 'data asset', problems, where);
    addUnique(model.roles, fm.roles, 'role', problems, where);
    addUnique(model.services, fm.services, 'service', problems, where);
    for (const [name, control] of fm.controls) if (!model.controls.has(name)) model.controls.set(name, control);
    model.acceptances.push(...fm.acceptances);
  }

  if (root) {
    const firstLine = root.text.search(/\r?\n|$/);
    const top = { start: 0, end: Math.max(0, firstLine) };
    if (!root.hasVersion && root.problems.every((p) => p.rule !== 'model/version' && p.rule !== 'model/type' || p.range.start !== 0)) {
      if (root.text.trim() !== '') problems.push(modelProblem('model/version', rootFile, top, 'The model does not say its language version: start it with `moat: 1`.'));
    }
    if (root.name === undefined && root.hasVersion) {
      problems.push(modelProblem('model/type', rootFile, root.nameKey ?? top, 'The model needs a `name:`, the name of the system it describes.'));
    }
    const anchor = root.controlsKey ?? root.nameKey;
    if (anchor) model.systemAnchor = { file: rootFile, range: anchor };
    else model.systemAnchor = { file: rootFile, range: top };
  }

  if (!model.boundaries.has('internet')) {
    const internet: TrustBoundary = { type: 'boundary', id: 'internet', trust: 'untrusted', implicit: true };
    model.boundaries.set('internet', internet);
  }

  resolveReferences(model, problems, where);
  return model;
}

function addUnique<T extends { id: string; src: { file: string; key: TextRange } }>(
  into: Map<string, T>, items: T[], what: string, problems: Finding[], where: (file: string, range: TextRange) => string,
): void {
  for (const item of items) {
    const earlier = into.get(item.id);
    if (earlier) {
      if (earlier.src.file !== item.src.file) {
        problems.push(modelProblem('model/duplicate-id', item.src.file, item.src.key,
          `The ${what} id \`${item.id}\` is already declared (${where(earlier.src.file, earlier.src.key)}); ids must be unique across included files.`));
      }
      continue;
    }
    into.set(item.id, item);
  }
}

function unresolved(problems: Finding[], file: string, range: TextRange, what: string, id: string, candidates: Iterable<string>): void {
  const suggestion = closest(id, candidates);
  problems.push(modelProblem('model/unresolved-reference', file, range,
    `No ${what} is named \`${id}\`${didYouMean(suggestion) || '.'}`, suggestion ? { suggestion, id } : { id }));
}

/** The ids a model declares, in order: the same object as the last model's when they are the same. */
interface Ids {
  services: string[];
  data: string[];
  roles: string[];
  boundaries: string[];
}

let lastIds: Ids | undefined;

function idsOf(model: Model): Ids {
  const ids: Ids = { services: [...model.services.keys()], data: [...model.data.keys()], roles: [...model.roles.keys()], boundaries: [...model.boundaries.keys()] };
  if (lastIds && sameList(ids.services, lastIds.services) && sameList(ids.data, lastIds.data) && sameList(ids.roles, lastIds.roles)
    && sameList(ids.boundaries, lastIds.boundaries)) return lastIds;
  return (lastIds = ids);
}

/**
 * What a service (the element as read, which a keystroke's model shares with the last one when its
 * unit did not change) resolved to against a model's ids, when that raised no problem: a keystroke
 * resolves again only the services it touched.
 */
const resolvedServices = new WeakMap<Component, { ids: Ids; service: Component; flows: Flow[] }>();

/**
 * Resolves the model's references. The elements are never changed: they may be shared with the
 * models of earlier keystrokes (units.ts reuses what a unit read to), so an element whose
 * references do not all resolve is replaced, in the model, by a copy without them.
 */
function resolveReferences(model: Model, problems: Finding[], where: (file: string, range: TextRange) => string): void {
  const ids = idsOf(model);
  const { services: serviceIds, data: dataIds, roles: roleIds, boundaries: boundaryIds } = ids;

  for (const b of model.boundaries.values()) {
    if (b.within === undefined || !b.src) continue;
    if (!model.boundaries.has(b.within)) {
      unresolved(problems, b.src.file, b.src.props.get('within')?.value ?? b.src.key, 'boundary', b.within, boundaryIds);
      model.boundaries.set(b.id, { ...b, within: undefined });
    }
  }
  // Nesting must not loop: report each cycle once, at the boundary that closes it.
  const reported = new Set<string>();
  for (const id of boundaryIds) {
    const b = model.boundaries.get(id)!;
    const chain: string[] = [];
    let current: TrustBoundary | undefined = b;
    while (current && !chain.includes(current.id)) {
      chain.push(current.id);
      current = current.within ? model.boundaries.get(current.within) : undefined;
    }
    if (current && current.id === b.id && !reported.has(b.id)) {
      chain.forEach((c) => reported.add(c));
      const src = b.src!;
      problems.push(modelProblem('model/type', src.file, src.props.get('within')?.value ?? src.key,
        `Boundary nesting forms a cycle: ${[...chain, b.id].join(' → ')}.`));
      model.boundaries.set(b.id, { ...b, within: undefined });
    }
  }

  // Where the list is written is looked up only for an id that does not resolve: most never do.
  const resolveList = (ids: string[], file: string, propOf: () => PropSource | undefined, fallback: TextRange, what: string, known: Map<string, unknown>, candidates: string[]) =>
    ids.every((id) => known.has(id)) ? ids : ids.filter((id, i) => {
      if (known.has(id)) return true;
      const prop = propOf();
      unresolved(problems, file, prop?.items?.[i] ?? prop?.value ?? fallback, what, id, candidates);
      return false;
    });

  const flowIds = new Map<string, Flow>();
  for (const service of model.services.values()) {
    // A service resolved before against the same ids, without a problem, resolves as it did,
    // unless a flow id of its is now taken by a service before it.
    const before = resolvedServices.get(service);
    if (before?.ids === ids && before.flows.every((f) => f.id === undefined || !flowIds.has(f.id))) {
      for (const flow of before.flows) {
        if (flow.id !== undefined) flowIds.set(flow.id, flow);
        model.flows.push(flow);
      }
      if (before.service !== service) model.services.set(service.id, before.service);
      continue;
    }
    const problemsBefore = problems.length;
    const flowsBefore = model.flows.length;
    const { src } = service;
    // A boundary that does not resolve is no boundary: the rules judge the component as having
    // none, not as sitting in a zone named by a typo.
    const boundary = service.boundary !== '' && !model.boundaries.has(service.boundary) ? '' : service.boundary;
    if (boundary !== service.boundary) {
      unresolved(problems, src.file, src.props.get('boundary')?.value ?? src.key, 'boundary', service.boundary, boundaryIds);
    }
    const stores = resolveList(service.stores, src.file, () => src.props.get('stores'), src.key, 'data asset', model.data, dataIds);
    const roles = resolveList(service.roles, src.file, () => src.props.get('roles'), src.key, 'role', model.roles, roleIds);
    let runtime = service.runtime;
    if (runtime && runtime.sharedWith.length > 0) {
      const shared = runtime.src.entries?.get('shared-with');
      const sharedWith = resolveList(runtime.sharedWith, src.file, () => shared && { key: shared.key, value: shared.value },
        runtime.src.key, 'service', model.services, serviceIds);
      if (sharedWith !== runtime.sharedWith) runtime = { ...runtime, sharedWith };
    }

    const counted = flowCounter();
    let calls = service.calls;
    service.calls.forEach((original, i) => {
      if (!model.services.has(original.to)) {
        unresolved(problems, original.src.file, original.src.props.get('to')!.value, 'service', original.to, serviceIds);
        if (calls === service.calls) calls = service.calls.slice(0, i);
        return;
      }
      const data = resolveList(original.data, original.src.file, () => original.src.props.get('data'), original.src.key, 'data asset', model.data, dataIds);
      const fallback = counted(original);
      let id = original.id;
      if (id !== undefined) {
        const earlier = flowIds.get(id);
        if (earlier) {
          problems.push(modelProblem('model/duplicate-id', original.src.file, original.src.props.get('id')!.value,
            `The flow id \`${id}\` is already used (${where(earlier.src.file, earlier.src.props.get('id')!.value)}); flow ids must be unique.`));
          id = undefined;
        } else flowIds.set(id, original);
      }
      const target = id ?? fallback;
      const flow = data === original.data && id === original.id && target === original.target ? original : { ...original, data, id, target };
      if (flow !== original && calls === service.calls) calls = service.calls.slice(0, i);
      if (calls !== service.calls) calls.push(flow);
      model.flows.push(flow);
    });
    let resolved = service;
    if (stores !== service.stores || roles !== service.roles || runtime !== service.runtime || calls !== service.calls || boundary !== service.boundary) {
      model.services.set(service.id, (resolved = { ...service, boundary, stores, roles, runtime, calls }));
    }
    if (problems.length === problemsBefore) resolvedServices.set(service, { ids, service: resolved, flows: model.flows.slice(flowsBefore) });
  }

  for (const role of model.roles.values()) {
    const grants = role.grants.filter((g) => {
      if (g.target === '*' || model.services.has(g.target)) return true;
      unresolved(problems, role.src.file, g.src.key, 'service', g.target, serviceIds);
      return false;
    });
    if (grants.length !== role.grants.length) model.roles.set(role.id, { ...role, grants });
  }
}
