import { defineRule } from './rule.js';
import { describeData, listItemAt } from './util.js';

export default defineRule({
  id: 'unencrypted-at-rest',
  title: 'Sensitive data stored unencrypted',
  category: 'encryption',
  severity: 'high',
  target: 'service',
  scope: 'component',
  stride: ['I'],
  cwe: 311,
  fix: 'Add `encryption-at-rest: true` to the component\'s controls.',
  messages: {
    missing: '{service} stores {data} without `encryption-at-rest`; a stolen disk, snapshot or backup exposes it. Add `encryption-at-rest: true` to its `controls:`.',
    disabled: '{service} stores {data} with `encryption-at-rest` off; a stolen disk, snapshot or backup exposes it. Set `encryption-at-rest: true`.',
  },
  docs: {
    checks: 'A component whose `stores` lists sensitive data (confidential, restricted or personal) and that has no `encryption-at-rest` control in force. High when any of that data is restricted, medium otherwise.',
    attack: 'Data at rest outlives the service: disks are replaced, snapshots are shared, backups are copied to other accounts and buckets are opened by mistake. Unencrypted, each copy is readable by whoever gets it, without touching the service\'s access controls.',
    fix: 'Turn on storage encryption (the managed database\'s or volume\'s encryption with a KMS key, server-side encryption for buckets, encrypted backups), or encrypt fields in the application, and record it with `encryption-at-rest: true` (or a detail such as `kms`).',
    falsePositives: 'Data kept only in memory (a cache without persistence): accept the finding with that reason, or drop the data from `stores`.',
    practice: 'Encrypt sensitive data at rest, with keys managed apart from the data.',
    decisions: [
      'Every kind of component that `stores` sensitive data is checked, not only datastores: a service writing files to its volume, or an external keeping your customers\' data, keeps it at rest too (for a third party, record what its contract or attestation guarantees).',
      'One finding per component; it points at `encryption-at-rest: false` when written, else at the `stores` item of the most classified sensitive data.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const service of graph.components()) {
    const sensitive = graph.sensitiveData(service.stores);
    if (sensitive.length === 0 || graph.controlInForce(service, 'encryption-at-rest')) continue;
    const restricted = graph.isRestricted(sensitive);
    const rank = graph.classificationRank(sensitive);
    const worst = sensitive.find((id) => graph.classificationRank([id]) === rank)!;
    const written = service.controls.has('encryption-at-rest');
    report({
      element: service,
      at: written ? { prop: 'controls', entry: 'encryption-at-rest', entryPart: 'value' } : listItemAt(model, service, 'stores', worst),
      messageId: written ? 'disabled' : 'missing',
      severity: restricted ? 'high' : 'medium',
      args: { service: service.id, data: describeData(model, sensitive) },
      data: { addControl: 'encryption-at-rest', value: true, scope: 'service' },
    });
  }
});
