import { defineRule } from './rule.js';
import { isManagedRuntime } from './util.js';

/** What the quick fix writes: modest defaults that the owner then tunes. */
const DEFAULT_LIMITS = { cpu: '500m', memory: '256Mi' } as const;

export default defineRule({
  id: 'missing-resource-limits',
  title: 'Container without resource limits',
  category: 'containers',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: ['D'],
  cwe: 770,
  fix: 'Add `limits: { cpu: 500m, memory: 256Mi }` (or the missing one) to the runtime.',
  messages: {
    none: '{service} runs `{image}` without resource limits: one runaway or attacked instance can starve everything on its node. Add `limits: { cpu: 500m, memory: 256Mi }` to its `runtime:` and tune them.',
    partial: '{service} runs `{image}` without a {missing} limit. Add `{missing}:` to the `limits:` of its `runtime:`.',
  },
  docs: {
    checks: 'A component whose `runtime` names an `image` and lacks `limits.cpu` or `limits.memory` (one finding per component, naming what is missing).',
    attack: 'Without limits a container may use all of its node\'s CPU and memory. A request that triggers a memory leak, a decompression bomb or an expensive query then degrades or kills every other workload on the node, and the scheduler cannot place work sensibly.',
    fix: 'Set CPU and memory limits (Kubernetes `resources.limits`, ECS task `cpu`/`memory`, `docker run --cpus --memory`), sized from observed use, and write them in `runtime.limits`.',
    falsePositives: 'A platform that enforces per-namespace defaults (a Kubernetes `LimitRange`) limits containers that declare none; write the effective limits in the model, or accept the finding naming the `LimitRange`.',
    practice: 'Bound every workload\'s resources so one cannot exhaust the host (CIS Docker Benchmark 5.10, 5.11; Kubernetes resource management).',
    decisions: [
      'A runtime without an `image` is not a container and is not judged.',
      '`platform: lambda` is exempt: a Lambda function always has a memory size, and its CPU follows from it.',
      'The finding points at `limits` when it is written (one limit missing), else at the `runtime:` key.',
      'The quick fix writes `cpu: 500m` and `memory: 256Mi` (the language\'s example values) for the owner to tune.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.containers()) {
    const runtime = service.runtime!;
    if (isManagedRuntime(service)) continue;
    const missing = (['cpu', 'memory'] as const).filter((k) => runtime.limits?.[k] === undefined);
    if (missing.length === 0) continue;
    const args = { service: service.id, image: runtime.image!, missing: missing.join(' and ') };
    if (runtime.limits === undefined || missing.length === 2) {
      const at = runtime.limits === undefined ? { prop: 'runtime', part: 'key' as const } : { prop: 'runtime', entry: 'limits' };
      report({ element: service, at, messageId: 'none', args, data: { prop: ['runtime', 'limits'], value: { ...DEFAULT_LIMITS } } });
    } else {
      const key = missing[0];
      report({
        element: service, at: { prop: 'runtime', entry: 'limits' }, messageId: 'partial', args,
        data: { prop: ['runtime', 'limits', key], value: DEFAULT_LIMITS[key] },
      });
    }
  }
});
