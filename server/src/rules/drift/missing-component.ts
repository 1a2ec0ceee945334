import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';
import { servicesKey, shownSource } from '../../drift/where.js';

export default defineRule({
  id: 'drift/missing-component',
  title: 'Workload missing from the model',
  category: 'drift',
  severity: 'medium',
  target: 'service',
  stride: ['S', 'T', 'R', 'I', 'D', 'E'],
  cwe: 1068,
  docs: {
    checks: 'A workload of the deployment (a compose service, a Kubernetes Deployment, StatefulSet, … or the Service over several of them) that no component of the model stands for: none has its name as id, none names it in `deployed-as:`.',
    attack: 'What the model does not show is never reviewed: its flows, its exposure, its secrets and its privileges escape every rule, and an attacker looks for exactly the service nobody modelled.',
    fix: 'Add the component (`moat import --update MODEL DEPLOYMENT` adds it, with its flows and runtime), or, when the component exists under another id, name the workload in its `deployed-as:`.',
    falsePositives: 'A workload that is not part of the system (a debugging pod, a one-off job): accept the finding with the reason, or leave its file out of `deployment:`.',
    practice: 'Keep the threat model in step with what runs (the model is the system\'s inventory).',
  },
  messages: {
    missing: 'The deployment runs `{workload}` ({where}) but no component of the model stands for it: add it (`moat import --update` adds it) or name it in a component\'s `deployed-as:`.',
  },
  fix: 'Adds the component as `moat import --update` would.',
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  for (const c of view.components) {
    if (match.modelOf.has(c.id)) continue;
    ctx.report({
      element: 'system', target: c.id, location: servicesKey(ctx.model), messageId: 'missing',
      args: { workload: c.id, where: shownSource(c.service.source) }, data: { imported: c.id },
    });
  }
});
