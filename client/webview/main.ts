// Runs inside the diagram page: the editor's webview, or a standalone HTML file written by
// `moat diagram --format html`. Draws the diagram with Mermaid (bundled, no network), lets the
// user zoom, pan, filter and focus, and talks to the extension when there is one.
//
// Model text is put into the DOM only through textContent and Mermaid labels escaped by
// toMermaid; nothing from the model is ever parsed as HTML here.

import mermaid from 'mermaid';
import elkLayouts from '@mermaid-js/layout-elk';
import type { DiagramPayload, ElementRef, FromWebview, ToWebview } from '../src/preview/protocol.js';
import type { Diagram, DiagramEdge, DiagramFinding } from '../../server/src/render/diagram.js';
import type { DiagramView, MermaidOutput } from '../../server/src/render/mermaid.js';
import { LEGEND, SEVERITY_COLOR, TRUST_STYLE, toMermaid, tooLargeToDraw, edgeLabel } from '../../server/src/render/mermaid.js';
import { mermaidConfig } from '../../server/src/render/config.js';
import { pathMarkLines } from '../../server/src/paths/highlight.js';

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
}

const vscode: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const canvas = $<HTMLDivElement>('moat-canvas');
const viewport = $<HTMLElement>('moat-viewport');
const banner = $<HTMLDivElement>('moat-banner');
const notice = $<HTMLDivElement>('moat-notice');
const details = $<HTMLElement>('moat-details');
const legend = $<HTMLElement>('moat-legend');
const boundarySelect = $<HTMLSelectElement>('moat-boundary');
const focusSelect = $<HTMLSelectElement>('moat-focus');
const pathsSelect = $<HTMLSelectElement>('moat-paths');

let payload: DiagramPayload = JSON.parse($<HTMLScriptElement>('moat-payload').textContent ?? '{}');
const saved = vscode?.getState();
let view: DiagramView = saved?.view ?? payload.view ?? {};
let zoom = saved?.zoom ?? null;
let pathsMode: PathsMode = saved?.paths ?? '';
let blastFrom: string | undefined = saved?.blastFrom;
let drawn: MermaidOutput | undefined;
let highlighted: ElementRef[] = [];
let renderCount = 0;
let rendering: Promise<void> = Promise.resolve();

mermaid.registerLayoutLoaders(elkLayouts);

function post(message: FromWebview): void {
  vscode?.postMessage(message);
}

function saveState(): void {
  vscode?.setState({ view, zoom, legend: !legend.hidden, paths: pathsMode, blastFrom });
}

// --- theme -------------------------------------------------------------------------------

type Theme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

function currentTheme(): Theme {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  if (c.contains('vscode-light')) return 'light';
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

// --- drawing -----------------------------------------------------------------------------

function setText(el: HTMLElement, text: string | undefined): void {
  el.textContent = text ?? '';
  el.hidden = !text;
}

function fillSelect(select: HTMLSelectElement, label: string, values: string[], chosen: string | undefined): void {
  select.replaceChildren();
  const all = document.createElement('option');
  all.value = '';
  all.textContent = label;
  select.append(all);
  for (const v of values) {
    const option = document.createElement('option');
    option.value = v;
    option.textContent = v;
    select.append(option);
  }
  select.value = chosen !== undefined && values.includes(chosen) ? chosen : '';
}

function updateControls(diagram: Diagram): void {
  document.getElementById('moat-title')!.textContent = diagram.title || payload.fileName;
  fillSelect(boundarySelect, 'all', diagram.groups.map((g) => g.id).sort(), view.boundary);
  fillSelect(focusSelect, 'none', diagram.nodes.map((n) => n.id).sort(), view.focus);
  // Only the editor's panel computes paths (the engine runs there); offline pages have none.
  $('moat-paths-label').hidden = !payload.paths;
  if (pathsSelect) pathsSelect.value = payload.paths ? pathsMode : '';
}

async function draw(): Promise<void> {
  const diagram = payload.diagram;
  updateControls(diagram);
  setText(banner, payload.stale);
  // A view that names something no longer in the model falls back to the whole model.
  if (view.focus !== undefined && !diagram.nodes.some((n) => n.id === view.focus)) view = { ...view, focus: undefined };
  if (view.boundary !== undefined && !diagram.groups.some((g) => g.id === view.boundary)) view = { ...view, boundary: undefined };

  if (tooLargeToDraw(diagram, view)) {
    drawn = undefined;
    canvas.replaceChildren();
    setText(notice, `This model has ${diagram.nodes.length} components and ${diagram.edges.length} flows, too many to draw whole. `
      + 'Choose a boundary or a component to focus on.');
    document.body.dataset.rendered = String(++renderCount);
    return;
  }
  const output = toMermaid(diagram, view);
  const hidden = output.hidden.nodes + output.hidden.edges;
  const notes = hidden > 0 ? [`Showing ${diagram.nodes.length - output.hidden.nodes} of ${diagram.nodes.length} components and ${diagram.edges.length - output.hidden.edges} of ${diagram.edges.length} flows.`] : [];
  const marks = pathsMode === 'attack' ? payload.paths?.attack : pathsMode === 'blast' ? payload.paths?.blast : undefined;
  if (marks) {
    output.text += `${pathMarkLines(output, marks).join('\n')}\n`;
    notes.push(marks.summary);
  } else if (pathsMode === 'blast' && payload.paths) {
    notes.push('Blast radius: select a component (click it, or put the cursor on it in the editor).');
  }
  document.body.dataset.paths = marks ? pathsMode : '';
  setText(notice, notes.length > 0 ? notes.join(' ') : undefined);
  if (output.nodes.size === 0) {
    drawn = output;
    canvas.replaceChildren();
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = 'The model has no components yet.';
    canvas.append(empty);
    document.body.dataset.rendered = String(++renderCount);
    return;
  }
  const config = mermaidConfig(output.text, output.nodes.size, currentTheme());
  mermaid.initialize(payload.layout ? { ...config, layout: payload.layout } : config);
  const id = `moat-svg-${renderCount + 1}`;
  try {
    const started = performance.now();
    const { svg } = await mermaid.render(id, output.text);
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
    // Mermaid's SVG, labels included, was sanitised by Mermaid (securityLevel strict), and
    // model text in it was entity-escaped by toMermaid.
    canvas.innerHTML = svg;
    naturalSize(canvas.querySelector('svg'));
    drawn = output;
    decorate();
    applyZoom();
    applyHighlight();
    document.body.dataset.error = '';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    setText(notice, `The diagram could not be drawn: ${message}`);
    document.body.dataset.error = message;
    document.getElementById(id)?.remove();
    document.getElementById(`d${id}`)?.remove();
    post({ type: 'renderError', message });
  }
  document.body.dataset.rendered = String(++renderCount);
}

/** Mermaid sizes its SVG to its container (width 100%); the pan-and-zoom canvas needs its real size. */
function naturalSize(svg: SVGSVGElement | null): void {
  const box = svg?.viewBox.baseVal;
  if (!svg || !box || box.width === 0) return;
  svg.setAttribute('width', String(box.width));
  svg.setAttribute('height', String(box.height));
  svg.style.removeProperty('max-width');
}

function redraw(): void {
  rendering = rendering.then(draw, draw);
}

// --- elements in the SVG -------------------------------------------------------------------

/** The element an SVG node, cluster or edge stands for. */
function elementOf(target: Element): { ref: ElementRef; el: Element } | undefined {
  if (!drawn) return undefined;
  const node = target.closest('g.node');
  if (node) {
    const id = mermaidIdOf(node);
    const component = id !== undefined ? drawn.nodes.get(id) : undefined;
    if (component !== undefined) return { ref: { type: 'service', id: component }, el: node };
  }
  const edgeId = target.closest('[data-id^="L_"]')?.getAttribute('data-id') ?? target.closest('g.edgeLabel')?.querySelector('[data-id]')?.getAttribute('data-id');
  if (edgeId) {
    const edge = edgeFor(edgeId);
    if (edge) return { ref: { type: 'flow', id: edge.target }, el: target };
  }
  const cluster = target.closest('g.cluster');
  if (cluster) {
    const boundary = drawn.groups.get(cluster.id) ?? drawn.groups.get(cluster.getAttribute('data-id') ?? '');
    if (boundary !== undefined) return { ref: { type: 'boundary', id: boundary }, el: cluster };
  }
  return undefined;
}

/** Mermaid names a node `<svg id>-flowchart-<node id>-<n>`, and newer versions set `data-id`. */
function mermaidIdOf(node: Element): string | undefined {
  const data = node.getAttribute('data-id');
  if (data && drawn?.nodes.has(data)) return data;
  const m = /flowchart-(.+)-\d+$/.exec(node.id);
  return m ? m[1] : undefined;
}

/** Edge paths carry `L_<from>_<to>_<n>`; the n-th link between the pair in drawing order. */
function edgeFor(edgeId: string): MermaidOutput['edges'][number] | undefined {
  const paths = [...canvas.querySelectorAll('path[data-id^="L_"]')].map((p) => p.getAttribute('data-id'));
  const index = paths.indexOf(edgeId);
  return index >= 0 ? drawn?.edges[index] : undefined;
}

function edgePath(index: number): Element | undefined {
  return canvas.querySelectorAll('path[data-id^="L_"]')[index] ?? undefined;
}

function decorate(): void {
  if (!drawn) return;
  for (const node of canvas.querySelectorAll('g.node')) {
    const id = mermaidIdOf(node);
    const component = id !== undefined ? drawn.nodes.get(id) : undefined;
    if (component === undefined) continue;
    node.setAttribute('data-moat-id', component);
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '0');
  }
  drawn.edges.forEach((edge, i) => edgePath(i)?.setAttribute('data-moat-flow', edge.target));
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
    lines.push(edgeLabel(e).replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))));
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
      canvas.querySelector(`g.node[data-moat-id="${CSS.escape(ref.id)}"]`)?.classList.add('moat-highlight');
    } else if (ref.type === 'flow') {
      canvas.querySelector(`path[data-moat-flow="${CSS.escape(ref.id)}"]`)?.classList.add('moat-highlight');
    }
  }
}

// --- zoom and pan -----------------------------------------------------------------------------

function fit(): void {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  const box = svg.getBoundingClientRect();
  const scaleNow = zoom?.scale ?? 1;
  const width = box.width / scaleNow;
  const height = box.height / scaleNow;
  const area = viewport.getBoundingClientRect();
  const scale = Math.min(2, Math.max(0.05, Math.min(area.width / (width + 20), area.height / (height + 20))));
  zoom = { scale, x: (area.width - width * scale) / 2, y: (area.height - height * scale) / 2 };
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
  const scale = Math.min(8, Math.max(0.05, z.scale * factor));
  zoom = { scale, x: px - ((px - z.x) * scale) / z.scale, y: py - ((py - z.y) * scale) / z.scale };
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
  drag.x = e.clientX;
  drag.y = e.clientY;
  applyZoom();
});
viewport.addEventListener('pointerup', (e) => {
  const wasDrag = drag?.moved;
  drag = undefined;
  viewport.classList.remove('panning');
  if (wasDrag) return;
  const hit = e.target instanceof Element ? elementOf(e.target) : undefined;
  if (!hit) {
    details.hidden = true;
    return;
  }
  highlighted = [hit.ref];
  applyHighlight();
  showDetails(hit.ref);
  post({ type: 'reveal', element: hit.ref });
  if (hit.ref.type === 'service') selectComponent(hit.ref.id);
});
viewport.addEventListener('keydown', (e) => {
  if (e.key === '+' || e.key === '=') zoomBy(1.2);
  else if (e.key === '-') zoomBy(1 / 1.2);
  else if (e.key === '0') fit();
  else if (e.key === 'Enter' && e.target instanceof Element) {
    const hit = elementOf(e.target);
    if (hit) {
      showDetails(hit.ref);
      post({ type: 'reveal', element: hit.ref });
      if (hit.ref.type === 'service') selectComponent(hit.ref.id);
    }
  }
});
$('moat-zoom-in').addEventListener('click', () => zoomBy(1.2));
$('moat-zoom-out').addEventListener('click', () => zoomBy(1 / 1.2));
$('moat-fit').addEventListener('click', fit);
$('moat-legend-toggle').addEventListener('click', () => {
  legend.hidden = !legend.hidden;
  $('moat-legend-toggle').setAttribute('aria-expanded', String(!legend.hidden));
  saveState();
});

function changeView(next: DiagramView): void {
  view = next;
  zoom = null;
  saveState();
  post({ type: 'view', view });
  redraw();
}
boundarySelect.addEventListener('change', () => changeView({ boundary: boundarySelect.value || undefined, focus: view.focus }));

/** A component selected (clicked, or under the editor's cursor): in the blast-radius view, its radius is drawn. */
function selectComponent(id: string): void {
  if (pathsMode !== 'blast' || id === blastFrom) return;
  blastFrom = id;
  saveState();
  post({ type: 'blastFrom', id });
}
pathsSelect?.addEventListener('change', () => {
  pathsMode = (pathsSelect.value || '') as PathsMode;
  saveState();
  // The extension computes a blast radius only while one is shown; it answers with a new diagram.
  if (pathsMode === 'blast' && blastFrom !== undefined) post({ type: 'blastFrom', id: blastFrom });
  else if (pathsMode !== 'blast') post({ type: 'blastFrom' });
  redraw();
});
focusSelect.addEventListener('change', () => changeView({ boundary: view.boundary, focus: focusSelect.value || undefined }));

// --- legend ----------------------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';
function swatch(draw: (svg: SVGSVGElement) => void): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '14');
  svg.setAttribute('aria-hidden', 'true');
  draw(svg);
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
    [document.createTextNode(''), 'labels: protocol · TLS · auth ("?" when the model does not say)'],
  ]);
  legendSection('Findings (outline)', Object.entries(SEVERITY_COLOR).map(([severity, color]) => [
    swatch((svg) => svg.append(svgEl('rect', { x: '2', y: '2', width: '24', height: '10', fill: 'none', stroke: color, 'stroke-width': '2.5' }))), severity,
  ]));
  legend.hidden = saved ? !saved.legend : false;
}

// --- the extension's messages ----------------------------------------------------------------------

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
      const svg = canvas.querySelector('svg');
      post(svg ? { type: 'svg', requestId: message.requestId, svg: standaloneSvg(svg) } : { type: 'svg', requestId: message.requestId, error: 'Nothing is drawn yet.' });
      break;
    }
  }
});

/** The drawn SVG as a file: namespaced, without the page's highlight and ids of the page. */
function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const el of copy.querySelectorAll('.moat-highlight')) el.classList.remove('moat-highlight');
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

// Redraw when the editor's theme changes (VS Code swaps the body's classes).
let theme = currentTheme();
new MutationObserver(() => {
  const next = currentTheme();
  if (next !== theme) {
    theme = next;
    redraw();
  }
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
  theme = currentTheme();
  redraw();
});
window.addEventListener('resize', () => {
  if (!zoom) fit();
});

buildLegend();
redraw();
post({ type: 'ready' });
if (pathsMode === 'blast' && blastFrom !== undefined) post({ type: 'blastFrom', id: blastFrom });
