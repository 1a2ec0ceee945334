// The messages between the diagram panel (extension side) and its webview, typed on both sides.
// Only plain data crosses: the diagram as JSON, component and flow ids, SVG text.

import type { Diagram } from '../../../server/src/render/diagram.js';
import type { DiagramView } from '../../../server/src/render/mermaid.js';
import type { DiagramPayload } from '../../../server/src/render/page.js';
import type { ElementRef } from '../../../server/src/service/protocol.js';

export type { Diagram, DiagramPayload, DiagramView, ElementRef };

export type ToWebview =
  | { type: 'diagram'; payload: DiagramPayload }
  /** Elements selected in the editor, to highlight; empty clears. */
  | { type: 'highlight'; elements: ElementRef[] }
  /** Asks for the drawn SVG (to export it). */
  | { type: 'requestSvg'; requestId: number };

export type FromWebview =
  | { type: 'ready' }
  /** An element was clicked: show its definition. */
  | { type: 'reveal'; element: ElementRef }
  /** The filter or focus changed. */
  | { type: 'view'; view: DiagramView }
  /** The component whose blast radius to draw (none: stop computing one). */
  | { type: 'blastFrom'; id?: string }
  | { type: 'svg'; requestId: number; svg?: string; error?: string }
  /** Drawing failed (Mermaid's error, in words). */
  | { type: 'renderError'; message: string };
