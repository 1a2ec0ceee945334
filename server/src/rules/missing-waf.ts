import { defineRule } from './rule.js';
import { controlAt } from './util.js';

const WEB_PROTOCOLS = new Set(['http', 'https', 'graphql']);

export default defineRule({
  id: 'missing-waf',
  title: 'Missing web application firewall',
  category: 'exposure',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 1008,
  fix: 'Add `waf: true` to the component\'s controls.',
  messages: {
    missing: 'The {kind} `{service}` takes web traffic from the internet ({callers}) without a `waf` to filter injection, scanners and known exploits. Add `waf: true` to its `controls:`.',
    disabled: 'The {kind} `{service}` takes web traffic from the internet ({callers}) with `waf` off. Set `waf: true`.',
  },
  docs: {
    checks: 'A `gateway` or `frontend` called from an `untrusted` boundary over `http`, `https` or `graphql`, without a `waf` control in force.',
    attack: 'Automated scanners and exploit kits probe every public web endpoint for injection, path traversal and known framework flaws. A WAF at the entry point blocks the bulk of that traffic and buys time to patch when a new flaw is published.',
    fix: 'Put a web application firewall (a managed rule set at the CDN or load balancer, ModSecurity/Coraza in the gateway) in front of public web endpoints, and record it with `waf: true` or its name.',
    falsePositives: 'A WAF in front of the component that the model does not show (a CDN): model it, or accept the finding naming it.',
    practice: 'Defence in depth at the public web edge.',
    decisions: [
      'Only web traffic from untrusted callers counts: a gateway reached from the internet over `grpc`, `ws` or `mqtt` is not judged, nor web traffic between internal components.',
      'Services and functions reached from the internet are `gateway-bypass`\'s: the remedy is a gateway, which then needs the WAF.',
      'The finding points at `waf: false` when written, else at the `controls:` key, else at the id.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.components()) {
    if (service.kind !== 'gateway' && service.kind !== 'frontend') continue;
    const web = graph.inbound(service.id).filter((f) => WEB_PROTOCOLS.has(f.protocol) && graph.isUntrusted(graph.caller(f)));
    if (web.length === 0 || graph.controlInForce(service, 'waf')) continue;
    report({
      element: service, at: controlAt(service, 'waf'),
      messageId: service.controls.has('waf') ? 'disabled' : 'missing',
      args: { kind: service.kind, service: service.id, callers: [...new Set(web.map((f) => f.from))].join(', ') },
      data: { addControl: 'waf', value: true, scope: 'service' },
    });
  }
});
