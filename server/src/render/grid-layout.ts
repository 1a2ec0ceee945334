// The overview's layout (docs/diagrams.md, "The overview's grid"): the boxes of a group in a grid
// whose number of columns is chosen so that the whole drawing fits 1400 × 1000 as large as it can,
// users in a column on the left and third parties on the right, each edge routed around the boxes
// on a lattice of 8 px lanes (A* with a cost for bends and for lanes other edges already use),
// each label on a free stretch of its own edge. A layered layout puts a hub's dozen spokes in one
// layer, a strip that Fit shrinks below 10 px; a grid keeps the overview near the window's shape.
// No ELK: the panel draws an overview without loading it. Deterministic.

import type { DrawModel, DrawNode } from './levels.js';
import type { Box, LaidEdge, LaidGroup, LaidNode, Layout, TextLine } from './layout.js';
import { GROUP_TITLE_HEIGHT, LABEL_WRAP, TEXT, groupTitleBox, lineHeight, nodeSize, nodeText, wrapLabel } from './layout.js';
import { textWidth, truncate } from './text-metrics.js';

/** Space between the cells of a grid: lanes for the edges and room for their labels. */
const GAP_X = 150;
const GAP_Y = 100;
const PAD = { top: GROUP_TITLE_HEIGHT + 18, side: 24, bottom: 24 };
const MARGIN = 24;
/** Lattice step of the edge router, px. */
const LANE = 10;
/** Boxes are kept this far from edges that do not end at them. */
const CLEAR = 6;

interface Item {
  id: string;
  node?: DrawNode;
  /** Children of a group, in drawing order. */
  children?: Item[];
  title?: TextLine;
  width: number;
  height: number;
  /** Columns of a group's grid. */
  columns: number;
  x: number;
  y: number;
}

export interface GridOptions {
  textScale?: number;
  viewport?: { width: number; height: number };
}

export function layoutOverview(model: DrawModel, options: GridOptions = {}): Layout {
  const k = options.textScale ?? 1;
  const view = options.viewport ?? { width: 1400, height: 1000 };
  const groupSize = Math.round(TEXT.group * k);
  const labelSize = Math.round(TEXT.label * k);
  const rank = ranks(model);

  // The tree of groups and boxes.
  const groupIds = new Set(model.groups.map((g) => g.id));
  const items = new Map<string, Item>();
  const texts = new Map<string, TextLine[]>();
  for (const g of model.groups) {
    const title = truncate(g.title, groupSize, 900, true);
    items.set(`g:${g.id}`, { id: g.id, children: [], title: { text: title, size: groupSize, bold: true }, width: 0, height: 0, columns: 1, x: 0, y: 0 });
  }
  for (const n of model.nodes) {
    const text = nodeText(n, k);
    texts.set(n.id, text);
    items.set(`n:${n.id}`, { id: n.id, node: n, ...nodeSize(n, text), columns: 1, x: 0, y: 0 });
  }
  const top: Item[] = [];
  const parentOf = (p: string | undefined) => (p !== undefined && groupIds.has(p) ? items.get(`g:${p}`)! : undefined);
  // A group whose parents loop is drawn at the top.
  const placedUnder = new Map<string, string | undefined>();
  for (const g of model.groups) {
    let p = g.parent;
    const seen = new Set([g.id]);
    for (let q = p; q !== undefined && groupIds.has(q); q = model.groups.find((o) => o.id === q)?.parent) {
      if (seen.has(q)) { p = undefined; break; }
      seen.add(q);
    }
    placedUnder.set(g.id, p);
  }
  for (const g of model.groups) (parentOf(placedUnder.get(g.id))?.children ?? top).push(items.get(`g:${g.id}`)!);
  for (const n of model.nodes) (parentOf(n.parent)?.children ?? top).push(items.get(`n:${n.id}`)!);

  // Children in the order the flows run: the people's side first.
  const rankOf = (it: Item): number => (it.node ? rank.get(it.node.id) ?? Infinity : Math.min(Infinity, ...(it.children ?? []).map(rankOf)));
  const sortTree = (list: Item[]) => {
    list.sort((a, b) => rankOf(a) - rankOf(b));
    for (const it of list) if (it.children) sortTree(it.children);
  };
  sortTree(top);
  const users = top.filter((it) => it.node?.kind === 'user');
  const externals = top.filter((it) => it.node?.kind === 'external');
  const middle: Item = { id: '', children: top.filter((it) => !users.includes(it) && !externals.includes(it)), width: 0, height: 0, columns: 1, x: 0, y: 0 };
  const left: Item = { id: '', children: users, width: 0, height: 0, columns: 1, x: 0, y: 0 };
  const right: Item = { id: '', children: externals, width: 0, height: 0, columns: 1, x: 0, y: 0 };

  // Sizes, and the columns of each grid: first each group near the window's shape, then each
  // group's columns tried in turn for the largest drawing at Fit.
  const containers: Item[] = [];
  const collect = (it: Item) => {
    if (!it.children) return;
    for (const c of it.children) collect(c);
    containers.push(it);
  };
  collect(middle);
  const aspect = view.width / view.height;
  const total = () => {
    measure(middle);
    for (const side of [left, right]) measure(side);
    const width = [left, middle, right].filter((c) => c.children!.length).reduce((w, c) => w + c.width, 0) + GAP_X * ([left, middle, right].filter((c) => c.children!.length).length - 1) + 2 * MARGIN;
    const height = Math.max(left.height, middle.height, right.height) + 2 * MARGIN;
    return { width, height, fit: Math.min(view.width / width, view.height / height) };
  };
  for (const c of containers) {
    let best = { columns: 1, score: Infinity };
    for (let cols = 1; cols <= c.children!.length; cols++) {
      c.columns = cols;
      measure(c);
      const score = Math.abs(Math.log(c.width / c.height / aspect));
      if (score < best.score - 1e-9) best = { columns: cols, score };
    }
    c.columns = best.columns;
    measure(c);
  }
  for (let pass = 0; pass < 2; pass++) {
    for (const c of [...containers].sort((a, b) => b.children!.length - a.children!.length)) {
      let best = { columns: c.columns, fit: total().fit };
      for (let cols = 1; cols <= c.children!.length; cols++) {
        c.columns = cols;
        const { fit } = total();
        if (fit > best.fit + 1e-9) best = { columns: cols, fit };
      }
      c.columns = best.columns;
    }
  }
  const size = total();

  // Positions.
  const present = [left, middle, right].filter((c) => c.children!.length);
  let x = MARGIN;
  for (const c of present) {
    place(c, x, MARGIN + (size.height - 2 * MARGIN - c.height) / 2);
    x += c.width + GAP_X;
  }
  const width = Math.ceil(size.width);
  const height = Math.ceil(size.height);

  const groups: LaidGroup[] = [];
  const nodes: LaidNode[] = [];
  const walk = (it: Item, depth: number) => {
    for (const c of it.children ?? []) {
      if (c.node) nodes.push({ x: c.x, y: c.y, width: c.width, height: c.height, node: c.node, text: texts.get(c.node.id)! });
      else {
        groups.push({ x: c.x, y: c.y, width: c.width, height: c.height, group: model.groups.find((g) => g.id === c.id)!, text: c.title!, depth });
        walk(c, depth + 1);
      }
    }
  };
  for (const c of present) walk(c, 0);
  groups.sort((a, b) => a.depth - b.depth);

  // Group titles are not crossed by edges nor covered by labels.
  const titles: Box[] = groups.map(groupTitleBox);
  const edges = route(model, nodes, titles, width, height);
  // A label is wrapped wide (one line fits between two rows of boxes) or narrow (between two columns), whichever finds room.
  placeLabels(edges, nodes, titles, labelSize, [LABEL_WRAP * k, Math.min(LABEL_WRAP * k, GAP_X - 2 * CLEAR - 24)], width, height);
  return { model, width, height, groups, nodes, edges };
}

/** How many flows from the people (users, or whatever nothing calls) each node is. */
function ranks(model: DrawModel): Map<string, number> {
  const out = new Map<string, string[]>();
  const incoming = new Map<string, number>();
  for (const e of model.edges) {
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  }
  const rank = new Map<string, number>();
  let frontier = model.nodes.filter((n) => n.kind === 'user').map((n) => n.id);
  if (frontier.length === 0) frontier = model.nodes.filter((n) => !incoming.has(n.id)).map((n) => n.id);
  for (const id of frontier) rank.set(id, 0);
  for (let r = 1; frontier.length; r++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const to of out.get(id) ?? []) {
        if (!rank.has(to)) rank.set(to, r), next.push(to);
      }
    }
    frontier = next;
  }
  // Third parties last, whatever calls them.
  const last = Math.max(0, ...rank.values()) + 1;
  for (const n of model.nodes) if (n.kind === 'external') rank.set(n.id, last + 1);
  return rank;
}

function gridOf(c: Item): { rows: number; cols: number; colW: number[]; rowH: number[] } {
  const kids = c.children!;
  const cols = Math.max(1, Math.min(c.columns, kids.length));
  const rows = Math.max(1, Math.ceil(kids.length / cols));
  const colW = new Array<number>(cols).fill(0);
  const rowH = new Array<number>(rows).fill(0);
  kids.forEach((kid, i) => {
    const col = Math.floor(i / rows);
    const row = i % rows;
    colW[col] = Math.max(colW[col], kid.width);
    rowH[row] = Math.max(rowH[row], kid.height);
  });
  return { rows, cols, colW, rowH };
}

/** A container's size from its children's (column by column, top to bottom). */
function measure(c: Item): void {
  const kids = c.children!;
  for (const kid of kids) if (kid.children) measure(kid);
  if (kids.length === 0) {
    c.width = c.title ? textWidth(c.title.text, c.title.size, true) + 32 : 0;
    c.height = c.title ? PAD.top + PAD.bottom : 0;
    return;
  }
  const { colW, rowH } = gridOf(c);
  const gapY = c.id === '' && c.columns === 1 ? 24 : GAP_Y;
  const innerW = colW.reduce((a, b) => a + b, 0) + GAP_X * (colW.length - 1);
  const innerH = rowH.reduce((a, b) => a + b, 0) + gapY * (rowH.length - 1);
  if (c.title) {
    c.width = Math.max(innerW + 2 * PAD.side, textWidth(c.title.text, c.title.size, true) + 32);
    c.height = innerH + PAD.top + PAD.bottom;
  } else {
    c.width = innerW;
    c.height = innerH;
  }
}

function place(c: Item, x: number, y: number): void {
  c.x = x;
  c.y = y;
  const kids = c.children;
  if (!kids || kids.length === 0) return;
  const { rows, colW, rowH } = gridOf(c);
  const gapY = c.id === '' && c.columns === 1 ? 24 : GAP_Y;
  const innerW = colW.reduce((a, b) => a + b, 0) + GAP_X * (colW.length - 1);
  const x0 = c.title ? x + (c.width - innerW) / 2 : x;
  const y0 = c.title ? y + PAD.top : y;
  kids.forEach((kid, i) => {
    const col = Math.floor(i / rows);
    const row = i % rows;
    const cx = x0 + colW.slice(0, col).reduce((a, b) => a + b, 0) + GAP_X * col;
    const cy = y0 + rowH.slice(0, row).reduce((a, b) => a + b, 0) + gapY * row;
    place(kid, Math.round(cx + (colW[col] - kid.width) / 2), Math.round(cy + (rowH[row] - kid.height) / 2));
  });
}

// --- edges -------------------------------------------------------------------------------------

const DIRS = [[1, 0], [0, 1], [-1, 0], [0, -1]] as const;

/** Each edge on the lattice, from its caller's box to its callee's, around every other box. */
function route(model: DrawModel, nodes: LaidNode[], titles: Box[], width: number, height: number): LaidEdge[] {
  const cols = Math.floor(width / LANE) + 1;
  const rows = Math.floor(height / LANE) + 1;
  const cells = cols * rows;
  const owner = new Int32Array(cells).fill(-1); // the node whose (cleared) box holds the cell; -2 a title
  const byId = new Map(nodes.map((n, i) => [n.node.id, i]));
  const mark = (b: Box, value: number, clear: number) => {
    const i0 = Math.max(0, Math.ceil((b.x - clear) / LANE));
    const i1 = Math.min(cols - 1, Math.floor((b.x + b.width + clear) / LANE));
    const j0 = Math.max(0, Math.ceil((b.y - clear) / LANE));
    const j1 = Math.min(rows - 1, Math.floor((b.y + b.height + clear) / LANE));
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) owner[j * cols + i] = value;
  };
  for (const t of titles) mark(t, -2, 2);
  nodes.forEach((n, i) => mark(n, i, CLEAR));
  // How many edges already run along each lane, across (0) and up or down (1): running along
  // another edge costs, crossing it does not.
  const used = [new Float32Array(cells), new Float32Array(cells)];
  const cost = new Float64Array(cells * 4);
  const from = new Int32Array(cells * 4);
  const heap = new Heap(cells * 4);

  return model.edges.map((edge) => {
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    if (a === undefined || b === undefined) return { edge, points: [] };
    const src = nodes[a];
    const dst = nodes[b];
    if (a === b) {
      // A call to itself: a loop off its right side.
      const y = src.y + src.height / 2;
      const x = src.x + src.width;
      return { edge, points: [{ x, y: y - 8 }, { x: x + 20, y: y - 8 }, { x: x + 20, y: y + 8 }, { x, y: y + 8 }] };
    }
    const cell = (p: { x: number; y: number }) => Math.round(p.y / LANE) * cols + Math.round(p.x / LANE);
    const start = cell({ x: src.x + src.width / 2, y: src.y + src.height / 2 });
    const goal = cell({ x: dst.x + dst.width / 2, y: dst.y + dst.height / 2 });
    const gi = goal % cols;
    const gj = Math.floor(goal / cols);
    cost.fill(Infinity);
    heap.clear();
    for (let d = 0; d < 4; d++) {
      cost[start * 4 + d] = 0;
      from[start * 4 + d] = -1;
      heap.push(start * 4 + d, 0);
    }
    let end = -1;
    while (heap.size) {
      const s = heap.pop();
      const c = s >> 2;
      const d = s & 3;
      if (c === goal) {
        end = s;
        break;
      }
      const base = cost[s];
      const ci = c % cols;
      const cj = (c - ci) / cols;
      for (let nd = 0; nd < 4; nd++) {
        if (nd === ((d + 2) & 3)) continue;
        const ni = ci + DIRS[nd][0];
        const nj = cj + DIRS[nd][1];
        if (ni < 0 || nj < 0 || ni >= cols || nj >= rows) continue;
        const n = nj * cols + ni;
        const o = owner[n];
        if (o === -2 || (o >= 0 && o !== a && o !== b)) continue;
        const step = 1 + (o >= 0 ? 1 : 0) + used[nd & 1][n] * 6 + (nd !== d ? 10 : 0);
        const next = n * 4 + nd;
        const total = base + step;
        if (total < cost[next]) {
          cost[next] = total;
          from[next] = s;
          // Greedy A*: the distance left counts double (a path at most twice the shortest, found far faster).
          heap.push(next, total + 2 * (Math.abs(ni - gi) + Math.abs(nj - gj)));
        }
      }
    }
    const lattice: number[] = [];
    for (let s = end; s >= 0; s = from[s]) lattice.push(s >> 2);
    lattice.reverse();
    if (end < 0) lattice.push(start, goal);
    for (let i = 1; i < lattice.length; i++) {
      const axis = Math.abs(lattice[i] - lattice[i - 1]) === 1 ? 0 : 1;
      used[axis][lattice[i]] += 1;
      used[axis][lattice[i - 1]] += 1;
    }
    const pts = lattice.map((c) => ({ x: (c % cols) * LANE, y: Math.floor(c / cols) * LANE }));
    return { edge, points: clipToBoxes(corners(pts), src, dst) };
  });
}

/** The corners of a lattice path. */
function corners(pts: { x: number; y: number }[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const p of pts) {
    const n = out.length;
    if (n >= 2) {
      const [a, b] = [out[n - 2], out[n - 1]];
      if ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y)) {
        out[n - 1] = p;
        continue;
      }
    }
    if (n >= 1 && out[n - 1].x === p.x && out[n - 1].y === p.y) continue;
    out.push(p);
  }
  return out;
}

const inside = (p: { x: number; y: number }, b: Box) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

/** Where a segment from inside `b` to outside it leaves `b`. */
function exitPoint(inner: { x: number; y: number }, outer: { x: number; y: number }, b: Box): { x: number; y: number } {
  if (inner.x === outer.x) return { x: inner.x, y: outer.y < inner.y ? b.y : b.y + b.height };
  return { x: outer.x < inner.x ? b.x : b.x + b.width, y: inner.y };
}

/** The path from the caller's outline to the callee's. */
function clipToBoxes(pts: { x: number; y: number }[], src: Box, dst: Box): { x: number; y: number }[] {
  if (pts.length < 2) return pts;
  let i = 0;
  while (i + 1 < pts.length && inside(pts[i + 1], src)) i++;
  let j = pts.length - 1;
  while (j - 1 > i && inside(pts[j - 1], dst)) j--;
  const out = pts.slice(i, j + 1);
  if (inside(out[0], src) && out.length >= 2) out[0] = exitPoint(out[0], out[1], src);
  const n = out.length;
  if (inside(out[n - 1], dst) && n >= 2) out[n - 1] = exitPoint(out[n - 1], out[n - 2], dst);
  return out;
}

class Heap {
  private keys: Int32Array;
  private prio: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Int32Array(capacity);
    this.prio = new Float64Array(capacity);
  }
  clear(): void {
    this.size = 0;
  }
  push(key: number, p: number): void {
    if (this.size === this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      const prio = new Float64Array(this.prio.length * 2);
      prio.set(this.prio);
      this.keys = keys;
      this.prio = prio;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.prio[parent] <= p) break;
      this.keys[i] = this.keys[parent];
      this.prio[i] = this.prio[parent];
      i = parent;
    }
    this.keys[i] = key;
    this.prio[i] = p;
  }
  pop(): number {
    const top = this.keys[0];
    const key = this.keys[--this.size];
    const p = this.prio[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.prio[child + 1] < this.prio[child]) child++;
      if (this.prio[child] >= p) break;
      this.keys[i] = this.keys[child];
      this.prio[i] = this.prio[child];
      i = child;
    }
    this.keys[i] = key;
    this.prio[i] = p;
    return top;
  }
}

/** Label centres: on the edge, or just beside it (in 24ths of the label's half size). */
const SHIFTS = [0, 24, -24];

// --- labels ------------------------------------------------------------------------------------

/** Each label centred on a stretch of its edge where it covers no box, title or other label, and as few other edges as can be. */
function placeLabels(edges: LaidEdge[], nodes: LaidNode[], titles: Box[], size: number, wraps: number[], width: number, height: number): void {
  // Labels of short edges first: they have the fewest places to go. A label left covering
  // something is placed first in the next round.
  const routeLength = (e: LaidEdge) => e.points.slice(1).reduce((s, p, i) => s + Math.abs(p.x - e.points[i].x) + Math.abs(p.y - e.points[i].y), 0);
  const lengths = edges.map(routeLength);
  let order = edges.map((e, i) => i).sort((x, y) => lengths[x] - lengths[y] || x - y);
  let best: { labels: LaidEdge['label'][]; covering: number } | undefined;
  for (let round = 0; round < 4; round++) {
    const covering = placeInOrder(edges, order, lengths, nodes, titles, size, wraps, width, height);
    if (!best || covering.length < best.covering) best = { labels: edges.map((e) => e.label), covering: covering.length };
    if (covering.length === 0) break;
    order = [...covering, ...order.filter((i) => !covering.includes(i))];
  }
  edges.forEach((e, i) => (e.label = best!.labels[i]));
}

/** Places the labels in this order; returns the edges whose label covers a box, a title or another label. */
function placeInOrder(edges: LaidEdge[], order: number[], lengths: number[], nodes: LaidNode[], titles: Box[], size: number, wraps: number[], width: number, height: number): number[] {
  const covering: number[] = [];
  // Rectangles as [x0, y0, x1, y1]: boxes and titles (solid), labels placed so far, other edges' segments.
  const solid: number[][] = [...nodes.map((n) => [n.x - 3, n.y - 3, n.x + n.width + 3, n.y + n.height + 3]), ...titles.map((t) => [t.x, t.y, t.x + t.width, t.y + t.height])];
  const placed: number[][] = [];
  const segments: { owner: number; r: number[] }[] = edges.flatMap((e, owner) => e.points.slice(1).map((p, i) => {
    const a = e.points[i];
    return { owner, r: [Math.min(a.x, p.x) - 1, Math.min(a.y, p.y) - 1, Math.max(a.x, p.x) + 1, Math.max(a.y, p.y) + 1] };
  }));
  const area = (r: number[], x0: number, y0: number, x1: number, y1: number) => {
    const w = Math.min(x1, r[2]) - Math.max(x0, r[0]);
    if (w <= 0) return 0;
    const h = Math.min(y1, r[3]) - Math.max(y0, r[1]);
    return h <= 0 ? 0 : w * h;
  };
  for (const index of order) {
    const e = edges[index];
    if (e.points.length < 2) continue;
    const length = lengths[index];
    let best: { x: number; y: number; w: number; h: number; score: number; lines: string[]; hard: number } | undefined;
    const variants = [...new Map(wraps.map((wrap) => {
      const lines = wrapLabel(e.edge.label, size, wrap);
      return [lines.join('\n'), lines] as const;
    })).values()];
    const others = segments.filter((sg) => sg.owner !== index);
    for (const lines of variants) {
      const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, size))) + 10);
      const h = lines.length * lineHeight({ text: '', size, bold: false }) + 4;
      let along = 0;
      for (let i = 1; i < e.points.length; i++) {
        const a = e.points[i - 1];
        const b = e.points[i];
        const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
        const horizontal = a.y === b.y;
        const steps = Math.max(1, Math.floor(len / 8));
        for (const shift of SHIFTS) {
          // Beside the edge rather than on it, when that is free (the centre stays within 40 px).
          const offset = shift * ((horizontal ? h : w) / 2 + 2) / 24;
          if (Math.abs(offset) > 36) continue;
          for (let s = 0; s <= steps; s++) {
            const t = s / steps;
            const cx = a.x + (b.x - a.x) * t + (horizontal ? 0 : offset);
            const cy = a.y + (b.y - a.y) * t + (horizontal ? offset : 0);
            const x0 = cx - w / 2;
            const y0 = cy - h / 2;
            const x1 = x0 + w;
            const y1 = y0 + h;
            if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) continue;
            const middle = Math.abs(along + len * t - length / 2) / Math.max(1, length);
            let score = (horizontal ? 0 : 15) + middle * 20 + (shift === 0 ? 0 : 25) + (w * h) / 400;
            if (best && score >= best.score) continue;
            let hard = 0;
            for (const r of solid) hard += area(r, x0, y0, x1, y1);
            for (const r of placed) hard += area(r, x0, y0, x1, y1);
            score += hard * 100;
            if (best && score >= best.score) continue;
            for (const sg of others) {
              if (area(sg.r, x0, y0, x1, y1) > 0) {
                score += 40;
                if (best && score >= best.score) break;
              }
            }
            if (!best || score < best.score) best = { x: x0, y: y0, w, h, score, lines, hard };
          }
        }
        along += len;
      }
    }
    if (!best) {
      const lines = variants[0];
      const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, size))) + 10);
      const h = lines.length * lineHeight({ text: '', size, bold: false }) + 4;
      const m = e.points[Math.floor(e.points.length / 2)];
      best = { x: m.x - w / 2, y: m.y - h / 2, w, h, score: 0, lines, hard: 1 };
    }
    placed.push([best.x - 2, best.y - 2, best.x + best.w + 2, best.y + best.h + 2]);
    e.label = { x: best.x, y: best.y, width: best.w, height: best.h, lines: best.lines, size };
    if (best.hard > 0) covering.push(index);
  }
  return covering;
}
