// Where a drift finding points in the model when the element it is about is not in the model.

import type { Model, TextRange } from '../model/types.js';

/** The root file's top-level `services:` key, else the system anchor. */
export function servicesKey(model: Model): { file: string; range: TextRange } {
  const text = model.files.get(model.rootFile)?.text ?? '';
  const m = /^services[ \t]*:/m.exec(text);
  if (!m) return model.systemAnchor;
  return { file: model.rootFile, range: { start: m.index, end: m.index + 'services'.length } };
}

/** The workloads' sources as a message shows them: `k8s/cart.yaml:3: Deployment cart`. */
export function shownSource(source: string | undefined): string {
  return source ?? 'the deployment';
}
