// What the service keeps between edits (the parse cache, the analysis, the ids, outline and
// folding per unit) answers as a service that reads the text for the first time: after edits of
// every modelled system's services and of its text anywhere, every answer is compared.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { createMoatService } from '../../server/src/service/index.js';
import type { MoatService } from '../../server/src/service/index.js';
import { SYSTEMS, applySystemEdit, systemEdit } from '../system-edits.js';

const typing = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.nat(),
    text: fc.constantFrom('x', '\n', ' ', '# c\n', ':', '- ', '"', '      # moat-accept unencrypted-flow: the mesh\n', '    # moat-accept root-container until 2020-01-01: old\n'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
);
type Typing = typeof typing extends fc.Arbitrary<infer T> ? T : never;

function type(text: string, e: Typing): string {
  const at = e.at % (text.length + 1);
  return e.kind === 'type' ? text.slice(0, at) + e.text + text.slice(at) : text.slice(0, at) + text.slice(at + e.length);
}

/** Maps as lists of entries, and nothing but data: what an edge would send. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v] : v)) ?? 'null');

/** Every answer about one file: its findings, outline, folding, diagram, quick fixes, and what is at three offsets. */
async function answers(service: MoatService, file: string, text: string, offsets: number[]) {
  const findings = await service.findings(file);
  const diagram = await service.diagram(file);
  const refs = findings.slice(0, 6).map((f) => ({ rule: f.rule, start: f.range.start, end: f.range.end, target: f.target }));
  const at = [];
  for (const o of offsets) {
    const offset = o % (text.length + 1);
    at.push({
      offset,
      hover: (await service.hover(file, offset))?.markdown ?? null,
      definition: await service.definition(file, offset),
      references: await service.references(file, offset, true),
      highlights: service.highlights(file, offset),
      elements: await service.diagramElementsAt(file, offset),
    });
  }
  return plain({
    findings: findings.map((f) => [f.rule, f.target, f.range, f.message, !!f.accepted]),
    symbols: service.symbols(file),
    folding: service.folding(file),
    diagram: 'diagram' in diagram ? diagram.diagram : diagram.broken,
    fixes: await service.quickFixes(file, refs, 'comment'),
    at,
  }) as Record<string, unknown>;
}

describe('the service after edits', () => {
  it('answers as a service reading the text afresh, on every modelled system', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-service-edits-'));
    const file = path.join(dir, 'model.moat.yaml');
    let steps = 0;
    try {
      for (const system of SYSTEMS) {
        const start = fs.readFileSync(system, 'utf8');
        await fc.assert(
          fc.asyncProperty(fc.array(fc.oneof(systemEdit, systemEdit, typing), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (edits, offsets) => {
            const live = createMoatService();
            live.setFolders([dir]);
            let text = start;
            let version = 1;
            live.setDocument(file, text, version);
            await live.findings(file);
            for (const e of edits) {
              text = e.kind === 'type' || e.kind === 'delete' ? type(text, e) : applySystemEdit(text, e);
              live.setDocument(file, text, ++version);
              const fresh = createMoatService();
              fresh.setFolders([dir]);
              fresh.setDocument(file, text, 1);
              const [a, b] = [await answers(live, file, text, offsets), await answers(fresh, file, text, offsets)];
              for (const key of Object.keys(b)) assert.deepEqual(a[key], b[key], `${system}: ${key}`);
              steps++;
            }
          }),
          { numRuns: 8 },
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(steps >= SYSTEMS.length * 8);
  });
});
