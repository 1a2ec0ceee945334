// Writes docs/rules/ from the rules' metadata: one page per rule and an index. `npm run docs`;
// `npm run docs -- --check` only reports pages that differ (the test suite does the same).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleDocPages } from '../server/src/rules/docs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const pages = ruleDocPages();

/** Pages on disk under docs/rules/, as repository-relative paths. */
function existing(dir = path.join(root, 'docs/rules')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return existing(p);
    return e.name.endsWith('.md') ? [path.relative(root, p).split(path.sep).join('/')] : [];
  });
}

const changed: string[] = [];
for (const [rel, text] of pages) {
  const file = path.join(root, rel);
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (old === text) continue;
  changed.push(rel);
  if (!check) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
// Pages of rules that no longer exist would mislead readers.
const stale = existing().filter((rel) => !pages.has(rel));
if (!check) for (const rel of stale) fs.rmSync(path.join(root, rel));

for (const rel of changed) console.log(`${check ? 'differs' : 'wrote'}  ${rel}`);
for (const rel of stale) console.log(`${check ? 'stale' : 'removed'}  ${rel}`);
if (changed.length + stale.length === 0) console.log(`docs/rules/ is up to date (${pages.size} pages).`);
if (check && changed.length + stale.length > 0) {
  console.log('Run `npm run docs` to regenerate.');
  process.exit(1);
}
