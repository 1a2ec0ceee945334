import { defineRule } from './rule.js';
import type { Component } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import { nameList } from './util.js';

/** Components that run together: `shared-with` taken both ways and transitively (same host, pod or VM). */
function runtimeGroups(graph: ModelGraph): Component[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const c of graph.components()) {
    for (const other of c.runtime?.sharedWith ?? []) {
      if (!graph.service(other) || other === c.id) continue;
      const a = find(c.id);
      const b = find(other);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, Component[]>();
  for (const c of graph.components()) {
    if (!parent.has(c.id)) continue;
    const root = find(c.id);
    const list = groups.get(root) ?? [];
    list.push(c);
    groups.set(root, list);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Stores sensitive data, or sends or receives it. */
function handlesSensitive(graph: ModelGraph, c: Component): boolean {
  return graph.sensitiveData(c.stores).length > 0
    || c.calls.some((f) => graph.carriesSensitive(f))
    || graph.inbound(c.id).some((f) => graph.carriesSensitive(f));
}

export default defineRule({
  id: 'mixed-trust-runtime',
  title: 'Mixed-trust runtime',
  category: 'isolation',
  severity: 'medium',
  target: 'service',
  stride: ['E'],
  reads: (c) => [c.boundary, c.runtime?.sharedWith, c.stores, c.calls.map((f) => [f.to, f.data])],
  cwe: 653,
  messages: {
    trust: '`{service}` ({trust}, boundary `{boundary}`) shares its runtime with {others}, in boundaries of different trust: escaping one container or process reaches the other. Run them apart.',
    sensitive: '`{service}` shares its runtime with {others}, but only some of them handle sensitive data ({handlers}): a compromise of the others reaches that data on the shared host. Run them apart.',
  },
  docs: {
    checks: 'Components that share a runtime (`runtime.shared-with`, taken both ways and transitively: a shares with b and b with c puts all three together) when their boundaries have different trust levels, or when some but not all of them handle sensitive data (store it, send it or receive it). Each component of such a runtime is reported.',
    attack: 'Co-located workloads share a kernel, a network namespace or a file system: a container escape, a memory disclosure or a misconfigured volume lets the weaker workload read or control the stronger one. Isolation that the model draws as a boundary does not exist on the host.',
    fix: 'Run workloads of different trust, and workloads with and without sensitive data, on separate hosts, node pools or VMs (taints and tolerations, dedicated node pools, separate accounts for serverless).',
    falsePositives: 'A sidecar that belongs to the service it runs with (a proxy, a log shipper) and handles its traffic anyway. Accept the finding with the reason.',
    practice: 'Isolate workloads by trust level at the runtime, not only on the network diagram.',
    decisions: [
      'Trust is compared by level, not boundary id: two boundaries of the same trust sharing a host is not this rule\'s case.',
      'When both cases hold, the trust case is reported (one finding per component).',
      'A component is reported at its `runtime.shared-with` when it writes one, else at its id (it may be named only by the others).',
    ],
  },
}, ({ model, graph, report }) => {
  for (const group of runtimeGroups(graph)) {
    const trusts = new Set(group.map((c) => model.boundaries.get(c.boundary)?.trust));
    const handlers = group.filter((c) => handlesSensitive(graph, c));
    const mixedTrust = trusts.size > 1;
    const mixedData = handlers.length > 0 && handlers.length < group.length;
    if (!mixedTrust && !mixedData) continue;
    for (const c of group) {
      const others = group.filter((o) => o !== c).map((o) => mixedTrust ? `\`${o.id}\` (${model.boundaries.get(o.boundary)?.trust ?? 'unknown'})` : `\`${o.id}\``);
      report({
        element: c,
        at: c.src.props.get('runtime')?.entries?.has('shared-with') ? { prop: 'runtime', entry: 'shared-with', entryPart: 'value' } : undefined,
        messageId: mixedTrust ? 'trust' : 'sensitive',
        args: {
          service: c.id, trust: model.boundaries.get(c.boundary)?.trust ?? 'unknown', boundary: c.boundary,
          others: others.length > 5 ? `${others.slice(0, 5).join(', ')} and ${others.length - 5} more` : others.join(', '),
          handlers: nameList(handlers.map((h) => h.id)),
        },
      });
    }
  }
});
