import { defineRule } from './rule.js';
import { describeData, nameList } from './util.js';

export default defineRule({
  id: 'missing-network-segmentation',
  title: 'Sensitive datastore next to an internet-facing component',
  category: 'isolation',
  severity: 'medium',
  target: 'service',
  stride: ['I'],
  reads: (c) => [c.kind, c.boundary, c.stores, c.calls.map((f) => f.to)],
  cwe: 1008,
  messages: {
    segment: 'The {kind} `{store}` stores {data} in boundary `{boundary}`, the same boundary as the internet-facing {facing}: one compromise at the edge puts the attacker next to the data. Move `{store}` into its own, more trusted boundary.',
  },
  docs: {
    checks: 'A datastore (`database`, `cache`, `queue`, `storage`) that `stores` sensitive data and is in the same boundary (the same id) as an internet-facing component, i.e. one called by a flow from an `untrusted` boundary.',
    attack: 'Internet-facing components are the first to be compromised. When the sensitive store sits in the same network zone, the attacker who takes the edge component can reach the store directly, without crossing any further control.',
    fix: 'Put sensitive datastores in their own boundary (a private subnet, a namespace with network policies) that only the services using them can reach, and model it as a boundary of its own.',
    falsePositives: 'A boundary that is only a label while the real network separates the two (network policies per pod). Model the separation as boundaries, or accept the finding with the reason.',
    practice: 'Network segmentation: the edge and the data live in different zones.',
    decisions: [
      'The datastore itself being internet-facing is `exposed-datastore`\'s (critical); this rule looks at the other components of its boundary.',
      'Nested boundaries are different boundaries: a store in `pci` within `cluster` is segmented from a gateway in `cluster`.',
      'Reported at the datastore\'s `boundary:` value, the setting a fix would change.',
    ],
  },
}, ({ model, graph, report }) => {
  const facingByBoundary = new Map<string, string[]>();
  for (const c of graph.components()) {
    if (!graph.isInternetFacing(c)) continue;
    const list = facingByBoundary.get(c.boundary) ?? [];
    list.push(c.id);
    facingByBoundary.set(c.boundary, list);
  }
  for (const store of graph.components()) {
    if (!graph.isDatastore(store)) continue;
    const sensitive = graph.sensitiveData(store.stores);
    if (sensitive.length === 0) continue;
    const facing = (facingByBoundary.get(store.boundary) ?? []).filter((id) => id !== store.id);
    if (facing.length === 0) continue;
    report({
      element: store, at: 'boundary', messageId: 'segment',
      args: {
        kind: store.kind, store: store.id, data: describeData(model, sensitive), boundary: store.boundary,
        facing: `${facing.length === 1 ? 'component' : 'components'} ${nameList(facing)}`,
      },
    });
  }
});
