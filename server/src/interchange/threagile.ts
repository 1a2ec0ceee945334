// A Threagile model (`threagile_version:`) as a Moat model draft, with the mapping of
// interchange.md. What has no counterpart in the language is kept as comments: per element
// beside it, and Threagile's risk tracking, custom risks, questions and abuse cases (and the
// model's other prose) as blocks at the end. Keys that are not Threagile 1.0's, or that moved,
// are named in the report.

import * as path from 'node:path';
import { stringify } from 'yaml';
import type { Access, Auth, Classification, Tls } from '../model/types.js';
import { annotated, footerBlock } from './draft.js';
import type { DraftBoundary, DraftData, DraftFlow, DraftModel, DraftService, ImportReport } from './draft.js';
import { IdAllocator, toId } from './ids.js';
import { ImportError, isPlainMap, readForeign } from './input.js';
import type { ForeignDocument, Plain, PlainMap } from './input.js';
import { kindOf } from './kinds.js';

export const THREAGILE_VERSION = '1.0.0';

const CLASSIFICATION: Record<string, Classification> = {
  public: 'public', internal: 'internal', restricted: 'confidential', confidential: 'confidential',
  'strictly-confidential': 'restricted',
};

const AUTHENTICATION: Record<string, Auth | undefined> = {
  none: 'none', credentials: 'password', 'session-id': 'session', token: 'token', 'client-certificate': 'mtls',
  'two-factor': 'password', externalized: undefined,
};

/** Boundary types Threagile knows; all are internal zones unless the name says DMZ. */
const BOUNDARY_TYPES = new Set([
  'network-on-prem', 'network-dedicated-hoster', 'network-virtual-lan', 'network-cloud-provider',
  'network-cloud-security-group', 'network-policy-namespace-isolation', 'execution-environment',
]);

/** Threagile 1.0's keys, by where they are written. The mapped ones are read; the rest become comments. */
const KEYS = {
  top: ['threagile_version', 'title', 'date', 'author', 'management_summary_comment', 'business_criticality', 'business_overview',
    'technical_overview', 'questions', 'abuse_cases', 'security_requirements', 'tags_available', 'data_assets', 'technical_assets',
    'trust_boundaries', 'shared_runtimes', 'individual_risk_categories', 'risk_tracking'],
  data: ['id', 'description', 'usage', 'tags', 'origin', 'owner', 'quantity', 'confidentiality', 'integrity', 'availability',
    'justification_cia_rating'],
  asset: ['id', 'description', 'type', 'usage', 'used_as_client_by_human', 'out_of_scope', 'justification_out_of_scope', 'size',
    'technology', 'tags', 'internet', 'machine', 'encryption', 'owner', 'confidentiality', 'integrity', 'availability',
    'justification_cia_rating', 'multi_tenant', 'redundant', 'custom_developed_parts', 'data_assets_processed', 'data_assets_stored',
    'data_formats_accepted', 'communication_links', 'diagram_tweak_order'],
  link: ['target', 'description', 'protocol', 'authentication', 'authorization', 'tags', 'vpn', 'ip_filtered', 'readonly', 'usage',
    'data_assets_sent', 'data_assets_received', 'diagram_tweak_weight', 'diagram_tweak_constraint'],
  boundary: ['id', 'description', 'type', 'tags', 'technical_assets_inside', 'trust_boundaries_nested'],
  runtime: ['id', 'description', 'tags', 'technical_assets_running'],
};

/** Keys of other Threagile versions that say what a 1.0 key says, and are read as it. */
const MOVED: Record<string, Record<string, string>> = {
  asset: { technologies: 'technology' },
};

/** Top-level sections with no counterpart, kept as a comment block at the end, in this order. */
const TRAILER_SECTIONS = ['risk_tracking', 'individual_risk_categories', 'questions', 'abuse_cases', 'security_requirements'];
/** Top-level prose kept together in one block. */
const ABOUT_KEYS = ['date', 'author', 'business_criticality', 'management_summary_comment', 'business_overview', 'technical_overview', 'tags_available'];

export function isThreagile(keys: readonly string[]): boolean {
  return keys.includes('threagile_version');
}

interface AssetEntry {
  title: string;
  value: PlainMap;
  id: string;
  service: DraftService;
}

export function importThreagile(text: string, file: string, cwd = process.cwd()): { model: DraftModel; report: ImportReport } {
  const shown = path.relative(cwd, file) || file;
  const input = readForeign(text, shown);
  const top = input.value;
  if (!isPlainMap(top)) throw new ImportError(`${shown}:1: a Threagile model is a map of sections (threagile_version:, technical_assets:, …)`);
  const version = scalarText(top.threagile_version) ?? '';
  const report: ImportReport = { input: `${shown} (Threagile ${version || 'version not given'})`, keptAsComments: [], notRead: [], notes: [] };
  if (input.lenient) report.notes.push(`not strict YAML 1.2 (${input.lenient}); read as the lenient parsers of other tools read it`);
  if (version !== THREAGILE_VERSION) report.notes.push(`written for Threagile ${version || '(no version)'}: read as ${THREAGILE_VERSION}, where its keys are the same`);
  const reader = new Reader(input, report, shown);
  reader.unknownKeys(top, KEYS.top, [], {});
  return { model: reader.read(top), report };
}

class Reader {
  private readonly dataIds = new Map<string, string>();
  private readonly assets = new Map<string, AssetEntry>();
  private readonly boundaryIds = new Map<string, string>();

  constructor(private readonly input: ForeignDocument, private readonly report: ImportReport, private readonly file: string) {}

  read(top: PlainMap): DraftModel {
    const name = scalarText(top.title) ?? path.basename(this.file).replace(/\.ya?ml$/i, '');
    const data = this.readData(this.section(top, 'data_assets'));
    const services = this.readAssets(this.section(top, 'technical_assets'));
    const boundaries = this.readBoundaries(this.section(top, 'trust_boundaries'));
    this.readRuntimes(this.section(top, 'shared_runtimes'));
    return {
      name,
      header: [`Imported from the Threagile model ${this.file} by \`moat import\`.`, 'Comments name the source of each element; `TODO` marks what the Threagile model does not say.'],
      boundaries,
      data,
      services,
      footer: this.footer(top),
    };
  }

  /** A top-level map section (absent: empty); any other shape is an error, one line. */
  private section(top: PlainMap, key: string): [string, PlainMap][] {
    const value = top[key];
    if (value === undefined || value === null) return [];
    if (!isPlainMap(value)) throw new ImportError(`${this.file}:${this.input.lineOf([key])}: \`${key}\` must be a map of entries by title`);
    const entries: [string, PlainMap][] = [];
    for (const [title, entry] of Object.entries(value)) {
      if (isPlainMap(entry)) entries.push([title, entry]);
      else this.report.notRead.push(`${key}.${title} (line ${this.input.lineOf([key, title])}): not a map`);
    }
    return entries;
  }

  /** Names keys that are not Threagile 1.0's; returns the entry with moved keys read as their 1.0 names. */
  unknownKeys(value: PlainMap, known: readonly string[], where: (string | number)[], moved: Record<string, string>): PlainMap {
    const out: PlainMap = { ...value };
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      if (/^diagram_tweak_/.test(key)) continue;
      const at = [...where, key];
      const to = moved[key];
      if (to !== undefined && value[to] === undefined) {
        out[to] = value[key];
        this.report.notes.push(`${at.join('.')} (line ${this.input.lineOf(at)}): read as \`${to}\`, its name in Threagile ${THREAGILE_VERSION}`);
      } else {
        this.report.notRead.push(`${at.join('.')} (line ${this.input.lineOf(at)}): not a key of Threagile ${THREAGILE_VERSION}`);
      }
    }
    return out;
  }

  private readData(entries: [string, PlainMap][]): DraftData[] {
    const ids = new IdAllocator();
    return entries.map(([title, raw]) => {
      const value = this.unknownKeys(raw, KEYS.data, ['data_assets', title], {});
      const threagileId = scalarText(value.id) ?? title;
      const id = ids.allocate(threagileId, 'data');
      this.dataIds.set(threagileId, id);
      const draft: DraftData = { ...annotated(`${this.file}: data_assets.${title}`), id, classification: 'confidential' };
      const confidentiality = scalarText(value.confidentiality);
      const classification = confidentiality !== undefined ? CLASSIFICATION[confidentiality] : undefined;
      if (classification) draft.classification = classification;
      else draft.todos.push(`classification: Threagile's confidentiality is ${confidentiality ? `\`${confidentiality}\`` : 'not given'}; \`confidential\` until you say`);
      const description = scalarText(value.description);
      if (description !== undefined) draft.description = description;
      if (saysPersonalData(value)) draft.pii = true;
      draft.notes.push(...this.leftover(value, ['id', 'description', 'confidentiality']));
      return draft;
    });
  }

  private readAssets(entries: [string, PlainMap][]): DraftService[] {
    const ids = new IdAllocator();
    for (const [title, raw] of entries) {
      const value = this.unknownKeys(raw, KEYS.asset, ['technical_assets', title], MOVED.asset);
      const threagileId = scalarText(value.id) ?? title;
      const id = ids.allocate(threagileId, 'component');
      const technology = Array.isArray(value.technology) ? String(value.technology[0] ?? '') : scalarText(value.technology) ?? '';
      const kind = kindOf({
        technology, type: scalarText(value.type), usedByHuman: value.used_as_client_by_human === true, outOfScope: value.out_of_scope === true,
      });
      const service: DraftService = {
        ...annotated(`${this.file}: technical_assets.${title}`), id, kind, stores: [], controls: {}, calls: [],
      };
      if (technology) service.tech = technology;
      const description = scalarText(value.description);
      if (description !== undefined) service.description = description;
      const owner = scalarText(value.owner);
      if (owner !== undefined) service.owner = owner;
      const encryption = scalarText(value.encryption);
      if (encryption !== undefined && encryption !== 'none') service.controls['encryption-at-rest'] = encryption;
      this.assets.set(threagileId, { title, value, id, service });
    }
    for (const entry of this.assets.values()) {
      const { service, value, title } = entry;
      const { ids: stored, unknown } = this.dataRefs(value.data_assets_stored);
      service.stores = stored;
      if (unknown.length > 0) {
        service.notes.push(`data_assets_stored also names ${unknown.join(', ')}, which no data asset is (left out)`);
        this.report.notRead.push(`technical_assets.${title}.data_assets_stored: ${unknown.join(', ')} (no such data asset)`);
      }
      service.notes.push(...this.leftover(value, ['id', 'description', 'owner', 'technology', 'technologies', 'encryption', 'data_assets_stored', 'communication_links']));
      this.readLinks(entry);
    }
    return [...this.assets.values()].map((e) => e.service);
  }

  private readLinks(entry: AssetEntry): void {
    const links = entry.value.communication_links;
    if (links === undefined || links === null) return;
    const where = ['technical_assets', entry.title, 'communication_links'];
    if (!isPlainMap(links)) {
      this.report.notRead.push(`${where.join('.')} (line ${this.input.lineOf(where)}): not a map of links`);
      return;
    }
    const flowIds = new IdAllocator();
    for (const [title, raw] of Object.entries(links)) {
      if (!isPlainMap(raw)) {
        this.report.notRead.push(`${[...where, title].join('.')}: not a map`);
        continue;
      }
      const value = this.unknownKeys(raw, KEYS.link, [...where, title], {});
      const targetId = scalarText(value.target);
      const target = targetId !== undefined ? this.assets.get(targetId) : undefined;
      if (!target) {
        entry.service.notes.push(`communication link "${title}" goes to ${targetId ? `\`${targetId}\`, which no technical asset is` : 'no target'} (left out)`);
        this.report.notRead.push(`${[...where, title].join('.')}: target ${targetId ?? '(none)'} is no technical asset`);
        continue;
      }
      entry.service.calls.push(this.readLink(entry, title, value, target, flowIds));
    }
  }

  private readLink(from: AssetEntry, title: string, value: PlainMap, to: AssetEntry, flowIds: IdAllocator): DraftFlow {
    const threagileId = `${scalarText(from.value.id) ?? from.title}>${toId(title)}`;
    const flow: DraftFlow = {
      ...annotated(`${this.file}: technical_assets.${from.title}.communication_links.${title}`),
      to: to.id, id: flowIds.allocate(`${from.id}.${toId(title)}`, `${from.id}.link`), protocol: 'unknown', data: [],
    };
    const protocol = scalarText(value.protocol);
    if (protocol === undefined || protocol === '' || protocol === 'unknown') flow.todos.push('protocol: Threagile says none');
    else Object.assign(flow, mapProtocol(protocol));
    const authentication = scalarText(value.authentication);
    if (authentication !== undefined) {
      if (!(authentication in AUTHENTICATION)) {
        flow.todos.push(`auth: Threagile's authentication \`${authentication}\` has no counterpart`);
      } else if (authentication === 'externalized') {
        flow.todos.push('auth: Threagile says `externalized` (checked by something else); name the method');
      } else {
        flow.auth = AUTHENTICATION[authentication];
        if (authentication === 'client-certificate') flow.tls = 'mtls';
        if (authentication === 'two-factor') {
          to.service.controls.mfa = true;
          flow.notes.push('Threagile: two-factor authentication (`mfa` on the callee)');
        }
      }
    }
    const sent = this.dataRefs(value.data_assets_sent);
    const received = this.dataRefs(value.data_assets_received);
    flow.data = [...new Set([...sent.ids, ...received.ids])];
    const unknown = [...new Set([...sent.unknown, ...received.unknown])];
    if (unknown.length > 0) {
      flow.notes.push(`Threagile's link also carries ${unknown.join(', ')}, which no data asset is (left out)`);
      this.report.notRead.push(`technical_assets.${from.title}.communication_links.${title}: data ${unknown.join(', ')} (no such data asset)`);
    }
    const access = accessOf(sent.ids.length > 0, received.ids.length > 0, value.readonly === true);
    if (access) flow.access = access;
    const description = scalarText(value.description);
    if (description !== undefined) flow.description = description;
    if (value.vpn === true) flow.notes.push('Threagile: over a VPN (vpn: true)');
    if (value.ip_filtered === true) flow.notes.push('Threagile: IP-filtered (ip_filtered: true)');
    flow.notes.push(`Threagile id: ${threagileId}`, ...this.leftover(value, ['target', 'description', 'protocol', 'authentication', 'data_assets_sent', 'data_assets_received', 'readonly', 'vpn', 'ip_filtered']));
    return flow;
  }

  private readBoundaries(entries: [string, PlainMap][]): DraftBoundary[] {
    const ids = new IdAllocator(['internet']);
    const drafts: { draft: DraftBoundary; value: PlainMap; title: string; threagileId: string }[] = [];
    for (const [title, raw] of entries) {
      const value = this.unknownKeys(raw, KEYS.boundary, ['trust_boundaries', title], {});
      const threagileId = scalarText(value.id) ?? title;
      const id = ids.allocate(threagileId, 'boundary');
      this.boundaryIds.set(threagileId, id);
      const draft: DraftBoundary = { ...annotated(`${this.file}: trust_boundaries.${title}`), id, trust: 'internal' };
      const type = scalarText(value.type);
      const description = scalarText(value.description);
      if (description !== undefined) draft.description = description;
      if (/\bdmz\b/i.test(`${title} ${description ?? ''}`)) draft.trust = 'dmz';
      else if (type === undefined || !BOUNDARY_TYPES.has(type)) draft.todos.push(`trust: Threagile's type ${type ? `\`${type}\`` : 'is not given'}; \`internal\` until you say`);
      if (type !== undefined) draft.notes.push(`Threagile type: ${type}`);
      draft.notes.push(...this.leftover(value, ['id', 'description', 'type', 'technical_assets_inside', 'trust_boundaries_nested']));
      drafts.push({ draft, value, title, threagileId });
    }
    // Nesting: a boundary is within the one whose trust_boundaries_nested lists it.
    const parent = new Map<string, string>();
    for (const { value, title, draft } of drafts) {
      for (const nested of textList(value.trust_boundaries_nested)) {
        const child = this.boundaryIds.get(nested);
        if (child === undefined) {
          this.report.notRead.push(`trust_boundaries.${title}.trust_boundaries_nested: ${nested} (no such trust boundary)`);
        } else if (parent.has(child)) {
          this.report.notRead.push(`trust_boundaries.${title}.trust_boundaries_nested: ${nested} is already nested in ${parent.get(child)}`);
        } else if (child !== draft.id) {
          parent.set(child, draft.id);
        }
      }
    }
    const depth = (id: string): number => {
      let d = 0;
      for (let at = parent.get(id), seen = new Set([id]); at !== undefined && !seen.has(at); at = parent.get(at), d++) seen.add(at);
      return d;
    };
    for (const { draft } of drafts) {
      const within = parent.get(draft.id);
      // A cycle of nesting would be a model error: it is cut where it closes.
      if (within !== undefined && !this.closesCycle(parent, draft.id)) draft.within = within;
    }
    // An asset's boundary: the innermost (deepest) boundary whose technical_assets_inside lists it.
    const placed = new Map<string, { boundary: string; depth: number }>();
    for (const { value, draft, title } of drafts) {
      for (const assetId of textList(value.technical_assets_inside)) {
        const asset = this.assets.get(assetId);
        if (!asset) {
          this.report.notRead.push(`trust_boundaries.${title}.technical_assets_inside: ${assetId} (no such technical asset)`);
          continue;
        }
        const d = depth(draft.id);
        const earlier = placed.get(assetId);
        if (!earlier || d > earlier.depth) placed.set(assetId, { boundary: draft.id, depth: d });
      }
    }
    const boundaries = drafts.map((d) => d.draft);
    let unassigned: string | undefined;
    for (const [threagileId, asset] of this.assets) {
      const at = placed.get(threagileId);
      if (at) asset.service.boundary = at.boundary;
      else if (asset.value.internet === true) asset.service.boundary = 'internet';
      else {
        if (unassigned === undefined) {
          unassigned = ids.allocate('unassigned', 'unassigned');
          boundaries.push({ ...annotated(), id: unassigned, trust: 'internal', todos: ['the Threagile model puts these components in no trust boundary: move each to its zone'] });
        }
        asset.service.boundary = unassigned;
        asset.service.todos.push('boundary: in no Threagile trust boundary; name the zone it runs in');
      }
    }
    return boundaries;
  }

  private closesCycle(parent: Map<string, string>, id: string): boolean {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined; at = parent.get(at)) {
      if (seen.has(at)) return true;
      seen.add(at);
    }
    return false;
  }

  private readRuntimes(entries: [string, PlainMap][]): void {
    for (const [title, raw] of entries) {
      const value = this.unknownKeys(raw, KEYS.runtime, ['shared_runtimes', title], {});
      const members: AssetEntry[] = [];
      for (const assetId of textList(value.technical_assets_running)) {
        const asset = this.assets.get(assetId);
        if (asset) members.push(asset);
        else this.report.notRead.push(`shared_runtimes.${title}.technical_assets_running: ${assetId} (no such technical asset)`);
      }
      for (const m of members) {
        const sharedWith = (m.service.runtime ??= {})['shared-with'] ??= [];
        for (const other of members) if (other !== m && !sharedWith.includes(other.id)) sharedWith.push(other.id);
        m.service.notes.push(`runs on Threagile's shared runtime "${title}"${value.id ? ` (${scalarText(value.id)})` : ''}`);
      }
    }
  }

  private dataRefs(list: Plain | undefined): { ids: string[]; unknown: string[] } {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const ref of textList(list)) {
      const id = this.dataIds.get(ref);
      if (id !== undefined) ids.push(id);
      else unknown.push(ref);
    }
    return { ids: [...new Set(ids)], unknown };
  }

  /** What the entry says beyond the keys read, as comment lines: short values on one line, texts and lists on their own. */
  private leftover(value: PlainMap, read: readonly string[]): string[] {
    const short: string[] = [];
    const long: string[] = [];
    for (const [key, v] of Object.entries(value)) {
      if (read.includes(key) || v === null || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      if (Array.isArray(v)) long.push(`${key}: ${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}`);
      else if (typeof v === 'object') long.push(`${key}: ${JSON.stringify(v)}`);
      else if (typeof v === 'string' && (v.length > 40 || /\s/.test(v.trim()))) long.push(`${key}: ${v.trim().replace(/\s*\n\s*/g, ' ')}`);
      else short.push(`${key}=${String(v).trim()}`);
    }
    return [...(short.length > 0 ? [`Threagile: ${short.join(' ')}`] : []), ...long];
  }

  private footer(top: PlainMap): string[] {
    const footer: string[] = [];
    const dump = (value: Plain): string[] => stringify(value, { lineWidth: 0 }).trimEnd().split('\n');
    for (const key of TRAILER_SECTIONS) {
      const value = top[key];
      if (value === undefined || value === null || (isPlainMap(value) && Object.keys(value).length === 0)) continue;
      const count = isPlainMap(value) ? Object.keys(value).length : Array.isArray(value) ? value.length : 1;
      this.report.keptAsComments.push(`${key} (${count})`);
      const title = key === 'risk_tracking' || key === 'individual_risk_categories'
        ? `Threagile's ${key} (its rule ids are Threagile's, not Moat's), as the model wrote it:`
        : `Threagile's ${key}, as the model wrote it:`;
      footerBlock(footer, title, dump({ [key]: value }));
    }
    const about: PlainMap = {};
    for (const key of ABOUT_KEYS) if (top[key] !== undefined && top[key] !== null && top[key] !== '') about[key] = top[key];
    // Diagram tweaks, and top-level keys of other versions (named in the summary as not read), as written.
    for (const key of Object.keys(top)) if (/^diagram_tweak_/.test(key) || !KEYS.top.includes(key)) about[key] = top[key];
    if (Object.keys(about).length > 0) {
      this.report.keptAsComments.push(...Object.keys(about));
      footerBlock(footer, 'The rest of the Threagile model, as it wrote it:', dump(about));
    }
    return footer;
  }
}

/** `X-encrypted` → X over TLS; Threagile's reverse-proxy protocol → http(s); the rest as written. */
export function mapProtocol(protocol: string): { protocol: string; tls?: Tls } {
  if (protocol === 'reverse-proxy-web-protocol') return { protocol: 'http' };
  if (protocol === 'reverse-proxy-web-protocol-encrypted') return { protocol: 'https' };
  const encrypted = /^(.+)-encrypted$/.exec(protocol);
  if (encrypted) return { protocol: toId(encrypted[1]) || 'unknown', tls: 'tls' };
  return { protocol: toId(protocol) || 'unknown' };
}

export function accessOf(sent: boolean, received: boolean, readonly: boolean): Access | undefined {
  if (sent && received) return 'read-write';
  if (sent) return 'write';
  if (received) return 'read';
  return readonly ? 'read' : undefined;
}

/** Personal data, where the data asset's tags or description say so (never from its rating). */
function saysPersonalData(value: PlainMap): boolean {
  const tags = textList(value.tags).map((t) => t.toLowerCase());
  if (tags.some((t) => ['pii', 'personal-data', 'personal data', 'gdpr'].includes(t))) return true;
  const description = scalarText(value.description) ?? '';
  return /\b(PII|personal(ly identifiable)? (data|information))\b/i.test(description);
}

function scalarText(value: Plain | undefined): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function textList(value: Plain | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => scalarText(v)).filter((v): v is string => v !== undefined && v !== '');
}

