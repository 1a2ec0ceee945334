import { defineRule } from './rule.js';
import { nameList } from './util.js';

export default defineRule({
  id: 'missing-build-infrastructure',
  title: 'Build infrastructure not modelled',
  category: 'delivery',
  severity: 'info',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.kind, c.runtime?.image],
  cwe: 1127,
  messages: {
    missing: '{workloads} {run} container images, but the model has no `repository` and no `ci`: where the code comes from, and who can change it on its way to production, is outside the model. Add the source repository and the pipeline that builds and deploys them to `services:`, as components of `kind: repository` and `kind: ci`.',
  },
  docs: {
    checks: 'Workloads run container images (their `runtime` names an `image`), and the model has no component of kind `repository` and none of kind `ci`.',
    attack: 'The pipeline is where most supply-chain attacks land (a stolen CI token, a poisoned dependency, a replaced image), and a model without it cannot show them: its exposure, its credentials into production and its checks go unreviewed.',
    fix: 'Add the source repository (`kind: repository`), the build and deployment pipeline (`kind: ci`) and the registry the images come from (`kind: registry`), with their flows: who pushes code, what the pipeline reads and writes, how the runtime gets the images.',
    falsePositives: 'The pipeline is modelled in a separate model of the platform team: include it (`include:`), or accept the finding naming that model.',
    practice: 'The threat model covers the delivery pipeline, not only the runtime.',
    decisions: [
      'A system-level rule: one finding at the top-level `controls:` key (or `name:`), naming the workloads that run images.',
      'A `registry` alone does not count: it says where images are kept, not where the code comes from or who builds it.',
    ],
  },
}, ({ graph, report }) => {
  if (graph.hasKind('repository') || graph.hasKind('ci')) return;
  const workloads = graph.containers().filter((s) => graph.isWorkload(s)).map((s) => s.id);
  if (workloads.length === 0) return;
  report({ element: 'system', messageId: 'missing', args: { workloads: nameList(workloads), run: workloads.length === 1 ? 'runs' : 'run' } });
});
