// Edits of a model's services for property tests: entries removed, copied under a new name or
// the same one (a duplicate), calls and roles written, values switched. They run on every
// system the project models (its samples and test fixtures).

import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

/** The model files of the samples and the fixture systems, relative to the project's root. */
export const SYSTEMS = [
  ...fs.readdirSync('samples').filter((f) => f.endsWith('.moat.yaml')).map((f) => path.join('samples', f)),
  ...fs.readdirSync('test/fixtures/systems').map((f) => path.join('test/fixtures/systems', f)),
];
const SWITCHES: [RegExp, string[]][] = [
  [/(tls: )(\w+)/g, ['none', 'tls', 'mtls']],
  [/(auth: )([\w-]+)/g, ['none', 'mtls', 'oidc', 'password', 'api-key', 'jwt']],
  [/(kind: )([\w-]+)/g, ['service', 'database', 'gateway', 'user', 'external', 'queue', 'identity-provider', 'ci', 'repository', 'registry']],
  [/(mfa: )(\w+)/g, ['true', 'false']],
  [/(boundary: )([\w-]+)/g, ['nowhere']],
  [/(to: )([\w-]+)/g, ['no-such-service']],
  [/(privileged: )(\w+)/g, ['true', 'false']],
];
export const systemEdit = fc.oneof(
  fc.record({ kind: fc.constant('switch' as const), pattern: fc.nat(SWITCHES.length - 1), which: fc.nat(), value: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), which: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const), which: fc.nat(), to: fc.nat(), renamed: fc.boolean() }),
  fc.record({ kind: fc.constant('call' as const), which: fc.nat(), to: fc.nat(), auth: fc.boolean() }),
  fc.record({ kind: fc.constant('role' as const), which: fc.nat(), role: fc.nat() }),
);
type SystemEdit = typeof systemEdit extends fc.Arbitrary<infer T> ? T : never;

/** Where `services:` ends, and where each of its entries starts. */
function servicesOf(text: string) {
  const start = text.search(/^services:/m);
  const next = /\n[a-z]/.exec(text.slice(start + 1));
  const end = next ? start + 1 + next.index + 1 : text.length;
  const entries = [...text.slice(start, end).matchAll(/^ {2}[a-z][\w-]*:/gm)].map((m) => start + m.index!);
  return { end, entries };
}

export function applySystemEdit(text: string, e: SystemEdit): string {
  const { end, entries } = servicesOf(text);
  if (entries.length < 2) return text;
  const i = e.which % entries.length;
  const entryEnd = i + 1 < entries.length ? entries[i + 1] : end;
  const idOf = (k: number) => /^ {2}([\w-]+):/.exec(text.slice(entries[k]))![1];
  // A line written first in the entry (only in a block-style entry: `web: { … }` holds none).
  const firstLine = (line: string) => {
    if (/^ {2}[\w-]+:\s*\{/.test(text.slice(entries[i]))) return text;
    const at = text.indexOf('\n', entries[i]) + 1;
    return text.slice(0, at) + line + text.slice(at);
  };
  switch (e.kind) {
    case 'switch': {
      const [pattern, values] = SWITCHES[e.pattern];
      const hits = [...text.matchAll(pattern)].filter((m) => m.index! > entries[0] && m.index! < end);
      if (hits.length === 0) return text;
      const m = hits[e.which % hits.length];
      const at = m.index! + m[1].length;
      return text.slice(0, at) + values[e.value % values.length] + text.slice(at + m[2].length);
    }
    case 'remove':
      return text.slice(0, entries[i]) + text.slice(entryEnd);
    case 'copy': {
      const entry = text.slice(entries[i], entryEnd).replace(/^ {2}([\w-]+):/, (_m, id: string) => `  ${e.renamed ? `${id}-2` : id}:`);
      const at = entries[e.to % entries.length];
      return text.slice(0, at) + (entry.endsWith('\n') ? entry : `${entry}\n`) + text.slice(at);
    }
    case 'call':
      // A second `calls:` in an entry that has one: the later replaces the earlier.
      return firstLine(`    calls: [{ to: ${idOf(e.to % entries.length)}, protocol: http${e.auth ? ', auth: none' : ''} }]\n`);
    case 'role': {
      const roles = [...text.matchAll(/^roles:\n((?: {2}.*\n|\n)*)/gm)].flatMap((m) => [...m[1].matchAll(/^ {2}([\w-]+):/gm)].map((r) => r[1]));
      return roles.length === 0 ? text : firstLine(`    roles: [${roles[e.role % roles.length]}]\n`);
    }
  }
}
