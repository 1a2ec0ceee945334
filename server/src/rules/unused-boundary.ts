import { defineRule } from './rule.js';

export default defineRule({
  id: 'unused-boundary',
  title: 'Unused boundary',
  category: 'completeness',
  severity: 'info',
  target: 'boundary',
  stride: [],
  reads: (c) => c.boundary,
  fix: 'Remove the boundary.',
  messages: {
    unused: 'Boundary `{boundary}` contains no component{nested}. Put the components that run there in it, or remove it.',
  },
  docs: {
    checks: 'A declared boundary that no component names in its `boundary:`, directly or through a boundary nested `within` it.',
    attack: 'An empty boundary suggests a zone the model forgot to fill: the components that really run there are modelled elsewhere, with the wrong trust, and the rules judge their flows wrongly.',
    fix: 'Move the components that run in the zone into it (`boundary: ID`); if the zone no longer exists, remove it.',
    falsePositives: 'A zone kept for components yet to come. Accept the finding with the reason.',
    practice: 'A threat model is complete: its trust zones hold what runs in them.',
    decisions: [
      'A boundary that only holds nested boundaries counts as used when one of them (at any depth) holds a component; a chain of empty boundaries is reported boundary by boundary.',
      'The implicit `internet` boundary is never reported; a declared `internet` is, when no user or external (which default to it) is in the model.',
      'Fix data `{ remove: [\'boundaries\', ID] }`. The fix also moves the boundaries within the removed one up to its parent (their `within:` names the parent, or goes when it had none), so that no `within:` is left naming a boundary that is gone.',
    ],
  },
}, ({ model, graph, report }) => {
  const used = new Set<string>();
  for (const c of graph.components()) {
    // Walk up the nesting: a component in `pci` within `cluster` puts something in both.
    const seen = new Set<string>();
    for (let b = model.boundaries.get(c.boundary); b && !seen.has(b.id); b = b.within ? model.boundaries.get(b.within) : undefined) {
      seen.add(b.id);
      used.add(b.id);
    }
  }
  for (const b of model.boundaries.values()) {
    if (b.implicit || !b.src || used.has(b.id)) continue;
    const nested = [...model.boundaries.values()].filter((o) => o.within === b.id).map((o) => `\`${o.id}\``);
    report({
      element: b, messageId: 'unused',
      args: { boundary: b.id, nested: nested.length > 0 ? ` (its nested ${nested.join(', ')} ${nested.length === 1 ? 'is' : 'are'} empty too)` : '' },
      data: { remove: ['boundaries', b.id] },
    });
  }
});
