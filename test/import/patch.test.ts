// `moat import --update` writes its additions into the user's text: every line the user wrote
// stays as written (alignment, flow style, quotes, comments); only a flow collection that must
// hold commented entries is written again, with its key.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { createMoatService } from '../../server/src/service/index.js';
import { checkText } from '../../server/src/engine.js';

const ROOT = path.resolve(__dirname, '..', '..');

const COMPOSE = `services:
  web-app:
    image: shop/web:1
    depends_on: [billing]
  billing:
    image: shop/billing:2
    user: "1000"
`;

function update(model: string, compose = COMPOSE): { text: string; added: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-patch-'));
  try {
    fs.writeFileSync(path.join(dir, 'docker-compose.yml'), compose);
    fs.writeFileSync(path.join(dir, 'moat.yaml'), model);
    const run = createMoatService().importDeployment(['docker-compose.yml'], { cwd: dir, name: 'shop', update: model, updatePath: path.join(dir, 'moat.yaml') });
    return { text: run.text, added: run.added ?? [] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines of `after` that are not the lines of `before`, which must all be there, in order. */
function insertedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const inserted: string[] = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < old.length && line === old[i]) i++;
    else inserted.push(line);
  }
  assert.equal(i, old.length, `line ${i + 1} of the model is gone: ${JSON.stringify(old[i])}`);
  return inserted;
}

describe('moat import --update keeps the text the user wrote', () => {
  it('a sample with aligned flow mappings, quoted keys and flow lists: only lines are added', () => {
    const model = fs.readFileSync(path.join(ROOT, 'samples', 'saas-platform.moat.yaml'), 'utf8');
    const { text, added } = update(model);
    assert.ok(added.includes('service billing'), added.join(', '));
    const inserted = insertedLines(model, text);
    assert.ok(inserted.includes('  billing:'), inserted.join('\n'));
    assert.ok(inserted.some((l) => /^ {4}runtime:$/.test(l)) || inserted.some((l) => /^ {6}user: "?1000"?$/.test(l)), inserted.join('\n'));
    // What was added reads as the rest does, and the model still parses and checks.
    assert.equal(checkText(text, path.resolve('/virtual/moat.yaml'), { today: '2026-11-30' }).findings.filter((f) => f.rule === 'model/syntax').length, 0);
    assert.equal(update(text).added.length, 0);
  });

  it('a flow mapping that gets entries stays a flow mapping, its other entries as written', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  billing:\n    kind: service\n    deployed-as: billing\n    runtime: {   platform: compose }   # kept\n';
    const { text } = update(model);
    assert.match(text, /^ {4}runtime: \{ {3}platform: compose, image: shop\/billing:2, user: "?1000"? \} {3}# kept$/m);
    assert.match(text, /^ {2}billing:\n {4}kind: service\n {4}deployed-as: billing\n {4}runtime: \{/m);
  });

  it('a flow section that gets commented entries becomes a block one: that entry is written again, the others stay', () => {
    const model = 'moat: 1\nname:    shop   # aligned\nboundaries: { app: { trust: internal } }\nservices: {}\n';
    const { text } = update(model);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['moat: 1', 'name:    shop   # aligned', 'boundaries:', '  app: { trust: internal }']);
    assert.ok(lines.includes('services:'), text);
    assert.ok(lines.includes('  billing:') && lines.includes('  web-app:'), text);
    const parsed = parse(text) as { services: Record<string, { kind: string }> };
    assert.equal(parsed.services.billing.kind, 'service');
  });

  it('new flows go after the service\'s last flow, before its next key and the next service', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  web-app:\n    kind: frontend\n    deployed-as: web-app\n    calls:\n      - { to: other, protocol: https }   # by hand\n  other: { kind: service }\n  billing:\n    kind: service\n    deployed-as: billing\n';
    const { text } = update(model);
    const inserted = insertedLines(model, text);
    const lines = text.split('\n');
    const hand = lines.indexOf('      - { to: other, protocol: https }   # by hand');
    const flow = lines.findIndex((l) => /^ {6}- \{ to: billing/.test(l));
    assert.ok(hand >= 0 && flow > hand && flow < lines.indexOf('  other: { kind: service }'), text);
    assert.ok(inserted.every((l) => l === '' || l.startsWith('      ') || l.startsWith('    ')), inserted.join('\n'));
  });
});
