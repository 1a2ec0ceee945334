import { defineRule } from './rule.js';
import { flowName } from './util.js';

export default defineRule({
  id: 'unspecified-tls',
  title: 'Unspecified encryption in transit',
  category: 'encryption',
  severity: 'low',
  target: 'flow',
  scope: 'flow',
  stride: ['I'],
  cwe: 319,
  fix: 'Add `tls:` (`tls`, `mtls` or `none`).',
  messages: {
    unknown: '{flow} uses `{protocol}`, which may or may not be encrypted, and does not say which. Add `tls: {suggest}` to the flow (or `tls: none` if it is clear text).',
  },
  docs: {
    checks: 'A flow without a `tls:` key whose protocol implies nothing about encryption (`grpc`, `graphql`, `postgres`, `mysql`, `mongodb`, `redis`, `kafka`, `nats`, `s3`, `jdbc`, `dns` and any other word). Protocols that imply TLS (`https`, `wss`, `sftp`…) or clear text (`http`, `ws`, `tcp`…) are known without it.',
    attack: 'Database drivers, gRPC channels, Redis and Kafka clients connect in clear text unless told otherwise. A connection whose encryption nobody wrote down is often one that runs unencrypted inside the network, readable by anyone who gets a foothold there.',
    fix: 'Say what the connection does: `tls: tls` (server certificate verified), `tls: mtls` (both sides authenticated, the norm in a service mesh), or `tls: none`, which `unencrypted-flow` then judges.',
    falsePositives: 'None as such: the finding asks for the fact to be written down.',
    practice: 'A threat model states how every connection is protected in transit.',
    decisions: [
      'The finding points at the protocol, the part that leaves the question open, and is reported whatever the flow carries.',
      'The fix suggests `mtls` between two workloads (where a mesh provides it) and `tls` otherwise, and offers the other values as choices.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.src.props.has('tls') || flow.effectiveTls !== undefined || flow.protocol === '') continue;
    const suggest = graph.isWorkload(graph.caller(flow)) && graph.isWorkload(graph.callee(flow)) ? 'mtls' : 'tls';
    report({
      element: flow, at: 'protocol', messageId: 'unknown',
      args: { flow: flowName(flow), protocol: flow.protocol, suggest },
      data: { prop: 'tls', value: suggest, choices: suggest === 'mtls' ? ['mtls', 'tls', 'none'] : ['tls', 'mtls', 'none'] },
    });
  }
});
