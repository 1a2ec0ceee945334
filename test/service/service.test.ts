// The service the language server, the CLI and the panel share: what it keeps between requests.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMoatService } from '../../server/src/service/index.js';
import { yaml } from '../helpers.js';

const ROOT_TEXT = yaml`
  moat: 1
  name: shop
  include: [parts.moat.yaml]
  boundaries:
    cluster: { trust: internal }
  services:
    web:
      kind: service
      boundary: cluster
      calls:
        - { to: orders, protocol: https, auth: jwt }
`;
const PARTS_TEXT = yaml`
  services:
    orders: { kind: service, boundary: cluster }
`;

function project() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-service-'));
  const root = path.join(dir, 'shop.moat.yaml');
  const parts = path.join(dir, 'parts.moat.yaml');
  fs.writeFileSync(root, ROOT_TEXT);
  fs.writeFileSync(parts, PARTS_TEXT);
  return { dir, root, parts };
}

describe('createMoatService', () => {
  it('answers hover, definition and references from the ids it keeps per file text: an edit re-reads only that file', async () => {
    const { dir, root, parts } = project();
    try {
      const service = createMoatService();
      service.setFolders([dir]);
      service.setDocument(root, ROOT_TEXT, 1);
      const at = ROOT_TEXT.indexOf('to: orders') + 5;
      const def = await service.definition(root, at);
      assert.deepEqual(def, [{ file: parts, start: PARTS_TEXT.indexOf('orders'), end: PARTS_TEXT.indexOf('orders') + 'orders'.length }]);
      const read = service.stats.textsRead;
      assert.equal(read, 2, 'each file of the model once');
      assert.match((await service.hover(root, at))!.markdown, /^\*\*orders\*\*: service in boundary `cluster`/);
      assert.equal((await service.references(root, at, true)).length, 2);
      assert.equal(service.stats.textsRead, read, 'nothing read again for unchanged texts');
      // An edit of the root: only the root is read again, not the included file.
      const edited = ROOT_TEXT.replace('name: shop', 'name: shop2');
      service.setDocument(root, edited, 2);
      assert.equal((await service.references(root, edited.indexOf('to: orders') + 5, false)).length, 1);
      assert.equal(service.stats.textsRead, read + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the outline and folding of a document until its text changes', () => {
    const { dir, root } = project();
    try {
      const service = createMoatService();
      service.setDocument(root, ROOT_TEXT, 1);
      const symbols = service.symbols(root);
      const folding = service.folding(root);
      assert.deepEqual(symbols.map((s) => s.name), ['moat', 'name', 'include', 'boundaries', 'services']);
      assert.equal(service.symbols(root), symbols, 'the same answer, not worked out again');
      assert.equal(service.folding(root), folding);
      service.setDocument(root, `${ROOT_TEXT}# end\n`, 2);
      assert.notEqual(service.symbols(root), symbols);
      assert.deepEqual(service.symbols(root).map((s) => s.name), symbols.map((s) => s.name));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a model\'s .moatrc.yaml once, and again only when told the file changed', async () => {
    const { dir, root } = project();
    try {
      const config = path.join(dir, '.moatrc.yaml');
      fs.writeFileSync(config, 'rules:\n  missing-sbom: "off"\n');
      const service = createMoatService();
      const rules = async () => new Set((await service.analyze(root)).analysis.findings.map((f) => f.rule));
      assert.equal((await rules()).has('missing-sbom'), false);
      fs.writeFileSync(config, 'rules: {}\n');
      service.setDocument(root, `${ROOT_TEXT}\n`, 2);
      assert.equal((await rules()).has('missing-sbom'), false, 'not read again on an edit of the model');
      service.fileChanged(config);
      assert.equal((await rules()).has('missing-sbom'), true, 'read again once it changed');
      fs.writeFileSync(config, 'rules: [\n');
      service.fileChanged(config);
      const { configError } = await service.analyze(root);
      assert.match(configError ?? '', /\.moatrc\.yaml/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
