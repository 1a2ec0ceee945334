// What a drawing shows at a level (docs/diagrams.md, Levels): from the model's diagram (every
// component, boundary and flow) to the boxes, groups and edges one picture draws. Pure data, no
// layout: the static SVG, the report and the panel all start here.
//
// - `full`: every component, boundaries as groups.
// - `overview`: each boundary that holds components is one node (name, trust, component count,
//   worst finding); a boundary with boundaries inside it stays a group around them. Users and
//   externals are drawn as themselves.
// - `boundary`: one boundary's components (and those of boundaries within it); the components
//   they talk to collapsed into their boundaries.
// - `focus`: one component and its direct neighbours.
// Flows between the same two drawn nodes in one direction are one edge with a combined label.

import type { Diagram, DiagramEdge, DiagramFinding, DiagramGroup, DiagramNode } from './diagram.js';
import { edgeText, selectView, worstSeverity } from './mermaid.js';
import type { DiagramLevel, DrawEdge, DrawGroup, DrawModel, DrawNode, FlowStyle } from './drawing.js';

export { DIAGRAM_LEVELS } from './drawing.js';
export type { DiagramLevel, DrawEdge, DrawGroup, DrawModel, DrawNode, FlowStyle } from './drawing.js';

/** Above this many components the panel and the report open on the overview. */
export const OVERVIEW_ABOVE = 25;

export interface LevelOptions {
  /** Default: `overview` above OVERVIEW_ABOVE components, else `full` (ignored with boundary or focus). */
  level?: DiagramLevel;
  /** One boundary's components, its neighbours collapsed. */
  boundary?: string;
  /** One component and its direct neighbours. */
  focus?: string;
  /** Components above which the default level is the overview. */
  overviewAbove?: number;
}

/** The level drawn when none is asked for. */
export function defaultLevel(diagram: Diagram, overviewAbove = OVERVIEW_ABOVE): DiagramLevel {
  return diagram.nodes.length > overviewAbove ? 'overview' : 'full';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function badge(findings: readonly DiagramFinding[]): string | undefined {
  const worst = worstSeverity(findings);
  return worst ? `⚠ ${plural(findings.length, 'finding')} (${worst})` : undefined;
}

function tooltipOf(description: string | undefined, findings: readonly DiagramFinding[]): string {
  return [description, ...findings.map((f) => `${f.severity}: ${f.message}`)].filter(Boolean).join('\n');
}

function isPerson(n: DiagramNode): boolean {
  return n.kind === 'user' || n.kind === 'external';
}

function componentNode(n: DiagramNode, parent: string | undefined): DrawNode {
  const b = badge(n.findings);
  return {
    id: n.id,
    role: 'component',
    kind: n.kind,
    parent,
    title: n.id,
    lines: [n.tech ? `${n.kind} · ${n.tech}` : n.kind, ...(b ? [b] : [])],
    worst: worstSeverity(n.findings),
    tooltip: tooltipOf(n.description, n.findings),
  };
}

function groupOf(g: DiagramGroup, parent: string | undefined, extra: string[] = [], findings: readonly DiagramFinding[] = g.findings): DrawGroup {
  const b = badge(findings);
  return {
    id: g.id,
    trust: g.trust,
    parent,
    title: [`${g.id} · ${g.trust}`, ...extra, ...(b ? [b] : [])].join(' · '),
    worst: worstSeverity(findings),
    tooltip: tooltipOf(g.description, g.findings),
  };
}

/** Boundary structure: children, ancestors, members. */
class Boundaries {
  readonly byId: Map<string, DiagramGroup>;
  readonly children = new Map<string, DiagramGroup[]>();
  readonly members = new Map<string, DiagramNode[]>();

  constructor(readonly diagram: Diagram) {
    this.byId = new Map(diagram.groups.map((g) => [g.id, g]));
    for (const g of diagram.groups) {
      if (g.parent === undefined || !this.byId.has(g.parent)) continue;
      const list = this.children.get(g.parent) ?? [];
      list.push(g);
      this.children.set(g.parent, list);
    }
    for (const n of diagram.nodes) {
      if (n.group === undefined || !this.byId.has(n.group)) continue;
      const list = this.members.get(n.group) ?? [];
      list.push(n);
      this.members.set(n.group, list);
    }
  }

  parent(id: string): string | undefined {
    const p = this.byId.get(id)?.parent;
    return p !== undefined && this.byId.has(p) ? p : undefined;
  }

  /** The boundary and every boundary within it. */
  within(id: string): Set<string> {
    const out = new Set<string>();
    const visit = (b: string) => {
      if (out.has(b)) return;
      out.add(b);
      for (const c of this.children.get(b) ?? []) visit(c.id);
    };
    visit(id);
    return out;
  }

  /** Every component in the boundary, nested ones included. */
  allMembers(id: string): DiagramNode[] {
    return [...this.within(id)].flatMap((b) => this.members.get(b) ?? []);
  }

  ancestors(id: string): Set<string> {
    const out = new Set<string>();
    for (let b = this.parent(id); b !== undefined && !out.has(b); b = this.parent(b)) out.add(b);
    return out;
  }
}

/** A collapsed boundary: one node with its name, trust, how many components and the worst finding. */
function collapsedNode(g: DiagramGroup, bs: Boundaries, parent: string | undefined): DrawNode {
  const members = bs.allMembers(g.id).filter((n) => !isPerson(n));
  const findings = [...g.findings, ...members.flatMap((n) => n.findings)];
  const worst = worstSeverity(findings);
  const open = findings.length;
  return {
    id: g.id,
    role: 'boundary',
    kind: 'boundary',
    parent,
    title: g.id,
    lines: [`${g.trust} · ${plural(members.length, 'component')}`, open ? `⚠ ${plural(open, 'finding')} (${worst})` : 'no open findings'],
    trust: g.trust,
    worst,
    tooltip: tooltipOf(g.description, g.findings),
  };
}

/** Where each component is drawn: itself, or inside the collapsed boundary node it belongs to. */
type Placement = Map<string, string>;

export function diagramAt(diagram: Diagram, options: LevelOptions = {}): DrawModel {
  const bs = new Boundaries(diagram);
  if (options.focus !== undefined) return fullDrawing(selectView(diagram, { focus: options.focus }), { level: 'full', focus: options.focus });
  if (options.boundary !== undefined) return boundaryDrawing(diagram, bs, options.boundary);
  const level = options.level ?? defaultLevel(diagram, options.overviewAbove);
  return level === 'full' ? fullDrawing(diagram, { level }) : overviewDrawing(diagram, bs);
}

function fullDrawing(diagram: Diagram, head: Pick<DrawModel, 'level' | 'focus'>): DrawModel {
  const drawn = new Set(diagram.groups.map((g) => g.id));
  const groups = diagram.groups.map((g) => groupOf(g, g.parent !== undefined && drawn.has(g.parent) ? g.parent : undefined));
  const nodes = diagram.nodes.map((n) => componentNode(n, n.group !== undefined && drawn.has(n.group) ? n.group : undefined));
  const placement: Placement = new Map(diagram.nodes.map((n) => [n.id, n.id]));
  return { title: diagram.title, ...head, groups, nodes, edges: mergeEdges(diagram.edges, placement, false) };
}

function overviewDrawing(diagram: Diagram, bs: Boundaries): DrawModel {
  const groups: DrawGroup[] = [];
  const nodes: DrawNode[] = [];
  const placement: Placement = new Map();
  // A boundary with boundaries inside it stays a group; one without is a node. Users and
  // externals are drawn as themselves, outside the boundaries (the shape says what they are),
  // so that the picture reads from the people on one side to the third parties on the other.
  const visit = (g: DiagramGroup, parent: string | undefined) => {
    const kids = (bs.children.get(g.id) ?? []).filter((k) => bs.allMembers(k.id).some((n) => !isPerson(n)));
    const others = (bs.members.get(g.id) ?? []).filter((n) => !isPerson(n));
    if (kids.length === 0 && others.length === 0) return;
    if (kids.length === 0) {
      nodes.push(collapsedNode(g, bs, parent));
      for (const n of others) placement.set(n.id, g.id);
      return;
    }
    const all = bs.allMembers(g.id).filter((n) => !isPerson(n));
    groups.push(groupOf(g, parent, [plural(all.length, 'component')], [...g.findings, ...all.flatMap((n) => n.findings)]));
    for (const n of others) nodes.push(componentNode(n, g.id)), placement.set(n.id, n.id);
    for (const k of kids) visit(k, g.id);
  };
  for (const g of diagram.groups) if (bs.parent(g.id) === undefined) visit(g, undefined);
  for (const n of diagram.nodes) {
    if (!placement.has(n.id)) nodes.push(componentNode(n, undefined)), placement.set(n.id, n.id);
  }
  return { title: diagram.title, level: 'overview', groups, nodes, edges: mergeEdges(diagram.edges, placement, true) };
}

function boundaryDrawing(diagram: Diagram, bs: Boundaries, boundary: string): DrawModel {
  const known = bs.byId.has(boundary);
  // Boundaries within it are drawn open while the whole stays small, else as one node each.
  const open = known && bs.allMembers(boundary).length <= OVERVIEW_ABOVE;
  const inside = !known ? new Set<string>() : open ? bs.within(boundary) : new Set([boundary]);
  const ancestors = known ? bs.ancestors(boundary) : new Set<string>();
  const members = new Set(diagram.nodes.filter((n) => n.group !== undefined && inside.has(n.group)).map((n) => n.id));
  const placement: Placement = new Map([...members].map((id) => [id, id]));
  const nodes: DrawNode[] = diagram.nodes.filter((n) => members.has(n.id)).map((n) => componentNode(n, n.group));
  const groups = diagram.groups.filter((g) => inside.has(g.id)).map((g) => groupOf(g, g.id === boundary ? undefined : bs.parent(g.id)));
  if (known && !open) {
    for (const g of bs.children.get(boundary) ?? []) {
      const within = bs.allMembers(g.id);
      if (within.length === 0) continue;
      nodes.push(collapsedNode(g, bs, boundary));
      for (const n of within) placement.set(n.id, g.id);
    }
  }
  const edges = diagram.edges.filter((e) => placement.has(e.from) || placement.has(e.to));
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  // Neighbours: users, externals and components of the boundaries around this one as
  // themselves; the others collapsed into the boundary that holds them.
  const collapsed = new Set<string>();
  for (const e of edges) {
    for (const id of [e.from, e.to]) {
      if (placement.has(id)) continue;
      const n = byId.get(id);
      if (!n) continue;
      if (isPerson(n) || n.group === undefined || !bs.byId.has(n.group) || ancestors.has(n.group)) {
        nodes.push(componentNode(n, undefined));
        placement.set(id, id);
      } else {
        placement.set(id, n.group);
        if (!collapsed.has(n.group)) collapsed.add(n.group), nodes.push(collapsedNode(bs.byId.get(n.group)!, bs, undefined));
      }
    }
  }
  return { title: diagram.title, level: 'full', boundary, groups, nodes, edges: mergeEdges(edges, placement, false) };
}

/**
 * One edge per pair of drawn nodes and direction. A single flow keeps its own label and id;
 * merged flows are counted ("12 flows · 3 unencrypted · 1 unauthenticated"). Flows inside one
 * collapsed boundary are not drawn.
 */
function mergeEdges(edges: readonly DiagramEdge[], placement: Placement, _overview: boolean): DrawEdge[] {
  const byPair = new Map<string, DiagramEdge[]>();
  const pairs: [string, string, string][] = [];
  for (const e of edges) {
    const from = placement.get(e.from);
    const to = placement.get(e.to);
    if (from === undefined || to === undefined) continue;
    if (from === to && (from !== e.from || to !== e.to)) continue;
    const key = `${from}\u0000${to}`;
    const list = byPair.get(key);
    if (list) list.push(e);
    else byPair.set(key, [e]), pairs.push([key, from, to]);
  }
  return pairs.map(([key, from, to]) => {
    const flows = byPair.get(key)!;
    const findings = flows.flatMap((f) => f.findings);
    const worst = worstSeverity(findings);
    const unencrypted = flows.filter((f) => f.tls === 'none').length;
    const unauthenticated = flows.filter((f) => f.auth === 'none').length;
    const style: FlowStyle = unencrypted && unauthenticated ? 'both' : unencrypted ? 'unencrypted' : unauthenticated ? 'unauthenticated' : 'plain';
    if (flows.length === 1) {
      const f = flows[0];
      return { id: from === f.from && to === f.to ? f.target : `${from}->${to}`, from, to, flows: [f.target], label: edgeText(f), style, worst,
        tooltip: tooltipOf(`${f.target}${f.description ? `: ${f.description}` : ''}`, f.findings) };
    }
    const protocols = [...new Set(flows.map((f) => f.protocol))].sort();
    const parts = [plural(flows.length, 'flow')];
    if (from === flows[0].from && to === flows[0].to && protocols.length <= 3) parts.push(protocols.join(', '));
    if (unencrypted) parts.push(`${unencrypted} unencrypted`);
    if (unauthenticated) parts.push(`${unauthenticated} unauthenticated`);
    if (worst) parts.push(`⚠ ${worst}`);
    return { id: `${from}->${to}`, from, to, flows: flows.map((f) => f.target), label: parts.join(' · '), style, worst,
      tooltip: flows.map((f) => `${f.target}: ${edgeText(f)}`).join('\n') };
  });
}

