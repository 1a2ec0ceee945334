// Between a model's text and its diagram's elements: which element an
// offset lies in (to highlight it), and where an element is written (to reveal it).

import type { Model, TextRange } from '../model/types.js';
import type { ElementRef } from './protocol.js';

const within = (r: TextRange, offset: number) => r.start <= offset && offset <= r.end;

/** The elements written at `offset` of `file`: the flow under the cursor and its component, or a boundary. */
export function elementsAt(model: Model, file: string, offset: number): ElementRef[] {
  for (const s of model.services.values()) {
    if (s.src.file !== file || !(within(s.src.key, offset) || within(s.src.node, offset))) continue;
    const flow = s.calls.find((f) => within(f.src.node, offset) || within(f.src.key, offset));
    return flow ? [{ type: 'flow', id: flow.target }, { type: 'service', id: s.id }] : [{ type: 'service', id: s.id }];
  }
  for (const b of model.boundaries.values()) {
    if (b.src && b.src.file === file && (within(b.src.key, offset) || within(b.src.node, offset))) return [{ type: 'boundary', id: b.id }];
  }
  return [];
}

/** Where an element is defined: its file and the range of its id (a flow's `to:` entry). */
export function definitionOf(model: Model, ref: ElementRef): { file: string; range: TextRange } | undefined {
  if (ref.type === 'service') {
    const s = model.services.get(ref.id);
    return s ? { file: s.src.file, range: s.src.key } : undefined;
  }
  if (ref.type === 'flow') {
    const f = model.flows.find((x) => x.target === ref.id);
    return f ? { file: f.src.file, range: f.src.key } : undefined;
  }
  const b = model.boundaries.get(ref.id);
  return b?.src ? { file: b.src.file, range: b.src.key } : undefined;
}

/** The problem that stops the model from being read at all, if any: then the last good diagram stays. */
export function syntaxProblem(model: Model): { file: string; range: TextRange; message: string } | undefined {
  return model.problems.find((p) => p.rule === 'model/syntax' || p.rule === 'model/version');
}
