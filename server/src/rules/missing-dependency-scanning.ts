import { defineRule } from './rule.js';
import { controlAt, systemControlGaps } from './util.js';

export default defineRule({
  id: 'missing-dependency-scanning',
  title: 'Workload without dependency scanning',
  category: 'pipeline',
  severity: 'medium',
  target: 'service',
  stride: ['T'],
  scope: 'component',
  cwe: 1395,
  fix: 'Add `dependency-scanning: true` to the top-level `controls:` (or, for a workload that switches it off, set it back to `true`).',
  messages: {
    uncovered: 'The {kind} `{service}` has no `dependency-scanning` in force: vulnerable libraries it ships go unnoticed. Add `dependency-scanning: true` to the top-level `controls:` (or to its own).',
    systemOff: 'The {kind} `{service}` has no `dependency-scanning` in force: the system-wide control is `false`. Scan dependencies in the pipeline and set `dependency-scanning: true` in the top-level `controls:`.',
    optedOut: '{service} switches `dependency-scanning` off: vulnerable libraries it ships go unnoticed. Scan it like the others, or accept the finding with the reason.',
  },
  docs: {
    checks: 'Each workload (`service`, `function`, `gateway`, `frontend`) for which `dependency-scanning` is not in force: neither set on the workload nor system-wide (or switched off by the workload with `dependency-scanning: false`).',
    attack: 'Most of an application\'s code is third-party libraries. A known vulnerability in one of them (log4shell, a prototype pollution in a JSON parser, a deserialisation gadget) is exploitable with public tools; without scanning, nobody learns the workload ships it.',
    fix: 'Scan dependencies on every build and on a schedule (Dependabot, Renovate, OSV-Scanner, Snyk, `npm audit`, `pip-audit`), failing on fixable high-severity issues; write `dependency-scanning: true` in the top-level `controls:` (or on the workloads it covers).',
    falsePositives: 'A workload that is an off-the-shelf product you only configure (a managed API gateway, a vendor appliance) ships no dependencies of yours; accept the finding for it with the reason, or set the control on the workloads you build.',
    practice: 'Know and patch the vulnerable components you ship (OWASP Top 10 A06: vulnerable and outdated components; SLSA).',
    decisions: [
      'One finding per workload, on the component, as the catalogue words it ("a workload without…"): each workload\'s owners can see and accept their own. Datastores, identity providers, secrets managers, monitoring, users and externals are not judged.',
      'A workload that says nothing, in a model whose system-wide control is absent or `false`, is reported at its id; the quick fix adds the system-wide control, which covers every workload at once.',
      'A workload that sets `dependency-scanning: false` is reported at that value whatever the system-wide control says; its quick fix sets it back to `true`.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'dependency-scanning';
  const workloads = graph.workloads();
  const { optedOut, uncovered } = systemControlGaps(graph, workloads, control);
  const systemOff = graph.model.controls.get(control)?.enabled === false;
  const off = new Set(optedOut);
  const notCovered = new Set(uncovered);
  for (const service of workloads) {
    const args = { service: service.id, kind: service.kind };
    if (off.has(service)) {
      report({ element: service, at: controlAt(service, control), messageId: 'optedOut', args, data: { addControl: control, value: true, scope: 'service' } });
    } else if (notCovered.has(service)) {
      report({ element: service, messageId: systemOff ? 'systemOff' : 'uncovered', args, data: { addControl: control, value: true, scope: 'system' } });
    }
  }
});
