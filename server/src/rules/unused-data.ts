import { defineRule } from './rule.js';

export default defineRule({
  id: 'unused-data',
  title: 'Unused data asset',
  category: 'completeness',
  severity: 'info',
  target: 'data',
  stride: [],
  reads: (c) => [c.stores, c.calls.map((f) => f.data)],
  fix: 'Remove the data asset.',
  messages: {
    unused: 'Data asset `{data}` is neither stored (`stores:`) nor carried by any flow (`data:`): no rule can check how it is protected. Add it to the `stores:` of the components that keep it and the `data:` of the flows that carry it, or remove it.',
  },
  docs: {
    checks: 'A data asset that no component `stores` and no flow carries in its `data:`.',
    attack: 'Data declared but never placed is data whose protection nobody checks: the rules about encryption, exposure and trust never see it, while the real system does keep it somewhere.',
    fix: 'Add the data to the `stores:` of the components that keep it and the `data:` of the flows that carry it; if the system no longer handles it, remove it.',
    falsePositives: 'None in practice: a data asset that is used somewhere should be modelled there.',
    practice: 'A threat model is complete: every data asset is placed where it is kept and where it travels.',
    decisions: ['Fix data `{ remove: [\'data\', ID] }`.'],
  },
}, ({ model, report }) => {
  const used = new Set<string>();
  for (const s of model.services.values()) for (const id of s.stores) used.add(id);
  for (const f of model.flows) for (const id of f.data) used.add(id);
  for (const d of model.data.values()) {
    if (used.has(d.id)) continue;
    report({ element: d, messageId: 'unused', args: { data: d.id }, data: { remove: ['data', d.id] } });
  }
});
