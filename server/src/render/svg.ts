// A laid-out drawing → one self-contained SVG: no script, nothing loaded, the same text for the
// same model. Every component, boundary, flow and label carries `data-moat-id` and
// `data-moat-role` (docs/diagrams.md), so tests, the webview and other tools find them.
// Colours are CSS custom properties with light defaults, so a page (the webview) can theme it.

import type { Diagram } from './diagram.js';
import type { DrawModel, FlowStyle, LevelOptions } from './levels.js';
import { diagramAt } from './levels.js';
import type { Direction, Layout, LaidNode, TextLine } from './layout.js';
import { CYLINDER_RY, GROUP_TITLE_AT, layoutDrawing, lineHeight } from './layout.js';
import { FONT_FAMILY } from './text-metrics.js';
import { layoutOverview } from './grid-layout.js';
import { SEVERITY_COLOR, TRUST_STYLE } from './mermaid.js';

/** How a drawing is laid out: in ELK's layers (the flows read left to right), or as a grid (grid-layout.ts). */
export type DiagramLayout = 'layered' | 'grid';

/**
 * Drawings of more boxes than this are laid out as a grid: layered, their few hubs' dozens of
 * edges make strips that Fit shrinks below reading size, and ELK takes 0.1–0.5 s per drawing.
 */
export const GRID_ABOVE = 20;

export interface RenderOptions extends LevelOptions {
  /** Default: a grid for the overview and for drawings of more than GRID_ABOVE boxes, else layered. */
  layout?: DiagramLayout;
  /** Default: left to right, or top to bottom where that fits `viewport` better. */
  direction?: Direction;
  /** The space the drawing is meant to fit (the panel's size); default 1400 × 1000. */
  viewport?: { width: number; height: number };
  /** Prefix of the SVG's internal ids (markers), distinct per SVG on one page. */
  idPrefix?: string;
}

export interface RenderedDiagram {
  svg: string;
  width: number;
  height: number;
  layout: Layout;
}

export const OVERVIEW_TEXT_SCALE = 1.25;

/** The drawing of a diagram at a level, as SVG text. */
export async function renderDiagram(diagram: Diagram, options: RenderOptions = {}): Promise<RenderedDiagram> {
  const model = diagramAt(diagram, options);
  // The overview is read whole, at Fit: its text is larger.
  const textScale = model.level === 'overview' ? OVERVIEW_TEXT_SCALE : 1;
  const view = options.viewport ?? { width: 1400, height: 1000 };
  if (options.layout === 'grid' || (options.layout === undefined && (model.level === 'overview' || model.nodes.length > GRID_ABOVE))) {
    const grid = layoutOverview(model, { textScale, viewport: view });
    return { svg: layoutSvg(grid, options.idPrefix ?? 'moat'), width: grid.width, height: grid.height, layout: grid };
  }
  const fit = (l: Layout) => Math.min(view.width / l.width, view.height / l.height);
  // Left to right, unless the drawing's layers say it would be far wider than its window; if the
  // first layout comes out far from the window's shape, the other direction is tried and the one
  // that fits larger kept. Guessing first saves most drawings a second layout.
  const first = options.direction ?? (guessedRatio(model) > (view.width / view.height) * 1.5 ? 'DOWN' : 'RIGHT');
  let layout = await layoutDrawing(model, { direction: first, textScale });
  if (options.direction === undefined && fit(layout) < 1) {
    const ratio = layout.width / layout.height;
    const target = view.width / view.height;
    if (Math.max(ratio / target, target / ratio) > 1.5) {
      const other = await layoutDrawing(model, { direction: first === 'RIGHT' ? 'DOWN' : 'RIGHT', textScale });
      if (fit(other) > fit(layout)) layout = other;
    }
  }
  return { svg: layoutSvg(layout, options.idPrefix ?? 'moat'), width: layout.width, height: layout.height, layout };
}

/**
 * Roughly how much wider than tall a left-to-right layout would be: layers (the longest chain of
 * flows, cycles cut) times a layer's width, over the fullest layer times a box's height.
 */
export function guessedRatio(model: DrawModel): number {
  const out = new Map<string, string[]>();
  for (const e of model.edges) if (e.from !== e.to) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const layer = new Map<string, number>();
  const onPath = new Set<string>();
  const depth = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    onPath.add(id);
    let d = 0;
    for (const next of out.get(id) ?? []) if (!onPath.has(next)) d = Math.max(d, depth(next) + 1);
    onPath.delete(id);
    layer.set(id, d);
    return d;
  };
  const counts = new Map<number, number>();
  for (const n of model.nodes) {
    const d = depth(n.id);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const layers = counts.size;
  const fullest = Math.max(1, ...counts.values());
  return (layers * 330) / (fullest * 85);
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

const FLOW_COLOR: Record<FlowStyle, string> = { plain: 'var(--moat-edge, #546e7a)', unencrypted: '#d32f2f', unauthenticated: '#ef6c00', both: '#d32f2f' };
const FLOW_DASH: Record<FlowStyle, string | undefined> = { plain: undefined, unencrypted: '8 4', unauthenticated: '2 4', both: '2 4' };

function css(prefix: string): string {
  const trust = Object.entries(TRUST_STYLE).map(([t, s]) =>
    `.${prefix}-trust-${t}{fill:${s.fill};stroke:${s.stroke}}`).join('');
  const sev = Object.entries(SEVERITY_COLOR).map(([s, c]) =>
    `.${prefix}-sev-${s}>.${prefix}-shape{stroke:${c};stroke-width:${s === 'critical' || s === 'high' ? 3 : 2}px}`).join('');
  return `text{font-family:${FONT_FAMILY};fill:var(--moat-text,#1b1b1b)}`
    + `.${prefix}-shape{fill:var(--moat-node,#ffffff);stroke:var(--moat-node-stroke,#455a64);stroke-width:1.5px}`
    + `.${prefix}-boundary>rect{stroke-width:1.5px}`
    + `.${prefix}-collapsed>.${prefix}-shape{stroke-width:2px}`
    + `.${prefix}-external>.${prefix}-shape{stroke-dasharray:5 3}`
    + `.${prefix}-flow{fill:none;stroke-width:1.6px}`
    + `.${prefix}-label>rect{fill:var(--moat-label-bg,#ffffffe6);stroke:none}`
    + trust + sev;
}

/** The outline of a component's shape, in its box. */
function shape(node: LaidNode, cls: string): string {
  const { x, y, width: w, height: h } = node;
  const kind = node.node.kind;
  const s = 14;
  const poly = (pts: [number, number][]) => `<polygon class="${cls}" points="${pts.map(([px, py]) => `${n(px)},${n(py)}`).join(' ')}"/>`;
  switch (kind) {
    case 'user':
      return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}"/>`;
    case 'external':
      return poly([[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x + s, y + h / 2]]);
    case 'gateway':
      return poly([[x + s, y], [x + w - s, y], [x + w, y + h / 2], [x + w - s, y + h], [x + s, y + h], [x, y + h / 2]]);
    case 'frontend':
      return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="10"/>`;
    case 'function':
      return poly([[x + s, y], [x + w, y], [x + w - s, y + h], [x, y + h]]);
    case 'identity-provider':
    case 'secrets-manager':
      return poly([[x + s, y], [x + w - s, y], [x + w, y + h], [x, y + h]]);
    case 'monitoring':
      return poly([[x, y], [x + w, y], [x + w - s, y + h], [x + s, y + h]]);
    case 'database':
    case 'cache':
    case 'storage': {
      const ry = CYLINDER_RY;
      const rx = w / 2;
      return `<path class="${cls}" d="M${n(x)},${n(y + ry)} a${n(rx)},${ry} 0 0,0 ${n(w)},0 a${n(rx)},${ry} 0 0,0 ${n(-w)},0 v${n(h - 2 * ry)} a${n(rx)},${ry} 0 0,0 ${n(w)},0 v${n(-(h - 2 * ry))}"/>`;
    }
    case 'queue':
      return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"/>`
        + `<path class="${cls}" d="M${n(x + 7)},${n(y)} v${n(h)} M${n(x + w - 7)},${n(y)} v${n(h)}" fill="none"/>`;
    case 'boundary':
      return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="6"/>`;
    default:
      return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}"/>`;
  }
}

function textBlock(lines: TextLine[], cx: number, top: number): string {
  let y = top;
  return lines.map((l) => {
    y += lineHeight(l);
    const out = `<text x="${n(cx)}" y="${n(y - l.size * 0.28)}" font-size="${l.size}"${l.bold ? ' font-weight="bold"' : ''} text-anchor="middle">${escapeXml(l.text)}</text>`;
    y += 4;
    return out;
  }).join('');
}

const attr = (role: string, id: string) => `data-moat-role="${role}" data-moat-id="${escapeXml(id)}"`;
/** The drawn boundary an element sits in. */
const within = (parent: string | undefined) => (parent === undefined ? '' : ` data-moat-boundary="${escapeXml(parent)}"`);
const title = (t: string) => (t ? `<title>${escapeXml(t)}</title>` : '');

export function layoutSvg(layout: Layout, prefix = 'moat'): string {
  const p = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  const { width, height } = layout;
  const out: string[] = [];
  const name = layout.model.title || 'Threat model';
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="${p}-diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`${name}: diagram (${layout.model.level})`)}">`);
  out.push(`<title>${escapeXml(name)}</title>`);
  out.push(`<style>${css(p)}</style>`);
  out.push('<defs>');
  for (const style of Object.keys(FLOW_COLOR) as FlowStyle[]) {
    out.push(`<marker id="${p}-arrow-${style}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">`
      + `<path d="M0,0 L10,5 L0,10 z" fill="${FLOW_COLOR[style]}"/></marker>`);
  }
  out.push('</defs>');
  // One group holding the picture: a page can show parts of it elsewhere (the report's printed tiles).
  out.push(`<g id="${p}-drawing">`);

  for (const g of layout.groups) {
    const trust = `${p}-trust-${g.group.trust}`;
    out.push(`<g ${attr('boundary', g.group.id)}${within(g.group.parent)} class="${p}-boundary${g.group.worst ? ` ${p}-sev-${g.group.worst}` : ''}">${title(g.group.tooltip)}`
      + `<rect class="${trust}" x="${n(g.x)}" y="${n(g.y)}" width="${n(g.width)}" height="${n(g.height)}" rx="8"/>`
      + `<text x="${n(g.x + GROUP_TITLE_AT.x)}" y="${n(g.y + GROUP_TITLE_AT.y + g.text.size * 0.36)}" font-size="${g.text.size}" font-weight="bold">${escapeXml(g.text.text)}</text></g>`);
  }
  for (const e of layout.edges) {
    if (e.points.length < 2) continue;
    const d = e.points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${n(pt.x)},${n(pt.y)}`).join(' ');
    const style = e.edge.style;
    const dash = FLOW_DASH[style];
    const widthPx = e.edge.flows.length > 1 ? Math.min(4, 1.6 + Math.log2(e.edge.flows.length) * 0.6) : style === 'plain' ? 1.6 : 2.4;
    out.push(`<path ${attr('flow', e.edge.id)} data-moat-from="${escapeXml(e.edge.from)}" data-moat-to="${escapeXml(e.edge.to)}" class="${p}-flow ${p}-flow-${style}" d="${d}" stroke="${FLOW_COLOR[style]}" stroke-width="${n(widthPx)}"`
      + `${dash ? ` stroke-dasharray="${dash}"` : ''} marker-end="url(#${p}-arrow-${style})">${title(e.edge.tooltip)}</path>`);
  }
  for (const node of layout.nodes) {
    const d = node.node;
    const cls = [`${p}-${d.role === 'boundary' ? 'collapsed' : 'component'}`, `${p}-${d.kind}`, ...(d.worst ? [`${p}-sev-${d.worst}`] : [])];
    const shapeCls = d.role === 'boundary' && d.trust ? `${p}-shape ${p}-trust-${d.trust}` : `${p}-shape`;
    const top = node.y + (d.kind === 'database' || d.kind === 'cache' || d.kind === 'storage' ? CYLINDER_RY * 2 : 0);
    const textH = node.text.reduce((h, l) => h + lineHeight(l), 0) + 4 * (node.text.length - 1);
    const start = top + (node.y + node.height - top - textH) / 2;
    out.push(`<g ${attr(d.role, d.id)}${within(d.parent)} class="${cls.join(' ')}">${title(d.tooltip)}${shape(node, shapeCls)}${textBlock(node.text, node.x + node.width / 2, start)}</g>`);
  }
  for (const e of layout.edges) {
    const l = e.label;
    if (!l) continue;
    const lh = lineHeight({ text: '', size: l.size, bold: false });
    const texts = l.lines.map((line, i) =>
      `<text x="${n(l.x + l.width / 2)}" y="${n(l.y + 2 + lh * i + lh / 2 + l.size * 0.35)}" font-size="${l.size}" text-anchor="middle">${escapeXml(line)}</text>`).join('');
    out.push(`<g ${attr('label', e.edge.id)} class="${p}-label">`
      + `<rect x="${n(l.x)}" y="${n(l.y)}" width="${n(l.width)}" height="${n(l.height)}" rx="3"/>${texts}</g>`);
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
