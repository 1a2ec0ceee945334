import { defineRule } from './rule.js';

export default defineRule({
  id: 'orphan-component',
  title: 'Orphan component',
  category: 'completeness',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: [],
  messages: {
    orphan: 'The {kind} `{service}` has no flows in or out: the model does not say who uses it or what it reaches, so no rule can judge it. Add its `calls:` (or the flows to it), or remove it.',
  },
  docs: {
    checks: 'A component that opens no flow and that no flow reaches.',
    attack: 'A component without flows is a blind spot: its authentication, encryption and exposure are never checked, and in the real system it is usually reached by something the model forgot, often the path an attacker takes.',
    fix: 'Model the flows that reach it and that it opens; if it no longer exists, remove it.',
    falsePositives: 'A component kept in the model for the record (a retired system being decommissioned). Accept the finding with the reason.',
    practice: 'A threat model is complete: every component is connected to what it talks to.',
    decisions: [
      'Every kind counts, users, externals, secrets managers and monitoring included: each of them talks to something in the real system.',
      'Sharing a runtime (`shared-with`) is not a flow.',
    ],
  },
}, ({ graph, report }) => {
  for (const c of graph.components()) {
    if (c.calls.length > 0 || graph.inbound(c.id).length > 0) continue;
    report({ element: c, messageId: 'orphan', args: { kind: c.kind, service: c.id } });
  }
});
