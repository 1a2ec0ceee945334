// Writes an imported model as a commented `moat: 1` YAML file, through the `yaml` Document so
// that quoting is always right. The nodes built here are also what `--update` adds to an existing
// model, so an element reads the same whether it was written first or added later.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { redactModel } from './redact.js';
import type { Commented, ImportedBoundary, ImportedData, ImportedFlow, ImportedModel, ImportedRole, ImportedRuntime, ImportedService, ImportedValue } from './imported.js';

/** The model as YAML text (never repeating a secret: see redact.ts). */
export function writeModel(model: ImportedModel): string {
  const imported = redactModel(model);
  const doc = new Document();
  const root = new YAMLMap();
  root.items.push(new Pair(new Scalar('moat'), new Scalar(1)));
  root.items.push(new Pair(new Scalar('name'), new Scalar(imported.name)));
  if (imported.description) root.items.push(new Pair(new Scalar('description'), new Scalar(imported.description)));
  if (imported.controls && Object.keys(imported.controls).length > 0) root.items.push(new Pair(new Scalar('controls'), doc.createNode(imported.controls)));
  const section = (key: string, pairs: Pair[]) => {
    if (pairs.length === 0) return;
    const k = new Scalar(key);
    k.spaceBefore = true;
    const m = new YAMLMap();
    m.items.push(...pairs);
    root.items.push(new Pair(k, m));
  };
  section('boundaries', imported.boundaries.map((b) => boundaryPair(doc, b)));
  section('data', (imported.data ?? []).map((d) => dataPair(doc, d)));
  section('roles', (imported.roles ?? []).map((r) => rolePair(doc, r)));
  section('services', imported.services.map((s, i) => {
    const p = servicePair(doc, s);
    if (i > 0) (p.key as Scalar).spaceBefore = true;
    return p;
  }));
  doc.contents = root;
  if (imported.header && imported.header.length > 0) doc.commentBefore = imported.header.map((h) => ` ${h}`).join('\n');
  if (imported.footer && imported.footer.length > 0) doc.comment = imported.footer.map((l) => (l === '' ? '' : ` ${l.replace(/\n/g, ' ')}`)).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** The comment lines of an element, as the `yaml` package writes them (`#` + text). */
export function commentText(c: Commented): string | undefined {
  const lines = [
    ...(c.source ? [c.source] : []),
    ...(c.notes ?? []),
    ...(c.todos ?? []).map((t) => `TODO: ${t}`),
  ];
  return lines.length === 0 ? undefined : lines.map((l) => ` ${l.replace(/\n/g, ' ')}`).join('\n');
}

function keyed(key: string, c: Commented, value: unknown): Pair {
  const k = new Scalar(key);
  const comment = commentText(c);
  if (comment) k.commentBefore = comment;
  return new Pair(k, value);
}

function map(entries: [string, unknown][]): YAMLMap {
  const m = new YAMLMap();
  for (const [k, v] of entries) if (v !== undefined) m.items.push(new Pair(new Scalar(k), v));
  return m;
}

function flowMap(doc: Document, entries: [string, unknown][]): YAMLMap {
  const m = map(entries.map(([k, v]) => [k, v === undefined ? undefined : doc.createNode(v)]));
  m.flow = true;
  return m;
}

export function boundaryPair(doc: Document, b: ImportedBoundary): Pair {
  return keyed(b.id, b, flowMap(doc, [['trust', b.trust], ['within', b.within], ['description', b.description]]));
}

export function dataPair(doc: Document, d: ImportedData): Pair {
  return keyed(d.id, d, flowMap(doc, [['classification', d.classification], ['pii', d.pii], ['description', d.description]]));
}

export function rolePair(doc: Document, r: ImportedRole): Pair {
  const grants = new YAMLMap();
  for (const [target, actions] of Object.entries(r.grants)) {
    const seq = doc.createNode(actions) as YAMLSeq;
    seq.flow = true;
    grants.items.push(new Pair(new Scalar(target), seq));
  }
  return keyed(r.id, r, map([['grants', grants]]));
}

export function flowNode(doc: Document, f: ImportedFlow): YAMLMap {
  const node = flowMap(doc, [
    ['to', f.to], ['id', f.id], ['protocol', f.protocol], ['port', f.port], ['tls', f.tls], ['auth', f.auth],
    ['access', f.access], ['data', f.data], ['async', f.async], ['description', f.description],
  ]);
  const comment = commentText(f);
  if (comment) node.commentBefore = comment;
  return node;
}

export function valuesMap(values: readonly ImportedValue[]): YAMLMap {
  const m = new YAMLMap();
  for (const v of values) m.items.push(valuePair(v));
  return m;
}

export function valuePair(v: ImportedValue): Pair {
  return keyed(v.name, v, new Scalar(v.value));
}

/** The entries of a `runtime:` map (without its comments). */
export function runtimeEntries(doc: Document, r: ImportedRuntime): [string, unknown][] {
  const limits = r.limits && (r.limits.cpu !== undefined || r.limits.memory !== undefined) ? flowMap(doc, [['cpu', r.limits.cpu], ['memory', r.limits.memory]]) : undefined;
  const mounts = r.mounts && r.mounts.length > 0 ? doc.createNode(r.mounts) : undefined;
  return ([
    ['image', r.image], ['user', r.user], ['privileged', r.privileged], ['read-only-fs', r['read-only-fs']],
    ['limits', limits], ['host-network', r['host-network']], ['host-pid', r['host-pid']], ['mounts', mounts], ['platform', r.platform],
    ['shared-with', r['shared-with'] && r['shared-with'].length > 0 ? flowSeq(doc, r['shared-with']) : undefined],
  ] as [string, unknown][]).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v instanceof YAMLMap || v instanceof YAMLSeq ? v : doc.createNode(v)]);
}

export function servicePair(doc: Document, s: ImportedService): Pair {
  const body = new YAMLMap();
  const put = (key: string, value: unknown, c?: Commented) => {
    if (value === undefined) return;
    body.items.push(c ? keyed(key, c, value) : new Pair(new Scalar(key), value));
  };
  put('kind', new Scalar(s.kind));
  put('boundary', s.boundary === undefined ? undefined : new Scalar(s.boundary));
  put('tech', s.tech === undefined ? undefined : new Scalar(s.tech));
  put('description', s.description === undefined ? undefined : new Scalar(s.description));
  put('owner', s.owner === undefined ? undefined : new Scalar(s.owner));
  if (s.deployedAs && s.deployedAs.length > 0) put('deployed-as', s.deployedAs.length === 1 ? new Scalar(s.deployedAs[0]) : flowSeq(doc, s.deployedAs));
  if (s.roles && s.roles.length > 0) put('roles', flowSeq(doc, s.roles));
  if (s.stores && s.stores.length > 0) put('stores', flowSeq(doc, s.stores));
  if (s.controls && Object.keys(s.controls).length > 0) put('controls', flowMap(doc, Object.entries(s.controls)));
  if (s.runtime) {
    const entries = runtimeEntries(doc, s.runtime);
    if (entries.length > 0) put('runtime', map(entries), s.runtime);
  }
  if (s.env && s.env.length > 0) put('env', valuesMap(s.env));
  if (s.secrets && s.secrets.length > 0) put('secrets', valuesMap(s.secrets));
  if (s.calls.length > 0) {
    const calls = new YAMLSeq();
    for (const f of s.calls) calls.items.push(flowNode(doc, f));
    put('calls', calls);
  }
  return keyed(s.id, s, body);
}

function flowSeq(doc: Document, items: readonly string[]): YAMLSeq {
  const seq = doc.createNode([...items]) as YAMLSeq;
  seq.flow = true;
  return seq;
}
