// Go to Symbol in Workspace: every element declared in the model files, found by name, past any
// outline limit, in files open or not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMoatService } from '../../server/src/service/index.js';
import { elementsMatching, matchesQuery } from '../../server/src/service/workspace-symbols.js';
import { occurrencesIn } from '../../server/src/service/occurrences.js';
import { yaml } from '../helpers.js';

const ROOT_TEXT = yaml`
  moat: 1
  name: shop
  include: [parts.moat.yaml]
  boundaries:
    cluster: { trust: internal }
  data:
    orders-record: { classification: confidential }
  roles:
    order-writer: { grants: [write] }
  services:
    web:
      kind: service
      boundary: cluster
      calls:
        - { id: web-orders, to: order-service, protocol: https, auth: jwt }
  accept:
    - { rule: missing-waf, target: web, reason: behind the CDN }
`;
const PARTS_TEXT = yaml`
  services:
    order-service: { kind: service, boundary: cluster }
`;

describe('workspace symbols', () => {
  it('match the query\'s characters in order, case aside', () => {
    assert.equal(matchesQuery('order-service', 'osv'), true);
    assert.equal(matchesQuery('order-service', 'ORDER'), true);
    assert.equal(matchesQuery('order-service', ''), true);
    assert.equal(matchesQuery('order-service', 'svo'), false);
    assert.equal(matchesQuery('web', 'webb'), false);
  });

  it('list declarations only, those starting with the query first, at most the maximum', () => {
    const found = elementsMatching(occurrencesIn('/m.moat.yaml', ROOT_TEXT), 'ord');
    // `web` refers to order-service in `to:`, which is no declaration of it; the acceptance's target is none either.
    assert.deepEqual(found.map((e) => [e.ns, e.name]), [['data', 'orders-record'], ['role', 'order-writer'], ['flow', 'web-orders']]);
    const record = found[0];
    assert.equal(ROOT_TEXT.slice(record.start, record.end), 'orders-record');
    assert.deepEqual(elementsMatching(occurrencesIn('/m.moat.yaml', ROOT_TEXT), '', 2).map((e) => e.name), ['cluster', 'orders-record']);
    assert.deepEqual(elementsMatching(occurrencesIn('/m.moat.yaml', ROOT_TEXT), 'zzz'), []);
  });

  it('come from every model file in the folders, open or not, whatever the outline leaves out', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-wsym-'));
    try {
      const root = path.join(dir, 'shop.moat.yaml');
      const parts = path.join(dir, 'parts.moat.yaml');
      fs.writeFileSync(root, ROOT_TEXT);
      fs.writeFileSync(parts, PARTS_TEXT);
      const service = createMoatService();
      service.setFolders([dir]);
      const found = service.workspaceSymbols('order-s');
      assert.deepEqual(found, [{ name: 'order-service', ns: 'service', file: parts, start: PARTS_TEXT.indexOf('order-service'), end: PARTS_TEXT.indexOf('order-service') + 13 }]);
      // An open document is read as the editor holds it.
      const edited = PARTS_TEXT.replace('order-service', 'order-service-v2');
      service.setDocument(parts, edited, 1);
      assert.deepEqual(service.workspaceSymbols('order-s').map((e) => [e.name, e.end - e.start]), [['order-service-v2', 16]]);
      // A service the outline leaves out (one symbol allowed) is still found.
      const many = `moat: 1\nservices:\n${Array.from({ length: 50 }, (_, i) => `  svc-${i}: { kind: service }\n`).join('')}`;
      const big = path.join(dir, 'big.moat.yaml');
      service.setDocument(big, many, 1);
      assert.ok(!JSON.stringify(service.symbols(big, 10)).includes('svc-49'));
      const last = service.workspaceSymbols('svc-49');
      assert.deepEqual(last.map((e) => [e.file, many.slice(e.start, e.end)]), [[big, 'svc-49']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
