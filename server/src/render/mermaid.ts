// A diagram (plain data) → Mermaid flowchart text. Pure and free of Node: the webview and the
// offline HTML page run it in the browser to redraw a filtered view.
//
// Mermaid reads its own syntax out of labels (quotes, brackets, `#`, entities, markdown
// strings) and renders labels as HTML, so every piece of model text is escaped into Mermaid
// entity codes: whatever a name or a technology says, it is shown as text.

import type { Kind, Severity, Trust } from '../model/types.js';
import { severityRank } from '../model/types.js';
import { DELIVERY_PIPELINE_KINDS } from '../model/vocabulary.js';
import type { Diagram, DiagramEdge, DiagramFinding, DiagramGroup, DiagramNode } from './diagram.js';
import type { DiagramLevel, DrawModel } from './drawing.js';

/** What part of the model to draw. */
export interface DiagramView {
  /** The level of the whole model's drawing (levels.ts); by default set by the model's size. */
  level?: DiagramLevel;
  /** One component and its neighbours. */
  focus?: string;
  /** One boundary (with those within it), and the components its members talk to. */
  boundary?: string;
}

/** Past these a model is not drawn whole: the panel asks for a filter. Measured in bench/diagram.ts. */
export const DRAW_LIMITS = { nodes: 400, edges: 1200 } as const;

export interface MermaidOutput {
  text: string;
  /** Mermaid node id → component id. */
  nodes: Map<string, string>;
  /** Mermaid subgraph id → boundary id. */
  groups: Map<string, string>;
  /** The drawn flows, in Mermaid's link order (the index `linkStyle` uses). */
  edges: { target: string; from: string; to: string }[];
  /** What the view left out, for saying so. */
  hidden: { nodes: number; edges: number };
}

export function worstSeverity(findings: readonly DiagramFinding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  return worst;
}

/**
 * Text for a quoted Mermaid label: Mermaid's entity codes (`#quot;`, `#60;`) for everything it
 * would read as syntax or markup, no line breaks, no control characters.
 */
export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += ' ';
    } else if (/[A-Za-z0-9 .,:/_+=@-]/.test(ch) || code > 0x7f) {
      out += ch;
    } else {
      out += `#${code};`;
    }
  }
  return out;
}

/** Gives each element an id Mermaid accepts (letters, digits, `_`), distinct across the diagram. */
class MermaidIds {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  id(prefix: string, elementId: string): string {
    const key = `${prefix}:${elementId}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${elementId.replace(/[^A-Za-z0-9]/g, '_')}`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}__${n}`;
    this.used.add(candidate);
    this.byKey.set(key, candidate);
    return candidate;
  }
}

/** Shapes by kind (every kind of vocabulary.ts), in the classic syntax every Mermaid (and GitHub) draws. */
const SHAPES: Record<Kind, [string, string]> = {
  user: ['(["', '"])'],
  external: ['>"', '"]'],
  gateway: ['{{"', '"}}'],
  frontend: ['("', '")'],
  service: ['["', '"]'],
  function: ['[/"', '"/]'],
  database: ['[("', '")]'],
  cache: ['[("', '")]'],
  storage: ['[("', '")]'],
  queue: ['[["', '"]]'],
  'identity-provider': ['[/"', '"\\]'],
  'secrets-manager': ['[/"', '"\\]'],
  monitoring: ['[\\"', '"/]'],
  repository: ['[("', '")]'],
  ci: ['[\\"', '"\\]'],
  registry: ['(("', '"))'],
};

/** The delivery pipeline's fill (brown): repositories, CI and registries. */
export const PIPELINE_FILL = '#efebe9';

export const TRUST_STYLE: Record<Trust, { fill: string; stroke: string }> = {
  untrusted: { fill: '#e5393514', stroke: '#e53935' },
  dmz: { fill: '#fb8c0014', stroke: '#fb8c00' },
  internal: { fill: '#1e88e514', stroke: '#1e88e5' },
  restricted: { fill: '#8e24aa14', stroke: '#8e24aa' },
};

export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#b71c1c', high: '#e53935', medium: '#fb8c00', low: '#c0a000', info: '#78909c',
};

export const FLOW_STYLE = {
  unencrypted: 'stroke:#d32f2f,stroke-width:2.5px,stroke-dasharray:8 4',
  unauthenticated: 'stroke:#ef6c00,stroke-width:2.5px,stroke-dasharray:2 4',
  both: 'stroke:#d32f2f,stroke-width:3px,stroke-dasharray:2 4',
} as const;

/** The view's part of the diagram. An unknown focus or boundary selects nothing. */
export function selectView(diagram: Diagram, view: DiagramView = {}): Diagram {
  if (view.focus === undefined && view.boundary === undefined) return diagram;
  let keepNode: Set<string>;
  let keepEdge: (e: DiagramEdge) => boolean;
  if (view.focus !== undefined) {
    const focus = view.focus;
    keepEdge = (e) => e.from === focus || e.to === focus;
    keepNode = new Set(diagram.nodes.some((n) => n.id === focus) ? [focus] : []);
  } else {
    const inside = new Set([view.boundary!]);
    // Nested boundaries count as inside; parents are listed before or after their children.
    for (let grew = true; grew;) {
      grew = false;
      for (const g of diagram.groups) if (g.parent && inside.has(g.parent) && !inside.has(g.id)) inside.add(g.id), (grew = true);
    }
    keepNode = new Set(diagram.nodes.filter((n) => n.group !== undefined && inside.has(n.group)).map((n) => n.id));
    const members = new Set(keepNode);
    keepEdge = (e) => members.has(e.from) || members.has(e.to);
  }
  const edges = keepNode.size === 0 ? [] : diagram.edges.filter(keepEdge);
  for (const e of edges) keepNode.add(e.from), keepNode.add(e.to);
  const nodes = diagram.nodes.filter((n) => keepNode.has(n.id));
  return { ...diagram, nodes, edges, groups: groupsFor(diagram.groups, nodes) };
}

/** The groups that hold a node, directly or through a group within them. */
function groupsFor(groups: readonly DiagramGroup[], nodes: readonly DiagramNode[]): DiagramGroup[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const used = new Set<string>();
  for (const n of nodes) {
    for (let g = n.group; g !== undefined && !used.has(g); g = byId.get(g)?.parent) used.add(g);
  }
  return groups.filter((g) => used.has(g.id));
}

function findingBadge(findings: readonly DiagramFinding[]): string | undefined {
  const worst = worstSeverity(findings);
  if (!worst) return undefined;
  return `⚠ ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${worst})`;
}

function nodeLabel(n: DiagramNode): string {
  const lines = [escapeLabel(n.id), escapeLabel(n.tech ? `${n.kind} · ${n.tech}` : n.kind)];
  const badge = findingBadge(n.findings);
  if (badge) lines.push(escapeLabel(badge));
  return lines.join('<br>');
}

function groupLabel(g: DiagramGroup): string {
  const badge = findingBadge(g.findings);
  return escapeLabel(`${g.id} · ${g.trust}${badge ? ` · ${badge}` : ''}`);
}

const IMPLIES_TLS = new Set(['https', 'wss', 'amqps', 'mqtts', 'smtps', 'ldaps', 'ssh', 'sftp', 'ftps', 'tls']);

export function edgeLabel(e: DiagramEdge): string {
  return escapeLabel(edgeText(e));
}

/** A flow's label as plain text: `protocol · TLS · auth`, `async`, the worst finding. */
export function edgeText(e: DiagramEdge): string {
  const parts = [e.protocol];
  if (e.tls === 'none') parts.push('no TLS');
  else if (e.tls === undefined) parts.push('TLS?');
  else if (e.tls === 'mtls') parts.push('mTLS');
  else if (!IMPLIES_TLS.has(e.protocol)) parts.push('TLS');
  parts.push(e.auth === undefined ? 'auth?' : e.auth === 'none' ? 'no auth' : e.auth);
  if (e.async) parts.push('async');
  const worst = worstSeverity(e.findings);
  if (worst) parts.push(`⚠ ${worst}`);
  return parts.join(' · ');
}

/** Mermaid flowchart text for the diagram, or the view's part of it. */
export function toMermaid(full: Diagram, view: DiagramView = {}): MermaidOutput {
  const diagram = selectView(full, view);
  const ids = new MermaidIds();
  const lines: string[] = ['flowchart LR'];
  const nodeIds = new Map<string, string>();
  const groupIds = new Map<string, string>();

  const childrenOf = new Map<string | undefined, DiagramGroup[]>();
  const groupIdsDrawn = new Set(diagram.groups.map((g) => g.id));
  for (const g of diagram.groups) {
    const parent = g.parent !== undefined && groupIdsDrawn.has(g.parent) ? g.parent : undefined;
    const list = childrenOf.get(parent) ?? [];
    list.push(g);
    childrenOf.set(parent, list);
  }
  const nodesIn = new Map<string | undefined, DiagramNode[]>();
  for (const n of diagram.nodes) {
    const group = n.group !== undefined && groupIdsDrawn.has(n.group) ? n.group : undefined;
    const list = nodesIn.get(group) ?? [];
    list.push(n);
    nodesIn.set(group, list);
  }

  const classes: string[] = [];
  const writeNode = (n: DiagramNode, indent: string) => {
    const id = ids.id('s', n.id);
    nodeIds.set(id, n.id);
    const [open, close] = SHAPES[n.kind] ?? SHAPES.service;
    lines.push(`${indent}${id}${open}${nodeLabel(n)}${close}`);
    classes.push(`class ${id} kind_${n.kind.replace(/-/g, '_')}`);
    const worst = worstSeverity(n.findings);
    if (worst) classes.push(`class ${id} sev_${worst}`);
  };
  const writeGroup = (g: DiagramGroup, depth: number, seen: Set<string>) => {
    if (seen.has(g.id)) return;
    seen.add(g.id);
    const indent = '  '.repeat(depth);
    const id = ids.id('b', g.id);
    groupIds.set(id, g.id);
    lines.push(`${indent}subgraph ${id}["${groupLabel(g)}"]`);
    for (const child of childrenOf.get(g.id) ?? []) writeGroup(child, depth + 1, seen);
    for (const n of nodesIn.get(g.id) ?? []) writeNode(n, `${indent}  `);
    lines.push(`${indent}end`);
    classes.push(`class ${id} trust_${g.trust}`);
  };
  const seen = new Set<string>();
  for (const g of childrenOf.get(undefined) ?? []) writeGroup(g, 1, seen);
  for (const n of nodesIn.get(undefined) ?? []) writeNode(n, '  ');

  const edges: MermaidOutput['edges'] = [];
  const styled: Record<keyof typeof FLOW_STYLE, number[]> = { unencrypted: [], unauthenticated: [], both: [] };
  for (const e of diagram.edges) {
    const from = ids.id('s', e.from);
    const to = ids.id('s', e.to);
    lines.push(`  ${from} -->|"${edgeLabel(e)}"| ${to}`);
    const index = edges.length;
    edges.push({ target: e.target, from: e.from, to: e.to });
    const plain = e.tls === 'none';
    const anonymous = e.auth === 'none';
    if (plain && anonymous) styled.both.push(index);
    else if (plain) styled.unencrypted.push(index);
    else if (anonymous) styled.unauthenticated.push(index);
  }

  for (const [trust, s] of Object.entries(TRUST_STYLE)) {
    lines.push(`  classDef trust_${trust} fill:${s.fill},stroke:${s.stroke},stroke-width:1.5px`);
  }
  lines.push('  classDef kind_external stroke-dasharray:5 3');
  // The delivery pipeline in one colour, so what builds and ships the code stands out.
  for (const kind of DELIVERY_PIPELINE_KINDS) lines.push(`  classDef kind_${kind} fill:${PIPELINE_FILL},color:#3e2723`);
  for (const [severity, color] of Object.entries(SEVERITY_COLOR)) {
    lines.push(`  classDef sev_${severity} stroke:${color},stroke-width:${severity === 'critical' || severity === 'high' ? 3 : 2}px`);
  }
  lines.push(...classes.map((c) => `  ${c}`));
  for (const [kind, indexes] of Object.entries(styled) as [keyof typeof FLOW_STYLE, number[]][]) {
    if (indexes.length > 0) lines.push(`  linkStyle ${indexes.join(',')} ${FLOW_STYLE[kind]}`);
  }

  return {
    text: `${lines.join('\n')}\n`,
    nodes: nodeIds,
    groups: groupIds,
    edges,
    hidden: { nodes: full.nodes.length - diagram.nodes.length, edges: full.edges.length - diagram.edges.length },
  };
}

/** Whether the view is too large to draw whole (measured: see bench/diagram.ts). */
export function tooLargeToDraw(diagram: Diagram, view: DiagramView = {}): boolean {
  const part = selectView(diagram, view);
  return part.nodes.length > DRAW_LIMITS.nodes || part.edges.length > DRAW_LIMITS.edges;
}

/** What the legend explains, in the order it lists them. */
export const LEGEND = {
  kinds: [
    ['user', 'a person (stadium)'],
    ['external', 'a third-party system (flag, dashed)'],
    ['gateway', 'gateway, ingress, proxy (hexagon)'],
    ['frontend', 'web or mobile client (rounded)'],
    ['service', 'service (rectangle)'],
    ['function', 'serverless function (parallelogram)'],
    ['database, cache, storage', 'datastore (cylinder)'],
    ['queue', 'queue or topic (double-sided box)'],
    ['identity-provider, secrets-manager', 'security service (trapezoid)'],
    ['monitoring', 'monitoring (inverted trapezoid)'],
    ['repository', 'source code repository (cylinder, brown)'],
    ['ci', 'build and deployment pipeline (parallelogram leaning left, brown)'],
    ['registry', 'image or artifact registry (circle, brown)'],
  ] as [string, string][],
  flows: [
    ['unencrypted', 'no TLS (red, long dashes)', FLOW_STYLE.unencrypted],
    ['unauthenticated', 'no auth (orange, dotted)', FLOW_STYLE.unauthenticated],
    ['both', 'neither (red, dotted)', FLOW_STYLE.both],
  ] as [string, string, string][],
};

/**
 * Mermaid text for a drawing at any level (levels.ts): collapsed boundaries as nodes, merged
 * edges with their combined labels. The Markdown report and export use it.
 */
export function drawingToMermaid(drawing: DrawModel): string {
  const ids = new MermaidIds();
  const lines: string[] = ['flowchart LR'];
  const classes: string[] = [];
  const childGroups = new Map<string | undefined, DrawModel['groups']>();
  const drawnGroups = new Set(drawing.groups.map((g) => g.id));
  for (const g of drawing.groups) {
    const parent = g.parent !== undefined && drawnGroups.has(g.parent) ? g.parent : undefined;
    childGroups.set(parent, [...(childGroups.get(parent) ?? []), g]);
  }
  const nodesIn = new Map<string | undefined, DrawModel['nodes']>();
  for (const n of drawing.nodes) {
    const parent = n.parent !== undefined && drawnGroups.has(n.parent) ? n.parent : undefined;
    nodesIn.set(parent, [...(nodesIn.get(parent) ?? []), n]);
  }
  const nodeKey = (n: { role: string; id: string }) => (n.role === 'boundary' ? ids.id('b', n.id) : ids.id('s', n.id));
  const writeNodes = (parent: string | undefined, indent: string) => {
    for (const n of nodesIn.get(parent) ?? []) {
      const id = nodeKey(n);
      const [open, close] = n.role === 'boundary' ? ['["', '"]'] : SHAPES[n.kind as Kind] ?? SHAPES.service;
      lines.push(`${indent}${id}${open}${[n.title, ...n.lines].map(escapeLabel).join('<br>')}${close}`);
      if (n.role === 'boundary' && n.trust) classes.push(`class ${id} trust_${n.trust}`);
      else classes.push(`class ${id} kind_${n.kind.replace(/-/g, '_')}`);
      if (n.worst) classes.push(`class ${id} sev_${n.worst}`);
    }
  };
  const seen = new Set<string>();
  const writeGroup = (g: DrawModel['groups'][number], depth: number) => {
    if (seen.has(g.id)) return;
    seen.add(g.id);
    const indent = '  '.repeat(depth);
    const id = ids.id('g', g.id);
    lines.push(`${indent}subgraph ${id}["${escapeLabel(g.title)}"]`);
    for (const child of childGroups.get(g.id) ?? []) writeGroup(child, depth + 1);
    writeNodes(g.id, `${indent}  `);
    lines.push(`${indent}end`);
    classes.push(`class ${id} trust_${g.trust}`);
  };
  for (const g of childGroups.get(undefined) ?? []) writeGroup(g, 1);
  writeNodes(undefined, '  ');
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  const styled: Record<keyof typeof FLOW_STYLE, number[]> = { unencrypted: [], unauthenticated: [], both: [] };
  drawing.edges.forEach((e, index) => {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) return;
    lines.push(`  ${nodeKey(from)} -->|"${escapeLabel(e.label)}"| ${nodeKey(to)}`);
    if (e.style !== 'plain') styled[e.style].push(index);
  });
  for (const [trust, s] of Object.entries(TRUST_STYLE)) lines.push(`  classDef trust_${trust} fill:${s.fill},stroke:${s.stroke},stroke-width:1.5px`);
  lines.push('  classDef kind_external stroke-dasharray:5 3');
  for (const [severity, color] of Object.entries(SEVERITY_COLOR)) {
    lines.push(`  classDef sev_${severity} stroke:${color},stroke-width:${severity === 'critical' || severity === 'high' ? 3 : 2}px`);
  }
  lines.push(...classes.map((c) => `  ${c}`));
  for (const [kind, indexes] of Object.entries(styled) as [keyof typeof FLOW_STYLE, number[]][]) {
    if (indexes.length > 0) lines.push(`  linkStyle ${indexes.join(',')} ${FLOW_STYLE[kind]}`);
  }
  return `${lines.join('\n')}\n`;
}
