// The report's sections on attack paths and blast radius (render/report.ts places them).

import type { Analysis } from '../analysis/analyze.js';
import type { Component } from '../model/types.js';
import type { Block, Span } from '../render/blocks.js';
import { redactor } from '../model/secrets.js';
import { attackPaths, byWeakness } from './attack.js';
import { blastRadius, exposureCounts } from './blast-radius.js';
import { locksText, openCallees, pathText } from './describe.js';

const text = (t: string): Span => ({ text: t });
const code = (t: string): Span => ({ code: t });
const codes = (ids: readonly string[]): Span[] => ids.flatMap((id, i) => [...(i ? [text(', ')] : []), code(id)]);

/** "Attack paths to sensitive data": each judged component, its weakest path and depth, weakest first. */
export function attackPathBlocks(analysis: Analysis): Block[] {
  const { graph } = analysis;
  const paths = attackPaths(graph);
  const blocks: Block[] = [{ heading: 2, spans: [text('Attack paths to sensitive data')] }];
  blocks.push({ paragraph: [text('For each component that stores sensitive data, each secrets manager and each monitoring component: the weakest path from a component in an untrusted boundary, following who opens each connection. A lock is a flow that authenticates its caller (an absent '), code('auth'), text(' counts as one); the depth is the number of locks on the path.')] });
  if (paths.judged.length === 0) {
    blocks.push({ paragraph: [text('No component stores sensitive data, and there is no secrets manager or monitoring component.')] });
    return blocks;
  }
  const rows = byWeakness(paths.judged).map((t): Span[][] => {
    const c = t.component;
    const sensitive = graph.sensitiveData(c.stores);
    const reached = paths.search.reaches(c.id);
    return [
      [code(c.id)],
      sensitive.length > 0 ? codes(sensitive) : [text(`(${c.kind})`)],
      [text(!reached ? 'unreachable' : t.weakest ? locksText(t.weakest.depth) : 'an origin')],
      [text(t.weakest ? pathText(t.weakest) : '—')],
      t.weakest && openCallees(t.weakest).length > 0 ? codes(openCallees(t.weakest)) : [text('—')],
    ];
  });
  blocks.push({ table: { head: ['Component', 'Sensitive data', 'Depth', 'Weakest path', 'Reached with auth none'], rows } });
  return blocks;
}

/** The components the report gives a blast radius for, with why. */
function blastSubjects(analysis: Analysis): { component: Component; why: string }[] {
  const { model, graph } = analysis;
  const restricted = (c: Component | undefined) => !!c && c.stores.some((d) => model.data.get(d)?.classification === 'restricted');
  const subjects: { component: Component; why: string }[] = [];
  for (const c of graph.components()) {
    const reasons: string[] = [];
    if (graph.isWorkload(c) && graph.isInternetFacing(c)) reasons.push('internet-facing');
    const granting = c.roles.filter((r) => model.roles.get(r)?.grants.some((g) => (g.target === '*' ? [...graph.components()].some(restricted) : restricted(model.services.get(g.target)))));
    if (granting.length > 0) reasons.push(`role ${granting.join(', ')} grants on restricted data`);
    if (reasons.length > 0) subjects.push({ component: c, why: reasons.join('; ') });
  }
  return subjects;
}

/** "Blast radius": for each internet-facing workload and each holder of a role over restricted data, what its takeover exposes. */
export function blastRadiusBlocks(analysis: Analysis): Block[] {
  const { graph } = analysis;
  // A mount path in an escape route is model text: redacted like every message in the report.
  const redact = redactor(analysis.model);
  const blocks: Block[] = [{ heading: 2, spans: [text('Blast radius')] }];
  blocks.push({ paragraph: [text('What an attacker holds after taking over each internet-facing workload, and each component with a role that grants on a component storing restricted data: the data exposed (stored, received, or reached with its credentials), the components that fall with it through a shared runtime when its container escapes, and the components within reach behind no lock.')] });
  const subjects = blastSubjects(analysis);
  if (subjects.length === 0) {
    blocks.push({ paragraph: [text('No internet-facing workload, and no role that grants on restricted data.')] });
    return blocks;
  }
  const rows = subjects.map(({ component, why }): Span[][] => {
    const r = blastRadius(graph, component.id)!;
    const restricted = r.exposed.filter((e) => e.classification === 'restricted').map((e) => e.data);
    const open = r.reach.filter((x) => x.locks === 0).map((x) => x.id);
    return [
      [code(component.id)],
      [text(why)],
      [text(exposureCounts(r))],
      restricted.length > 0 ? codes(restricted) : [text('—')],
      r.takenOver.length > 0 ? [...codes(r.takenOver), text(` (${redact(r.escape ?? '')})`)] : [text('—')],
      open.length > 0 ? codes(open) : [text('—')],
    ];
  });
  blocks.push({ table: { head: ['Component', 'Listed as', 'Data exposed', 'Restricted data', 'Taken over with it', 'Within reach, no lock'], rows } });
  return blocks;
}
