import { defineRule } from './rule.js';
import { describeData, flowName } from './util.js';

/** Protocols with an encrypted twin: the fix renames the protocol rather than adding `tls:`. */
export const SECURE_PROTOCOL: Record<string, string> = {
  http: 'https', ws: 'wss', ftp: 'sftp', ldap: 'ldaps', amqp: 'amqps', mqtt: 'mqtts', smtp: 'smtps',
};

export default defineRule({
  id: 'unencrypted-flow',
  title: 'Unencrypted flow',
  category: 'encryption',
  severity: 'high',
  target: 'flow',
  scope: 'flow',
  stride: ['I', 'T'],
  cwe: 319,
  fix: 'Switch to the encrypted protocol (`http` → `https`, `ws` → `wss`, …), or set `tls: tls`.',
  messages: {
    sensitive: '{flow} carries {data} without encryption ({how}); anyone on the path can read or change it. {fix}.',
    crossing: '{flow} crosses from boundary {fromBoundary} to {toBoundary} without encryption ({how}). {fix}.',
    internal: '{flow} is not encrypted ({how}). {fix}.',
  },
  docs: {
    checks: 'A flow whose `tls` is `none`, stated or implied by its protocol (`http`, `ws`, `ftp`, `telnet`, `tcp`, `udp`, `smtp`, `ldap`, `amqp`, `mqtt`). High when it crosses a boundary or carries sensitive data; medium otherwise.',
    attack: 'Traffic in clear text can be read and changed by anyone on the path: a compromised node, a misconfigured network policy, a cloud provider\'s shared network. Credentials and personal data in transit are the first thing an attacker inside the network collects.',
    fix: 'Use the protocol\'s encrypted form (`https`, `wss`, `sftp`, `ldaps`, `amqps`, `mqtts`, `smtps`) or terminate TLS at both ends (`tls: tls`, better `tls: mtls` between services, which also authenticates them).',
    falsePositives: 'Traffic inside one host or pod (a sidecar on localhost) never leaves the machine; accept the finding with that reason.',
    practice: 'Encrypt every connection in transit, inside the perimeter too.',
    decisions: [
      'A flow whose encryption is unknown (no `tls:` and a protocol that implies nothing) is `unspecified-tls`\'s, not this rule\'s.',
      'A written `tls:` wins over the protocol: `protocol: http` with `tls: tls` is encrypted (TLS terminated by a sidecar or mesh), and `protocol: grpc` with `tls: none` is not.',
      'When `tls: none` is written, the finding points at it and the fix sets `tls: tls`: renaming the protocol alone would leave the written `none` in force. When the protocol alone implies `none`, the finding points at the protocol and the fix renames it to its encrypted twin where there is one.',
      'YAML reads `tls: false` as a boolean; it means `tls: none`, and `tls: true` means `tls: tls`.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.effectiveTls !== 'none') continue;
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    const secure = flow.tls === undefined ? SECURE_PROTOCOL[flow.protocol] : undefined;
    const at = flow.tls !== undefined ? 'tls' : 'protocol';
    const how = flow.tls !== undefined ? '`tls: none`' : `\`${flow.protocol}\``;
    const fix = secure ? `Use \`${secure}\`` : 'Set `tls: tls`';
    const data = secure ? { prop: 'protocol', value: secure } : { prop: 'tls', value: 'tls' };
    const sensitive = graph.sensitiveData(flow.data);
    const args = {
      flow: flowName(flow), data: describeData(model, sensitive), how, fix,
      fromBoundary: caller.boundary, toBoundary: callee.boundary,
    };
    if (sensitive.length > 0) report({ element: flow, at, messageId: 'sensitive', args, data });
    else if (graph.crossesBoundary(flow)) report({ element: flow, at, messageId: 'crossing', args, data });
    else report({ element: flow, at, messageId: 'internal', args, data, severity: 'medium' });
  }
});
