import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

ruleTests('missing-audit-log', {
  fires: [
    {
      name: 'a datastore that stores sensitive data, at its id (no controls written)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { order: { classification: confidential }, catalog: { classification: public } }
        services:
          orders-db: { kind: database, boundary: cluster, stores: [catalog, order] }
      `,
      expect: [{ target: 'orders-db', messageId: 'stores', text: 'orders-db', message: 'orders-db stores `order` (confidential)' }],
    },
    {
      name: 'at the controls key when controls are written without it; at false when switched off',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { patient: { classification: internal, pii: true } }
        services:
          records: { kind: service, boundary: cluster, stores: [patient], controls: { encryption-at-rest: true } }
          files: { kind: storage, boundary: cluster, stores: [patient], controls: { audit-log: false } }
      `,
      expect: [
        { target: 'records', messageId: 'stores', text: 'controls', message: '`patient` (internal, personal)' },
        { target: 'files', messageId: 'stores', text: 'false' },
      ],
    },
    {
      name: 'a workload that receives sensitive data from lower trust',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { order: { classification: confidential, pii: true } }
        services:
          shopper: { kind: user, calls: [{ to: gateway, protocol: https, auth: oidc, data: [order] }] }
          gateway: { kind: gateway, boundary: edge }
      `,
      expect: [{ target: 'gateway', messageId: 'receives', text: 'gateway', message: 'gateway handles `order` (confidential, personal) for shopper, a less trusted caller (internet → edge)' }],
    },
    {
      name: 'a read of sensitive data by a less trusted caller counts too',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { partners: { trust: dmz }, cluster: { trust: internal } }
        data: { invoice: { classification: confidential } }
        services:
          partner-api: { kind: service, boundary: partners, calls: [{ to: invoices, protocol: https, auth: oauth2, access: read, data: [invoice] }] }
          invoices: { kind: service, boundary: cluster, controls: { authorization: true } }
      `,
      expect: [{ target: 'invoices', messageId: 'receives', text: 'controls' }],
    },
    {
      name: 'both cases on one component give one finding, naming what it stores',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { profile: { classification: internal, pii: true } }
        services:
          visitor: { kind: user, calls: [{ to: accounts, protocol: https, auth: oidc, data: [profile] }] }
          accounts: { kind: service, boundary: edge, stores: [profile] }
      `,
      expect: [{ target: 'accounts', messageId: 'stores', text: 'accounts', message: 'accounts stores `profile`' }],
    },
  ],
  silent: [
    {
      name: 'audit-log on, as true or a detail',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz }, cluster: { trust: internal } }
        data: { order: { classification: confidential } }
        services:
          shopper: { kind: user, calls: [{ to: gateway, protocol: https, auth: oidc, data: [order] }] }
          gateway: { kind: gateway, boundary: edge, controls: { audit-log: access logs to SIEM } }
          orders-db: { kind: database, boundary: cluster, stores: [order], controls: { audit-log: true } }
      `,
    },
    {
      name: 'only public or internal, non-personal data',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { edge: { trust: dmz } }
        data: { catalog: { classification: public }, stock: { classification: internal } }
        services:
          shopper: { kind: user, calls: [{ to: web, protocol: https, data: [catalog] }] }
          web: { kind: frontend, boundary: edge, stores: [catalog, stock] }
      `,
    },
    {
      name: 'sensitive data from equal or higher trust is not received from lower trust',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal }, pci: { trust: restricted } }
        data: { order: { classification: confidential } }
        services:
          orders: { kind: service, boundary: cluster, calls: [{ to: billing, protocol: grpc, data: [order] }], controls: { audit-log: true } }
          billing: { kind: service, boundary: cluster }
          vault-reader: { kind: service, boundary: pci, calls: [{ to: reports, protocol: grpc, data: [order] }] }
          reports: { kind: service, boundary: cluster }
      `,
    },
    {
      name: 'a datastore reached from lower trust without storing sensitive data is not a workload (exposed-datastore\'s territory)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { event: { classification: confidential } }
        services:
          device: { kind: external, calls: [{ to: ingest, protocol: mqtts, auth: mtls, data: [event] }] }
          ingest: { kind: queue, boundary: cluster }
      `,
    },
    {
      name: 'users and externals are outside the system',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { card: { classification: restricted } }
        services:
          payments: { kind: service, boundary: cluster, controls: { audit-log: true }, calls: [{ to: stripe, protocol: https, auth: api-key, data: [card] }] }
          stripe: { kind: external, stores: [card] }
      `,
    },
  ],
});

describe('missing-audit-log: quick-fix data', () => {
  it('adds the control to the component', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      data: { order: { classification: confidential } }
      services:
        orders-db: { kind: database, boundary: cluster, stores: [order] }
    `;
    const found = analyzeYaml(model).findings.filter((f) => f.rule === 'missing-audit-log');
    assert.deepEqual(found.map((f) => f.data), [{ addControl: 'audit-log', value: true, scope: 'service' }]);
  });
});
