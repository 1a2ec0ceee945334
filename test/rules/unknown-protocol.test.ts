import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';
import { applyEdits, fixesFor } from '../../server/src/fix/fixes.js';
import { meantProtocol } from '../../server/src/rules/unknown-protocol.js';

ruleTests('unknown-protocol', {
  fires: [
    {
      name: 'a swapped pair, a missing letter and a longer name of a known protocol, at the protocol',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          web: { kind: service, boundary: cluster, calls: [{ to: orders, protocol: grcp, tls: mtls, auth: mtls }, { to: api, protocol: htps, auth: mtls }] }
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgresql, tls: tls, auth: password }] }
          api: { kind: service, boundary: cluster }
          db: { kind: database, boundary: cluster }
      `,
      expect: [
        { target: 'web->orders', messageId: 'meant', text: 'grcp', message: 'web → orders uses the protocol `grcp`, which Moat does not know; did you mean `grpc`?' },
        { target: 'web->api', messageId: 'meant', text: 'htps', message: 'did you mean `https`?' },
        { target: 'orders->db', messageId: 'meant', text: 'postgresql', message: 'did you mean `postgres`?' },
      ],
    },
  ],
  silent: [
    {
      name: 'known protocols, `unknown`, short real protocols, versions and words far from every known one',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          web:
            kind: service
            boundary: cluster
            calls:
              - { to: files, protocol: nfs, tls: none, auth: none }
              - { to: files, protocol: smb, tls: tls, auth: kerberos }
              - { to: api, protocol: http2, tls: tls, auth: mtls }
              - { to: api, protocol: unknown, tls: tls, auth: mtls }
              - { to: api, protocol: websocket, tls: tls, auth: mtls }
              - { to: api, protocol: grpc, tls: mtls, auth: mtls }
          api: { kind: service, boundary: cluster }
          files: { kind: storage, boundary: cluster }
      `,
    },
  ],
});

describe('unknown-protocol: what counts as a slip', () => {
  it('suggests one slip away, never across a digit or for short words', () => {
    const cases: Record<string, string | undefined> = {
      grcp: 'grpc', htps: 'https', httpss: 'https', kafak: 'kafka', mongo: 'mongodb', postgresql: 'postgres', mqqt: undefined,
      nfs: undefined, sip: undefined, http2: undefined, 'http/2': undefined, tcp6: undefined, amqp1: undefined, websocket: undefined,
      https: undefined, unknown: undefined, 'grpc-web': undefined,
    };
    for (const [word, meant] of Object.entries(cases)) assert.equal(meantProtocol(word), meant, word);
  });

  it('the fix replaces the protocol with the suggestion', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: htps, auth: mtls }] }
        api: { kind: service, boundary: cluster }
    `;
    const analysis = analyzeYaml(model);
    const finding = analysis.findings.find((f) => f.rule === 'unknown-protocol')!;
    assert.deepEqual(finding.data, { prop: 'protocol', value: 'https' });
    const [fix] = fixesFor(analysis, finding);
    assert.equal(applyEdits(model, fix.edits), model.replace('protocol: htps', 'protocol: https'));
  });
});
