// The static SVG (`moat diagram --format svg`) measured in headless Chromium, through the
// `data-moat-id`/`data-moat-role` conventions (docs/diagrams.md): labels on their edges, edges
// around the boxes they do not connect, components inside their boundaries, boundaries nested
// or apart, text sizes at Fit and at natural size. On generated models of 20, 60 and 300
// services and on the samples; screenshots go to test-output/diagrams/ to be looked at.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generateModel } from '../../bench/generate.js';
import { checkModel, checkText } from '../../server/src/engine.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import type { Diagram } from '../../server/src/render/diagram.js';
import { renderDiagram } from '../../server/src/render/svg.js';
import type { RenderOptions } from '../../server/src/render/svg.js';
import { chromiumAvailable, launch, outputFile } from '../webview/browser.js';
import { crossesBox, overlaps } from './geometry.js';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)';

const generated = new Map<number, Diagram>();
function model(services: number): Diagram {
  let d = generated.get(services);
  if (!d) generated.set(services, (d = buildDiagram(checkText(generateModel(services)))));
  return d;
}
const sample = (file: string) => buildDiagram(checkModel(path.resolve('samples', file)));

interface Case {
  name: string;
  diagram: () => Diagram;
  options: RenderOptions;
  /** Whether Fit in 1400 × 1000 must keep every text at 10 px or more. */
  fit?: boolean;
}

const CASES: Case[] = [
  { name: 'gen-20', diagram: () => model(20), options: {} },
  { name: 'gen-20-overview', diagram: () => model(20), options: { level: 'overview' }, fit: true },
  { name: 'gen-60-overview', diagram: () => model(60), options: {}, fit: true },
  { name: 'gen-60-full', diagram: () => model(60), options: { level: 'full' } },
  { name: 'gen-60-boundary-ns-0', diagram: () => model(60), options: { boundary: 'ns-0' } },
  { name: 'gen-60-focus-gateway', diagram: () => model(60), options: { focus: 'gateway' } },
  { name: 'gen-300-overview', diagram: () => model(300), options: { level: 'overview' }, fit: true },
  { name: 'gen-300-boundary-ns-3', diagram: () => model(300), options: { boundary: 'ns-3' } },
  { name: 'web-shop', diagram: () => sample('web-shop.moat.yaml'), options: {} },
  { name: 'saas-platform', diagram: () => sample('saas-platform.moat.yaml'), options: {} },
  { name: 'patient-portal', diagram: () => sample('patient-portal.moat.yaml'), options: {} },
  { name: 'event-driven', diagram: () => sample('event-driven/moat.yaml'), options: {} },
];

/** What the page measures; everything in the SVG's own units. */
interface Geometry {
  elements: { role: string; id: string | null; tag: string }[];
  boxes: { role: string; id: string; boundary: string | null; x: number; y: number; w: number; h: number }[];
  flows: { id: string; from: string; to: string; points: [number, number][] }[];
  labels: { id: string; cx: number; cy: number; x: number; y: number; w: number; h: number }[];
  /** Each open boundary's title text. */
  titles: { id: string; x: number; y: number; w: number; h: number }[];
  textSizes: number[];
}

function measure(): Geometry {
  const svg = document.querySelector('svg')!;
  const box = (el: Element) => {
    const b = (el as SVGGraphicsElement).getBBox();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  };
  const shapeOf = (g: Element) => g.querySelector('rect, polygon, path')!;
  return {
    elements: [...svg.querySelectorAll('[data-moat-role]')].map((e) => ({ role: e.getAttribute('data-moat-role')!, id: e.getAttribute('data-moat-id'), tag: e.tagName })),
    boxes: [...svg.querySelectorAll('[data-moat-role="component"], [data-moat-role="boundary"]')].map((g) => ({
      role: g.getAttribute('data-moat-role')!,
      id: g.getAttribute('data-moat-id')!,
      boundary: g.getAttribute('data-moat-boundary'),
      ...box(shapeOf(g)),
    })),
    flows: [...svg.querySelectorAll('[data-moat-role="flow"]')].map((p) => {
      const path = (p.tagName === 'path' ? p : p.querySelector('path'))!;
      const points = [...path.getAttribute('d')!.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
      return { id: p.getAttribute('data-moat-id')!, from: p.getAttribute('data-moat-from')!, to: p.getAttribute('data-moat-to')!, points };
    }),
    labels: [...svg.querySelectorAll('[data-moat-role="label"]')].map((l) => {
      const b = box(l);
      return { id: l.getAttribute('data-moat-id')!, cx: b.x + b.w / 2, cy: b.y + b.h / 2, ...b };
    }),
    titles: [...svg.querySelectorAll('[data-moat-role="boundary"]:not(.moat-collapsed) > rect + text')].map((t) => ({ id: t.parentElement!.getAttribute('data-moat-id')!, ...box(t) })),
    // The size each text is drawn at on screen, in CSS px.
    textSizes: [...svg.querySelectorAll('text')].map((t) => {
      const size = parseFloat(getComputedStyle(t).fontSize);
      return size * (t as SVGGraphicsElement).getScreenCTM()!.a;
    }),
  };
}

/** tsx names functions through a `__name` helper the page does not have. */
async function measureIn(page: Page): Promise<Geometry> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(measure);
}

function distanceToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const A4_PRINT = { long: (297 - 20) / 25.4 * 96, short: (210 - 20) / 25.4 * 96 };

describe('static SVG geometry in Chromium', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const c of CASES) {
    it(`${c.name}: labels on their edges, edges around boxes, boundaries hold their components, text readable`, async () => {
      const diagram = c.diagram();
      const { svg, width, height, layout } = await renderDiagram(diagram, c.options);
      fs.writeFileSync(outputFile('diagrams', `${c.name}.svg`), svg);
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      try {
        // Natural size.
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg}</body></html>`);
        const natural = await measureIn(page);
        await page.screenshot({ path: outputFile('diagrams', `${c.name}-natural.png`), fullPage: true });

        // Every drawn element is marked, and there is one per element of the drawing.
        const roles = (role: string) => natural.elements.filter((e) => e.role === role);
        assert.ok(natural.elements.every((e) => e.id !== null && e.id !== ''), 'every marked element has an id');
        assert.deepEqual(roles('component').map((e) => e.id).sort(), layout.nodes.filter((n) => n.node.role === 'component').map((n) => n.node.id).sort());
        assert.deepEqual(roles('boundary').map((e) => e.id).sort(),
          [...layout.groups.map((g) => g.group.id), ...layout.nodes.filter((n) => n.node.role === 'boundary').map((n) => n.node.id)].sort());
        assert.equal(roles('flow').length, layout.edges.length);
        assert.ok(roles('flow').every((e) => e.tag === 'path'), 'a flow is one <path>');
        assert.equal(new Set(roles('flow').map((e) => e.id)).size, layout.edges.length, 'flow ids are distinct');
        assert.deepEqual(roles('label').map((e) => e.id).sort(), roles('flow').map((e) => e.id).sort(), 'one label per edge, with its id');

        // Labels sit on their edges.
        const flowById = new Map(natural.flows.map((f) => [f.id, f]));
        for (const l of natural.labels) {
          const f = flowById.get(l.id)!;
          let best = Infinity;
          for (let i = 1; i < f.points.length; i++) best = Math.min(best, distanceToSegment(l.cx, l.cy, f.points[i - 1], f.points[i]));
          assert.ok(best <= 40, `${c.name}: label of ${l.id} is ${best.toFixed(1)} px from its edge`);
        }

        // No edge passes through a box it does not connect (components and collapsed boundaries).
        const nodeBoxes = natural.boxes.filter((b) => b.role === 'component' || !layout.groups.some((g) => g.group.id === b.id));
        const crossings: string[] = [];
        for (const f of natural.flows) {
          for (const b of nodeBoxes) {
            if (b.id === f.from || b.id === f.to) continue;
            for (let i = 1; i < f.points.length; i++) {
              if (crossesBox(f.points[i - 1], f.points[i], b)) {
                crossings.push(`${f.id} through ${b.id}`);
                break;
              }
            }
          }
        }
        assert.deepEqual(crossings, [], `${c.name}: edges through boxes`);

        // No edge crosses a boundary's title, in any drawing (test/render/title-clearance.test.ts
        // checks ELK's drawings on many more models). In an overview no label covers a box or
        // another label either.
        assert.equal(natural.titles.length, layout.groups.length, 'every open boundary has a title');
        const overTitles = natural.flows.flatMap((f) => natural.titles.filter((t) => f.points.some((p, i) => i > 0 && crossesBox(f.points[i - 1], p, t))).map((t) => `${f.id} over ${t.id}`));
        assert.deepEqual(overTitles, [], `${c.name}: edges over boundary titles`);
        if (c.fit) {
          const covered = natural.labels.flatMap((l) => nodeBoxes.filter((b) => overlaps(l, b)).map((b) => `label of ${l.id} over ${b.id}`));
          assert.deepEqual(covered, [], `${c.name}: labels over boxes`);
          const stacked = natural.labels.flatMap((l, i) => natural.labels.slice(i + 1).filter((m) => overlaps(l, m)).map((m) => `${l.id} and ${m.id}`));
          assert.deepEqual(stacked, [], `${c.name}: labels over labels`);
        }

        // Components inside their boundary; boundaries nested or apart.
        const groupBoxes = new Map(natural.boxes.filter((b) => b.role === 'boundary' && layout.groups.some((g) => g.group.id === b.id)).map((b) => [b.id, b]));
        const inside = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
          a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
        for (const b of natural.boxes) {
          if (b.boundary === null) continue;
          const g = groupBoxes.get(b.boundary);
          assert.ok(g, `${b.id} names a drawn boundary ${b.boundary}`);
          assert.ok(inside(b, g), `${c.name}: ${b.id} is drawn outside ${b.boundary}`);
        }
        const groups = [...groupBoxes.values()];
        for (let i = 0; i < groups.length; i++) {
          for (let j = i + 1; j < groups.length; j++) {
            const [a, b] = [groups[i], groups[j]];
            const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert.ok(apart || inside(a, b) || inside(b, a), `${c.name}: boundaries ${a.id} and ${b.id} overlap`);
          }
        }

        // At natural size every text is 8 pt (10.7 px) or more.
        assert.ok(Math.min(...natural.textSizes) >= 10.66, `${c.name}: smallest text ${Math.min(...natural.textSizes)} px`);

        // Fit in 1400 × 1000.
        await page.setContent(`<!DOCTYPE html><html><body style="margin:0"><div style="width:1400px;height:1000px">${svg.replace(/ width="\d+" height="\d+"/, ' width="100%" height="100%"')}</div></body></html>`);
        const fit = await measureIn(page);
        await page.screenshot({ path: outputFile('diagrams', `${c.name}-fit.png`) });
        const smallest = Math.min(...fit.textSizes);
        if (c.fit) assert.ok(smallest >= 10, `${c.name}: smallest text at Fit is ${smallest.toFixed(1)} px`);
        const printScale = Math.min(1, Math.max(Math.min(A4_PRINT.long / width, A4_PRINT.short / height), Math.min(A4_PRINT.short / width, A4_PRINT.long / height)));
        fs.writeFileSync(outputFile('diagrams', `${c.name}.txt`),
          `size ${width} x ${height}; smallest text at Fit 1400x1000: ${smallest.toFixed(1)} px; on one A4 page: ${(12 * 0.75 * printScale).toFixed(1)} pt\n`);
      } finally {
        await page.close();
      }
    });
  }

  it('is deterministic and holds no script, no event handler and no outside reference', async () => {
    for (const options of [{}, { level: 'full' as const }, { boundary: 'ns-0' }]) {
      const a = (await renderDiagram(model(60), options)).svg;
      const b = (await renderDiagram(buildDiagram(checkText(generateModel(60))), options)).svg;
      assert.equal(a, b);
      assert.doesNotMatch(a, /<script|<foreignObject|\son[a-z]+=|href=|xlink:|@import|url\((?!#)/i);
    }
  });
});
