// What the hover on a component says about paths: for a sensitive store, its weakest path from
// the internet; for every component, one line on its blast radius. Markdown, engine-side.

import type { Analysis } from '../analysis/analyze.js';
import { attackPaths, isSensitiveStore } from './attack.js';
import { blastRadius, exposureCounts } from './blast-radius.js';
import { locksText } from './describe.js';
import { pathComponents } from './weakest.js';

const code = (s: string) => `\`${s}\``;

/** Markdown paragraphs for the hover on component `id`; none while the model has `model/…` errors. */
export function pathsHover(analysis: Analysis, id: string): string[] {
  const { model, graph } = analysis;
  const component = model.services.get(id);
  if (!component || model.problems.some((p) => p.severity !== 'medium')) return [];
  const parts: string[] = [];
  if (isSensitiveStore(graph, component)) {
    const paths = attackPaths(graph);
    const weakest = paths.weakestTo(id);
    if (weakest) parts.push(`**Weakest path from the internet:** ${locksText(weakest.depth)}, ${pathComponents(weakest).map(code).join(' → ')}`);
    else if (!paths.search.reaches(id)) parts.push('**Weakest path from the internet:** none, no path reaches it');
  }
  // Only what lies behind no lock is counted here.
  const radius = blastRadius(graph, id, 0)!;
  const counts = exposureCounts(radius);
  const exposes = counts === 'no data' ? 'exposes no data' : `exposes ${counts} data ${radius.exposed.length === 1 ? 'asset' : 'assets'}`;
  const fallen = radius.takenOver.length > 0 ? `, takes over ${radius.takenOver.length} more (the container escapes)` : '';
  const open = radius.reach.filter((r) => r.locks === 0).length;
  parts.push(`**Blast radius:** its takeover ${exposes}${fallen}, with ${open} ${open === 1 ? 'component' : 'components'} within reach behind no lock`);
  return parts;
}
