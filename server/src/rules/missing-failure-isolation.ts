import { defineRule } from './rule.js';
import { flowName } from './util.js';

export default defineRule({
  id: 'missing-failure-isolation',
  title: 'No failure isolation',
  category: 'isolation',
  severity: 'low',
  target: 'flow',
  scope: 'flow',
  stride: ['D'],
  cwe: 400,
  fix: 'Add `timeout: 2s` under the flow\'s `controls:`.',
  messages: {
    external: '{flow} waits on the external `{to}` with neither `timeout` nor `circuit-breaker`: when it hangs, `{from}` hangs with it. Add `timeout: 2s` under the flow\'s `controls:`.',
    crossing: '{flow} calls across boundaries ({fromBoundary} → {toBoundary}) synchronously with neither `timeout` nor `circuit-breaker`: a slow `{to}` ties up `{from}`. Add `timeout: 2s` under the flow\'s `controls:`.',
  },
  docs: {
    checks: 'A synchronous flow (`async` absent or false) that a component of the system opens (not a `user`, an `external` or a `ci`) to an `external`, or across a boundary, with neither `timeout` nor `circuit-breaker` on the flow or on the calling component.',
    attack: 'Without a timeout, a slow or unresponsive dependency holds the caller\'s threads and connections until it runs out: a failure (or a deliberately slow attacker-controlled endpoint) in one service cascades into an outage of everything that calls it.',
    fix: 'Bound every synchronous call across a boundary: a `timeout` (and `retries` with backoff), and a `circuit-breaker` for dependencies that fail in bursts. Set them on the flow (`controls: { timeout: 2s }`) or on the calling component.',
    falsePositives: 'A client library or mesh that enforces timeouts for every call (Istio, Linkerd defaults). Set `timeout` on the calling component with that detail.',
    practice: 'Bulkheads and timeouts: a dependency\'s failure stays its own.',
    decisions: [
      'A `ci`\'s flows are left alone: a deployment or a build step is not a request path, and a stuck job fails the build, not the system.',
      'A control set `false` on the flow wins over the calling component\'s (ModelGraph.flowControl).',
      'The finding points at the flow\'s `controls:` key when it has one, else at its `to:`; fix data `{ addControl: \'timeout\', value: \'2s\', scope: \'flow\' }`.',
      'A flow within one boundary to a component that is not an `external` is out of scope, whatever the callee\'s kind.',
      'Only `async: true` exempts a flow: the language defines `async` as a fire-and-forget publish, so a consumer reading a queue in another boundary is a synchronous flow and needs a bound (a `timeout`, or the client\'s poll timeout written as one).',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.async) continue;
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    if (graph.isOutside(caller) || caller.kind === 'ci') continue;
    const toExternal = callee.kind === 'external';
    if (!toExternal && !graph.crossesBoundary(flow)) continue;
    if (graph.flowControl(flow, 'timeout') || graph.flowControl(flow, 'circuit-breaker')) continue;
    report({
      element: flow, at: { prop: 'controls', part: 'key' }, messageId: toExternal ? 'external' : 'crossing',
      args: { flow: flowName(flow), from: caller.id, to: callee.id, fromBoundary: caller.boundary, toBoundary: callee.boundary },
      data: { addControl: 'timeout', value: '2s', scope: 'flow' },
    });
  }
});
