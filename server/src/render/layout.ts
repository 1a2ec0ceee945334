// Where everything of a drawing goes: ELK's layered layout (elkjs, the engine Mermaid's ELK
// layout wraps) with boundaries as nested groups, orthogonal edges routed around the boxes and
// each edge's label placed on it. Runs in Node and in the browser alike; the same model gives
// the same positions.

import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DrawEdge, DrawGroup, DrawModel, DrawNode } from './levels.js';
import { textWidth, truncate } from './text-metrics.js';

export type Direction = 'RIGHT' | 'DOWN';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidNode extends Box {
  node: DrawNode;
  /** The lines as drawn (long ones shortened), with their sizes. */
  text: TextLine[];
}

export interface LaidGroup extends Box {
  group: DrawGroup;
  text: TextLine;
  depth: number;
}

export interface LaidEdge {
  edge: DrawEdge;
  /** The route, from the caller to the callee, in absolute coordinates. */
  points: { x: number; y: number }[];
  label?: Box & { lines: string[]; size: number };
}

export interface TextLine {
  text: string;
  size: number;
  bold: boolean;
}

export interface Layout {
  model: DrawModel;
  width: number;
  height: number;
  groups: LaidGroup[];
  nodes: LaidNode[];
  edges: LaidEdge[];
}

/** Text sizes in px. Every one is at least 12 px: 8 pt in print needs 10.7. */
export const TEXT = {
  title: 14,
  line: 12,
  boundaryTitle: 15,
  boundaryLine: 13,
  group: 13,
  label: 12,
} as const;

const MAX_LINE = 260;
/** Edge labels wrap at their ` · ` past this width, so that label columns stay narrow. */
export const LABEL_WRAP = 190;

/** A label's lines: its ` · ` parts packed greedily into lines of at most `max` px (one part may be longer, shortened). */
export function wrapLabel(label: string, size: number, max: number): string[] {
  const lines: string[] = [];
  for (const part of label.split(' · ')) {
    const last = lines.length - 1;
    if (last >= 0 && textWidth(`${lines[last]} · ${part}`, size) <= max) lines[last] = `${lines[last]} · ${part}`;
    else lines.push(truncate(part, size, max * 1.6));
  }
  return lines;
}
const LINE_GAP = 4;
const PAD_X = 14;
const PAD_Y = 9;
/** Shapes whose sides slant or curve need room beside or above the text. */
const SLANTED = new Set(['gateway', 'function', 'identity-provider', 'secrets-manager', 'monitoring', 'external', 'user']);
const CYLINDER = new Set(['database', 'cache', 'storage']);
export const CYLINDER_RY = 7;
/** The band at the top of a group that holds its title. */
export const GROUP_TITLE_HEIGHT = 28;
/** Where a group's title is written, from the group's top-left corner: its text's left end and middle. */
export const GROUP_TITLE_AT = { x: 12, y: GROUP_TITLE_HEIGHT / 2 } as const;

/** The area of a group's title that no edge crosses and no label covers: its text, 6 px around it, down to the band's foot. */
export function groupTitleBox(g: Box & { text: TextLine }): Box {
  return { x: g.x + GROUP_TITLE_AT.x - 6, y: g.y + 4, width: textWidth(g.text.text, g.text.size, true) + 12, height: GROUP_TITLE_HEIGHT - 4 };
}

export function nodeText(n: DrawNode, k: number): TextLine[] {
  const boundary = n.role === 'boundary';
  const title = Math.round((boundary ? TEXT.boundaryTitle : TEXT.title) * k);
  const line = Math.round((boundary ? TEXT.boundaryLine : TEXT.line) * k);
  return [
    { text: truncate(n.title, title, MAX_LINE * k, true), size: title, bold: true },
    ...n.lines.map((l) => ({ text: truncate(l, line, MAX_LINE * k), size: line, bold: false })),
  ];
}

export function lineHeight(l: TextLine): number {
  return Math.round(l.size * 1.25);
}

export function nodeSize(n: DrawNode, text: TextLine[]): { width: number; height: number } {
  const textW = Math.max(...text.map((l) => textWidth(l.text, l.size, l.bold)));
  const textH = text.reduce((h, l) => h + lineHeight(l), 0) + LINE_GAP * (text.length - 1);
  const extraW = SLANTED.has(n.kind) ? 28 : 0;
  const extraH = CYLINDER.has(n.kind) ? CYLINDER_RY * 2 : 0;
  const minW = n.role === 'boundary' ? 170 : 120;
  return { width: Math.ceil(Math.max(minW, textW + 2 * PAD_X + extraW)), height: Math.ceil(textH + 2 * PAD_Y + extraH + (n.role === 'boundary' ? 8 : 0)) };
}

/**
 * A group's padding: a band at the top for its title, or, with `beside`, room on the left, the
 * content starting right of the title and level with it. ELK puts the ports where edges cross a
 * group's side next to the group's content, so with the title beside the content no edge comes
 * down through it.
 */
function titlePadding(titleWidth: number, beside: boolean): string {
  if (beside) return `[top=12,left=${Math.ceil(GROUP_TITLE_AT.x + titleWidth + 14)},bottom=16,right=16]`;
  return `[top=${GROUP_TITLE_HEIGHT + 12},left=16,bottom=16,right=16]`;
}

/** The groups whose title an edge crosses or an edge label covers. */
function crossedTitles(layout: Layout): string[] {
  const over = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  return layout.groups.filter((g) => {
    const title = groupTitleBox(g);
    return layout.edges.some((e) => (e.label && over(e.label, title)) || e.points.some((p, i) => {
      if (i === 0) return false;
      const q = e.points[i - 1];
      // Orthogonal routes: a segment's bounding box is the segment.
      return over({ x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), width: Math.abs(p.x - q.x), height: Math.abs(p.y - q.y) }, title);
    }));
  }).map((g) => g.group.id);
}

let engine: Promise<ELK> | undefined;

/** ELK, loaded on first use: `moat check` and the language server never pay for it. */
function elk(): Promise<ELK> {
  engine ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const exported = m.default as unknown as { default?: new () => ELK } & (new () => ELK);
    return new (exported.default ?? exported)();
  });
  return engine;
}

export interface LayoutOptions {
  direction?: Direction;
  /** Text larger than TEXT by this factor (the overview's, read at Fit). */
  textScale?: number;
}

/**
 * Lays the drawing out, no edge over a group's title. Left to right, edges enter and leave a group
 * through its left and right sides, below the title band. Top to bottom, they come down into a
 * group through its top, above the content they go to: a group whose own components are called
 * from outside it has its title beside its content instead, where edges do not come down. An
 * edge that passes through a group on its way to one within it can still come down through the
 * title band: then the groups crossed get their title beside their content too (a second
 * layout), and if others are crossed then, every group (a third).
 */
export async function layoutDrawing(model: DrawModel, options: LayoutOptions = {}): Promise<Layout> {
  if (options.direction !== 'DOWN') return layoutOnce(model, options, new Set());
  let beside = enteredFromOutside(model);
  for (let round = 1; ; round++) {
    const layout = await layoutOnce(model, options, beside);
    const crossed = crossedTitles(layout);
    if (crossed.length === 0 || round === 3) return layout;
    beside = round === 1 ? new Set([...beside, ...crossed]) : new Set(model.groups.map((g) => g.id));
  }
}

/** The groups with a component that a flow from outside the group goes to. */
function enteredFromOutside(model: DrawModel): Set<string> {
  const parent = new Map<string, string | undefined>([...model.groups, ...model.nodes].map((x) => [x.id, x.parent]));
  const within = (id: string, group: string) => {
    for (let at = parent.get(id), seen = 0; at !== undefined && seen <= model.groups.length; at = parent.get(at), seen++) if (at === group) return true;
    return false;
  };
  const out = new Set<string>();
  for (const e of model.edges) {
    const group = parent.get(e.to);
    if (group !== undefined && !within(e.from, group)) out.add(group);
  }
  return out;
}

async function layoutOnce(model: DrawModel, options: LayoutOptions, beside: ReadonlySet<string>): Promise<Layout> {
  const direction = options.direction ?? 'RIGHT';
  const k = options.textScale ?? 1;
  const groupSize = Math.round(TEXT.group * k);
  const labelSize = Math.round(TEXT.label * k);
  const elkNodes = new Map<string, ElkNode>();
  const texts = new Map<string, TextLine[]>();
  const root: ElkNode = {
    id: '\u0000root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.layered.spacing.edgeNodeBetweenLayers': '18',
      'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeNode': '18',
      'elk.spacing.edgeEdge': '12',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.componentComponent': '40',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: [],
    edges: [],
  };
  const container = (parent: string | undefined): ElkNode => (parent !== undefined ? elkNodes.get(parent) : undefined) ?? root;
  // Groups first, outer before inner (a group's parent may be listed after it).
  const pending = [...model.groups];
  const placed = new Set<string>();
  for (let progress = true; progress && pending.length;) {
    progress = false;
    for (let i = 0; i < pending.length; i++) {
      const g = pending[i];
      if (g.parent !== undefined && !placed.has(g.parent) && model.groups.some((o) => o.id === g.parent)) continue;
      const title = truncate(g.title, groupSize, 900, true);
      const titleWidth = textWidth(title, groupSize, true);
      const elk: ElkNode = {
        id: `g:${g.id}`,
        layoutOptions: {
          'elk.padding': titlePadding(titleWidth, beside.has(g.id)),
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': `(${Math.ceil(titleWidth + 32)},60)`,
        },
        children: [],
      };
      texts.set(`g:${g.id}`, [{ text: title, size: groupSize, bold: true }]);
      container(g.parent).children!.push(elk);
      elkNodes.set(g.id, elk);
      placed.add(g.id);
      pending.splice(i--, 1);
      progress = true;
    }
  }
  for (const g of pending) {
    // A cycle of parents (the model reports it): draw at the top.
    const elk: ElkNode = { id: `g:${g.id}`, children: [] };
    texts.set(`g:${g.id}`, [{ text: g.title, size: groupSize, bold: true }]);
    root.children!.push(elk);
    elkNodes.set(g.id, elk);
  }
  for (const n of model.nodes) {
    const text = nodeText(n, k);
    texts.set(`n:${n.id}`, text);
    const elk: ElkNode = { id: `n:${n.id}`, ...nodeSize(n, text) };
    // People first and third parties last, so that a webhook back into the system does not turn
    // the whole picture around (it is drawn as the one edge going back).
    if (n.parent === undefined && (n.kind === 'user' || n.kind === 'external')) {
      elk.layoutOptions = { 'elk.layered.layering.layerConstraint': n.kind === 'user' ? 'FIRST' : 'LAST' };
    }
    container(n.parent).children!.push(elk);
  }
  const labelLines = new Map<number, string[]>();
  model.edges.forEach((e, i) => {
    const lines = wrapLabel(e.label, labelSize, LABEL_WRAP * k);
    labelLines.set(i, lines);
    const label = lines.join('\n');
    const edge: ElkExtendedEdge = {
      id: `e:${i}`,
      sources: [`n:${e.from}`],
      targets: [`n:${e.to}`],
      labels: [{ text: label, width: Math.ceil(Math.max(...lines.map((l) => textWidth(l, labelSize))) + 10),
        height: lines.length * lineHeight({ text: label, size: labelSize, bold: false }) + 4,
        layoutOptions: { 'elk.edgeLabels.placement': 'CENTER', 'elk.edgeLabels.inline': 'true' } }],
    };
    root.edges!.push(edge);
  });

  const laid = await (await elk()).layout(root);

  // ELK gives positions relative to the parent (nodes) and to the edge's container (edges).
  const offset = new Map<string, { x: number; y: number }>([[root.id, { x: 0, y: 0 }]]);
  const groups: LaidGroup[] = [];
  const nodes: LaidNode[] = [];
  const groupById = new Map(model.groups.map((g) => [g.id, g]));
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  const walk = (elk: ElkNode, at: { x: number; y: number }, depth: number) => {
    for (const child of elk.children ?? []) {
      const x = at.x + (child.x ?? 0);
      const y = at.y + (child.y ?? 0);
      offset.set(child.id, { x, y });
      const box = { x, y, width: child.width ?? 0, height: child.height ?? 0 };
      if (child.id.startsWith('g:')) {
        groups.push({ ...box, group: groupById.get(child.id.slice(2))!, text: texts.get(child.id)![0], depth });
        walk(child, { x, y }, depth + 1);
      } else {
        nodes.push({ ...box, node: nodeById.get(child.id.slice(2))!, text: texts.get(child.id)! });
      }
    }
  };
  walk(laid, { x: 0, y: 0 }, 0);

  const edges: LaidEdge[] = (laid.edges ?? []).map((elk) => {
    const e = model.edges[Number(elk.id.slice(2))];
    const at = offset.get((elk as { container?: string }).container ?? root.id) ?? { x: 0, y: 0 };
    const points: { x: number; y: number }[] = [];
    for (const s of elk.sections ?? []) {
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) points.push({ x: at.x + p.x, y: at.y + p.y });
    }
    const l = elk.labels?.[0];
    const label = l && l.text ? { lines: labelLines.get(Number(elk.id.slice(2)))!, size: labelSize, x: at.x + (l.x ?? 0), y: at.y + (l.y ?? 0), width: l.width ?? 0, height: l.height ?? 0 } : undefined;
    return { edge: e, points, label };
  });
  edges.sort((a, b) => model.edges.indexOf(a.edge) - model.edges.indexOf(b.edge));
  groups.sort((a, b) => a.depth - b.depth);
  return { model, width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), groups, nodes, edges };
}
