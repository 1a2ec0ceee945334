import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const base = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  services:
    orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }] }
    db: { kind: database, boundary: cluster }
`;

ruleTests('stale-acceptance', {
  fires: [
    {
      name: 'an accept: entry that matches no finding, at its rule, with its own RULE@TARGET',
      model: base + yaml`
        accept:
          - rule: orphan-component
            target: orders
            reason: kept for the record
      `,
      expect: [{ target: 'orphan-component@orders', messageId: 'entry', text: 'rule: orphan-component', message: 'matches no finding' }],
    },
    {
      name: 'an inline comment that matches nothing takes the one element on its lines, else RULE@line-N',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          # moat-accept orphan-component: kept for the record
          orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres }] }
          db: { kind: database, boundary: cluster }  # moat-accept shared-datastore: one writer
      `,
      expect: [
        { target: 'orphan-component@line-5', messageId: 'inline', text: '# moat-accept orphan-component: kept for the record', message: 'matches no finding on its line or the next' },
        { target: 'shared-datastore@db', messageId: 'inline', text: '# moat-accept shared-datastore: one writer' },
      ],
    },
    {
      name: 'a stale comment above a block-style element is named after it, so inserting lines above keeps its fingerprint',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, data: { trust: internal } }
        services:
          cdn: { kind: gateway, boundary: edge, controls: { rate-limit: true }, calls: [{ to: web-bucket, protocol: https, auth: iam, access: read }] }
          # moat-accept exposed-datastore: served through the CDN only
          web-bucket:
            kind: storage
            boundary: data
      `,
      expect: [{ target: 'exposed-datastore@web-bucket', messageId: 'inline', text: '# moat-accept exposed-datastore: served through the CDN only' }],
    },
    {
      name: 'an expired entry that matches nothing is stale (and says it expired), not expired-acceptance',
      model: base + yaml`
        accept:
          - rule: shared-datastore
            target: db
            reason: migration in progress
            until: 2026-01-31
      `,
      expect: [{ target: 'shared-datastore@db', messageId: 'entryExpired', text: 'rule: shared-datastore', message: 'and it expired on 2026-01-31' }],
    },
  ],
  silent: [
    {
      name: 'an entry and a comment that match findings',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          legacy: { kind: service, boundary: cluster }  # moat-accept orphan-component: decommissioned in Q1
          old: { kind: service, boundary: cluster }
        accept:
          - rule: orphan-component
            target: old
            reason: decommissioned in Q1
            until: 2026-11-25
      `,
    },
    {
      name: 'a comment alone on its line covers the element on the next line',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          # moat-accept orphan-component: decommissioned in Q1
          legacy: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'an expired entry that matches a finding is expired-acceptance\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          old: { kind: service, boundary: cluster }
        accept:
          - { rule: orphan-component, target: old, reason: decommissioned in Q1, until: 2026-11-24 }
      `,
    },
  ],
});

describe('stale-acceptance fix data', () => {
  it('says the acceptance is to be removed, and whether it is a comment', () => {
    const f = analyzeYaml(base + 'accept:\n  - { rule: orphan-component, target: orders, reason: r }\n').findings.find((x) => x.rule === 'stale-acceptance')!;
    assert.deepEqual(f.data, { removeAcceptance: true, inline: false });
    assert.equal(f.fingerprint, 'stale-acceptance@orphan-component@orders');
  });
});
