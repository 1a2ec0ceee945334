// CPU time of the quick fixes of one line with several findings, right after an edit, on the
// dense model of 1,000 services (issue 12): `node --import tsx bench/fix-cpu.ts [services]`.
// Measured with process.cpuUsage around service.quickFixes, in both "Accept…" styles.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateDenseModel } from './generate.js';
import { createMoatService } from '../server/src/service/index.js';
import type { AcceptStyle } from '../server/src/fix/fixes.js';

const n = Number(process.argv[2] ?? 1000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-fix-cpu-'));
const file = path.join(dir, `dense-${n}.moat.yaml`);
const base = generateDenseModel(n);
fs.writeFileSync(file, base);
const service = createMoatService();
const cpuMs = (t: NodeJS.CpuUsage) => (t.user + t.system) / 1000;
async function main(): Promise<void> {
  for (const style of ['entry', 'comment'] as AcceptStyle[]) {
    const samples: number[] = [];
    for (let k = 0; k < 8; k++) {
      // An edit in the middle of the file, then the code actions of a line with several findings.
      const mid = base.indexOf('\n', Math.floor(base.length / 2)) + 1;
      const text = `${base.slice(0, mid)}# edit ${style} ${k}\n${base.slice(mid)}`;
      service.setDocument(file, text, k + 1 + (style === 'entry' ? 0 : 100));
      const findings = await service.findings(file);
      const line = text.indexOf('tls: none, auth: none');
      const lineStart = text.lastIndexOf('\n', line) + 1;
      const lineEnd = text.indexOf('\n', line);
      const refs = findings.filter((f) => f.range.start >= lineStart && f.range.start < lineEnd)
        .map((f) => ({ rule: f.rule, target: f.target, start: f.range.start, end: f.range.end }));
      const t0 = process.cpuUsage();
      const answers = await service.quickFixes(file, refs, style);
      const ms = cpuMs(process.cpuUsage(t0));
      if (answers.some((a) => !a)) throw new Error('a finding was not found again');
      if (k >= 2) samples.push(ms);
      if (k === 0) console.log(`${style}: ${refs.length} findings on the line (${refs.map((r) => r.rule).join(', ')}), ${answers.reduce((s, a) => s + (a?.fixes.length ?? 0), 0)} fixes`);
    }
    samples.sort((a, b) => a - b);
    console.log(`quickFixes CPU, accept style ${style}, ${n} services: median ${samples[Math.floor(samples.length / 2)].toFixed(1)} ms (min ${samples[0].toFixed(1)}, max ${samples[samples.length - 1].toFixed(1)})`);
  }
}

main().finally(() => fs.rmSync(dir, { recursive: true, force: true }));
