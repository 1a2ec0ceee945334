import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const DATA = 'data: { card-number: { classification: restricted, pii: true }, order: { classification: confidential }, email: { classification: internal, pii: true }, catalog: { classification: public }, metrics: { classification: internal } }';

ruleTests('unencrypted-at-rest', {
  fires: [
    {
      name: 'restricted data is high, at the stores item of the restricted asset',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { pci: { trust: restricted } }
        ${DATA}
        services:
          vault-db:
            kind: database
            boundary: pci
            stores: [order, card-number]
      `,
      expect: [{ target: 'vault-db', messageId: 'missing', text: 'card-number', message: 'vault-db stores `order` (confidential), `card-number` (restricted, personal) without `encryption-at-rest`' }],
    },
    {
      name: 'confidential or personal data is medium',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          orders-db: { kind: database, boundary: cluster, stores: [catalog, order] }
          mailing:
            kind: storage
            boundary: cluster
            stores:
              - metrics
              - email
      `,
      expect: [
        { target: 'orders-db', messageId: 'missing', severity: 'medium', text: 'order' },
        { target: 'mailing', messageId: 'missing', severity: 'medium', text: 'email' },
      ],
    },
    {
      name: 'encryption-at-rest: false is the range; any kind of component counts',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          cache:
            kind: cache
            boundary: cluster
            stores: [card-number]
            controls:
              encryption-at-rest: false
          reports: { kind: service, boundary: cluster, stores: [order] }
      `,
      expect: [
        { target: 'cache', messageId: 'disabled', text: 'false', message: 'with `encryption-at-rest` off' },
        { target: 'reports', messageId: 'missing', severity: 'medium', text: 'order' },
      ],
    },
    {
      name: 'a quoted data id is found in the list',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          orders-db: { kind: database, boundary: cluster, stores: [catalog, "order"] }
      `,
      expect: [{ target: 'orders-db', messageId: 'missing', severity: 'medium', text: '"order"' }],
    },
  ],
  silent: [
    {
      name: 'encrypted stores, true or with a detail',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          vault-db: { kind: database, boundary: cluster, stores: [card-number], controls: { encryption-at-rest: true } }
          uploads: { kind: storage, boundary: cluster, stores: [email], controls: { encryption-at-rest: aws-kms } }
      `,
    },
    {
      name: 'only public or internal data stored',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          catalog-db: { kind: database, boundary: cluster, stores: [catalog, metrics] }
          telemetry: { kind: monitoring, boundary: cluster, stores: [metrics] }
      `,
    },
    {
      name: 'sensitive data only carried, not stored',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        ${DATA}
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, tls: mtls, auth: mtls, data: [card-number] }] }
          billing: { kind: service, boundary: cluster }
      `,
    },
  ],
});

it('unencrypted-at-rest: the fix data adds the control', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    ${DATA}
    services:
      db: { kind: database, boundary: cluster, stores: [order] }
  `;
  const data = analyzeYaml(model).findings.filter((f) => f.rule === 'unencrypted-at-rest').map((f) => f.data);
  assert.deepEqual(data, [{ addControl: 'encryption-at-rest', value: true, scope: 'service' }]);
});

it('unencrypted-at-rest: an unknown data id in the list does not shift the range', () => {
  const model = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    ${DATA}
    services:
      db: { kind: database, boundary: cluster, stores: [ordr, catalog, order] }
  `;
  const found = analyzeYaml(model).findings.filter((f) => f.rule === 'unencrypted-at-rest');
  assert.deepEqual(found.map((f) => model.slice(f.range.start, f.range.end)), ['order']);
  assert.equal(model.slice(found[0].range.start - 9, found[0].range.start), 'catalog, ');
});
