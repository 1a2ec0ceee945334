import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const model = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  data:
    order: { classification: confidential }
    catalog: { classification: public }
    invoice: { classification: internal }
  services:
    orders: { kind: service, boundary: cluster, calls: [{ to: db, protocol: postgres, data: [order] }] }
    db: { kind: database, boundary: cluster, stores: [catalog] }
`;

ruleTests('unused-data', {
  fires: [
    { name: 'neither stored nor carried, at its id', model, expect: [{ target: 'invoice', messageId: 'unused', text: 'invoice', message: 'Data asset `invoice` is neither stored' }] },
  ],
  silent: [
    {
      name: 'stored only, or carried only',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        data: { a: { classification: public }, b: { classification: public } }
        services:
          x: { kind: service, boundary: cluster, calls: [{ to: y, protocol: https, data: [a] }] }
          y: { kind: storage, boundary: cluster, stores: [b] }
      `,
    },
    {
      name: 'no data section',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          x: { kind: service, boundary: cluster }
      `,
    },
  ],
});

describe('unused-data fix data', () => {
  it('names the asset to remove', () => {
    const f = analyzeYaml(model).findings.find((x) => x.rule === 'unused-data')!;
    assert.deepEqual(f.data, { remove: ['data', 'invoice'] });
  });
});
