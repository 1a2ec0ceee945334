// Writes a draft model as a commented Moat model (YAML, `moat: 1`): each element preceded by
// its source, its notes and its TODOs, and the trailer's blocks at the end.
// TODO(import): the `import` branch builds the project's model writer (server/src/import/); once
// it is merged, drafts go through it and this file goes.

import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Annotated, DraftBoundary, DraftData, DraftFlow, DraftModel, DraftService } from './draft.js';

type Value = string | number | boolean | string[] | YAMLMap | YAMLSeq;

function node(value: Value): Scalar | YAMLMap | YAMLSeq {
  if (value instanceof YAMLMap || value instanceof YAMLSeq) return value;
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const item of value) seq.add(new Scalar(item));
    return seq;
  }
  return new Scalar(value);
}

/** A map of the entries whose value is defined, in the order given. */
function mapOf(entries: [string, Value | undefined][]): YAMLMap {
  const map = new YAMLMap();
  for (const [key, value] of entries) if (value !== undefined) map.add(new Pair(new Scalar(key), node(value)));
  return map;
}

/** Comment text: one line per note, `TODO:` before each TODO; no line breaks inside a line. */
function commentOf(a: Annotated): string | undefined {
  const lines = [
    ...(a.source ? [a.source] : []),
    ...a.notes,
    ...a.todos.map((t) => `TODO: ${t}`),
  ].flatMap((l) => l.split(/\r?\n/)).map((l) => ` ${l.trimEnd()}`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function entry(id: string, value: YAMLMap, a: Annotated, spaced: boolean): Pair {
  const key = new Scalar(id);
  key.commentBefore = commentOf(a);
  key.spaceBefore = spaced;
  return new Pair(key, value);
}

function boundaryNode(b: DraftBoundary): YAMLMap {
  const map = mapOf([['trust', b.trust], ['within', b.within], ['description', b.description]]);
  map.flow = true;
  return map;
}

function dataNode(d: DraftData): YAMLMap {
  const map = mapOf([['classification', d.classification], ['pii', d.pii], ['description', d.description]]);
  map.flow = true;
  return map;
}

function flowNode(f: DraftFlow): YAMLMap {
  const map = mapOf([
    ['to', f.to], ['id', f.id], ['protocol', f.protocol], ['port', f.port], ['tls', f.tls], ['auth', f.auth],
    ['access', f.access], ['data', f.data.length > 0 ? f.data : undefined], ['async', f.async], ['description', f.description],
  ]);
  map.commentBefore = commentOf(f);
  return map;
}

function serviceNode(s: DraftService): YAMLMap {
  const controls = Object.entries(s.controls);
  const calls = new YAMLSeq();
  for (const f of s.calls) calls.add(flowNode(f));
  return mapOf([
    ['kind', s.kind], ['boundary', s.boundary], ['description', s.description], ['owner', s.owner], ['tech', s.tech],
    ['stores', s.stores.length > 0 ? s.stores : undefined],
    ['controls', controls.length > 0 ? (() => { const m = mapOf(controls); m.flow = true; return m; })() : undefined],
    ['runtime', s.sharedWith.length > 0 ? mapOf([['shared-with', s.sharedWith]]) : undefined],
    ['calls', s.calls.length > 0 ? calls : undefined],
  ]);
}

function section(key: string, entries: Pair[]): Pair | undefined {
  if (entries.length === 0) return undefined;
  const map = new YAMLMap();
  for (const e of entries) map.add(e);
  const k = new Scalar(key);
  k.spaceBefore = true;
  return new Pair(k, map);
}

export function emitModel(model: DraftModel): string {
  const doc = new Document({});
  const root = doc.contents as YAMLMap;
  if (model.header.length > 0) doc.commentBefore = model.header.map((l) => ` ${l}`).join('\n');
  root.add(new Pair(new Scalar('moat'), new Scalar(1)));
  root.add(new Pair(new Scalar('name'), new Scalar(model.name)));
  if (model.description !== undefined) root.add(new Pair(new Scalar('description'), new Scalar(model.description)));
  const sections = [
    section('boundaries', model.boundaries.map((b) => entry(b.id, boundaryNode(b), b, false))),
    section('data', model.data.map((d) => entry(d.id, dataNode(d), d, false))),
    section('services', model.services.map((s, i) => entry(s.id, serviceNode(s), s, i > 0))),
  ];
  for (const s of sections) if (s) root.add(s);
  if (model.trailer.length > 0) {
    doc.comment = model.trailer
      .map((block) => [` ${block.title}`, ...block.lines.flatMap((l) => l.split(/\r?\n/)).map((l) => ` ${l}`.trimEnd())].join('\n'))
      .join('\n\n');
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
