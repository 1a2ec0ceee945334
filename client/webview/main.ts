// Runs inside the diagram page: the editor's webview, or a standalone HTML file written by
// `moat diagram --format html`. Draws the same SVG as `moat diagram --format svg` (levels.ts →
// ELK layout → svg.ts, all in the page, no network), and lets the user move between levels
// (overview, a boundary, a focus), zoom, pan, export, and talk to the extension when there is one.
//
// Model text reaches the DOM only as text: through textContent here, and XML-escaped by svg.ts.

import type { DiagramPayload, ElementRef, FromWebview, ToWebview } from '../src/preview/protocol.js';
import type { Diagram, DiagramEdge, DiagramFinding } from '../../server/src/render/diagram.js';
import type { DiagramView } from '../../server/src/render/mermaid.js';
import { LEGEND, SEVERITY_COLOR, TRUST_STYLE, drawingToMermaid, edgeText, tooLargeToDraw } from '../../server/src/render/mermaid.js';
import { defaultLevel, diagramAt } from '../../server/src/render/levels.js';
import type { DrawEdge } from '../../server/src/render/levels.js';
import { renderDiagram } from '../../server/src/render/svg.js';
import type { RenderedDiagram } from '../../server/src/render/svg.js';
import type { PathMarks } from '../../server/src/paths/highlight.js';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What the Paths menu draws over the diagram: nothing, the attack paths, or a blast radius. */
type PathsMode = '' | 'attack' | 'blast';

interface SavedState {
  view: DiagramView;
  zoom: { scale: number; x: number; y: number } | null;
  legend: boolean;
  paths?: PathsMode;
  blastFrom?: string;
  /** The model's URI, from the host: what a restored panel draws (client/src/preview/restore.ts). */
  document?: string;
}

const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const canvas = $<HTMLDivElement>('moat-canvas');
const viewport = $<HTMLElement>('moat-viewport');
const banner = $<HTMLDivElement>('moat-banner');
const notice = $<HTMLDivElement>('moat-notice');
const details = $<HTMLElement>('moat-details');
const legend = $<HTMLElement>('moat-legend');
const crumbs = $<HTMLElement>('moat-crumbs');
const boundarySelect = $<HTMLSelectElement>('moat-boundary');
const focusInput = $<HTMLInputElement>('moat-focus');
const focusList = $<HTMLDataListElement>('moat-focus-list');
const loading = $<HTMLDivElement>('moat-loading');
const pathsLabel = $<HTMLLabelElement>('moat-paths-label');
const pathsSelect = $<HTMLSelectElement>('moat-paths');

let payload: DiagramPayload = JSON.parse($<HTMLScriptElement>('moat-payload').textContent ?? '{}');
const saved = vscode?.getState();
let view: DiagramView = saved?.view ?? payload.view ?? {};
let zoom = saved?.zoom ?? null;
/** Whether the zoom is Fit's: the window's size changing fits again. */
let fitted = zoom === null;
let pathsMode: PathsMode = saved?.paths ?? '';
/** The component whose blast radius is asked for. */
let blastFrom: string | undefined = saved?.blastFrom;
/** What the notice says of the level drawn ("Showing 4 of 9 components…"). */
let levelNote: string | undefined;
let drawn: RenderedDiagram | undefined;
let highlighted: ElementRef[] = [];
let renderCount = 0;
let rendering: Promise<void> = Promise.resolve();

function post(message: FromWebview): void {
  vscode?.postMessage(message);
}

function saveState(): void {
  vscode?.setState({ view, zoom, legend: !legend.hidden, paths: pathsMode, blastFrom, document: payload.document ?? saved?.document });
}

// --- controls ------------------------------------------------------------------------------------

function setText(el: HTMLElement, text: string | undefined): void {
  el.textContent = text ?? '';
  el.hidden = !text;
}

/** `ns-2` before `ns-10`, case ignored: the order people expect of ids. */
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function fillBoundaries(diagram: Diagram): void {
  boundarySelect.replaceChildren();
  const all = document.createElement('option');
  all.value = '';
  all.textContent = 'all';
  boundarySelect.append(all);
  const ids = diagram.groups.filter((g) => diagram.nodes.some((n) => n.group === g.id)).map((g) => g.id).sort(natural.compare);
  for (const id of ids) {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = id;
    boundarySelect.append(option);
  }
  boundarySelect.value = view.boundary !== undefined && ids.includes(view.boundary) ? view.boundary : '';
}

function fillFocus(diagram: Diagram): void {
  focusList.replaceChildren();
  for (const n of [...diagram.nodes].sort((a, b) => natural.compare(a.id, b.id))) {
    const option = document.createElement('option');
    option.value = n.id;
    option.label = n.tech ? `${n.kind} · ${n.tech}` : n.kind;
    focusList.append(option);
  }
  if (document.activeElement !== focusInput) focusInput.value = view.focus ?? '';
}

/** Where the drawing is: Overview › boundary, or All components, or a focus. */
function fillCrumbs(diagram: Diagram): void {
  crumbs.replaceChildren();
  const level = view.level ?? defaultLevel(diagram);
  const current = view.focus !== undefined ? `focus ${view.focus}` : view.boundary !== undefined ? view.boundary : undefined;
  const item = (label: string, next: DiagramView | undefined) => {
    const el = document.createElement(next ? 'button' : 'span');
    el.textContent = label;
    if (next) {
      (el as HTMLButtonElement).type = 'button';
      el.addEventListener('click', () => changeView(next));
    } else el.setAttribute('aria-current', 'page');
    crumbs.append(el);
  };
  const sep = () => crumbs.append(Object.assign(document.createElement('span'), { textContent: '›', className: 'sep' }));
  item('Overview', current === undefined && level === 'overview' ? undefined : { level: 'overview' });
  crumbs.append(' ');
  item('All components', current === undefined && level === 'full' ? undefined : { level: 'full' });
  if (current !== undefined) {
    sep();
    item(current, undefined);
  }
}

// --- drawing -------------------------------------------------------------------------------------

async function draw(): Promise<void> {
  const diagram = payload.diagram;
  document.getElementById('moat-title')!.textContent = diagram.title || payload.fileName;
  setText(banner, payload.stale);
  // A view that names something no longer in the model falls back to the whole model.
  if (view.focus !== undefined && !diagram.nodes.some((n) => n.id === view.focus)) view = { ...view, focus: undefined };
  if (view.boundary !== undefined && !diagram.groups.some((g) => g.id === view.boundary)) view = { ...view, boundary: undefined };
  fillBoundaries(diagram);
  fillFocus(diagram);
  fillCrumbs(diagram);
  // Only the editor's panel has paths (the engine runs there); a standalone page has none.
  pathsLabel.hidden = !payload.paths;
  pathsSelect.value = payload.paths ? pathsMode : '';

  const level = view.level ?? defaultLevel(diagram);
  const whole = view.focus === undefined && view.boundary === undefined;
  if (level === 'full' && whole && tooLargeToDraw(diagram)) {
    drawn = undefined;
    canvas.replaceChildren();
    levelNote = `This model has ${diagram.nodes.length} components and ${diagram.edges.length} flows, too many to draw whole. `
      + 'Open the overview, a boundary, or a component to focus on.';
    showPaths();
    document.body.dataset.rendered = String(++renderCount);
    return;
  }
  if (diagram.nodes.length === 0) {
    drawn = undefined;
    canvas.replaceChildren();
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'The model has no components yet.';
    canvas.append(empty);
    levelNote = undefined;
    showPaths();
    document.body.dataset.rendered = String(++renderCount);
    return;
  }
  loading.hidden = false;
  document.body.dataset.loading = 'true';
  try {
    const started = performance.now();
    const area = viewport.getBoundingClientRect();
    const rendered = await renderDiagram(diagram, {
      ...view,
      level,
      viewport: area.width > 0 && area.height > 0 ? { width: area.width, height: area.height } : undefined,
    });
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
    // The SVG is svg.ts's: every piece of model text in it is XML-escaped.
    canvas.innerHTML = rendered.svg;
    drawn = rendered;
    decorate();
    const shown = rendered.layout.model;
    const components = shown.nodes.filter((n) => n.role === 'component').length;
    const hidden = diagram.nodes.length - components;
    levelNote = hidden > 0 && shown.level !== 'overview'
      ? `Showing ${components} of ${diagram.nodes.length} components${shown.nodes.some((n) => n.role === 'boundary') ? '; neighbouring boundaries are collapsed (click one to open it)' : ''}.`
      : undefined;
    applyZoom();
    applyHighlight();
    showPaths();
    document.body.dataset.error = '';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    setText(notice, `The diagram could not be drawn: ${message}`);
    document.body.dataset.error = message;
    post({ type: 'renderError', message });
  } finally {
    loading.hidden = true;
    delete document.body.dataset.loading;
  }
  document.body.dataset.rendered = String(++renderCount);
}

function redraw(): void {
  rendering = rendering.then(draw, draw);
}

// --- elements in the SVG ---------------------------------------------------------------------------

function drawnEdge(id: string): DrawEdge | undefined {
  return drawn?.layout.model.edges.find((e) => e.id === id);
}

/** The model element a click on the SVG stands for, and whether it opens a collapsed boundary. */
function elementOf(target: Element): { ref: ElementRef; el: Element; opens?: string } | undefined {
  if (!drawn) return undefined;
  const el = target.closest('[data-moat-role]');
  if (!el) return undefined;
  const role = el.getAttribute('data-moat-role');
  const id = el.getAttribute('data-moat-id') ?? '';
  if (role === 'component') return { ref: { type: 'service', id }, el };
  if (role === 'boundary') {
    const collapsed = el.classList.contains('moat-collapsed');
    return { ref: { type: 'boundary', id }, el, opens: collapsed ? id : undefined };
  }
  const edge = drawnEdge(id);
  if (!edge) return undefined;
  return { ref: { type: 'flow', id: edge.flows[0] }, el };
}

function decorate(): void {
  for (const el of canvas.querySelectorAll('[data-moat-role="component"], [data-moat-role="boundary"].moat-collapsed')) {
    el.setAttribute('role', 'button');
    el.setAttribute('tabindex', '0');
  }
}

function showDetails(ref: ElementRef): void {
  const diagram = payload.diagram;
  details.replaceChildren();
  const heading = document.createElement('h3');
  const lines: string[] = [];
  let findings: DiagramFinding[] = [];
  if (ref.type === 'service') {
    const n = diagram.nodes.find((x) => x.id === ref.id);
    if (!n) return;
    heading.textContent = `${n.id} (${n.kind})`;
    if (n.tech) lines.push(`Technology: ${n.tech}`);
    if (n.owner) lines.push(`Owner: ${n.owner}`);
    if (n.description) lines.push(n.description);
    findings = n.findings;
  } else if (ref.type === 'flow') {
    const e: DiagramEdge | undefined = diagram.edges.find((x) => x.target === ref.id);
    if (!e) return;
    heading.textContent = `${e.from} → ${e.to}`;
    lines.push(edgeText(e));
    if (e.data.length) lines.push(`Data: ${e.data.join(', ')}`);
    if (e.description) lines.push(e.description);
    findings = e.findings;
  } else {
    const g = diagram.groups.find((x) => x.id === ref.id);
    if (!g) return;
    heading.textContent = `${g.id} (trust: ${g.trust})`;
    if (g.description) lines.push(g.description);
    findings = g.findings;
  }
  details.append(heading);
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    details.append(p);
  }
  if (findings.length) {
    const list = document.createElement('ul');
    for (const f of findings) {
      const li = document.createElement('li');
      li.textContent = `${f.severity}: ${f.message} (${f.rule})`;
      list.append(li);
    }
    details.append(list);
  }
  details.hidden = false;
}

function applyHighlight(): void {
  for (const el of canvas.querySelectorAll('.moat-highlight')) el.classList.remove('moat-highlight');
  for (const ref of highlighted) {
    if (ref.type === 'service') {
      canvas.querySelector(`[data-moat-role="component"][data-moat-id="${CSS.escape(ref.id)}"]`)?.classList.add('moat-highlight');
    } else if (ref.type === 'flow') {
      const edge = drawn?.layout.model.edges.find((e) => e.flows.includes(ref.id));
      if (edge) canvas.querySelector(`[data-moat-role="flow"][data-moat-id="${CSS.escape(edge.id)}"]`)?.classList.add('moat-highlight');
    } else {
      canvas.querySelector(`[data-moat-role="boundary"][data-moat-id="${CSS.escape(ref.id)}"]`)?.classList.add('moat-highlight');
    }
  }
}

// --- attack paths and blast radius (docs/paths.md) ---------------------------------------------------

const PATH_CLASSES = ['moat-path-on', 'moat-path-taken', 'moat-path-reach', 'moat-path-dim'];
/** A drawn box standing for several components shows the strongest part among them. */
const PART_RANK: Record<PathMarks['components'][string], number> = { on: 3, taken: 2, reach: 1 };

/** The marks the Paths menu asks for, when the payload has them. */
function currentMarks(): (PathMarks & { summary: string }) | undefined {
  if (pathsMode === 'attack') return payload.paths?.attack;
  if (pathsMode === 'blast' && payload.paths?.blast?.from === blastFrom) return payload.paths?.blast;
  return undefined;
}

/** The part of a drawn component, or of a collapsed boundary through the components inside it. */
function partOf(role: string, id: string, marks: PathMarks): PathMarks['components'][string] | undefined {
  const own = (c: string) => (Object.prototype.hasOwnProperty.call(marks.components, c) ? marks.components[c] : undefined);
  if (role === 'component') return own(id);
  const groups = new Map(payload.diagram.groups.map((g) => [g.id, g]));
  const inside = (group: string | undefined): boolean => {
    for (let g = group, hops = 0; g !== undefined && hops <= groups.size; g = groups.get(g)?.parent, hops++) if (g === id) return true;
    return false;
  };
  let best: PathMarks['components'][string] | undefined;
  for (const n of payload.diagram.nodes) {
    const part = own(n.id);
    if (part && inside(n.group) && (!best || PART_RANK[part] > PART_RANK[best])) best = part;
  }
  return best;
}

/**
 * Draws the chosen view of paths over the drawing: the components and flows on it marked, the
 * rest dimmed (boundary groups, which only frame, are left alone); and says what it shows.
 */
function showPaths(): void {
  for (const el of canvas.querySelectorAll(PATH_CLASSES.map((c) => `.${c}`).join(','))) el.classList.remove(...PATH_CLASSES);
  const marks = currentMarks();
  document.body.dataset.paths = marks ? pathsMode : '';
  let pathsNote: string | undefined;
  if (marks) pathsNote = marks.summary;
  else if (pathsMode === 'blast' && payload.paths) {
    pathsNote = blastFrom !== undefined && !payload.diagram.nodes.some((n) => n.id === blastFrom)
      ? `Blast radius: ${blastFrom} is no longer in the model; select a component (click it, or put the cursor on it in the editor).`
      : 'Blast radius: select a component (click it, or put the cursor on it in the editor).';
  }
  if (marks && drawn) {
    const flows = new Set(marks.flows);
    for (const el of canvas.querySelectorAll('[data-moat-role="component"], [data-moat-role="boundary"].moat-collapsed')) {
      const part = partOf(el.getAttribute('data-moat-role')!, el.getAttribute('data-moat-id') ?? '', marks);
      el.classList.add(part ? `moat-path-${part}` : 'moat-path-dim');
    }
    for (const el of canvas.querySelectorAll('[data-moat-role="flow"], [data-moat-role="label"]')) {
      const edge = drawnEdge(el.getAttribute('data-moat-id') ?? '');
      el.classList.add(edge?.flows.some((f) => flows.has(f)) ? 'moat-path-on' : 'moat-path-dim');
    }
  }
  const notes = [levelNote, pathsNote].filter((n): n is string => n !== undefined);
  setText(notice, notes.length > 0 ? notes.join(' ') : undefined);
}

/** A component selected (clicked, or under the editor's cursor): in the blast-radius view, its radius is asked for. */
function selectComponent(id: string): void {
  if (pathsMode !== 'blast' || id === blastFrom) return;
  blastFrom = id;
  saveState();
  post({ type: 'blastFrom', id });
  showPaths();
}

pathsSelect.addEventListener('change', () => {
  pathsMode = pathsSelect.value as PathsMode;
  saveState();
  // The host computes a blast radius only while one is shown; it answers with a new diagram.
  post(pathsMode === 'blast' && blastFrom !== undefined ? { type: 'blastFrom', id: blastFrom } : { type: 'blastFrom' });
  showPaths();
});

// --- zoom and pan ------------------------------------------------------------------------------------

/** The drawing's own size (its width and height attributes), whatever the zoom. */
function drawingSize(): { width: number; height: number } | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  return { width: Number(svg.getAttribute('width')) || 0, height: Number(svg.getAttribute('height')) || 0 };
}

function fit(): void {
  const size = drawingSize();
  const area = viewport.getBoundingClientRect();
  if (!size || size.width === 0 || area.width === 0) return;
  const margin = 16;
  const scale = Math.min(2, Math.min((area.width - margin) / size.width, (area.height - margin) / size.height));
  zoom = { scale, x: (area.width - size.width * scale) / 2, y: (area.height - size.height * scale) / 2 };
  fitted = true;
  applyZoom(false);
}

function applyZoom(fitWhenUnset = true): void {
  if (!zoom) {
    if (fitWhenUnset) fit();
    return;
  }
  canvas.style.transform = `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`;
  saveState();
}

function zoomBy(factor: number, cx?: number, cy?: number): void {
  const area = viewport.getBoundingClientRect();
  const z = zoom ?? { scale: 1, x: 0, y: 0 };
  const px = cx ?? area.width / 2;
  const py = cy ?? area.height / 2;
  const scale = Math.min(8, Math.max(0.01, z.scale * factor));
  zoom = { scale, x: px - ((px - z.x) * scale) / z.scale, y: py - ((py - z.y) * scale) / z.scale };
  fitted = false;
  applyZoom();
}

viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  const area = viewport.getBoundingClientRect();
  zoomBy(Math.exp(-e.deltaY / 500), e.clientX - area.left, e.clientY - area.top);
}, { passive: false });

let drag: { x: number; y: number; moved: boolean } | undefined;
viewport.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false };
});
viewport.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) viewport.setPointerCapture(e.pointerId);
  drag.moved = true;
  viewport.classList.add('panning');
  const z = zoom ?? { scale: 1, x: 0, y: 0 };
  zoom = { ...z, x: z.x + dx, y: z.y + dy };
  fitted = false;
  drag.x = e.clientX;
  drag.y = e.clientY;
  applyZoom();
});

function activate(target: EventTarget | null): void {
  const hit = target instanceof Element ? elementOf(target) : undefined;
  if (!hit) {
    details.hidden = true;
    return;
  }
  if (hit.opens !== undefined) {
    changeView({ boundary: hit.opens });
    return;
  }
  highlighted = [hit.ref];
  applyHighlight();
  showDetails(hit.ref);
  post({ type: 'reveal', element: hit.ref });
  if (hit.ref.type === 'service') selectComponent(hit.ref.id);
}

viewport.addEventListener('pointerup', (e) => {
  const wasDrag = drag?.moved;
  drag = undefined;
  viewport.classList.remove('panning');
  if (!wasDrag) activate(e.target);
});
viewport.addEventListener('keydown', (e) => {
  if (e.key === '+' || e.key === '=') zoomBy(1.2);
  else if (e.key === '-') zoomBy(1 / 1.2);
  else if (e.key === '0') fit();
  else if (e.key === 'Enter') activate(e.target);
});
$('moat-zoom-in').addEventListener('click', () => zoomBy(1.2));
$('moat-zoom-out').addEventListener('click', () => zoomBy(1 / 1.2));
$('moat-fit').addEventListener('click', fit);
const legendToggle = $('moat-legend-toggle');
legendToggle.addEventListener('click', () => {
  legend.hidden = !legend.hidden;
  legendToggle.setAttribute('aria-expanded', String(!legend.hidden));
  saveState();
  // The drawing's area changed: fit again unless the user has zoomed.
  if (fitted) fit();
});

function changeView(next: DiagramView): void {
  view = next;
  zoom = null;
  saveState();
  post({ type: 'view', view });
  redraw();
}
boundarySelect.addEventListener('change', () => changeView(boundarySelect.value ? { boundary: boundarySelect.value } : { level: view.level }));
focusInput.addEventListener('change', () => {
  const id = focusInput.value.trim();
  if (id === '') changeView({ level: view.level });
  else if (payload.diagram.nodes.some((n) => n.id === id)) changeView({ focus: id });
});
$('moat-focus-selection').addEventListener('click', () => {
  const component = highlighted.find((r) => r.type === 'service')
    ?? highlighted.flatMap((r) => (r.type === 'flow' ? [payload.diagram.edges.find((e) => e.target === r.id)] : []))
      .filter((e): e is DiagramEdge => e !== undefined).map((e): ElementRef => ({ type: 'service', id: e.from }))[0];
  if (component) changeView({ focus: component.id });
});

// --- export ------------------------------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The drawn SVG as a file, without the page's highlight. */
function standaloneSvg(): string | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const el of copy.querySelectorAll('.moat-highlight')) el.classList.remove('moat-highlight');
  for (const el of copy.querySelectorAll(PATH_CLASSES.map((c) => `.${c}`).join(','))) el.classList.remove(...PATH_CLASSES);
  for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex'), el.removeAttribute('role');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The current level as a fenced Mermaid block. */
function markdownOfView(): string {
  const mermaid = drawingToMermaid(diagramAt(payload.diagram, { ...view, level: view.level ?? defaultLevel(payload.diagram) }));
  return `\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n`;
}

function exportAs(format: 'svg' | 'markdown'): void {
  if (vscode) {
    post({ type: 'export', format });
    return;
  }
  // A standalone page saves through the browser.
  const text = format === 'svg' ? standaloneSvg() : markdownOfView();
  if (text === undefined) return;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: format === 'svg' ? 'image/svg+xml' : 'text/markdown' }));
  a.download = `${(payload.fileName || 'diagram').replace(/\.(moat\.)?ya?ml$/, '')}.${format === 'svg' ? 'svg' : 'md'}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
$('moat-export-svg').addEventListener('click', () => exportAs('svg'));
$('moat-export-md').addEventListener('click', () => exportAs('markdown'));

// --- legend ------------------------------------------------------------------------------------------

function swatch(drawSwatch: (svg: SVGSVGElement) => void): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  drawSwatch(svg);
  return svg;
}
function svgEl(name: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}
function styleAttrs(style: string): Record<string, string> {
  const attrs: Record<string, string> = { fill: 'none' };
  for (const part of style.split(',')) {
    const [k, v] = part.split(':');
    attrs[k] = v;
  }
  return attrs;
}
function legendSection(title: string, items: [Node, string][]): void {
  const h = document.createElement('h2');
  h.textContent = title;
  const ul = document.createElement('ul');
  for (const [icon, text] of items) {
    const li = document.createElement('li');
    const span = document.createElement('span');
    span.textContent = text;
    li.append(icon, span);
    ul.append(li);
  }
  legend.append(h, ul);
}
function buildLegend(): void {
  legend.replaceChildren();
  legendSection('Trust boundaries', Object.entries(TRUST_STYLE).map(([trust, s]) => [
    swatch((svg) => svg.append(svgEl('rect', { x: '1', y: '1', width: '26', height: '12', fill: s.fill, stroke: s.stroke }))), trust,
  ]));
  legendSection('Components', LEGEND.kinds.map(([kinds, text]) => [document.createTextNode(''), `${kinds}: ${text}`]));
  legendSection('Flows', [
    [swatch((svg) => svg.append(svgEl('line', { x1: '0', y1: '7', x2: '28', y2: '7', stroke: 'currentColor', 'stroke-width': '1.5' }))), 'encrypted and authenticated'],
    ...LEGEND.flows.map(([, text, style]): [Node, string] => [
      swatch((svg) => svg.append(svgEl('line', { x1: '0', y1: '7', x2: '28', y2: '7', ...styleAttrs(style) }))), text,
    ]),
    [document.createTextNode(''), 'labels: protocol · TLS · auth ("?" when the model does not say); "N flows" for flows merged into one edge'],
  ]);
  legendSection('Findings (outline)', Object.entries(SEVERITY_COLOR).map(([severity, color]) => [
    swatch((svg) => svg.append(svgEl('rect', { x: '2', y: '2', width: '24', height: '10', fill: 'none', stroke: color, 'stroke-width': '2.5' }))), severity,
  ]));
  // Collapsed until the user opens it; then remembered.
  legend.hidden = !(saved?.legend ?? false);
  legendToggle.setAttribute('aria-expanded', String(!legend.hidden));
}

// --- the extension's messages ------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || typeof message !== 'object') return;
  switch (message.type) {
    case 'diagram':
      payload = message.payload;
      redraw();
      break;
    case 'highlight': {
      highlighted = message.elements;
      applyHighlight();
      const component = message.elements.find((e) => e.type === 'service');
      if (component) selectComponent(component.id);
      break;
    }
    case 'requestSvg': {
      const svg = standaloneSvg();
      post(svg ? { type: 'svg', requestId: message.requestId, svg, markdown: markdownOfView() } : { type: 'svg', requestId: message.requestId, error: 'Nothing is drawn yet.' });
      break;
    }
  }
});

window.addEventListener('resize', () => {
  if (fitted) fit();
});

buildLegend();
// Saved at once, so that a panel whose drawing fails is still restored after a reload.
saveState();
redraw();
post({ type: 'ready' });
// A restored page asks its (new) host again for the blast radius it showed.
if (pathsMode === 'blast' && blastFrom !== undefined) post({ type: 'blastFrom', id: blastFrom });
