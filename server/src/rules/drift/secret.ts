import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';
import { isSecretReference } from '../../model/secrets.js';

export default defineRule({
  id: 'drift/secret',
  title: 'Secret a reference in the model, a literal in the deployment',
  category: 'drift',
  severity: 'high',
  target: 'service',
  stride: ['I'],
  cwe: 1068,
  docs: {
    checks: 'A `secrets:` entry the model gives as a reference (`${VAR}`, `vault:…`, `k8s-secret:…`, `file:…`) while the deployment sets that variable to a literal value (in the compose file, the manifest, or a committed `Secret` document).',
    attack: 'The model says the secret lives in a manager; the deployment has it in a file anyone with the repository reads. hardcoded-secret, judging the model, stays silent.',
    fix: 'Move the literal out of the deployment files (a secret store, an unversioned `.env`, a Secret created outside the repository) and rotate it: it is in the history.',
    falsePositives: 'A development-only value in a compose file never used in production: name the production files in `deployment:`.',
    practice: 'Secrets are never committed (secrets management).',
  },
  messages: {
    literal: '`{id}` gives the secret `{name}` as a reference in the model, but the deployment sets it to a literal ({where}).',
  },
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  for (const [id, deployed] of match.deployedOf) {
    const s = ctx.model.services.get(id)!;
    for (const secret of s.secrets) {
      if (!isSecretReference(secret.value)) continue;
      const literal = deployed.service.secrets?.find((x) => x.name === secret.name && x.value.startsWith('literal in '));
      if (!literal) continue;
      ctx.report({ element: s, at: { prop: 'secrets', entry: secret.name, entryPart: 'key' }, target: id, messageId: 'literal', args: { id, name: secret.name, where: literal.value.slice('literal in '.length) } });
    }
  }
});
