// `moat import` on a compose file of N services (train-ticket's size is ~70): each service has an
// image, ports, env values that name two others, a database beside every fifth. Run alone with
// `node --import tsx bench/import.ts [N]`, or as part of `npm run bench`.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runImport } from '../server/src/import/run.js';

export function generateCompose(n: number): string {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < n; i++) {
    const db = i % 5 === 0;
    lines.push(`  svc-${i}:`, `    image: ${db ? 'postgres:16' : `example/svc-${i}:1.${i}`}`);
    if (!db) {
      lines.push('    environment:', `      NEXT_URL: http://svc-${(i + 1) % n}:8080`, `      DB_URL: postgres://app:\${DB_PASSWORD}@svc-${i - (i % 5)}:5432/app`, '      LOG_LEVEL: info');
      lines.push('    ports:', `      - "${10000 + i}:8080"`);
    }
    lines.push('    depends_on:', `      - svc-${(i + 2) % n}`);
  }
  return lines.join('\n') + '\n';
}

/** Median milliseconds of a whole `moat import` (read, map, write) of `n` services, in process. */
export function benchImport(n: number, runs = 15): { ms: number; components: number; flows: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-bench-import-'));
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, generateCompose(n));
  const times: number[] = [];
  let last;
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    last = runImport([file], { cwd: dir });
    if (i >= 2) times.push(performance.now() - start);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], components: last!.summary.components, flows: last!.summary.flows };
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 70);
  const r = benchImport(n);
  console.log(`moat import, ${n} compose services → ${r.components} components, ${r.flows} flows: ${r.ms.toFixed(1)} ms (median)`);
}
