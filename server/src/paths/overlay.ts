// What the diagram panel draws over the diagram (docs/paths.md): the weakest path to every
// sensitive store, and the blast radius of the selected component. Computed with each analysis,
// so both follow the model as it is edited.

import type { Analysis } from '../analysis/analyze.js';
import { attackPaths, byWeakness, isSensitiveStore } from './attack.js';
import { blastRadius, exposureCounts } from './blast-radius.js';
import { locksText } from './describe.js';
import type { PathMarks } from './highlight.js';
import { blastMarks } from './views.js';
import { redactor } from '../model/secrets.js';

export interface PathsOverlay {
  /** The weakest path to every sensitive store, and a sentence saying what they are. */
  attack: PathMarks & { summary: string };
  /** The blast radius of `from`, when asked for one that exists. */
  blast?: PathMarks & { from: string; summary: string };
}

export function pathsOverlay(analysis: Analysis, blastFrom?: string): PathsOverlay {
  const { graph } = analysis;
  const paths = attackPaths(graph);
  const stores = byWeakness(paths.judged.filter((t) => isSensitiveStore(graph, t.component)));
  const attack: PathsOverlay['attack'] = { components: {}, flows: [], summary: '' };
  const reached: string[] = [];
  const unreachable: string[] = [];
  // Each flow once: the weakest paths to a thousand stores share most of their flows (58,343
  // entries for 3,001 flows on a dense 1,000-service model, a megabyte sent after every edit).
  const flows = new Set<string>();
  for (const t of stores) {
    if (!t.weakest) {
      if (!paths.search.reaches(t.component.id)) unreachable.push(t.component.id);
      continue;
    }
    reached.push(`${t.component.id} (${locksText(t.weakest.depth)})`);
    attack.components[t.weakest.origin] = 'on';
    for (const f of t.weakest.flows) {
      attack.components[f.to] = 'on';
      flows.add(f.target);
    }
  }
  attack.flows.push(...flows);
  attack.summary = stores.length === 0
    ? 'Attack paths: no component stores sensitive data.'
    : `Attack paths: weakest path to ${reached.length > 0 ? reached.join(', ') : 'no sensitive store'}${unreachable.length > 0 ? `; unreachable from the internet: ${unreachable.join(', ')}` : ''}.`;
  const overlay: PathsOverlay = { attack };
  const radius = blastFrom !== undefined ? blastRadius(graph, blastFrom) : undefined;
  if (radius) {
    const restricted = radius.exposed.filter((e) => e.classification === 'restricted').map((e) => e.data);
    const parts = [
      `exposes ${exposureCounts(radius)}${restricted.length > 0 ? ` (restricted: ${restricted.join(', ')})` : ''}`,
      ...(radius.takenOver.length > 0 ? [`takes over ${radius.takenOver.join(', ')} (${radius.escape})`] : []),
      radius.reach.length > 0 ? `within reach: ${radius.reach.map((r) => `${r.id} (${locksText(r.locks)})`).join(', ')}` : 'nothing else within reach',
    ];
    // The escape route names a mount: model text, redacted as the diagram redacts every text it shows.
    overlay.blast = { ...blastMarks(graph, radius), from: radius.from, summary: redactor(analysis.model)(`Blast radius of ${radius.from}: ${parts.join('; ')}.`) };
  }
  return overlay;
}
