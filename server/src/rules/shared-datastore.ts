import { defineRule } from './rule.js';
import { nameList } from './util.js';

export default defineRule({
  id: 'shared-datastore',
  title: 'Shared datastore',
  category: 'isolation',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 653,
  messages: {
    shared: 'The {kind} `{store}` is written by {count} components ({writers}): a flaw or compromise in one can corrupt the data the others rely on, and no one owns its schema. Give each service its own store, or let one owner write and the others call it.',
  },
  docs: {
    checks: 'A `database`, `cache` or `storage` that two or more components other than users write to: flows with `access: write` or `read-write` (the default). Readers do not count, nor do people maintaining the data. Queues are left out: many publishers on one queue is what a queue is for.',
    attack: 'A store written by several services is a shared blast radius: one compromised or buggy writer can corrupt or delete what every other service reads, and access rules cannot tell the writers apart. It also couples the services: no one can change the schema alone.',
    fix: 'Database per service: give each service its own store (or schema with its own credentials), and let other services go through the owner\'s API or events.',
    falsePositives: 'Writers that are one logical service (a service and its migration job), or an append-only store (an audit bucket) designed for many writers. Accept the finding with the reason.',
    practice: 'Each service owns its data; others reach it through the owner.',
    decisions: [
      'Writers are counted by component: several flows from one component count once. A `user` is not counted: a person maintaining data (an administrator fixing a record) is not a second service coupled to the schema; `exposed-datastore` and `missing-mfa` judge that access.',
      'Reported at the datastore\'s id; there is no quick fix, since the remedy is a design change.',
    ],
  },
}, ({ graph, report }) => {
  for (const store of graph.components()) {
    if (!graph.isRecordStore(store)) continue;
    const writes = graph.inbound(store.id).filter((f) => graph.writes(f) && graph.caller(f).kind !== 'user');
    if (writes.length < 2) continue;
    const writers = [...new Set(writes.map((f) => f.from))];
    if (writers.length < 2) continue;
    report({ element: store, messageId: 'shared', args: { kind: store.kind, store: store.id, count: writers.length, writers: nameList(writers) } });
  }
});
