import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';

export default defineRule({
  id: 'drift/unknown-component',
  title: 'Component the deployment does not run',
  category: 'drift',
  severity: 'low',
  target: 'service',
  stride: ['R'],
  cwe: 1068,
  docs: {
    checks: 'A component of a kind that runs (anything but `user` and `external`) whose `runtime.platform` is the platform of the deployment (`compose` or `kubernetes`) and that stands for no workload of it: no workload has its id as name, and none is named in its `deployed-as:`.',
    attack: 'A model that shows a service the system no longer runs (or runs under another name) reviews a system that does not exist; the findings it gives are about the wrong thing.',
    fix: 'Remove the component if it is gone; if it runs under another name, write that name in its `deployed-as:`.',
    falsePositives: 'A component deployed from files that `deployment:` does not name: add them, or accept the finding with the reason.',
    practice: 'Keep the threat model in step with what runs.',
  },
  messages: {
    unknown: '`{id}` runs on {platform} in the model, but no workload of the deployment ({files}) is named `{id}` or in its `deployed-as:`.',
  },
  fix: 'Adds `deployed-as:` with the name of a workload no component stands for.',
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  const unmatched = view.components.filter((c) => !match.modelOf.has(c.id)).map((c) => c.id);
  for (const s of ctx.model.services.values()) {
    if (s.kind === 'user' || s.kind === 'external') continue;
    const platform = s.runtime?.platform;
    if (platform !== 'compose' && platform !== 'kubernetes') continue;
    if (!view.platforms.has(platform) || match.deployedOf.has(s.id)) continue;
    ctx.report({
      element: s, messageId: 'unknown',
      args: { id: s.id, platform, files: view.deployment.files.join(', ') }, data: { candidates: unmatched },
    });
  }
});
