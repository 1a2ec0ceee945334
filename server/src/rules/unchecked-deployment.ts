import { defineRule } from './rule.js';
import { controlAt, nameList } from './util.js';

const CHECKS = ['security-testing', 'image-scanning'] as const;

export default defineRule({
  id: 'unchecked-deployment',
  title: 'Pipeline ships unchecked builds',
  category: 'delivery',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 1127,
  fix: 'Add the missing `security-testing: true` or `image-scanning: true` to the pipeline\'s controls.',
  messages: {
    unchecked: 'The pipeline `{service}` ships to {targets} without {missing}: a known vulnerability or an injected flaw goes out with the next build. Add {controls} to its `controls:` (or to the top-level `controls:`).',
  },
  docs: {
    checks: 'A `ci` that writes (a flow with `access: write` or `read-write`) to a workload or to a `registry`, while `security-testing` or `image-scanning` is not in force for it (neither on the `ci` nor system-wide).',
    attack: 'What the pipeline ships is what runs: without static and dynamic testing (SAST/DAST) and a scan of the images it builds, vulnerable code, vulnerable base images and injected changes reach production unreviewed, and the pipeline is the place where one gate would have stopped all of them.',
    fix: 'Run SAST (and DAST against a test deployment) and an image scanner (Trivy, Grype) as failing steps of the pipeline, before anything is pushed; record them with `security-testing: true` and `image-scanning: true` on the `ci`, or system-wide.',
    falsePositives: 'The checks run in another pipeline that gates this one (a required status check on the repository): record the controls on this `ci` with that detail.',
    practice: 'Security testing and image scanning are gates of the pipeline, not reports after the fact.',
    decisions: [
      'One finding per `ci`, naming what is missing; the finding points at the `ci`\'s `controls:` (its value when a control is written `false`), else at its id.',
      'The quick fix adds the first missing control (`security-testing`, then `image-scanning`); with both missing, the finding then names the other.',
      'A `ci` that writes only to a `repository` (tags, release notes) or within datastores is not shipping code and is left alone.',
    ],
  },
}, ({ graph, report }) => {
  for (const ci of graph.components()) {
    if (ci.kind !== 'ci') continue;
    const targets = [...new Set(graph.outbound(ci.id).filter((f) => graph.writes(f)).map((f) => graph.callee(f))
      .filter((t) => graph.isWorkload(t) || t.kind === 'registry').map((t) => t.id))];
    if (targets.length === 0) continue;
    const missing = CHECKS.filter((c) => !graph.controlInForce(ci, c));
    if (missing.length === 0) continue;
    report({
      element: ci, at: controlAt(ci, missing[0]), messageId: 'unchecked',
      args: {
        service: ci.id, targets: nameList(targets),
        missing: missing.map((c) => `\`${c}\``).join(' or '),
        controls: missing.map((c) => `\`${c}: true\``).join(' and '),
      },
      data: { addControl: missing[0], value: true, scope: 'service' },
    });
  }
});
