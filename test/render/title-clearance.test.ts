// ELK's drawings (20 boxes or fewer, docs/diagrams.md) measured on the layout itself, no browser:
// no edge crosses a boundary's title or a box it does not connect, and no edge label covers a
// title or a box. On the samples at every level (the whole model, the overview, each boundary,
// each component's focus) and on generated models of 8 to 20 services in nested boundaries, as
// renderDiagram chooses and in both directions, since a group's sides that edges enter by turn
// with the direction.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateModel } from '../../bench/generate.js';
import { checkModel, checkText } from '../../server/src/engine.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import type { Diagram } from '../../server/src/render/diagram.js';
import { GROUP_TITLE_HEIGHT, groupTitleBox } from '../../server/src/render/layout.js';
import type { Box, Layout } from '../../server/src/render/layout.js';
import { GRID_ABOVE, renderDiagram } from '../../server/src/render/svg.js';
import type { RenderOptions } from '../../server/src/render/svg.js';
import { diagramAt } from '../../server/src/render/levels.js';
import { analyzeYaml, yaml } from '../helpers.js';
import { SHOP } from './fixtures.js';
import { crossesBox, overlaps } from './geometry.js';
import type { Rect } from './geometry.js';

const rect = (b: Box): Rect => ({ x: b.x, y: b.y, w: b.width, h: b.height });

/** What a drawing gets wrong: edges over titles or through boxes, labels over titles or boxes. */
function clashes(layout: Layout): string[] {
  const titles = layout.groups.map((g) => ({ id: g.group.id, box: rect(groupTitleBox(g)) }));
  const boxes = layout.nodes.map((n) => ({ id: n.node.id, box: rect(n) }));
  const out: string[] = [];
  for (const e of layout.edges) {
    const segments = e.points.slice(1).map((p, i) => [[e.points[i].x, e.points[i].y], [p.x, p.y]] as [number, number][]);
    for (const t of titles) if (segments.some(([a, b]) => crossesBox(a, b, t.box, 1))) out.push(`edge ${e.edge.id} over the title of ${t.id}`);
    for (const b of boxes) {
      if (b.id === e.edge.from || b.id === e.edge.to) continue;
      if (segments.some(([p, q]) => crossesBox(p, q, b.box))) out.push(`edge ${e.edge.id} through ${b.id}`);
    }
    if (!e.label) continue;
    const label = rect(e.label);
    for (const t of titles) if (overlaps(label, t.box)) out.push(`label of ${e.edge.id} over the title of ${t.id}`);
    for (const b of boxes) if (overlaps(label, b.box)) out.push(`label of ${e.edge.id} over ${b.id}`);
  }
  return out;
}

/** Every level of a diagram: the whole model, the overview, each boundary, each component's focus. */
function levels(diagram: Diagram): { name: string; options: RenderOptions }[] {
  return [
    { name: 'full', options: { level: 'full' } },
    { name: 'overview', options: { level: 'overview' } },
    ...diagram.groups.map((g) => ({ name: `boundary ${g.id}`, options: { boundary: g.id } })),
    ...diagram.nodes.map((n) => ({ name: `focus ${n.id}`, options: { focus: n.id } })),
  ];
}

/** The clashes of each drawing, as renderDiagram lays it out and, for the whole model, in both directions. */
async function clashesIn(diagram: Diagram, options: { name: string; options: RenderOptions }[]): Promise<{ drawings: number; layered: number; found: string[] }> {
  let drawings = 0;
  let layered = 0;
  const found: string[] = [];
  for (const { name, options: o } of options) {
    const elk = diagramAt(diagram, o).nodes.length <= GRID_ABOVE && o.level !== 'overview';
    for (const direction of elk && o.level === 'full' ? [undefined, 'RIGHT', 'DOWN'] as const : [undefined]) {
      const { layout } = await renderDiagram(diagram, { ...o, direction });
      drawings++;
      if (elk) layered++;
      for (const c of clashes(layout)) found.push(`${name}${direction ? ` (${direction})` : ''}: ${c}`);
    }
  }
  return { drawings, layered, found };
}

describe('boundary titles and boxes are kept clear in ELK\'s drawings', () => {
  const samples = ['web-shop.moat.yaml', 'saas-platform.moat.yaml', 'patient-portal.moat.yaml', 'event-driven/moat.yaml'];
  for (const file of samples) {
    it(`samples/${file}, every level`, async () => {
      const diagram = buildDiagram(checkModel(path.resolve('samples', file)));
      const { layered, found } = await clashesIn(diagram, levels(diagram));
      assert.ok(layered >= 5, `${file}: ${layered} drawings laid out by ELK`);
      assert.deepEqual(found, []);
    });
  }

  it('the test fixture shop (a boundary within another), every level', async () => {
    const diagram = buildDiagram(analyzeYaml(SHOP));
    const { found } = await clashesIn(diagram, levels(diagram));
    assert.deepEqual(found, []);
  });

  for (const services of [8, 10, 12, 15, 18, 20]) {
    it(`generated models of ${services} services in nested boundaries (3 seeds), all components`, async () => {
      const found: string[] = [];
      for (const seed of [1, 2, 3]) {
        const diagram = buildDiagram(checkText(generateModel(services, { seed })));
        assert.ok(diagram.groups.some((g) => g.parent !== undefined), 'boundaries within boundaries');
        const result = await clashesIn(diagram, [{ name: 'full', options: { level: 'full' } }]);
        assert.equal(result.layered, 3, 'laid out by ELK, as chosen and in both directions');
        found.push(...result.found.map((f) => `seed ${seed}, ${f}`));
      }
      assert.deepEqual(found, []);
    });
  }

  it('a 60-service model, each boundary of 20 boxes or fewer', async () => {
    const diagram = buildDiagram(checkText(generateModel(60)));
    const small = diagram.groups.filter((g) => diagramAt(diagram, { boundary: g.id }).nodes.length <= GRID_ABOVE);
    assert.ok(small.length >= 3, `${small.length} boundaries drawn by ELK`);
    const { found } = await clashesIn(diagram, small.map((g) => ({ name: `boundary ${g.id}`, options: { boundary: g.id } })));
    assert.deepEqual(found, []);
  });

  it('top to bottom, a group that flows come into has its title beside its content; one they only leave keeps it above', async () => {
    const diagram = buildDiagram(analyzeYaml(yaml`
      moat: 1
      boundaries:
        internet: { trust: untrusted }
        edge: { trust: dmz }
      services:
        shopper: { kind: user, boundary: internet, calls: [{ to: gateway, protocol: https, auth: oidc }] }
        admin: { kind: user, boundary: internet, calls: [{ to: gateway, protocol: https, auth: oidc }] }
        gateway: { kind: gateway, boundary: edge }
    `));
    const { layout } = await renderDiagram(diagram, { level: 'full', direction: 'DOWN' });
    const group = (id: string) => layout.groups.find((g) => g.group.id === id)!;
    const members = (id: string) => layout.nodes.filter((n) => n.node.parent === id);
    const internet = group('internet');
    assert.ok(Math.min(...members('internet').map((n) => n.y)) >= internet.y + GROUP_TITLE_HEIGHT, 'internet: users below the title');
    const edge = group('edge');
    const title = groupTitleBox(edge);
    assert.ok(Math.min(...members('edge').map((n) => n.x)) >= title.x + title.width, 'edge: gateway right of the title');
    assert.ok(members('edge')[0].y < edge.y + GROUP_TITLE_HEIGHT, 'edge: gateway level with the title');
    assert.deepEqual(clashes(layout), []);
  });
});
