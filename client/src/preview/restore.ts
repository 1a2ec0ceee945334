// What a diagram panel needs back when VS Code restores it after a reload: the model it draws and
// the view it showed. The page keeps both in its webview state (getState/setState, with its zoom,
// legend and Paths menu, which it restores itself); VS Code hands that state to the serializer.
// The state is the page's word, so it is read as untrusted data: anything malformed is dropped.

import type { DiagramLevel } from '../../../server/src/render/levels.js';
import type { DiagramView } from './protocol.js';

export interface RestoredPanel {
  /** The model document's URI. */
  document: string;
  view: DiagramView;
}

/** Every level, checked against the type: a new level fails to compile here until it is added. */
const LEVELS: Record<DiagramLevel, true> = { overview: true, full: true };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The panel to restore from a page's saved state; undefined when the state names no model. */
export function restoredPanel(state: unknown): RestoredPanel | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { document, view } = state as { document?: unknown; view?: unknown };
  const uri = text(document);
  if (uri === undefined) return undefined;
  const saved = (typeof view === 'object' && view !== null ? view : {}) as Record<string, unknown>;
  const restored: DiagramView = {};
  const level = text(saved.level);
  if (level !== undefined && Object.prototype.hasOwnProperty.call(LEVELS, level)) restored.level = level as DiagramLevel;
  const focus = text(saved.focus);
  if (focus !== undefined) restored.focus = focus;
  const boundary = text(saved.boundary);
  if (boundary !== undefined) restored.boundary = boundary;
  return { document: uri, view: restored };
}
