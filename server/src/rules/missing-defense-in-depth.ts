import { defineRule } from './rule.js';
import { describeData, listItemAt } from './util.js';
import { attackPaths } from '../paths/attack.js';
import { andList, locksText, openCallees, pathText } from '../paths/describe.js';

export default defineRule({
  id: 'missing-defense-in-depth',
  title: 'One lock between the internet and restricted data',
  category: 'isolation',
  severity: 'high',
  target: 'service',
  stride: ['I', 'E'],
  // The attack paths: origins by boundary, locks by `auth`, targets by kind and what they store.
  reads: (c) => [c.kind, c.boundary, c.stores, c.calls.map((f) => [f.target, f.to, f.auth])],
  cwe: 654,
  messages: {
    oneLock: '{data} in {service} is reached from the internet by {path} with {locks}: {open} {verb} `auth: none`. One leaked credential, or one flaw in the single service that checks, opens the data: authenticate the other hops too.',
  },
  docs: {
    checks: 'Every path along the flows (following who opens each connection) from a component in an `untrusted` boundary to a datastore (`database`, `cache`, `queue`, `storage`) that stores `restricted` data. A flow is a lock when its `auth` is anything but `none`; the rule fires when the weakest path of two or more flows to the datastore has exactly one lock. The finding names the restricted data, the path and the flows on it that take `auth: none`.',
    attack: 'With a single lock, one failure is enough: a leaked token or API key, a session fixation, a bug in the one service that checks credentials (an authorization flaw, an injection, a server-side request forgery) and every request it forwards reaches the restricted data, because nothing behind it asks again. Breaches of card data and health records regularly follow this shape: the edge authenticated, the internal services trusted the network.',
    fix: 'Authenticate each hop, not only the edge: `mtls` or signed tokens (`jwt`) between services, credentials (from a secrets manager) on the datastore connection, so that taking over the entry point does not hand over the data. Segment the network so that only the owning service can connect to the store.',
    falsePositives: 'A single service in front of the store that is the whole system\'s only entry point and is hardened accordingly may be accepted with that reason, but a second lock (credentials on the datastore connection) is cheap. Mesh mTLS modelled as `auth: mtls` counts as a lock on every hop it covers, though every workload in the mesh holds an identity: without authorization policies, defence in depth looks deeper than it is.',
    practice: 'Defence in depth: restricted data sits behind at least two independent locks, so that no single credential or flaw exposes it.',
    decisions: [
      'Only paths of two or more flows are judged; a datastore called straight from an untrusted boundary is `exposed-datastore`\'s, and a path with no lock at all is `unauthenticated-path`\'s.',
      'An absent `auth` counts as a lock (the rules assume the best of what the model leaves out; `unspecified-auth` reports it).',
      'Paths do not follow a consumer that pulls from a queue: a poisoned message is not a path (a false negative in event-driven systems).',
      'One finding per datastore, at the first restricted id in its `stores:`.',
    ],
  },
}, ({ model, graph, report }) => {
  const paths = attackPaths(graph);
  for (const target of paths.judged) {
    const c = target.component;
    if (!graph.isDatastore(c) || target.depth === undefined || target.depth > 1) continue;
    const restricted = c.stores.filter((id) => model.data.get(id)?.classification === 'restricted');
    if (restricted.length === 0) continue;
    const long = target.long;
    if (!long || long.depth !== 1) continue;
    const open = openCallees(long);
    report({
      element: c, at: listItemAt(model, c, 'stores', restricted[0]), messageId: 'oneLock',
      args: {
        data: describeData(model, restricted), service: c.id, path: pathText(long), locks: locksText(1),
        open: andList(open), verb: open.length === 1 ? 'takes' : 'take',
      },
    });
  }
});
