// The page that draws a diagram: the same document for the editor's webview (script by URI)
// and for `moat diagram --format html` (script inline, so it renders offline from one file).
//
// Security: `default-src 'none'`; scripts only by nonce; model text reaches the page only as
// JSON inside a non-executable <script type="application/json"> and is put into the DOM as
// text by the page's script.

import type { Diagram } from './diagram.js';
import type { DiagramView } from './mermaid.js';
import type { PathsOverlay } from '../paths/overlay.js';

/** What the page is given to draw: embedded in the page at first, then sent on every change. */
export interface DiagramPayload {
  diagram: Diagram;
  /** The model file's name, for the header. */
  fileName: string;
  /**
   * Set while the model does not parse: the diagram is the last good one and the banner says
   * why it is not current.
   */
  stale?: string;
  /** The view to start with (the CLI's `--focus`, or the panel's remembered view). */
  view?: DiagramView;
  /** Forces a layout engine (the benchmark compares them); by default the size of the model decides. */
  layout?: 'dagre' | 'elk';
  /** Attack paths and the blast radius of the selected component, drawn on demand (the editor's panel only). */
  paths?: PathsOverlay;
  /**
   * The model document's URI (the editor's panel only): the page keeps it in its state, so that
   * VS Code can restore the panel after a reload.
   */
  document?: string;
}

export interface PageOptions {
  payload: DiagramPayload;
  /** A fresh random nonce (base64 or hex) for the page's scripts. */
  nonce: string;
  /** The webview's `cspSource`, allowed for styles and images; absent for a standalone page. */
  cspSource?: string;
  /** The webview script's URI (the editor), or its text to inline (a standalone page). */
  script: { uri: string } | { text: string };
  /** The page's title. */
  title: string;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_ENTITY: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '"': '&#34;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: a report escapes tens of thousands of cells.
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ENTITY[c]) : text;
}

/** JSON that can sit inside a <script> element: nothing in it can close the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A script's text made safe to inline: `</script` and `<!--` cannot appear in it. */
export function scriptForInline(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function contentSecurityPolicy(nonce: string, cspSource?: string): string {
  const src = cspSource ? ` ${cspSource}` : '';
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Mermaid writes a <style> into every SVG it draws and sets style attributes.
    `style-src${src} 'unsafe-inline'`,
    `img-src${src} data:`,
    ...(cspSource ? [`font-src${src}`] : []),
  ].join('; ');
}

/** The diagram's part of a page: toolbar, banners, the drawing, the legend. IDs are fixed: one per page. */
export function diagramSection(): string {
  return `<section class="moat-diagram" aria-label="Diagram">
<header class="toolbar">
  <h1 id="moat-title"></h1>
  <nav id="moat-crumbs" class="crumbs" aria-label="Level"></nav>
  <label>Boundary <select id="moat-boundary"><option value="">all</option></select></label>
  <label>Focus <input id="moat-focus" list="moat-focus-list" placeholder="type a component" autocomplete="off" spellcheck="false" size="16"><datalist id="moat-focus-list"></datalist></label>
  <button type="button" id="moat-focus-selection" title="Focus on the element selected in the editor">Focus selection</button>
  <label id="moat-paths-label" hidden>Paths <select id="moat-paths"><option value="">none</option><option value="attack">attack paths</option><option value="blast">blast radius from the selected component</option></select></label>
  <span class="spacer"></span>
  <button type="button" id="moat-zoom-out" title="Zoom out" aria-label="Zoom out">−</button>
  <button type="button" id="moat-zoom-in" title="Zoom in" aria-label="Zoom in">+</button>
  <button type="button" id="moat-fit" title="Fit to window">Fit</button>
  <button type="button" id="moat-export-svg" title="Save this drawing as SVG">SVG</button>
  <button type="button" id="moat-export-md" title="Save this level as a Markdown mermaid block">Markdown</button>
  <button type="button" id="moat-legend-toggle" title="Show or hide the legend" aria-expanded="false">Legend</button>
</header>
<div id="moat-banner" class="banner" role="status" hidden></div>
<div id="moat-notice" class="notice" role="status" hidden></div>
<div id="moat-viewport" class="viewport" tabindex="0" aria-label="Diagram (drag to pan, wheel to zoom)"><div id="moat-canvas"></div><div id="moat-loading" class="loading" role="status">Drawing…</div></div>
<aside id="moat-legend" class="legend" aria-label="Legend" hidden></aside>
<aside id="moat-details" class="details" hidden></aside>
</section>`;
}

export interface DocumentOptions extends Omit<PageOptions, 'title'> {
  title: string;
  /** The body's markup; it must contain diagramSection() once. */
  body: string;
  /** More CSS for the body. */
  css?: string;
}

/** A whole HTML document around a diagram section, with its CSP, payload and script. */
export function htmlDocument(options: DocumentOptions): string {
  const { nonce } = options;
  const script = 'uri' in options.script
    ? `<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(options.script.uri)}"></script>`
    : `<script nonce="${escapeHtml(nonce)}">${scriptForInline(options.script.text)}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce, options.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${DIAGRAM_CSS}${options.css ?? ''}</style>
</head>
<body>
${options.body}
<script type="application/json" id="moat-payload">${jsonForScript(options.payload)}</script>
${script}
</body>
</html>
`;
}

/** A page that is only the diagram, filling the window (the editor's panel, `moat diagram --format html`). */
export function diagramPage(options: PageOptions): string {
  return htmlDocument({ ...options, body: diagramSection(), css: 'html, body { height: 100%; margin: 0; overflow: hidden; } .moat-diagram { height: 100%; }' });
}

// Colours come from the editor's theme variables when the page is a webview, and from the
// system's colour scheme when it stands alone.
const DIAGRAM_CSS = `
:root { color-scheme: light dark; --fg: var(--vscode-foreground, CanvasText); --bg: var(--vscode-editor-background, Canvas);
  --border: var(--vscode-panel-border, #8884); --accent: var(--vscode-focusBorder, #1e88e5);
  --banner-bg: var(--vscode-inputValidation-warningBackground, #fff3cd); --banner-fg: var(--vscode-inputValidation-warningForeground, #222); }
* { box-sizing: border-box; }
body { color: var(--fg); background: var(--bg); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
.moat-diagram { display: grid; grid-template-rows: auto auto auto 1fr; grid-template-columns: 1fr auto; position: relative; overflow: hidden; min-height: 20em; }
.toolbar { grid-column: 1 / -1; grid-row: 1; display: flex; gap: .5em; align-items: center; padding: .4em .6em; border-bottom: 1px solid var(--border); flex-wrap: wrap; }
.toolbar h1 { font-size: 1.1em; margin: 0 1em 0 0; font-weight: 600; }
.toolbar .spacer { flex: 1; }
.toolbar select, .toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground, inherit); background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--border)); border-radius: 2px; padding: .15em .5em; }
.toolbar button:focus-visible, .toolbar select:focus-visible, .viewport:focus-visible { outline: 1px solid var(--accent); }
.banner, .notice { grid-column: 1 / -1; padding: .4em .8em; border-bottom: 1px solid var(--border); }
.banner { grid-row: 2; background: var(--banner-bg); color: var(--banner-fg); }
.notice { grid-row: 3; background: var(--vscode-inputValidation-infoBackground, #e3f2fd); color: var(--vscode-inputValidation-infoForeground, #222); }
.banner[hidden], .notice[hidden], .details[hidden], .legend[hidden] { display: none; }
.viewport { grid-column: 1; grid-row: 4; overflow: hidden; position: relative; cursor: grab; touch-action: none; min-height: 0; }
.viewport.panning { cursor: grabbing; }
#moat-canvas { transform-origin: 0 0; position: absolute; top: 0; left: 0; }
#moat-canvas svg { max-width: none !important; display: block; }
.legend { grid-column: 2; grid-row: 4; overflow: auto; padding: .5em .8em; border-left: 1px solid var(--border); max-width: 18em; font-size: .92em; }
.legend h2 { font-size: 1em; margin: .6em 0 .3em; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; gap: .5em; align-items: center; margin: .15em 0; }
.legend svg { flex: none; }
.details { position: absolute; right: 19em; bottom: 1em; max-width: 28em; max-height: 40%; overflow: auto; padding: .5em .8em;
  background: var(--vscode-editorHoverWidget-background, var(--bg)); border: 1px solid var(--vscode-editorHoverWidget-border, var(--border)); border-radius: 3px; }
.details h3 { margin: 0 0 .3em; font-size: 1em; }
.details p { margin: .2em 0; white-space: pre-wrap; }
.details ul { margin: .2em 0; padding-left: 1.2em; }
#moat-canvas [data-moat-role] { cursor: pointer; }
#moat-canvas .moat-highlight > .moat-shape, #moat-canvas .moat-highlight > rect, #moat-canvas path.moat-highlight {
  stroke: var(--accent) !important; stroke-width: 4px !important; }
/* Paths drawn over the diagram (docs/paths.md): on a path red, taken over filled red, within reach orange, the rest faint. */
#moat-canvas .moat-path-dim { opacity: .25; }
#moat-canvas .moat-path-on > .moat-shape { stroke: #b91c1c !important; stroke-width: 3px !important; }
#moat-canvas .moat-path-taken > .moat-shape { fill: #fecaca !important; stroke: #b91c1c !important; stroke-width: 3px !important; }
#moat-canvas .moat-path-taken text { fill: #1b1b1b; }
#moat-canvas .moat-path-reach > .moat-shape { stroke: #ea580c !important; stroke-width: 3px !important; }
#moat-canvas path.moat-path-on { stroke: #b91c1c !important; stroke-width: 3px !important; }
.loading { position: absolute; top: .6em; left: .8em; padding: .2em .6em; border-radius: 3px; background: var(--vscode-badge-background, #e3f2fd); color: var(--vscode-badge-foreground, #222); }
.loading[hidden] { display: none; }
.crumbs { display: flex; gap: .3em; align-items: center; }
.crumbs span[aria-current] { font-weight: 600; }
.crumbs .sep { opacity: .6; }
/* The drawing's colours follow the editor's theme (svg.ts reads these properties). */
#moat-canvas { --moat-node: var(--vscode-editor-background, #fbfcfd); --moat-text: var(--vscode-editor-foreground, #1b1b1b);
  --moat-node-stroke: var(--vscode-editorWidget-border, #455a64); --moat-edge: var(--vscode-editorLineNumber-foreground, #546e7a);
  --moat-label-bg: var(--vscode-editor-background, #ffffffe6); }
body.vscode-dark #moat-canvas { --moat-node: var(--vscode-editor-background, #1e1e1e); --moat-text: var(--vscode-editor-foreground, #d4d4d4);
  --moat-node-stroke: #9aa7b0; --moat-edge: #9aa7b0; --moat-label-bg: var(--vscode-editor-background, #1e1e1ee6); }
body.vscode-high-contrast #moat-canvas { --moat-node: #000000; --moat-text: #ffffff; --moat-node-stroke: #ffffff; --moat-edge: #ffffff; --moat-label-bg: #000000; }
body.vscode-high-contrast-light #moat-canvas { --moat-node: #ffffff; --moat-text: #000000; --moat-node-stroke: #000000; --moat-edge: #000000; --moat-label-bg: #ffffff; }
@media (prefers-color-scheme: dark) { body:not([class*="vscode-"]) #moat-canvas { --moat-node: #1e1e1e; --moat-text: #e0e0e0; --moat-node-stroke: #9aa7b0; --moat-edge: #9aa7b0; --moat-label-bg: #1e1e1ee6; } }
body.vscode-high-contrast #moat-canvas .moat-shape, body.vscode-high-contrast-light #moat-canvas .moat-shape { stroke-width: 2px; }
`;
