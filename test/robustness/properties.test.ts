// Property-based robustness of the engine: generated models (valid and subtly invalid) and
// random damage to realistic ones never make it throw, every finding lies inside its file,
// fingerprints do not depend on the order services are written in, and the editor's cached
// re-read always equals a read from scratch.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkModel, checkText, createParseCache } from '../../server/src/engine.js';
import { generateModel, generateParts, renderModel } from '../../bench/generate.js';
import { memoryHost } from '../memory-host.js';
import { applyMutation, mutations } from './mutations.js';
import { assertWellFormed, comparable } from './support.js';

const FILE = path.resolve('/virtual/robust.moat.yaml');
const TODAY = '2026-11-25';
const texts = (text: string) => new Map([[FILE, text]]);
/** A bound far above any healthy run: it catches hangs, not slowness. */
const BOUND = { timeout: 120_000 };

const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const size = fc.integer({ min: 8, max: 40 });

describe('generated models', () => {
  it('a generated model is valid: no model errors, every finding well-formed', BOUND, () => {
    fc.assert(fc.property(size, seed, (n, s) => {
      const text = generateModel(n, { seed: s });
      const analysis = checkText(text, FILE, { today: TODAY });
      assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
      assert.equal(analysis.model.services.size, n);
      assertWellFormed(analysis, texts(text));
      // Placeholders left unfilled would show as `{name}` in a message.
      for (const f of analysis.findings) assert.doesNotMatch(f.message, /\{[a-zA-Z]+\}|undefined|NaN/, `${f.rule}: ${f.message}`);
    }), { numRuns: 25 });
  });

  it('the same seed gives the same text', () => {
    assert.equal(generateModel(100, { seed: 7 }), generateModel(100, { seed: 7 }));
    assert.notEqual(generateModel(100, { seed: 7 }), generateModel(100, { seed: 8 }));
  });

  /** Small slips a user makes, each of which the model checks must catch. */
  const slips: { name: string; apply: (text: string) => string; rule: string }[] = [
    { name: 'a misspelt reference', apply: (t) => t.replace('boundary: edge\n', 'boundary: egde\n'), rule: 'model/unresolved-reference' },
    { name: 'a misspelt kind', apply: (t) => t.replace('kind: gateway', 'kind: gatewy'), rule: 'model/type' },
    { name: 'a misspelt key', apply: (t) => t.replace('    tech: ', '    teck: '), rule: 'model/unknown-key' },
    { name: 'a list where text belongs', apply: (t) => t.replace(/tech: ([\w.-]+)/, 'tech: [$1]'), rule: 'model/type' },
    { name: 'an unknown auth', apply: (t) => t.replace('auth: oidc', 'auth: oauth'), rule: 'model/type' },
    { name: 'a duplicated service', apply: (t) => t.replace('services:\n', 'services:\n  gateway:\n    kind: gateway\n    boundary: edge\n'), rule: 'model/duplicate-id' },
    { name: 'a port out of range', apply: (t) => t.replace('protocol: https,', 'protocol: https, port: 70000,'), rule: 'model/type' },
    { name: 'no version', apply: (t) => t.replace('moat: 1\n', ''), rule: 'model/version' },
    { name: 'a bad trust', apply: (t) => t.replace('trust: dmz', 'trust: dmzz'), rule: 'model/type' },
    { name: 'a calls map, not a list', apply: (t) => t.replace(/calls:\n      - \{ to: ([\w-]+),/, 'calls:\n      x: { to: $1,'), rule: 'model/type' },
  ];

  it('a subtly invalid model gets the model finding for its slip, and nothing breaks', BOUND, () => {
    fc.assert(fc.property(size, seed, fc.constantFrom(...slips), (n, s, slip) => {
      const valid = generateModel(n, { seed: s });
      const text = slip.apply(valid);
      assert.notEqual(text, valid, `the slip «${slip.name}» found nothing to change`);
      const analysis = checkText(text, FILE, { today: TODAY });
      assertWellFormed(analysis, texts(text));
      assert.ok(analysis.findings.some((f) => f.rule === slip.rule),
        `${slip.name}: expected ${slip.rule}, got ${[...new Set(analysis.findings.map((f) => f.rule))].join(', ')}`);
    }), { numRuns: 40 });
  });
});

describe('random damage to a realistic model', () => {
  it('never throws, and every finding lies inside its file', BOUND, () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 25 }), seed, mutations, (n, s, ms) => {
      const text = ms.reduce(applyMutation, generateModel(n, { seed: s }));
      const analysis = checkText(text, FILE, { today: TODAY });
      assertWellFormed(analysis, texts(text));
    }), { numRuns: 150 });
  });

  it('a re-read from the parse cache after each damage equals a read from scratch', BOUND, () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 20 }), seed, mutations, (n, s, ms) => {
      const cache = createParseCache();
      let text = generateModel(n, { seed: s });
      checkText(text, FILE, { cache, today: TODAY });
      for (const m of ms) {
        text = applyMutation(text, m);
        const incremental = checkText(text, FILE, { cache, today: TODAY });
        const fresh = checkText(text, FILE, { today: TODAY });
        assert.deepEqual(comparable(incremental), comparable(fresh));
      }
    }), { numRuns: 60 });
  });
});

describe('fingerprints', () => {
  it('do not change when the services are written in another order', BOUND, () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 30 }), seed, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (n, s, stream) => {
      const parts = generateParts(n, { seed: s });
      const it = stream[Symbol.iterator]();
      const order = parts.serviceIds.map((id) => ({ id, key: it.next().value as number })).sort((a, b) => a.key - b.key).map((x) => x.id);
      const fingerprints = (text: string) => checkText(text, FILE, { today: TODAY }).findings.map((f) => f.fingerprint).sort();
      assert.deepEqual(fingerprints(renderModel(parts, order)), fingerprints(renderModel(parts)));
    }), { numRuns: 30 });
  });
});

describe('includes', () => {
  const NAMES = ['a', 'b', 'c', 'd', 'e'];
  /** Each file includes some others (itself too); cycles are frequent. */
  const includeGraph = fc.array(fc.subarray(NAMES), { minLength: NAMES.length, maxLength: NAMES.length });

  it('any include graph, cycles included, loads to an end with well-formed findings', BOUND, () => {
    fc.assert(fc.property(includeGraph, fc.boolean(), (graph, viaGlob) => {
      const files: Record<string, string> = {};
      NAMES.forEach((name, i) => {
        const includes = graph[i].map((t) => (viaGlob && t === NAMES[(i + 1) % NAMES.length] ? `./${t}*.moat.yaml` : `${t}.moat.yaml`));
        files[`${name}.moat.yaml`] =
          `moat: 1\nname: ${name}\n${includes.length ? `include: [${includes.join(', ')}]\n` : ''}` +
          `services:\n  svc-${name}:\n    kind: service\n    boundary: internet\n`;
      });
      const host = memoryHost(files);
      const analysis = checkModel('/m/a.moat.yaml', { host, today: TODAY });
      assertWellFormed(analysis, new Map(host.paths.map((p) => [p, files[path.basename(p)]])));
      // A cycle through explicit paths that the root reaches is named.
      const reach = new Set<string>();
      const cyclic = (name: string, stack: string[]): boolean => {
        if (stack.includes(name)) return true;
        if (reach.has(name)) return false;
        reach.add(name);
        const i = NAMES.indexOf(name);
        return graph[i].some((t) => !(viaGlob && t === NAMES[(i + 1) % NAMES.length]) && cyclic(t, [...stack, name]));
      };
      if (cyclic('a', [])) {
        assert.ok(analysis.findings.some((f) => f.rule === 'model/include' && /cycle/i.test(f.message)),
          `no include cycle reported for ${JSON.stringify(graph)}`);
      }
    }), { numRuns: 80 });
  });
});
