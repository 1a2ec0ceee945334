import { defineRule } from './rule.js';
import type { Component } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';

/** An external wherever it is placed; anyone else (users included) by their boundary: users are in `internet` unless the model places them. */
function outsider(graph: ModelGraph, caller: Component): boolean {
  return caller.kind === 'external' || graph.isUntrusted(caller);
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
    checks: 'A `database`, `cache` or `storage` that an `external`, or any component in an `untrusted` boundary, calls. Users are in the `internet` boundary unless the model places them elsewhere; one it places inside (an administrator on the internal network) is not the outside.',
    attack: 'Exposed databases, caches and buckets are found by internet-wide scanners within hours; default or leaked credentials, a missing ACL or an unpatched engine then give the whole data set away, with no application in between to limit or log what is taken.',
    fix: 'Keep datastores in internal boundaries and let only the services that own them connect; serve outsiders through a service (or short-lived signed URLs issued by one) behind the gateway.',
    falsePositives: 'Object storage that serves only public assets, usually through a CDN: model the CDN, or accept the finding with that reason. An operator\'s break-glass access over a bastion: model the bastion.',
    practice: 'Datastores are never reachable from outside the trust zone of the services that own them.',
    decisions: [
      'A `queue` is often an ingestion point by design (partners publishing events); it is not judged here, and the flow rules still judge how it is authenticated and encrypted.',
      'An `external` counts as an outsider in whatever boundary it is placed; a `user` counts by its boundary: the default `internet` is the outside, while a user the model places in a `dmz`, `internal` or `restricted` boundary (an administrator on the internal network, a DBA over the VPN) is not, and `missing-mfa` judges how that person signs in.',
      'One finding per datastore, at its id, naming every outside caller.',
    ],
  },
}, ({ graph, report }) => {
  for (const store of graph.components()) {
    if (!graph.isRecordStore(store)) continue;
    const inbound = graph.inbound(store.id);
    if (!inbound.some((f) => outsider(graph, graph.caller(f)))) continue;
    const callers = [...new Set(inbound.map((f) => graph.caller(f)).filter((c) => outsider(graph, c)).map((c) => c.id))];
    report({
      element: store, messageId: 'exposed',
      args: { kind: store.kind, service: store.id, callers: callers.join(', ') },
    });
  }
});
