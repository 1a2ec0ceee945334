import { defineRule } from './rule.js';
import type { Component } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';


function outsider(graph: ModelGraph, caller: Component): boolean {
  return graph.isOutside(caller) || graph.isUntrusted(caller);
}

export default defineRule({
  id: 'exposed-datastore',
  title: 'Datastore exposed to outsiders',
  category: 'exposure',
  severity: 'critical',
  target: 'service',
  scope: 'component',
  stride: ['I', 'T'],
  cwe: 668,
  messages: {
    exposed: 'The {kind} `{service}` is called directly by {callers}; a datastore reachable from outside is one leaked credential or misconfiguration away from a full dump. Put a service in front of it.',
  },
  docs: {
    checks: 'A `database`, `cache` or `storage` that a `user`, an `external`, or any component in an `untrusted` boundary calls.',
    attack: 'Exposed databases, caches and buckets are found by internet-wide scanners within hours; default or leaked credentials, a missing ACL or an unpatched engine then give the whole data set away, with no application in between to limit or log what is taken.',
    fix: 'Keep datastores in internal boundaries and let only the services that own them connect; serve outsiders through a service (or short-lived signed URLs issued by one) behind the gateway.',
    falsePositives: 'Object storage that serves only public assets, usually through a CDN: model the CDN, or accept the finding with that reason. An operator\'s break-glass access over a bastion: model the bastion.',
    practice: 'Datastores are never reachable from outside the trust zone of the services that own them.',
    decisions: [
      'A `queue` is often an ingestion point by design (partners publishing events); it is not judged here, and the flow rules still judge how it is authenticated and encrypted.',
      'A `user` or `external` counts as an outsider in whatever boundary it is placed.',
      'One finding per datastore, at its id, naming every outside caller.',
    ],
  },
}, ({ graph, report }) => {
  for (const store of graph.components()) {
    if (!graph.isRecordStore(store)) continue;
    const callers = [...new Set(graph.inbound(store.id).map((f) => graph.caller(f)).filter((c) => outsider(graph, c)).map((c) => c.id))];
    if (callers.length === 0) continue;
    report({
      element: store, messageId: 'exposed',
      args: { kind: store.kind, service: store.id, callers: callers.join(', ') },
    });
  }
});
