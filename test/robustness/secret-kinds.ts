// One case for every kind of secret `hardcoded-secret` knows (server/src/model/secrets.ts), and a
// model that writes each of them and then repeats it where free text goes: a description, the
// reason of an acceptance, a misspelt value a model problem quotes. Every output must mask them all.

import type { SecretKindId } from '../../server/src/model/secrets.js';

export interface SecretCase {
  /** Where it is written, under which name. */
  place: 'secrets' | 'env';
  name: string;
  /** The value as written. */
  value: string;
  /** What must never appear in an output (the password of a URL, the body of a key). */
  secret: string;
  /** The rule's message id for it. */
  messageId: 'secret' | 'envName' | 'envValue';
}

/** A value that looks like a secret whatever its name: one per kind, the type checker holds the list complete. */
export const VALUE_CASES: Record<SecretKindId, { value: string; secret: string }> = {
  'aws-access-key': { value: 'AKIAKINDTESTQ7Z3X9W2', secret: 'AKIAKINDTESTQ7Z3X9W2' },
  'github-token': { value: 'ghp_KindGithubToken0123456789abcdefghijkl', secret: 'ghp_KindGithubToken0123456789abcdefghijkl' },
  'slack-token': { value: 'xoxb-1234-5678-KINDSLACK9', secret: 'xoxb-1234-5678-KINDSLACK9' },
  'stripe-live-key': { value: 'sk_live_KINDSTRIPE0123456789ab', secret: 'sk_live_KINDSTRIPE0123456789ab' },
  'private-key': { value: '-----BEGIN PRIVATE KEY-----\nMIIKINDPEMBODY77xyzQ\n-----END PRIVATE KEY-----\n', secret: 'MIIKINDPEMBODY77xyzQ' },
  'json-web-token': { value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJraW5kcyJ9.S2luZEp3dFNpZ25hdHVyZQ', secret: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJraW5kcyJ9.S2luZEp3dFNpZ25hdHVyZQ' },
  'url-password': { value: 'postgres://app:KindUrlPass-51x@db:5432/orders', secret: 'KindUrlPass-51x' },
  'connection-string-password': { value: 'Server=db;User Id=sa;Password=KindConnPass-62y;', secret: 'KindConnPass-62y' },
};

export const SECRET_CASES: Record<string, SecretCase> = {
  'a literal in secrets:': { place: 'secrets', name: 'SIGNING_KEY', value: 'KindPlaceLiteral-73z', secret: 'KindPlaceLiteral-73z', messageId: 'secret' },
  'an env name with password': { place: 'env', name: 'DB_PASSWORD', value: 'KindNamePass-84w', secret: 'KindNamePass-84w', messageId: 'envName' },
  'an env name ending in an abbreviation of password': { place: 'env', name: 'RABBITMQ_DEFAULT_PASS', value: 'KindAbbrevPass-95v', secret: 'KindAbbrevPass-95v', messageId: 'envName' },
  // Names that say nothing of secrets: the value alone makes them one.
  ...Object.fromEntries(Object.entries(VALUE_CASES).map(([kind, c]) => [kind, {
    place: 'env', name: kind === 'url-password' ? 'DATABASE_URL' : kind === 'connection-string-password' ? 'ConnectionString' : 'SETTING',
    value: c.value, secret: c.secret, messageId: 'envValue',
  } satisfies SecretCase])),
};

/** A YAML double-quoted scalar. */
const quoted = (s: string) => JSON.stringify(s);

export const serviceIdOf = (label: string) => `svc-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/-+$/, '')}`;

/** The model: a service per case, writing its secret, then repeating it in free text. */
export function leakyModel(): string {
  const lines = [
    'moat: 1',
    'name: Leaky kinds',
    'boundaries:',
    '  cluster: { trust: internal }',
    'services:',
  ];
  const accept: string[] = [];
  for (const [label, c] of Object.entries(SECRET_CASES)) {
    const id = serviceIdOf(label);
    lines.push(
      `  ${id}:`,
      '    kind: service',
      '    boundary: cluster',
      `    description: ${quoted(`holds ${c.secret} as ${label}`)}`,
      `    owner: ${quoted(`team ${c.secret}`)}`,
      `    tech: ${quoted(`node ${c.secret}`)}`,
      `    ${c.place}:`,
      `      ${c.name}: ${quoted(c.value)}`,
      '    calls:',
      `      - { to: sink, protocol: ${quoted(c.secret)}, auth: none, description: ${quoted(`sends ${c.secret}`)} }`,
    );
    accept.push(`  - { rule: unauthenticated-flow, target: ${id}->sink, reason: ${quoted(`we know ${c.secret}`)} }`);
  }
  lines.push('  sink:', '    kind: service', '    boundary: cluster', 'accept:', ...accept, '');
  return lines.join('\n');
}

/**
 * The names of the cases whose secret (or half of it: a value cut in two leaks too) an output
 * holds, in any case (a message may quote a value lowercased).
 */
export function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [label, c] of Object.entries(SECRET_CASES)) {
    const v = c.secret;
    const probes = [v, v.slice(0, Math.ceil(v.length / 2)), v.slice(Math.floor(v.length / 2))];
    const text = output.toLowerCase();
    if (probes.some((p) => text.includes(p.toLowerCase()) || text.includes(JSON.stringify(p).slice(1, -1).toLowerCase()))) found.push(label);
  }
  return found;
}
