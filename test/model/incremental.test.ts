// The editor re-reads only the parts of a file an edit touched. Whatever it reuses must give
// exactly what a read from scratch gives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkText, createParseCache, loadModel, overlayHost } from '../../server/src/engine.js';
import { IncrementalAnalyzer } from '../../server/src/analysis/incremental.js';
import { readModelFile, segment } from '../../server/src/model/units.js';
import type { Finding } from '../../server/src/model/types.js';

const FILE = path.resolve('/virtual/edit.moat.yaml');
const SAMPLE = fs.readFileSync('samples/web-shop.moat.yaml', 'utf8');

function comparable(findings: Finding[]) {
  return findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range, target: f.target, accepted: !!f.accepted }));
}

const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('x', ' ', '\n', '  ', ':', '- ', '#', 'auth: none', '\n  extra:\n    kind: service\n', '{', '"') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

function apply(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return e.kind === 'insert' ? text.slice(0, at) + e.text + text.slice(at) : text.slice(0, at) + text.slice(at + e.length);
}

describe('incremental reading', () => {
  it('splits a block-style model into its top-level keys and section entries', () => {
    const units = segment(SAMPLE)!;
    assert.ok(units);
    const services = units.filter((u) => u.section === 'services').map((u) => SAMPLE.slice(u.start, u.end).trim().split(':')[0]);
    assert.deepEqual(services, ['shopper', 'storefront', 'gateway', 'catalog', 'orders', 'payments', 'stripe', 'orders-db', 'catalog-db']);
  });

  it('reads anchors and several documents in one piece', () => {
    assert.equal(segment('moat: 1\nx: &a 1\ny: *a\n'), undefined);
    assert.equal(segment('moat: 1\n---\nmoat: 1\n'), undefined);
  });

  it('a split read gives what a whole read gives, for every sample', () => {
    for (const file of ['web-shop', 'saas-platform', 'patient-portal']) {
      const text = fs.readFileSync(`samples/${file}.moat.yaml`, 'utf8');
      const split = readModelFile(FILE, text);
      const whole = readModelFile(FILE, `# anchors: &x\n${text}`);
      assert.deepEqual([...split.services.map((s) => s.id)], [...whole.services.map((s) => s.id)]);
      assert.deepEqual(split.problems.map((p) => p.message), whole.problems.map((p) => p.message));
    }
  });

  it('references that stop and start resolving between reads leave the shared elements as they were read', () => {
    // `web` keeps its text and its place in every version: its unit is reused each time, and
    // only the units around it decide whether its references resolve.
    const head = 'moat: 1\nname: shop\nservices:\n  web:\n    kind: service\n    stores: [orders-data]\n    roles: [writer]\n    calls:\n      - to: orders\n        id: place\n        protocol: http\n        data: [orders-data]\n';
    const orders = '  orders:\n    kind: service\n    calls:\n      - to: web\n        id: place\n        protocol: grpc\n';
    const rest = 'data:\n  orders-data:\n    classification: confidential\nroles:\n  writer:\n    grants:\n      orders: [write]\n';
    const versions = [head, head + orders + rest, head, head + rest, head + orders + rest, head + orders];
    const cache = createParseCache();
    for (const text of [...versions, ...versions]) {
      const cached = loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
      const fresh = loadModel(FILE, overlayHost(new Map([[FILE, text]])));
      const shape = (m: typeof cached) => ({
        flows: m.flows.map((f) => [f.from, f.to, f.target, f.id ?? null, f.data]),
        web: [m.services.get('web')!.stores, m.services.get('web')!.roles, m.services.get('web')!.calls.length],
        grants: [...m.roles.values()].map((r) => r.grants.map((g) => g.target)),
        problems: m.problems.map((p) => p.message),
      });
      assert.deepEqual(shape(cached), shape(fresh));
      assert.deepEqual(comparable(checkText(text, FILE, { cache, today: '2026-11-25' }).findings), comparable(checkText(text, FILE, { today: '2026-11-25' }).findings));
    }
    // With `orders` declared, web's flow resolves, and the second `place` loses its id to it.
    const full = loadModel(FILE, overlayHost(new Map([[FILE, head + orders + rest]])), { cache });
    assert.deepEqual(full.flows.map((f) => f.target), ['place', 'orders->web']);
  });

  it('after any series of edits, the cached analysis equals one from scratch', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const cache = createParseCache();
        let text = SAMPLE;
        checkText(text, FILE, { cache, today: '2026-11-25' });
        for (const e of edits) {
          text = apply(text, e);
          const incremental = checkText(text, FILE, { cache, today: '2026-11-25' });
          const fresh = checkText(text, FILE, { today: '2026-11-25' });
          assert.deepEqual(comparable(incremental.findings), comparable(fresh.findings));
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('incremental analysis', () => {
  const options = { today: '2026-11-25' };

  it('reuses the rules\' findings when an edit leaves the meaning as it was, with ranges moved', () => {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    analyzer.analyze(load(SAMPLE), options);
    const edited = SAMPLE.replace('Storefront, catalogue, orders', 'The storefront, the catalogue, the orders');
    const a = analyzer.analyze(load(edited), options);
    assert.equal(analyzer.lastReused, true);
    assert.deepEqual(comparable(a.findings), comparable(checkText(edited, FILE, options).findings));
    const changed = edited.replace('protocol: http, auth: mtls', 'protocol: https, auth: mtls');
    const b = analyzer.analyze(load(changed), options);
    assert.equal(analyzer.lastReused, false);
    assert.deepEqual(comparable(b.findings), comparable(checkText(changed, FILE, options).findings));
  });

  it('after any series of edits, gives what an analysis from scratch gives', () => {
    const typing = fc.record({
      kind: fc.constant('insert' as const),
      at: fc.constantFrom(...[...SAMPLE.matchAll(/description: |# |tech: /g)].map((m) => m.index! + m[0].length)),
      text: fc.constantFrom('a', 'b ', 'é', '\u{1F600}'),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(typing, typing, edit), { minLength: 1, maxLength: 20 }), (edits) => {
        const analyzer = new IncrementalAnalyzer();
        const cache = createParseCache();
        let text = SAMPLE;
        for (const e of edits) {
          text = apply(text, e);
          const model = loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
          const incremental = analyzer.analyze(model, options);
          assert.deepEqual(comparable(incremental.findings), comparable(checkText(text, FILE, options).findings));
        }
      }),
      { numRuns: 80 },
    );
  });
});
