import { defineRule } from './rule.js';
import type { Component, NamedValue } from '../model/types.js';

export const SECRET_SCHEMES = ['vault', 'aws-sm', 'gcp-sm', 'azure-kv', 'k8s-secret', 'env', 'file'];

/** `vault:secret/x`, `${DB_PASSWORD}` (or a bare `$DB_PASSWORD`): a pointer to a secret, not the secret. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  const colon = v.indexOf(':');
  if (colon > 0 && SECRET_SCHEMES.includes(v.slice(0, colon).toLowerCase())) return true;
  return /^\$\{[^{}\s]+\}$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v);
}

const SECRET_NAME_WORDS = ['password', 'passwd', 'secret', 'token', 'apikey', 'privatekey', 'credential'];

/**
 * Last words of a name that say the value is about a secret, not the secret itself
 * (`TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `TOKEN_URL`).
 */
const DESCRIPTOR_WORDS = new Set([
  'url', 'uri', 'endpoint', 'host', 'hostname', 'port', 'path', 'file', 'dir', 'ttl', 'timeout', 'expiry', 'expires',
  'expiration', 'lifetime', 'length', 'len', 'size', 'min', 'max', 'count', 'seconds', 'secs', 'minutes', 'mins', 'hours',
  'days', 'ms', 'header', 'name', 'id', 'type', 'algorithm', 'alg', 'issuer', 'audience', 'scope', 'scopes', 'enabled',
  'disabled', 'policy', 'format', 'mode', 'version', 'region', 'ref', 'arn', 'rotation', 'interval',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `db.password` into lowercase words. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Abbreviations of "password" that only count as the name's last word: `RABBITMQ_DEFAULT_PASS`,
 * `MYSQL_PWD`, `KEY_PASSPHRASE`, but not `PASS_THROUGH` or `BYPASS`.
 */
const PASSWORD_ABBREVIATIONS = new Set(['pass', 'pwd', 'pw', 'passphrase']);

export function looksLikeSecretName(name: string): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1] ?? '';
  if (PASSWORD_ABBREVIATIONS.has(last)) return true;
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!SECRET_NAME_WORDS.some((w) => squashed.includes(w))) return false;
  return !DESCRIPTOR_WORDS.has(last);
}

/** Values that no one would call a credential, whatever the name. */
function isFlag(value: string): boolean {
  return /^(true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(value.trim());
}

const SECRET_VALUE_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/ },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { kind: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  // `redis://:hunter2@cache:6379` has a password and no user name.
  { kind: 'a password inside a URL', pattern: /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:(?!\$)[^\s@/]+@/i },
  // ADO.NET, ODBC and JDBC connection strings: `Server=db;User Id=sa;Password=Pass@word`, `…?user=app&password=x`.
  { kind: 'a password inside a connection string', pattern: /(?:^|[;?&\s])(?:password|pwd)\s*=\s*(?![$;&\s])[^;&\s]+/i },
];

/** What kind of secret a value looks like, whatever its name. */
export function secretKind(value: string): string | undefined {
  return SECRET_VALUE_PATTERNS.find((p) => p.pattern.test(value))?.kind;
}

export function suggestedSecretRef(service: Component, name: string): string {
  return `vault:secret/${service.id}/${name.toLowerCase()}`;
}

export default defineRule({
  id: 'hardcoded-secret',
  title: 'Hard-coded secret',
  category: 'secrets',
  severity: 'critical',
  target: 'service',
  scope: 'component',
  stride: ['I'],
  cwe: 798,
  fix: 'Replace the value with a reference to a secret store (`vault:secret/<service>/<name>`); the leaked value must still be rotated.',
  messages: {
    secret: '`{service}` writes its secret `{name}` as a literal value, so everyone who can read the model (and its history) has it. Rotate it, then replace the value with a reference such as `{ref}`.',
    envName: '`{service}` sets `{name}` in `env:` to a literal value that looks like a secret. Rotate it, then move it to `secrets:` or replace it with a reference such as `{ref}`.',
    envValue: 'The value of `{name}` in the `env:` of `{service}` looks like {kind}. Rotate it, then replace the value with a reference such as `{ref}`.',
  },
  docs: {
    checks: 'A `secrets:` value that is not a reference (`SCHEME:PATH` with a scheme from `vault`, `aws-sm`, `gcp-sm`, `azure-kv`, `k8s-secret`, `env`, `file`, or `${NAME}`); an `env:` value, not itself a reference, whose name looks like a secret (it contains, ignoring case and separators, `password`, `passwd`, `secret`, `token`, `apikey`, `privatekey` or `credential`) or whose value looks like one (an AWS access key `AKIA…`, a GitHub `ghp_…` token, a Slack `xox?-…` token, a Stripe `sk_live_…` key, a PEM private key, a JSON Web Token, a password inside a URL or a connection string).',
    attack: 'A secret written into a file lives in every clone, backup, CI log and fork of the repository, forever: removing it later does not remove it from history. Anyone who ever had read access can use it, and secret scanners run by attackers find such values within minutes of a push.',
    fix: 'Keep the secret in a secrets manager and write a reference (`vault:secret/orders/db`, `aws-sm:…`, `${DB_PASSWORD}`). Treat the leaked value as compromised: rotate it, whatever else you do.',
    falsePositives: 'A value that only looks like a secret (a test fixture, a published example key). Replace it anyway if you can; otherwise accept the finding with the reason.',
    practice: 'Secrets live in a secrets manager, never in code or configuration files.',
    decisions: [
      'The range is the value, not the key: the quick fix replaces it with the reference in `data.secretRef` (`vault:secret/<service>/<name in lowercase>`), and keeps the name.',
      'Empty values are not secrets. A `SCHEME:` with a known scheme is a reference even with an empty path: it leaks nothing. A bare `$NAME` is read as a reference, like `${NAME}`: it is an interpolation, not a leaked value.',
      'An `env:` name whose last word says the value is about a secret rather than the secret (`TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `TOKEN_URL`, `CLIENT_SECRET_PATH`…) is not a finding, nor is a flag value (`true`, `false`, `on`, `off`, `yes`, `no`).',
      'A password written inside a URL (`postgres://app:hunter2@db/orders`, or `redis://:hunter2@cache:6379` with no user name) counts as a value that looks like a secret; `${…}` (or any `$…` interpolation) in its place does not.',
      'So does a password in a connection string (`Server=sqldata;User Id=sa;Password=Pass@word`, `jdbc:postgresql://db/orders?user=app&password=hunter2`): a `Password=` or `Pwd=` key with a value that is not an interpolation. Such strings sit in `env:` under names like `ConnectionString` that say nothing about secrets.',
      'A name whose last word abbreviates "password" (`RABBITMQ_DEFAULT_PASS`, `MYSQL_PWD`, `DB_PW`, `KEY_PASSPHRASE`) looks like a secret too, though the catalogue\'s list names only the long forms: these are the names images such as RabbitMQ and MySQL read their credentials from. Only the last word counts, so `PASS_THROUGH` and `BYPASS_CACHE` do not.',
      'Each secret is its own finding on the service (they share the target `hardcoded-secret@SERVICE`). The message never repeats the value.',
    ],
  },
}, ({ model, report }) => {
  for (const service of model.services.values()) {
    const reportValue = (prop: 'secrets' | 'env', v: NamedValue, messageId: 'secret' | 'envName' | 'envValue', kind = '') => {
      const ref = suggestedSecretRef(service, v.name);
      report({
        element: service, at: { prop, entry: v.name, entryPart: 'value' }, messageId,
        args: { service: service.id, name: v.name, ref, kind },
        data: { secretRef: ref, prop, name: v.name },
      });
    };
    for (const s of service.secrets) {
      if (s.value.trim() === '' || isSecretReference(s.value)) continue;
      reportValue('secrets', s, 'secret');
    }
    for (const e of service.env) {
      if (e.value.trim() === '' || isSecretReference(e.value)) continue;
      const kind = secretKind(e.value);
      if (kind) reportValue('env', e, 'envValue', kind);
      else if (looksLikeSecretName(e.name) && !isFlag(e.value)) reportValue('env', e, 'envName');
    }
  }
});
