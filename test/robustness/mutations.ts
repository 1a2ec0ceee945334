// Random damage done to a realistic model: what a half-typed edit, a bad paste or a hostile
// file looks like. Each mutation is data (so fast-check can shrink and print it) applied to text.

import fc from 'fast-check';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace-value'; line: number; value: string }
  | { kind: 'huge-value'; line: number; size: number };

/** Values of every type and shape YAML has, for keys that expect another one. */
const WRONG_VALUES = [
  '[1, 2]', '{ a: b }', '42', '-1', '3.5', '1e400', 'true', 'false', 'null', '~', '""', "''", '[]', '{}',
  '!!binary aGVsbG8=', '&anchor value', '*missing', '2026-01-01', '0x1f', '.inf', '"\\u0000"', '|\n  block', '>-', '[[[]]]',
  '{ to: { to: x } }', '- a\n- b', 'yes', 'NO', '"\\ud800"', 'ö', '😀', 'a'.repeat(300),
];

/** Fragments that mean something to YAML or to Moat, to insert anywhere. */
const FRAGMENTS = [
  '\n', ' ', '  ', '\t', ':', ': ', '- ', '#', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '<<: *a', '? ', '---\n', '...\n',
  '%YAML 1.2\n', '|', '>', '!', '!!str ', '\r\n', '\u2028', '\uFEFF', '\u0000', '\u{1F600}', 'é', '\u202E', 'ǅ', '\\',
  '\n  extra:\n    kind: service\n', 'auth: none', 'moat: 2\n', 'include: [self.moat.yaml]\n', '\nservices: {}\n',
];

export function lineCount(text: string): number {
  return text.split('\n').length;
}

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'delete-line':
      lines.splice(line(m.line), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = line(m.line);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = line(m.a);
      const b = line(m.b);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'indent': {
      const i = line(m.line);
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace-value': {
      const i = line(m.line);
      const colon = lines[i].indexOf(': ');
      lines[i] = colon >= 0 ? `${lines[i].slice(0, colon + 2)}${m.value}` : `${lines[i]} ${m.value}`;
      return lines.join('\n');
    }
    case 'huge-value': {
      const i = line(m.line);
      const colon = lines[i].indexOf(': ');
      const huge = 'x'.repeat(m.size);
      lines[i] = colon >= 0 ? `${lines[i].slice(0, colon + 2)}${huge}` : `${lines[i]}${huge}`;
      return lines.join('\n');
    }
  }
}

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -6, max: 6 }) }),
  fc.record({
    kind: fc.constant('insert' as const), at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('replace-value' as const), line: fc.nat(), value: fc.constantFrom(...WRONG_VALUES) }),
  fc.record({ kind: fc.constant('huge-value' as const), line: fc.nat(), size: fc.integer({ min: 10_000, max: 200_000 }) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });
