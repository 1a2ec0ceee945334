import { defineRule } from './rule.js';
import { controlAt } from './util.js';


export default defineRule({
  id: 'missing-rate-limit',
  title: 'Missing rate limit',
  category: 'exposure',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['D'],
  cwe: 770,
  fix: 'Add `rate-limit: 100/min` to the component\'s controls.',
  messages: {
    internetFacing: '{service} is reachable from the internet ({callers}) without a `rate-limit`: floods, credential stuffing and scraping meet no resistance. Add `rate-limit: 100/min` (or the limit that fits) to its `controls:`.',
    gateway: 'The gateway `{service}` has no `rate-limit`; it is where limits on every route behind it belong. Add `rate-limit: 100/min` (or the limit that fits) to its `controls:`.',
    disabled: '{service} has `rate-limit` off while {why}. Set a limit such as `rate-limit: 100/min`.',
  },
  docs: {
    checks: 'A component that is internet-facing (called by a flow from an `untrusted` boundary), other than a `database`, `cache` or `storage`, and any `gateway`, without a `rate-limit` control in force.',
    attack: 'Without limits, one client can exhaust the service (denial of service, runaway cloud bills), try passwords by the million (credential stuffing), enumerate ids, or scrape every record through an API that returns one at a time.',
    fix: 'Limit requests per client, per token and per route at the entry point (gateway, WAF, or the framework\'s limiter), with tighter limits on login and other costly routes, and record it with `rate-limit: 100/min` or the policy.',
    falsePositives: 'A limit enforced in front of the component by something not in the model (a CDN, the cloud provider\'s API layer): model it, or accept the finding naming it.',
    practice: 'Bound what any single client can consume.',
    decisions: [
      '`user` and `external` components are never judged: their limits are not the system\'s to set.',
      'A gateway is judged even when nothing untrusted calls it in the model: it is the place where limits for everything behind it belong.',
      'A `queue` reached from outside is judged (a flood of messages fills it); databases, caches and storage reached from outside are `exposed-datastore`\'s.',
      'The finding points at `rate-limit: false` when written, else at the `controls:` key, else at the id.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.components()) {
    // Record stores' exposure is `exposed-datastore`'s; users and externals are not ours to configure.
    if (graph.isOutside(service) || graph.isRecordStore(service)) continue;
    const gateway = service.kind === 'gateway';
    const inbound = graph.inbound(service.id);
    if (!gateway && !inbound.some((f) => graph.isUntrusted(graph.caller(f)))) continue;
    const callers = [...new Set(inbound.map((f) => graph.caller(f)).filter((c) => graph.isUntrusted(c)).map((c) => c.id))];
    if (graph.controlInForce(service, 'rate-limit')) continue;
    const written = service.controls.has('rate-limit');
    const why = callers.length > 0 ? `it is reachable from the internet (${callers.join(', ')})` : 'it is the gateway';
    report({
      element: service, at: controlAt(service, 'rate-limit'),
      messageId: written ? 'disabled' : callers.length > 0 ? 'internetFacing' : 'gateway',
      args: { service: service.id, callers: callers.join(', '), why },
      data: { addControl: 'rate-limit', value: '100/min', scope: 'service' },
    });
  }
});
