// An Open Threat Model document (`otmVersion:`, YAML or JSON) as a Moat model draft, with the
// mapping of interchange.md: trust zones → boundaries, components → services, assets → data,
// dataflows → flows; threats and mitigations kept as comments.

import * as path from 'node:path';
import { stringify } from 'yaml';
import { ACCESS_MODES, AUTH_METHODS, CLASSIFICATIONS, TLS_MODES } from '../../model/types.js';
import type { Access, Auth, Classification, Tls } from '../../model/types.js';
import { annotated, footerBlock } from '../draft.js';
import type { DraftBoundary, DraftData, DraftFlow, DraftModel, DraftService, ImportReport } from '../draft.js';
import { IdAllocator, toId } from '../ids.js';
import { ImportError, isPlainMap, readForeign } from '../input.js';
import type { Plain, PlainMap } from '../input.js';
import { MOAT_KINDS, kindOf } from '../kinds.js';
import { isPortNumber } from '../../model/vocabulary.js';
import { KIND_TAG, TECH_TAG, classificationFromRating, trustFromRating } from './mapping.js';

export function isOtm(keys: readonly string[]): boolean {
  return keys.includes('otmVersion');
}

/** A dataflow id that only restates its ends (`A->B`, `A->B#2`): Moat gives the flow that target itself. */
const ENDS_ID = /^[^\s>]+->[^\s>]+(#\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Entry {
  value: PlainMap;
  where: string;
}

export function importOtm(text: string, file: string, cwd = process.cwd()): { model: DraftModel; report: ImportReport } {
  const shown = path.relative(cwd, file) || file;
  const input = readForeign(text, shown);
  const top = input.value;
  if (!isPlainMap(top)) throw new ImportError(`${shown}:1: an OTM document is a map (otmVersion:, project:, components:, …)`);
  const version = text_(top.otmVersion) ?? '';
  const report: ImportReport = { input: `${shown} (OTM ${version || 'version not given'})`, keptAsComments: [], notRead: [], notes: [] };
  if (input.lenient) report.notes.push(`not strict YAML 1.2 (${input.lenient}); read as the lenient parsers of other tools read it`);
  const list = (key: string): Entry[] => {
    const value = top[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new ImportError(`${shown}:${input.lineOf([key])}: \`${key}\` must be a list`);
    const out: Entry[] = [];
    value.forEach((v, i) => {
      if (isPlainMap(v) && text_(v.id)) out.push({ value: v, where: `${key}[${i}]` });
      else report.notRead.push(`${key}[${i}] (line ${input.lineOf([key, i])}): not an element with an id`);
    });
    return out;
  };
  const project = isPlainMap(top.project) ? top.project : {};
  const name = text_(project.name) ?? path.basename(shown).replace(/\.(ya?ml|json)$/i, '');

  // Ids: the OTM id where it is already a readable Moat id, else the element's name made into one.
  const idOf = (value: PlainMap, ids: IdAllocator, fallback: string): string => {
    const id = text_(value.id)!;
    const usable = toId(id) === id && !UUID.test(id);
    return ids.allocate(usable ? id : text_(value.name) ?? id, fallback);
  };

  const zoneIds = new Map<string, string>();
  const zoneIdAllocator = new IdAllocator();
  const zones = list('trustZones');
  const boundaries: DraftBoundary[] = zones.map(({ value, where }) => {
    const id = idOf(value, zoneIdAllocator, 'zone');
    zoneIds.set(text_(value.id)!, id);
    const draft: DraftBoundary = { ...annotated(`${shown}: ${where} ${label(value)}`), id, trust: 'internal' };
    const rating = isPlainMap(value.risk) ? value.risk.trustRating : undefined;
    if (typeof rating === 'number') draft.trust = trustFromRating(rating);
    else draft.todos.push('trust: the trust zone has no trustRating; `internal` until you say');
    const description = text_(value.description);
    if (description !== undefined) draft.description = description;
    const type = text_(value.type);
    if (type !== undefined && typeof rating === 'number') draft.notes.push(`OTM: type ${type}, trustRating ${rating}`);
    return draft;
  });
  zones.forEach(({ value, where }, i) => {
    const parent = isPlainMap(value.parent) ? text_(value.parent.trustZone) : undefined;
    if (parent === undefined) return;
    const within = zoneIds.get(parent);
    if (within !== undefined && within !== boundaries[i].id) boundaries[i].within = within;
    else report.notRead.push(`${where}.parent.trustZone: ${parent} (no such trust zone)`);
  });
  // Nesting that loops would be a model error: it is cut where it closes.
  for (const b of boundaries) {
    const seen = new Set<string>();
    for (let at: DraftBoundary | undefined = b; at?.within !== undefined; at = boundaries.find((x) => x.id === at!.within)) {
      if (seen.has(at.id)) { b.within = undefined; report.notRead.push(`trust zone ${b.id}: its parents form a cycle`); break; }
      seen.add(at.id);
    }
  }

  const dataIds = new Map<string, string>();
  const dataIdAllocator = new IdAllocator();
  const data: DraftData[] = list('assets').map(({ value, where }) => {
    const id = idOf(value, dataIdAllocator, 'data');
    dataIds.set(text_(value.id)!, id);
    const draft: DraftData = { ...annotated(`${shown}: ${where} ${label(value)}`), id, classification: 'confidential' };
    const attributes = isPlainMap(value.attributes) ? value.attributes : {};
    const written = text_(attributes.classification);
    const confidentiality = isPlainMap(value.risk) ? value.risk.confidentiality : undefined;
    if (written !== undefined && (CLASSIFICATIONS as readonly string[]).includes(written)) draft.classification = written as Classification;
    else if (typeof confidentiality === 'number') {
      draft.classification = classificationFromRating(confidentiality);
      draft.notes.push(`classification from OTM's confidentiality rating ${confidentiality}`);
    } else draft.todos.push('classification: the asset says none; `confidential` until you say');
    if (typeof attributes.pii === 'boolean') draft.pii = attributes.pii;
    const description = text_(value.description);
    if (description !== undefined) draft.description = description;
    if (isPlainMap(value.risk) && (text_(value.risk.comment) ?? '') !== '' && written === undefined) draft.notes.push(`OTM risk comment: ${text_(value.risk.comment)}`);
    return draft;
  });

  const componentIds = new Map<string, string>();
  const componentIdAllocator = new IdAllocator();
  const componentEntries = list('components');
  const services: DraftService[] = componentEntries.map(({ value, where }) => {
    const id = idOf(value, componentIdAllocator, 'component');
    componentIds.set(text_(value.id)!, id);
    const tags = textList(value.tags);
    const taggedKind = tags.find((t) => t.startsWith(KIND_TAG))?.slice(KIND_TAG.length);
    const type = text_(value.type) ?? '';
    const kind = taggedKind !== undefined && MOAT_KINDS.has(taggedKind) ? taggedKind : MOAT_KINDS.has(type) ? type : kindOf({ technology: type });
    const service: DraftService = { ...annotated(`${shown}: ${where} ${label(value)}`), id, kind, stores: [], controls: {}, calls: [] };
    const tech = tags.find((t) => t.startsWith(TECH_TAG))?.slice(TECH_TAG.length);
    if (tech) service.tech = tech;
    const description = text_(value.description);
    if (description !== undefined) service.description = description;
    if (!MOAT_KINDS.has(type) && type !== '') service.notes.push(`OTM type: ${type}`);
    const otherTags = tags.filter((t) => !t.startsWith(KIND_TAG) && !t.startsWith(TECH_TAG));
    if (otherTags.length > 0) service.notes.push(`OTM tags: ${otherTags.join(', ')}`);
    return service;
  });
  // Boundaries: the parent trust zone, or the boundary of the parent component.
  const parentOf = (i: number, seen = new Set<number>()): string | undefined => {
    const { value } = componentEntries[i];
    if (!isPlainMap(value.parent) || seen.has(i)) return undefined;
    seen.add(i);
    const zone = text_(value.parent.trustZone);
    if (zone !== undefined) return zoneIds.get(zone);
    const component = text_(value.parent.component);
    const j = componentEntries.findIndex((e) => text_(e.value.id) === component);
    return j >= 0 ? parentOf(j, seen) : undefined;
  };
  let unassigned: string | undefined;
  componentEntries.forEach(({ value, where }, i) => {
    const service = services[i];
    const boundary = parentOf(i);
    if (boundary !== undefined) service.boundary = boundary;
    else if (service.kind === 'user' || service.kind === 'external') service.boundary = 'internet';
    else {
      if (unassigned === undefined) {
        unassigned = zoneIdAllocator.allocate('unassigned', 'unassigned');
        boundaries.push({ ...annotated(), id: unassigned, trust: 'internal', todos: ['these components have no trust zone in the OTM document: move each to its zone'] });
      }
      service.boundary = unassigned;
      service.todos.push('boundary: no trust zone in the OTM document; name the zone it runs in');
      report.notRead.push(`${where}.parent: no trust zone or component that is in one`);
    }
    const assets = isPlainMap(value.assets) ? value.assets : {};
    for (const ref of textList(assets.stored)) {
      const d = dataIds.get(ref);
      if (d !== undefined) service.stores.push(d);
      else report.notRead.push(`${where}.assets.stored: ${ref} (no such asset)`);
    }
    const processed = textList(assets.processed);
    if (processed.length > 0) service.notes.push(`OTM: processes ${processed.map((p) => dataIds.get(p) ?? p).join(', ')}`);
    const threats = Array.isArray(value.threats) ? value.threats.filter(isPlainMap).map((t) => text_(t.threat)).filter(Boolean) : [];
    if (threats.length > 0) service.notes.push(`OTM threats: ${threats.join(', ')}`);
  });

  const flowIds = new IdAllocator();
  const byId = new Map(services.map((s) => [s.id, s]));
  list('dataflows').forEach(({ value, where }) => {
    const source = componentIds.get(text_(value.source) ?? '');
    const destination = componentIds.get(text_(value.destination) ?? '');
    if (source === undefined || destination === undefined) {
      report.notRead.push(`${where}: ${source === undefined ? `source ${text_(value.source) ?? '(none)'}` : `destination ${text_(value.destination) ?? '(none)'}`} is no component`);
      return;
    }
    const attributes = isPlainMap(value.attributes) ? value.attributes : {};
    const id = text_(value.id)!;
    const flow: DraftFlow = { ...annotated(`${shown}: ${where} ${label(value)}`), to: destination, protocol: 'unknown', data: [] };
    if (!ENDS_ID.test(id)) flow.id = flowIds.allocate(id, `${source}-to-${destination}`);
    const protocol = text_(attributes.protocol);
    if (protocol !== undefined && toId(protocol) !== '') flow.protocol = toId(protocol);
    else flow.todos.push('protocol: the OTM dataflow says none');
    const port = attributes.port;
    if (isPortNumber(port)) flow.port = port;
    else if (port !== undefined && port !== null) flow.notes.push(`OTM port: ${JSON.stringify(port)} (not a port number; left out)`);
    const pick = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
      const v = text_(attributes[key]);
      if (v === undefined) return undefined;
      if ((allowed as readonly string[]).includes(v)) return v as T;
      flow.notes.push(`OTM ${key}: ${v} (no value of the language; left out)`);
      return undefined;
    };
    flow.tls = pick<Tls>('tls', TLS_MODES);
    flow.auth = pick<Auth>('auth', AUTH_METHODS);
    flow.access = pick<Access>('access', ACCESS_MODES);
    if (typeof attributes.async === 'boolean') flow.async = attributes.async;
    for (const ref of textList(value.assets)) {
      const d = dataIds.get(ref);
      if (d !== undefined) { if (!flow.data.includes(d)) flow.data.push(d); }
      else report.notRead.push(`${where}.assets: ${ref} (no such asset)`);
    }
    const description = text_(value.description);
    if (description !== undefined) flow.description = description;
    if (value.bidirectional === true) flow.notes.push('OTM: bidirectional; a Moat flow is the connection its caller opens, so add the reverse flow if the other end opens one too');
    const threats = Array.isArray(value.threats) ? value.threats.filter(isPlainMap).map((t) => text_(t.threat)).filter(Boolean) : [];
    if (threats.length > 0) flow.notes.push(`OTM threats: ${threats.join(', ')}`);
    byId.get(source)!.calls.push(flow);
  });

  const footer: string[] = [];
  for (const key of ['threats', 'mitigations']) {
    const value = top[key];
    if (!Array.isArray(value) || value.length === 0) continue;
    report.keptAsComments.push(`${key} (${value.length})`);
    footerBlock(footer, `The OTM document's ${key}, as it wrote them:`, stringify({ [key]: value }, { lineWidth: 0 }).trimEnd().split('\n'));
  }
  if (Array.isArray(top.representations) && top.representations.length > 0) report.notRead.push(`representations (${top.representations.length}): diagrams and code locations, which a Moat model does not hold`);
  const description = text_(project.description);
  const projectNotes = ['owner', 'ownerContact'].filter((k) => text_(project[k]) !== undefined).map((k) => `${k}: ${text_(project[k])}`);
  return {
    model: {
      name,
      ...(description !== undefined ? { description } : {}),
      header: [`Imported from the OTM document ${shown} by \`moat import\`.`, 'Comments name the source of each element; `TODO` marks what the document does not say.', ...projectNotes.map((n) => `OTM project ${n}`)],
      boundaries, data, services, footer,
    },
    report,
  };
}

/** `"Web Client"` for a comment naming an element. */
function label(value: PlainMap): string {
  const name = text_(value.name);
  return name !== undefined && name !== text_(value.id) ? `${text_(value.id)} "${name}"` : `${text_(value.id)}`;
}

function text_(value: Plain | undefined): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function textList(value: Plain | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => text_(v)).filter((v): v is string => v !== undefined && v !== '');
}
