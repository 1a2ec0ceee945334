import { defineRule } from './rule.js';
import { flowName } from './util.js';

export default defineRule({
  id: 'gateway-bypass',
  title: 'Gateway bypass',
  category: 'exposure',
  severity: 'high',
  target: 'flow',
  stride: ['E'],
  reads: (c) => [c.kind, c.boundary, c.calls.map((f) => [f.target, f.to])],
  cwe: 284,
  fix: 'When the model has exactly one gateway: send the flow to the gateway, and add the gateway\'s flow on to the original target.',
  messages: {
    direct: '{flow} reaches the {kind} `{to}` straight from the untrusted boundary `{fromBoundary}`, bypassing the gateway\'s authentication, rate limits and filtering. Route it through {gateway}.',
    noGateway: '{flow} reaches the {kind} `{to}` straight from the untrusted boundary `{fromBoundary}`, with no gateway in front to authenticate, rate-limit and filter. Put a component of `kind: gateway` in front of it and route the flow through it.',
  },
  docs: {
    checks: 'A flow whose caller is in an `untrusted` boundary (users and externals by default) and whose callee is a `service` or `function`.',
    attack: 'A service that the internet reaches directly has to get every edge defence right by itself: TLS termination, authentication, rate limiting, request filtering, logging. One service that forgot one of them is the way in, and direct exposure also skips the gateway\'s central audit trail.',
    fix: 'Expose services only through an API gateway or ingress in a DMZ boundary; keep the services themselves in internal boundaries reachable only from the gateway.',
    falsePositives: 'A managed endpoint that embeds gateway features (a cloud function behind the provider\'s own API layer): model that layer as a `gateway`, or accept the finding naming it.',
    practice: 'A single, hardened entry point for traffic from outside.',
    decisions: [
      '`frontend`s, datastores and other kinds are not judged: a frontend is itself a public entry point, datastores are `exposed-datastore`\'s.',
      'Only the caller\'s boundary counts: a `user` or `external` placed in a trusted boundary (staff on the corporate network) is not judged; by default they sit in `internet`.',
      'A gateway placed in an untrusted boundary (a CDN or edge proxy) that calls a service is the route through a gateway, not a bypass.',
      'The fix is offered only when the model has exactly one gateway (the quick-fix data names it as `reroute`); with several, which one is the user\'s choice.',
    ],
  },
}, ({ model, graph, report }) => {
  const gateways = [...graph.components()].filter((c) => c.kind === 'gateway');
  const only = gateways.length === 1 ? gateways[0] : undefined;
  for (const flow of model.flows) {
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    if (!graph.isUntrusted(caller) || caller.kind === 'gateway') continue;
    if (callee.kind !== 'service' && callee.kind !== 'function') continue;
    const args = { flow: flowName(flow), to: callee.id, kind: callee.kind, fromBoundary: caller.boundary, gateway: only ? `the gateway \`${only.id}\`` : 'a gateway' };
    report({
      element: flow, at: 'to', messageId: gateways.length > 0 ? 'direct' : 'noGateway', args,
      data: only ? { reroute: only.id } : undefined,
    });
  }
});
