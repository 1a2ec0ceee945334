// The offline diagram page (`moat diagram --format html`) and where its script comes from.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Diagram } from './diagram.js';
import type { DiagramView } from './mermaid.js';
import { diagramPage } from './page.js';

/** Where the build puts the page's script (esbuild.mjs: client/webview/main.ts → dist/webview/main.js). */
export const WEBVIEW_SCRIPT = path.join('dist', 'webview', 'main.js');

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The bundled page script (Mermaid included), for inlining. The CLI runs from dist/cli.js, next
 * to dist/webview/; run from the sources, it is found in the package's dist/ above.
 */
export function readWebviewScript(from: string = __dirname): { text: string } | { error: string } {
  const candidates = [path.join(from, 'webview', 'main.js')];
  for (let dir = from; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, WEBVIEW_SCRIPT));
    if (path.dirname(dir) === dir) break;
  }
  for (const file of candidates) {
    try {
      return { text: fs.readFileSync(file, 'utf8') };
    } catch {
      // Not here; try the next place.
    }
  }
  return { error: `the diagram page's script (${WEBVIEW_SCRIPT}) is missing; run \`npm run build\`` };
}

export interface DiagramHtmlOptions {
  script: string;
  fileName: string;
  view?: DiagramView;
  nonce?: string;
}

/** One self-contained page that draws the diagram offline. */
export function diagramHtml(diagram: Diagram, options: DiagramHtmlOptions): string {
  return diagramPage({
    payload: { diagram, fileName: options.fileName, view: options.view },
    nonce: options.nonce ?? newNonce(),
    script: { text: options.script },
    title: diagram.title || options.fileName,
  });
}
