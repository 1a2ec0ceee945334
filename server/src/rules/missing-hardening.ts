import { defineRule } from './rule.js';
import { controlAt } from './util.js';

/** Platforms where the owner runs the operating system. */
const OWN_HOSTS: ReadonlySet<string> = new Set(['vm', 'bare-metal']);

export default defineRule({
  id: 'missing-hardening',
  title: 'Host without a hardened baseline',
  category: 'delivery',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 16,
  fix: 'Add `hardening: true` to its `controls:` (better: name the baseline, such as `hardening: cis-level-1`).',
  messages: {
    missing: '`{service}` {why} and runs on `{platform}` with no `hardening`: a default operating system install (open services, default accounts, missing patches) is the easy way in. Apply a hardened baseline and record it in its `controls:`, such as `hardening: cis-level-1`.',
  },
  docs: {
    checks: 'A component that stores `restricted` data, or a `repository` or `ci`, whose `runtime.platform` is `vm` or `bare-metal`, and for which `hardening` is not in force (neither on it nor system-wide).',
    attack: 'A host you run yourself is as strong as its configuration: default accounts, services listening that nobody uses, permissive SSH, no patching or audit. On a host that keeps the most sensitive data or builds the code, one of those is a foothold to the data or to every build.',
    fix: 'Apply a hardening baseline (a CIS benchmark, DISA STIG, or the cloud provider\'s hardened image), check it continuously (OpenSCAP, kube-bench for nodes), patch automatically; record it as `hardening:` with the baseline\'s name on the component or system-wide.',
    falsePositives: 'A managed platform reported as `vm` (the provider hardens and patches the host): say so in `platform` (`ecs`, `lambda`, a managed database service), or set `hardening` with the provider\'s baseline.',
    practice: 'Hosts that hold the crown jewels or build the code start from a hardened baseline.',
    decisions: [
      'Only `vm` and `bare-metal` are judged: on Kubernetes, ECS or a serverless platform the host is the platform\'s (the container rules judge the workload).',
      'The finding points at `hardening: false` when it is written, else at the component\'s `controls:` key, else at its id.',
    ],
  },
}, ({ graph, report }) => {
  for (const s of graph.components()) {
    const platform = s.runtime?.platform?.toLowerCase();
    if (!platform || !OWN_HOSTS.has(platform)) continue;
    const pipeline = s.kind === 'repository' || s.kind === 'ci';
    const restricted = graph.isRestricted(s.stores);
    if (!pipeline && !restricted) continue;
    if (graph.controlInForce(s, 'hardening')) continue;
    report({
      element: s, at: controlAt(s, 'hardening'), messageId: 'missing',
      args: { service: s.id, platform, why: pipeline ? (s.kind === 'ci' ? 'builds and deploys the code' : 'holds the source code') : 'stores restricted data' },
      data: { addControl: 'hardening', value: true, scope: 'service' },
    });
  }
});
