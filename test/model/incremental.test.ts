// The editor re-reads only the parts of a file an edit touched. Whatever it reuses must give
// exactly what a read from scratch gives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkText, createParseCache, loadModel, overlayHost } from '../../server/src/engine.js';
import { IncrementalAnalyzer } from '../../server/src/analysis/incremental.js';
import { generateModel } from '../../bench/generate.js';
import { readModelFile, segment, sweepParseCache } from '../../server/src/model/units.js';
import type { Finding, PropSource, Source } from '../../server/src/model/types.js';
import { defineRule } from '../../server/src/rules/rule.js';
import { RULES } from '../../server/src/rules/index.js';
import { ModelGraph } from '../../server/src/analysis/graph.js';
import { SYSTEMS, applySystemEdit, systemEdit } from '../system-edits.js';

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

  it('after any series of edits, every element\'s ranges read through the cache are those of a read from scratch', () => {
    // Units below an edit move without being copied (their anchor moves): every range of every
    // element, and of a unit whose text appears twice, must follow.
    const twice = SAMPLE.replace(/^services:\n/m, 'services:\n  twin:\n    kind: service\n').replace(/\ndata:/, '\n  twin:\n    kind: service\ndata:');
    const ranges = (m: ReturnType<typeof loadModel>) => {
      const props = (p: Map<string, PropSource>): unknown[] =>
        [...p].map(([k, v]) => [k, v.key, v.value, v.items ?? null, v.entries ? props(v.entries) : null]);
      const src = (s: Source | undefined) => (s ? [s.key, s.node, props(s.props)] : null);
      return [
        [...m.services.values()].map((c) => [c.id, src(c.src), c.calls.map((f) => [f.target, src(f.src)]), c.runtime ? [c.runtime.src.key, c.runtime.src.value] : null]),
        [...m.data.values()].map((d) => [d.id, src(d.src)]),
        [...m.roles.values()].map((r) => [r.id, src(r.src), r.grants.map((g) => [g.target, g.src.key, g.src.value])]),
        [...m.boundaries.values()].map((b) => [b.id, src(b.src)]),
        m.problems.map((p) => [p.message, p.range]),
      ];
    };
    fc.assert(
      fc.property(fc.constantFrom(SAMPLE, twice), fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const cache = createParseCache();
        let text = start;
        loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
        for (const e of [{ kind: 'insert' as const, at: 0, text: '# a comment typed at the top\n' }, ...edits]) {
          text = apply(text, e);
          const cached = loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
          const fresh = loadModel(FILE, overlayHost(new Map([[FILE, text]])));
          assert.deepEqual(ranges(cached), ranges(fresh));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('finds the units an edit left alone by place, and reads again what a sweep dropped meanwhile', () => {
    const cache = createParseCache();
    const other = '/m/other.moat.yaml';
    const read = (file: string, text: string) => loadModel(file, overlayHost(new Map([[file, text]])), { cache });
    read(FILE, SAMPLE);
    const reads = cache.reads;
    // Another file read across two sweeps: the first file's units are dropped from the cache, and its last text with them.
    read(other, SAMPLE);
    sweepParseCache(cache);
    read(other, SAMPLE);
    sweepParseCache(cache);
    assert.deepEqual([...cache.last.keys()], [other]);
    assert.ok(cache.reads > reads);
    const edited = SAMPLE.replace('services:\n', 'services:\n  # typed\n');
    const cached = read(FILE, edited);
    const fresh = loadModel(FILE, overlayHost(new Map([[FILE, edited]])));
    assert.deepEqual([...cached.services.values()].map((s) => [s.id, s.src?.key]), [...fresh.services.values()].map((s) => [s.id, s.src?.key]));
    // Then by place: the text typed again further down moves every unit after it.
    const again = edited.replace('# typed', '# typed again');
    const moved = read(FILE, again);
    const fresh2 = loadModel(FILE, overlayHost(new Map([[FILE, again]])));
    assert.deepEqual([...moved.services.values()].map((s) => [s.id, s.src?.key]), [...fresh2.services.values()].map((s) => [s.id, s.src?.key]));
  });

  it('resolves again a service it resolved before when a flow id of its is taken before it, or an id it names comes or goes', () => {
    const cache = createParseCache();
    const text = (aId: string, extra = '') => `moat: 1\nname: ids\nservices:\n${extra}  a:\n    kind: service\n    calls:\n      - { to: c, id: ${aId} }\n  b:\n    kind: service\n    calls:\n      - { to: c, id: y }\n      - { to: d }\n  c: { kind: service }\n`;
    const shape = (m: ReturnType<typeof loadModel>) => ({
      flows: m.flows.map((f) => [f.from, f.to, f.id ?? null, f.target]),
      calls: [...m.services.values()].map((c) => [c.id, c.calls.map((f) => f.target)]),
      problems: m.problems.map((p) => [p.rule, p.message]),
    });
    // b is the same text in every version: read through the cache, its unit (and what it resolved to) is reused.
    for (const version of [text('x'), text('y'), text('x'), text('x', '  d: { kind: service }\n'), text('x'), text('z', '  e:\n    calls: [{ to: c, id: y }]\n'), text('x')]) {
      const cached = loadModel(FILE, overlayHost(new Map([[FILE, version]])), { cache });
      const fresh = loadModel(FILE, overlayHost(new Map([[FILE, version]])));
      assert.deepEqual(shape(cached), shape(fresh), version);
    }
    const taken = loadModel(FILE, overlayHost(new Map([[FILE, text('y')]])), { cache });
    assert.deepEqual(taken.problems.filter((p) => p.rule === 'model/duplicate-id' || p.rule === 'model/unresolved-reference').map((p) => p.message), [
      'The flow id `y` is already used (line 7); flow ids must be unique.',
      'No service is named `d`; did you mean `a`?',
    ]);
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
    // A comment and blank lines: the same model, written further down.
    const edited = SAMPLE.replace('services:\n', 'services:\n\n  # The shop\'s services, in the order a request meets them.\n\n');
    assert.notEqual(edited, SAMPLE);
    const a = analyzer.analyze(load(edited), options);
    assert.equal(analyzer.lastReused, true);
    assert.deepEqual(comparable(a.findings), comparable(checkText(edited, FILE, options).findings));
    const changed = edited.replace('protocol: http, auth: iam', 'protocol: https, auth: iam');
    const b = analyzer.analyze(load(changed), options);
    assert.equal(analyzer.lastReused, false);
    assert.deepEqual(comparable(b.findings), comparable(checkText(changed, FILE, options).findings));
  });

  it('reuses every finding when the model\'s own name or description is typed, which no rule reads', () => {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    const named = SAMPLE.replace(/^name: .*$/m, '$&\ndescription: A shop');
    analyzer.analyze(load(named), options);
    for (const edited of [named.replace('description: A shop', 'description: A shopx'), named.replace(/^name: (.*)$/m, 'name: $1 two')]) {
      assert.notEqual(edited, named);
      const a = analyzer.analyze(load(edited), options);
      assert.equal(analyzer.lastReused, true);
      assert.deepEqual(comparable(a.findings), comparable(checkText(edited, FILE, options).findings));
    }
    // A service's description is another matter: rules may read it (see below).
    const b = analyzer.analyze(load(named.replace(/(\n  \S+:\n(?:    .*\n)*?    kind: \S+)/, '$1\n    description: typed')), options);
    assert.equal(analyzer.lastReused, false);
    assert.deepEqual(comparable(b.findings), comparable(checkText(named.replace(/(\n  \S+:\n(?:    .*\n)*?    kind: \S+)/, '$1\n    description: typed'), FILE, options).findings));
  });

  it('no rule reads the model\'s name or description (what lets the editor reuse findings when they are typed)', () => {
    for (const sample of fs.readdirSync('samples').filter((f) => f.endsWith('.yaml'))) {
      const file = path.resolve('samples', sample);
      const model = loadModel(file, overlayHost(new Map([[file, fs.readFileSync(file, 'utf8')]])));
      for (const field of ['name', 'description'] as const) {
        Object.defineProperty(model, field, { get: () => { throw new Error(`read the model's ${field}`); } });
      }
      const graph = new ModelGraph(model);
      for (const rule of RULES) {
        if (rule.meta.phase === 'post') continue;
        assert.doesNotThrow(() => rule.check({ model, graph, acceptances: [], today: '2026-11-25', report: () => undefined }), `${rule.meta.id} on ${sample}`);
      }
    }
  });

  // Issue 12, defect 3: a rule may read any field; the signature leaves none out.
  for (const [field, before, after] of [
    ['owner', 'team-a', 'team-b'],
    ['tech', 'node', 'java'],
    ['description', 'Serves pages', 'Serves pages and APIs'],
  ] as const) {
    it(`an edit of a service's ${field} is seen by a rule that reads it`, () => {
      const rule = defineRule({
        id: 'reads-field', title: 'Reads a field', category: 'completeness', severity: 'low', target: 'service', stride: ['I'],
        messages: { said: '{id} says {value}' },
        docs: { checks: 'x', attack: 'x', fix: 'x', falsePositives: 'x', practice: 'x' },
      }, ({ model, report }) => {
        for (const s of model.services.values()) {
          const value = s[field];
          if (value !== undefined) report({ element: s, messageId: 'said', args: { id: s.id, value } });
        }
      });
      const text = (v: string) => `moat: 1\nservices:\n  web:\n    kind: service\n    ${field}: ${v}\n  db:\n    kind: database\n`;
      const analyzer = new IncrementalAnalyzer();
      const cache = createParseCache();
      const load = (t: string) => loadModel(FILE, overlayHost(new Map([[FILE, t]])), { cache });
      const run = { ...options, catalogue: [rule] };
      analyzer.analyze(load(text(before)), run);
      const a = analyzer.analyze(load(text(after)), run);
      assert.deepEqual(a.findings.filter((f) => f.rule === 'reads-field').map((f) => f.message), [`web says ${after}`]);
    });
  }

  it('a rule with a scope sees a service whose text stayed when its `shared-with` names a service added or removed', () => {
    const rule = defineRule({
      id: 'reads-shared', title: 'Reads shared-with', category: 'completeness', severity: 'low', target: 'service', scope: 'component', stride: ['I'],
      messages: { said: '{id} shares with {others}' },
      docs: { checks: 'x', attack: 'x', fix: 'x', falsePositives: 'x', practice: 'x' },
    }, ({ graph, report }) => {
      for (const c of graph.components()) if (c.runtime) report({ element: c, messageId: 'said', args: { id: c.id, others: c.runtime.sharedWith.join(',') || 'none' } });
    });
    const text = (withWorker: boolean) => `moat: 1\nservices:\n  web:\n    kind: service\n    runtime:\n      shared-with: [worker]\n  db:\n    kind: database\n${withWorker ? '  worker:\n    kind: service\n' : ''}`;
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (t: string) => loadModel(FILE, overlayHost(new Map([[FILE, t]])), { cache });
    const run = { ...options, catalogue: [rule] };
    const said = (withWorker: boolean) => analyzer.analyze(load(text(withWorker)), run).findings.filter((f) => f.rule === 'reads-shared').map((f) => f.message);
    assert.deepEqual(said(true), ['web shares with worker']);
    assert.deepEqual(said(false), ['web shares with none']);
    assert.deepEqual([...analyzer.lastReach!.touched].sort(), ['web', 'worker']);
    assert.deepEqual(said(true), ['web shares with worker']);
  });

  it('an inline acceptance typed and removed again marks the reused findings only while it is there', () => {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    const line = '      - { to: payments, protocol: http, auth: iam, data: [order, card-number] }';
    assert.ok(SAMPLE.includes(line));
    const accepted = SAMPLE.replace(line, `      # moat-accept unencrypted-flow: the mesh encrypts it\n${line}`);
    const marked = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'unencrypted-flow').map((f) => [f.target, !!f.accepted]);
    for (const text of [SAMPLE, accepted, SAMPLE, accepted, SAMPLE]) {
      const a = analyzer.analyze(load(text), options);
      assert.deepEqual(marked(a.findings), marked(checkText(text, FILE, options).findings));
    }
    assert.deepEqual(marked(analyzer.analyze(load(accepted), options).findings), [['orders->payments', true]]);
    assert.equal(analyzer.lastReused, true, 'a comment leaves the meaning as it was');
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

  // Edits inside entries of `services:`: rules with a scope run again only where they reach.
  const GENERATED = generateModel(40);
  const VALUES: [RegExp, string[]][] = [
    [/(tls: )(\w+)/g, ['none', 'tls', 'mtls']],
    [/(auth: )(\w+)/g, ['none', 'mtls', 'oidc', 'password', 'api-key', 'jwt']],
    [/(protocol: )(\w+)/g, ['http', 'https', 'grpc', 'postgres', 'tcp']],
    [/(kind: )([\w-]+)/g, ['service', 'database', 'gateway', 'user', 'external', 'frontend', 'queue', 'identity-provider']],
    [/(boundary: )([\w-]+)/g, ['edge', 'pci', 'internet', 'ns-0', 'nowhere']],
    [/(to: )([\w-]+)/g, ['gateway', 'payments', 'orders-db', 'storefront', 'no-such-service']],
    [/(access: )(\w+)/g, ['read', 'write', 'read-write']],
    [/(data: \[)([\w-]+)/g, ['orders-record', 'payments-record', 'catalog-record', 'no-such-data']],
    [/((?:mfa|waf|audit-log|authorization|input-validation|encryption-at-rest|timeout): )([\w/]+)/g, ['true', 'false', '2s']],
    [/(user: )(\w+)/g, ['root', '10001', '0']],
    [/(image: )(\S+)/g, ['nginx', 'nginx:latest', 'registry.example.com/x@sha256:abc']],
    [/(roles: \[)([\w-]+)/g, ['ops-admin', 'payments-role', 'nobody']],
    [/(stores: \[)([\w-]+)/g, ['orders-record', 'payments-record', 'missing']],
  ];
  const serviceStarts = (text: string) => [...text.matchAll(/^  [a-z][\w-]*:\n/gm)].map((m) => m.index!).filter((i) => i > text.indexOf('\nservices:'));
  const serviceEdit = fc.oneof(
    fc.record({ kind: fc.constant('value' as const), pattern: fc.nat(VALUES.length - 1), which: fc.nat(), value: fc.nat() }),
    fc.record({ kind: fc.constant('add-service' as const), which: fc.nat(), id: fc.constantFrom('gateway', 'newcomer', 'payments', 'orders-db') }),
    fc.record({ kind: fc.constant('remove-service' as const), which: fc.nat() }),
    fc.record({ kind: fc.constant('flow-id' as const), which: fc.nat(), id: fc.constantFrom('checkout', 'payments->orders-db', 'dup') }),
    fc.record({ kind: fc.constant('secret' as const), which: fc.nat() }),
  );
  type ServiceEdit = typeof serviceEdit extends fc.Arbitrary<infer T> ? T : never;

  function applyServiceEdit(text: string, e: ServiceEdit): string {
    const starts = serviceStarts(text);
    switch (e.kind) {
      case 'value': {
        const [pattern, values] = VALUES[e.pattern];
        const hits = [...text.matchAll(pattern)].filter((m) => m.index! > text.indexOf('\nservices:'));
        if (hits.length === 0) return text;
        const m = hits[e.which % hits.length];
        const at = m.index! + m[1].length;
        return text.slice(0, at) + values[e.value % values.length] + text.slice(at + m[2].length);
      }
      case 'add-service': {
        const at = starts[e.which % starts.length];
        const entry = `  ${e.id}:\n    kind: service\n    boundary: ns-0\n    calls:\n      - { to: gateway, protocol: http, auth: none, data: [payments-record] }\n\n`;
        return text.slice(0, at) + entry + text.slice(at);
      }
      case 'remove-service': {
        if (starts.length < 2) return text;
        const i = e.which % (starts.length - 1);
        return text.slice(0, starts[i]) + text.slice(starts[i + 1]);
      }
      case 'flow-id': {
        const hits = [...text.matchAll(/- \{ to: /g)];
        if (hits.length === 0) return text;
        const at = hits[e.which % hits.length].index! + 4;
        return text.slice(0, at) + `id: ${e.id}, ` + text.slice(at);
      }
      case 'secret': {
        const at = starts[e.which % starts.length];
        const line = text.indexOf('\n', at) + 1;
        return text.slice(0, line) + '    secrets: { DB_PASSWORD: hunter2-hunter2 }\n' + text.slice(line);
      }
    }
  }

  it('after edits to services alone, re-running scoped rules only where an edit reached gives what an analysis from scratch gives', () => {
    let scoped = 0;
    let steps = 0;
    fc.assert(
      fc.property(fc.array(serviceEdit, { minLength: 1, maxLength: 12 }), (edits) => {
        const analyzer = new IncrementalAnalyzer();
        const cache = createParseCache();
        let text = GENERATED;
        analyzer.analyze(loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache }), options);
        for (const e of edits) {
          text = applyServiceEdit(text, e);
          const incremental = analyzer.analyze(loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache }), options);
          steps++;
          if (analyzer.lastReach) scoped++;
          assert.deepEqual(comparable(incremental.findings), comparable(checkText(text, FILE, options).findings));
        }
      }),
      { numRuns: 150 },
    );
    // The scoped path is what this test is about: most of these edits must take it.
    assert.ok(scoped > steps / 2, `${scoped} of ${steps} edits re-ran rules only where they reached`);
  });

  it('re-runs the rules with a scope only on the edited service and its neighbours', () => {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    const unencrypted = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'unencrypted-flow').map((f) => f.target).sort();
    const before = unencrypted(analyzer.analyze(load(GENERATED), options).findings);
    const at = GENERATED.indexOf('tls: mtls', GENERATED.indexOf('\n  storefront:'));
    const edited = `${GENERATED.slice(0, at)}tls: none${GENERATED.slice(at + 'tls: mtls'.length)}`;
    const a = analyzer.analyze(load(edited), options);
    assert.deepEqual([...analyzer.lastReach!.services], ['storefront']);
    // storefront, what it calls, and who calls it.
    assert.deepEqual([...analyzer.lastReach!.components].sort(), ['admin', 'catalog-fn', 'gateway', 'payments', 'shopper', 'storefront']);
    assert.deepEqual(unencrypted(a.findings), [...before, 'storefront->payments'].sort());
    assert.deepEqual(comparable(a.findings), comparable(checkText(edited, FILE, options).findings));
    // A change outside `services:` runs everything again.
    const reclassified = edited.replace('  catalog-record: { classification: public }', '  catalog-record: { classification: restricted }');
    assert.notEqual(reclassified, edited);
    analyzer.analyze(load(reclassified), options);
    assert.equal(analyzer.lastReach, undefined);
    assert.equal(analyzer.lastReused, false);
  });

  it('re-runs the rules with a scope on the holders of a role whose grant stops or starts resolving, and on their neighbours', () => {
    // The role's text never changes, but its grant on `vault` resolves only while `vault` is declared.
    const vault = '  vault:\n    kind: service\n';
    const text = (withVault: boolean) => [
      'moat: 1', 'roles:', '  ops-role:', '    grants:', '      vault: [write]', 'services:',
      '  clerk:', '    kind: user', '    calls:', '      - { to: books-db, protocol: postgres, tls: tls, auth: password }',
      '  books-db:', '    kind: database', '  console:', '    kind: service',
      '  ops:', '    kind: user', '    roles: [ops-role]', '    calls:', '      - { to: console, protocol: https, auth: oidc }', '',
    ].join('\n').replace('  ops:\n', `${withVault ? vault : ''}  ops:\n`);
    const mfa = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'missing-mfa').map((f) => [f.target, f.message]);
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (t: string) => loadModel(FILE, overlayHost(new Map([[FILE, t]])), { cache });
    analyzer.analyze(load(text(true)), options);
    const removed = analyzer.analyze(load(text(false)), options);
    assert.deepEqual([...analyzer.lastReach!.services], ['vault']);
    // ops holds the role and console is its neighbour; clerk and books-db, far from the edit, stay out.
    const reached = () => ({ touched: analyzer.lastReach!.touched, components: analyzer.lastReach!.components });
    assert.deepEqual([...reached().touched].sort(), ['ops', 'vault']);
    assert.deepEqual([...reached().components].sort(), ['console', 'ops', 'vault']);
    // Without `vault`, ops holds no grant that calls for a second factor; clerk still signs in to a database.
    assert.deepEqual(mfa(removed.findings), [['clerk', mfa(checkText(text(false), FILE, options).findings)[0][1]]]);
    assert.deepEqual(comparable(removed.findings), comparable(checkText(text(false), FILE, options).findings));
    const added = analyzer.analyze(load(text(true)), options);
    assert.deepEqual([...reached().components].sort(), ['console', 'ops', 'vault']);
    assert.deepEqual(mfa(added.findings).map(([target]) => target), ['clerk', 'ops']);
    assert.match(mfa(added.findings)[1][1], /holds the role `ops-role`, which grants the `write` action on `vault`/);
    assert.deepEqual(comparable(added.findings), comparable(checkText(text(true), FILE, options).findings));
  });

  // Rules without a scope keep their findings after an edit of services that changes nothing they
  // read (RuleMeta.reads), and see every edit that does.
  const WHOLE = [
    'moat: 1', 'name: whole-model rules', 'boundaries:', '  edge: { trust: untrusted }', '  app: { trust: internal }', 'data:',
    '  order: { classification: confidential }', '  audit: { classification: internal }', 'roles:', '  api-role:', '    grants:',
    '    orders-db: [read, write]', '  batch-role:', '    grants:', '    orders-db: [read]', 'services:', '  shopper:', '    kind: user',
    '    boundary: edge', '    calls:', '      - { to: web, protocol: https, auth: oidc }', '  web:', '    kind: frontend', '    boundary: app',
    '    calls:', '      - { to: api, protocol: grpc, tls: mtls, auth: jwt, data: [order, audit] }', '  api:', '    kind: service',
    '    boundary: app', '    roles: [api-role]', '    calls:', '      - { to: orders-db, protocol: postgres, tls: tls, auth: mtls, access: read-write, data: [order] }',
    '  batch:', '    kind: function', '    boundary: app', '    roles: [batch-role]', '    calls:',
    '      - { to: orders-db, protocol: postgres, tls: tls, auth: mtls, access: read, data: [order] }', '  orders-db:', '    kind: database',
    '    boundary: app', '    stores: [order]', '',
  ].join('\n').replace(/\n    orders-db: \[/g, '\n      orders-db: [');
  const WHOLE_EDITS: [string, string, string, string][] = [
    // [rule whose findings change, what the edit does, from, to]
    ['unused-grant', 'api only reads the database', 'access: read-write, data: [order] }\n  batch', 'access: read, data: [order] }\n  batch'],
    ['unused-data', 'web no longer sends audit records', 'data: [order, audit]', 'data: [order]'],
    ['unused-role', 'batch holds no role', 'roles: [batch-role]', 'roles: []'],
    ['gateway-bypass', 'web becomes a service the internet calls', 'kind: frontend', 'kind: service'],
    ['shared-role', 'batch runs at the edge with api\'s role', '    boundary: app\n    roles: [batch-role]', '    boundary: edge\n    roles: [api-role]'],
    ['missing-secrets-manager', 'web authenticates with a static key', 'auth: jwt', 'auth: api-key'],
    ['missing-network-segmentation', 'the shopper calls api directly', '{ to: web, protocol: https, auth: oidc }', '{ to: api, protocol: https, auth: oidc }'],
  ];

  it('keeps the findings of rules without a scope when an edit of services changes nothing they read', () => {
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    assert.deepEqual(checkText(WHOLE, FILE, options).findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
    analyzer.analyze(load(WHOLE), options);
    const edited = WHOLE.replace('tls: tls, auth: mtls, access: read,', 'tls: none, auth: mtls, access: read,');
    assert.notEqual(edited, WHOLE);
    const a = analyzer.analyze(load(edited), options);
    assert.deepEqual([...analyzer.lastReach!.services], ['batch']);
    for (const id of ['unused-grant', 'unused-data', 'unused-role', 'shared-role', 'gateway-bypass', 'missing-secrets-manager', 'missing-network-segmentation', 'missing-sbom',
      'missing-defense-in-depth', 'unauthenticated-path']) {
      assert.ok(analyzer.lastKept.includes(id), `${id} read nothing the edit changed: its findings are kept`);
    }
    // An `auth:` is a lock on the attack paths: their rules run again.
    analyzer.analyze(load(edited.replace('tls: none, auth: mtls, access: read,', 'tls: none, auth: none, access: read,')), options);
    assert.ok(analyzer.lastReach);
    assert.ok(!analyzer.lastKept.includes('unauthenticated-path'));
    assert.ok(!analyzer.lastKept.includes('missing-defense-in-depth'));
    assert.ok(analyzer.lastKept.includes('unused-grant'));
    assert.deepEqual(comparable(a.findings), comparable(checkText(edited, FILE, options).findings));
  });

  for (const [rule, what, from, to] of WHOLE_EDITS) {
    it(`runs ${rule} again when an edit of services changes what it reads: ${what}`, () => {
      const analyzer = new IncrementalAnalyzer();
      const cache = createParseCache();
      const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
      const ofRule = (findings: readonly Finding[]) => comparable(findings.filter((f) => f.rule === rule));
      const before = analyzer.analyze(load(WHOLE), options);
      assert.ok(WHOLE.includes(from), from);
      const edited = WHOLE.replace(from, to);
      const after = analyzer.analyze(load(edited), options);
      assert.ok(analyzer.lastReach, 'only entries of services changed');
      assert.ok(!analyzer.lastKept.includes(rule));
      const fromScratch = checkText(edited, FILE, options).findings;
      assert.notDeepEqual(ofRule(fromScratch), ofRule(before.findings), `the edit changes ${rule}'s findings`);
      assert.deepEqual(comparable(after.findings), comparable(fromScratch));
    });
  }

  it('runs the attack-path rules again when an edit of services opens the last lock on a path', () => {
    const open = WHOLE.replace('auth: oidc', 'auth: none').replace('auth: jwt', 'auth: none');
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string) => loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache });
    const ofRule = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'unauthenticated-path').map((f) => f.target);
    assert.deepEqual(ofRule(analyzer.analyze(load(open), options).findings), []);
    const edited = open.replace('auth: mtls, access: read-write', 'auth: none, access: read-write');
    const after = analyzer.analyze(load(edited), options);
    assert.deepEqual([...analyzer.lastReach!.services], ['api']);
    assert.deepEqual(ofRule(after.findings), ['orders-db']);
    assert.deepEqual(comparable(after.findings), comparable(checkText(edited, FILE, options).findings));
  });

  it('across included files, an edit in one file\'s services re-runs scoped rules where it reached', () => {
    const root = path.resolve('/virtual/root.moat.yaml');
    const part = path.resolve('/virtual/backend.moat.yaml');
    const rootText = 'moat: 1\nname: shop\ninclude: [backend.moat.yaml]\ndata:\n  order: { classification: confidential, pii: true }\nservices:\n'
      + '  web:\n    kind: frontend\n    calls:\n      - { to: api, protocol: https, auth: oidc, data: [order] }\n';
    const partText = 'services:\n  api:\n    kind: service\n    calls:\n      - to: db\n        protocol: postgres\n        tls: tls\n        auth: mtls\n        data: [order]\n'
      + '  db:\n    kind: database\n    stores: [order]\n';
    const versions = [
      partText.replace('tls: tls', 'tls: none'),
      partText.replace('tls: tls', 'tls: none').replace('kind: database', 'kind: cache'),
      partText.replace('  db:\n    kind: database\n    stores: [order]\n', ''),
      partText,
    ];
    const analyzer = new IncrementalAnalyzer();
    const cache = createParseCache();
    const load = (text: string, withCache: boolean) =>
      loadModel(root, overlayHost(new Map([[root, rootText], [part, text]])), withCache ? { cache } : {});
    analyzer.analyze(load(partText, true), options);
    for (const text of versions) {
      const incremental = analyzer.analyze(load(text, true), options);
      assert.ok(analyzer.lastReach, 'only entries of services changed');
      assert.deepEqual(
        incremental.findings.map((f) => [f.file, ...Object.values(comparable([f])[0])]),
        new IncrementalAnalyzer().analyze(load(text, false), options).findings.map((f) => [f.file, ...Object.values(comparable([f])[0])]),
      );
    }
    // The edited flow's finding points into the included file, where the flow is written.
    const last = analyzer.analyze(load(versions[0], true), options);
    assert.deepEqual(last.findings.filter((f) => f.rule === 'unencrypted-flow').map((f) => [path.basename(f.file), f.target]), [['backend.moat.yaml', 'api->db']]);
  });

  // A key written twice: the second entry replaces the first, so a copy written below moves the
  // element (and where its findings point) while what the rules read stays the same.
  const imaged = (id: string) => `  ${id}:\n    kind: service\n    boundary: app\n    runtime:\n      image: registry.example.com/${id}:1.4.2\n`;
  const withCopy = (head: string) => `moat: 1\nname: copies\n${head}boundaries:\n  app: { trust: internal }\nservices:\n${imaged('web')}${imaged('api')}`;
  for (const [how, head] of [['read in units', ''], ['read whole (an anchor)', '# &anchor\n']] as const) {
    it(`a second entry of a service written below the first takes its findings with it, ${how}`, () => {
      const analyzer = new IncrementalAnalyzer();
      const cache = createParseCache();
      const load = (t: string) => loadModel(FILE, overlayHost(new Map([[FILE, t]])), { cache });
      const text = withCopy(head);
      const copied = `${text}${imaged('web')}`;
      // Where in its entry of `web` the finding points (its `runtime:`), and in which entry.
      const runtime = imaged('web').indexOf('runtime:');
      const at = (findings: readonly Finding[]) => findings.filter((f) => f.rule === 'root-container' && f.target === 'web').map((f) => f.range.start);
      analyzer.analyze(load(text), options);
      const a = analyzer.analyze(load(copied), options);
      assert.deepEqual(at(a.findings), [copied.lastIndexOf('  web:\n') + runtime]);
      assert.deepEqual(comparable(a.findings), comparable(checkText(copied, FILE, options).findings));
      const b = analyzer.analyze(load(text), options);
      assert.deepEqual(at(b.findings), [text.indexOf('  web:\n') + runtime]);
      assert.deepEqual(comparable(b.findings), comparable(checkText(text, FILE, options).findings));
    });
  }

  it('after edits to the services of every modelled system, gives what an analysis from scratch gives', () => {
    let scoped = 0;
    let steps = 0;
    for (const system of SYSTEMS) {
      const start = fs.readFileSync(system, 'utf8');
      fc.assert(
        fc.property(fc.array(systemEdit, { minLength: 1, maxLength: 10 }), (edits) => {
          const analyzer = new IncrementalAnalyzer();
          const cache = createParseCache();
          let text = start;
          analyzer.analyze(loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache }), options);
          for (const e of edits) {
            text = applySystemEdit(text, e);
            const incremental = analyzer.analyze(loadModel(FILE, overlayHost(new Map([[FILE, text]])), { cache }), options);
            steps++;
            if (analyzer.lastReach) scoped++;
            assert.deepEqual(comparable(incremental.findings), comparable(checkText(text, FILE, options).findings), system);
          }
        }),
        { numRuns: 25 },
      );
    }
    assert.ok(scoped > steps / 3, `${scoped} of ${steps} edits re-ran rules only where they reached`);
  });
});
