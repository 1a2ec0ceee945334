// The HTML report printed (print media in headless Chromium): every drawing prints its text at
// 8 pt or more, a drawing too large for one landscape page at that size is printed in parts
// that together show all of it, and a drawing that fits one page has no parts.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { generateModel } from '../../bench/generate.js';
import { checkText } from '../../server/src/engine.js';
import { buildReport, reportHtml } from '../../server/src/render/report.js';
import { chromiumAvailable, launch, outputFile } from '../webview/browser.js';

const skip = chromiumAvailable() ? false : 'no Chromium at /usr/bin/chromium (apt-get install -y chromium)';

interface Printed {
  figures: { id: string; tiled: boolean; drawing: string; width: number; height: number; smallestPx: number }[];
  parts: { drawing: string; box: [number, number, number, number]; smallestPx: number }[];
}

function printed(): Printed {
  const smallest = (g: Element, scale: number) => Math.min(...[...g.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize))) * scale;
  return {
    figures: [...document.querySelectorAll('figure.diagram')].map((f) => {
      const svg = f.querySelector('svg')!;
      const drawing = svg.querySelector('g[id$="-drawing"]')!;
      const [, , width, height] = svg.getAttribute('viewBox')!.split(' ').map(Number);
      return { id: f.id, tiled: f.classList.contains('tiled'), drawing: drawing.id, width, height, smallestPx: smallest(drawing, svg.getScreenCTM()!.a) };
    }),
    parts: [...document.querySelectorAll('figure.diagram-part svg')].map((svg) => {
      const drawing = svg.querySelector('use')!.getAttribute('href')!.slice(1);
      const box = svg.getAttribute('viewBox')!.split(' ').map(Number) as [number, number, number, number];
      return { drawing, box, smallestPx: smallest(document.getElementById(drawing)!, (svg as SVGSVGElement).getScreenCTM()!.a) };
    }),
  };
}

const EIGHT_PT = (8 / 72) * 96;

describe('the HTML report in print', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const services of [20, 300]) {
    it(`${services} services: every drawing prints at 8 pt or more, large ones in parts that cover them`, async () => {
      const html = await reportHtml(buildReport(checkText(generateModel(services)), { today: '2026-01-01' }));
      const file = outputFile('report', `print-${services}.html`);
      fs.writeFileSync(file, html);
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      try {
        await page.goto(`file://${file}`);
        await page.emulateMedia({ media: 'print' });
        await page.evaluate('globalThis.__name ??= (f) => f');
        const { figures, parts } = await page.evaluate(printed);
        assert.ok(figures.length > 0);
        for (const f of figures) {
          const own = parts.filter((p) => p.drawing === f.drawing);
          if (!f.tiled) {
            assert.deepEqual(own, [], `${f.id} fits one page and has no parts`);
            assert.ok(f.smallestPx >= EIGHT_PT - 0.01, `${f.id} prints at ${(f.smallestPx * 0.75).toFixed(2)} pt`);
            continue;
          }
          assert.ok(own.length >= 2, `${f.id} is printed in parts`);
          for (const p of own) assert.ok(p.smallestPx >= EIGHT_PT, `${f.id}: a part prints at ${(p.smallestPx * 0.75).toFixed(2)} pt`);
          // The parts cover the drawing: their areas add up to it and none reaches outside it.
          const area = own.reduce((s, p) => s + p.box[2] * p.box[3], 0);
          assert.ok(Math.abs(area - f.width * f.height) <= f.width + f.height + own.length * 4, `${f.id}: parts cover ${area} of ${f.width * f.height}`);
          for (const p of own) assert.ok(p.box[0] >= 0 && p.box[1] >= 0 && p.box[0] + p.box[2] <= f.width + 1 && p.box[1] + p.box[3] <= f.height + 1);
        }
        if (services === 300) assert.ok(figures.some((f) => f.tiled), 'the 300-service overview is printed in parts');
        await page.pdf({ path: outputFile('report', `print-${services}.pdf`), preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    });
  }
});
