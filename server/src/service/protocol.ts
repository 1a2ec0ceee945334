// Moat's own messages between the language server and the VS Code extension, typed once for
// both sides. Only types and method names live here (the client bundle may import this file and
// nothing else of the engine); positions are LSP's (line, character), as on every LSP message.

import type { DiagramPayload } from '../render/page.js';
import type { DiagramView } from '../render/mermaid.js';

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }

/** Element ids as the diagram knows them: a component id or a flow's target. */
export interface ElementRef {
  type: 'service' | 'flow' | 'boundary';
  id: string;
}

/** Sent after each analysis: the finding counts of the model each file belongs to. */
export const STATUS_NOTIFICATION = 'moat/status';
export interface StatusParams {
  /** The files of the model (URIs) and the model's counts. */
  uris: string[];
  root: string;
  counts: Record<string, number>;
  /**
   * Per file (URI) of the model, how many of its findings the editor is not shown: below
   * `moat.diagnostics.minSeverity`, or past the most diagnostics a file can show.
   */
  hidden?: Record<string, number>;
}

/**
 * Sent by the server to read a file of a virtual workspace (a non-`file` URI) that is not open,
 * when the client said it answers (`initializationOptions.readFile: true`).
 */
export const READ_FILE_REQUEST = 'moat/readFile';
export interface ReadFileParams {
  uri: string;
}
/** The file's text, or why it cannot be read (shown in the `model/include` finding). */
export type ReadFileResult = { text: string } | { error: string };

/**
 * The diagram of the model a document belongs to, as the Problems panel sees it (the
 * `.moatrc.yaml` and `moat.rules` applied). With `format: 'markdown'`, the Mermaid text of the
 * view in a fenced block as well.
 */
export const DIAGRAM_REQUEST = 'moat/diagram';
export interface DiagramParams {
  uri: string;
  view?: DiagramView;
  format?: 'markdown';
  /** The component whose blast radius the panel draws over the diagram (docs/paths.md). */
  blastFrom?: string;
}
export interface DiagramResult {
  /** Absent while the model does not parse: `stale` says why (the panel keeps its last diagram). */
  payload?: DiagramPayload;
  stale?: string;
  markdown?: string;
}

/** The diagram's elements written at a position of a document (to highlight them). */
export const DIAGRAM_ELEMENTS_REQUEST = 'moat/diagramElements';
export interface DiagramElementsParams {
  uri: string;
  position: Position;
}
export type DiagramElementsResult = ElementRef[];

/** Where an element of the diagram is written (to reveal it), or null. */
export const DIAGRAM_SOURCE_REQUEST = 'moat/diagramSource';
export interface DiagramSourceParams {
  /** A document of the model. */
  uri: string;
  element: ElementRef;
}
export type DiagramSourceResult = { uri: string; range: Range } | null;
