// What a secret looks like: the one place that knows. The `hardcoded-secret` rule, its quick fix,
// the importers (which must never copy a secret value) and the redaction of every output (check
// formats, diagrams, reports, hover, code action titles) all ask this module, so that what the
// rule flags is exactly what no output repeats.

import type { Component, Model } from './types.js';

/** Schemes of a reference to a secret kept elsewhere (`vault:secret/orders/db`). */
export const SECRET_SCHEMES: readonly string[] = ['vault', 'aws-sm', 'gcp-sm', 'azure-kv', 'k8s-secret', 'env', 'file'];

/**
 * A pointer to a secret, not the secret: `SCHEME:PATH` with a scheme from SECRET_SCHEMES (even
 * with an empty path), `${DB_PASSWORD}`, or a bare `$DB_PASSWORD` interpolation.
 */
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

/**
 * Abbreviations of "password" that only count as the name's last word: `RABBITMQ_DEFAULT_PASS`,
 * `MYSQL_PWD`, `KEY_PASSPHRASE`, but not `PASS_THROUGH` or `BYPASS`.
 */
const PASSWORD_ABBREVIATIONS = new Set(['pass', 'pwd', 'pw', 'passphrase']);

/** Splits `DB_PASSWORD`, `dbPassword`, `db.password` into lowercase words. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * A variable name that says its value is a secret (`DB_PASSWORD`, `apiKey`, `GH_TOKEN`,
 * `RABBITMQ_DEFAULT_PASS`), and not one that only describes a secret (`TOKEN_TTL`, `SECRET_NAME`).
 */
export function looksLikeSecretName(name: string): boolean {
  const parts = words(name);
  const last = parts[parts.length - 1] ?? '';
  if (PASSWORD_ABBREVIATIONS.has(last)) return true;
  const squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!SECRET_NAME_WORDS.some((w) => squashed.includes(w))) return false;
  return !DESCRIPTOR_WORDS.has(last);
}

/** Values that no one would call a credential, whatever the name (`true`, `off`, `none`…). */
export function isFlagValue(value: string): boolean {
  return /^(true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(value.trim());
}

export type SecretKindId = 'aws-access-key' | 'github-token' | 'slack-token' | 'stripe-live-key' | 'private-key'
  | 'json-web-token' | 'url-password' | 'connection-string-password';

export interface SecretValueKind {
  id: SecretKindId;
  /** As a message says it: "looks like {description}". */
  description: string;
  /**
   * Finds the kind in any text (flag `g`). The secret is the group `secret` when there is one (the
   * password of a URL), else the whole match.
   */
  pattern: RegExp;
}

const PEM_LABEL = '(?:[A-Z0-9]+ )*PRIVATE KEY';

/** What a masked secret reads as in Moat's outputs (messages, reports, diagrams, hovers). */
export const MASK = '••••••';

/**
 * What a URL's password reads as in what import writes (`postgres://app:***@db`), as
 * deployment.md says; a URL so written is no secret.
 */
export const WRITTEN_MASK = '***';

const URL_PASSWORD = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/@]*:(?<secret>(?!(?:\$\{[^{}\s@/]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\*\*\*|••••••)@)[^\s@/]+)@/g;

/** Every kind of value that is a secret whatever its name, in the order they are tried. */
export const SECRET_VALUE_KINDS: readonly SecretValueKind[] = [
  { id: 'aws-access-key', description: 'an AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { id: 'github-token', description: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { id: 'slack-token', description: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { id: 'stripe-live-key', description: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/g },
  // The key is what follows the header: the whole block is the secret, to its end or the text's.
  { id: 'private-key', description: 'a private key', pattern: new RegExp(`-----BEGIN ${PEM_LABEL}-----(?:[\\s\\S]*?-----END ${PEM_LABEL}-----|[\\s\\S]*)`, 'g') },
  { id: 'json-web-token', description: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // `postgres://app:hunter2@db`, `redis://:hunter2@cache:6379` (no user name), `jdbc:mysql://…`;
  // an interpolation in its place (`${DB_PASSWORD}`, `$DB_PASSWORD`) is no secret, nor a password
  // already masked (`***`, `••••••`); `$3cr3t` is one.
  { id: 'url-password', description: 'a password inside a URL', pattern: URL_PASSWORD },
  // ADO.NET, ODBC and JDBC: `Server=db;User Id=sa;Password=Pass@word`, `…?user=app&password=x`.
  { id: 'connection-string-password', description: 'a password inside a connection string', pattern: /(?:^|[;?&\s])(?:password|pwd)\s*=\s*(?<secret>(?![$;&\s])[^;&\s]+)/gi },
];

function matches(kind: SecretValueKind, text: string): boolean {
  kind.pattern.lastIndex = 0;
  return kind.pattern.test(text);
}

/** The kind of secret a value looks like, whatever its name; undefined when none. */
export function secretValueKind(value: string): SecretValueKind | undefined {
  return SECRET_VALUE_KINDS.find((k) => matches(k, value));
}

/** What a value looks like as a message says it ("an AWS access key"); undefined when no secret. */
export function secretKind(value: string): string | undefined {
  return secretValueKind(value)?.description;
}

/** The secrets inside a text, as the kinds find them (the password of a URL, not the URL). */
export function secretsInText(text: string): string[] {
  const found: string[] = [];
  for (const kind of SECRET_VALUE_KINDS) {
    kind.pattern.lastIndex = 0;
    for (const m of text.matchAll(kind.pattern)) found.push(m.groups?.secret ?? m[0]);
  }
  return found;
}

/** Where a name and value are written: a `secrets:` entry is a secret by place, an `env:` one by look. */
export type SecretPlace = 'secrets' | 'env';

export type LiteralSecret =
  /** A `secrets:` value that is not a reference. */
  | { because: 'place' }
  /** An `env:` value under a name that says it is a secret. */
  | { because: 'name' }
  /** A value that looks like a secret whatever its name. */
  | { because: 'value'; kind: SecretValueKind };

/**
 * Whether a named value written in the model is a literal secret, and why: what the
 * `hardcoded-secret` rule reports and what every output masks. Empty values and references are not.
 */
export function literalSecret(place: SecretPlace, name: string, value: string): LiteralSecret | undefined {
  if (value.trim() === '' || isSecretReference(value)) return undefined;
  if (place === 'secrets') return { because: 'place' };
  const kind = secretValueKind(value);
  if (kind) return { because: 'value', kind };
  if (looksLikeSecretName(name) && !isFlagValue(value)) return { because: 'name' };
  return undefined;
}

/** The reference a fix writes in place of a literal secret: `vault:secret/<service>/<name in lowercase>`. */
export function suggestedSecretRef(serviceId: string, name: string): string {
  return `vault:secret/${serviceId}/${name.toLowerCase()}`;
}


/**
 * Every literal secret value of the model: the values the rule flags, and the secrets inside them
 * (the password of a URL, which a description may repeat alone). Longest first, so that a secret
 * that holds another is masked whole.
 */
export function literalSecrets(model: Model): string[] {
  const found = new Set<string>();
  for (const s of model.services.values()) for (const secret of serviceSecrets(s)) found.add(secret);
  found.delete('');
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * A service's literal secrets, kept per service: a keystroke's model keeps the services its edit
 * left alone, and looking at every value of every service again cost a millisecond a keystroke
 * on a large model.
 */
const secretsOfService = new WeakMap<Component, string[]>();
function serviceSecrets(s: Component): string[] {
  let found = secretsOfService.get(s);
  if (found) return found;
  found = [];
  for (const place of ['secrets', 'env'] as const) {
    for (const { name, value } of s[place]) {
      const secret = literalSecret(place, name, value);
      if (!secret) continue;
      if (secret.because === 'value') found.push(...secretsInText(value));
      else found.push(value);
      if (value.trim() !== value) found.push(value.trim());
      // A key's body, which a description may quote a line of.
      for (const line of value.split('\n')) if (line.trim().length >= 8 && !line.includes('-----')) found.push(line.trim());
    }
  }
  secretsOfService.set(s, found);
  return found;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type LiteralMasker = (text: string) => string;

/** Beyond this many characters in all, one pattern of every value is too big for the engine (`regexp too big`). */
const PATTERN_LIMIT = 20_000;

/** Masks any of the given values, ignoring case (a message may quote a value lowercased). */
function literalMasker(literals: readonly string[]): LiteralMasker | undefined {
  if (literals.length === 0) return undefined;
  if (literals.reduce((n, l) => n + l.length, 0) <= PATTERN_LIMIT) {
    const pattern = new RegExp(literals.map(escapeRegExp).join('|'), 'gi');
    return (text) => {
      pattern.lastIndex = 0;
      return pattern.test(text) ? text.replace(pattern, MASK) : text;
    };
  }
  // Huge values (a pasted key file): searched one by one in the lowercased text.
  const lowered = literals.map((l) => l.toLowerCase());
  return (text) => {
    const lower = text.toLowerCase();
    const haystack = lower.length === text.length ? lower : text;
    const spans: [number, number][] = [];
    lowered.forEach((l, i) => {
      const needle = haystack === lower ? l : literals[i];
      for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) spans.push([at, at + needle.length]);
    });
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let out = '';
    let from = 0;
    for (const [start, end] of spans) {
      if (end <= from) continue;
      if (start >= from) out += text.slice(from, start) + MASK;
      from = end;
    }
    return out + text.slice(from);
  };
}

/**
 * A text without any of these holds none of the kinds: one scan instead of one per kind, since
 * every message of every finding passes through here.
 */
const KIND_HINT = /AKIA|ASIA|gh[pousr]_|github_pat_|xox|k_live_|PRIVATE KEY|eyJ|:\/\/|password|pwd/i;

/** Whether a text may hold a value of a kind that looks like a secret; if not, only literal secrets of a model could need masking in it. */
export function mayHoldSecretValue(text: string): boolean {
  return KIND_HINT.test(text);
}

function mask(text: string, literals: LiteralMasker | undefined): string {
  let out = literals ? literals(text) : text;
  if (!KIND_HINT.test(out)) return out;
  for (const kind of SECRET_VALUE_KINDS) {
    kind.pattern.lastIndex = 0;
    if (!kind.pattern.test(out)) continue;
    kind.pattern.lastIndex = 0;
    out = out.replace(kind.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as Record<string, string> | undefined;
      const secret = typeof groups === 'object' && groups ? groups.secret : undefined;
      if (secret === undefined) return MASK;
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + MASK + match.slice(at + secret.length);
    });
  }
  return out;
}

/**
 * The password of every URL in a text replaced by `mask` (`postgres://app:••••••@db/x`); an
 * interpolation in its place (`${DB_PASSWORD}`, `$DB_PASSWORD`) stays. The one masker of URL
 * passwords: outputs mask with MASK, import writes WRITTEN_MASK.
 */
export function maskUrlPasswords(text: string, mask: string = MASK): string {
  URL_PASSWORD.lastIndex = 0;
  if (!URL_PASSWORD.test(text)) return text;
  URL_PASSWORD.lastIndex = 0;
  return text.replace(URL_PASSWORD, (match: string, ...rest: unknown[]) => {
    const { secret } = rest[rest.length - 1] as { secret: string };
    // The password is the last thing before the `@` that ends the match.
    return match.slice(0, match.length - secret.length - 1) + mask + '@';
  });
}

/** Masks, in any text, the given secret values (whatever their case) and whatever looks like a secret. */
export function maskSecrets(text: string, literals: readonly string[] = []): string {
  return mask(text, literalMasker(literals));
}

export type Redact = (text: string) => string;

const redactors = new WeakMap<Model, Redact>();

/**
 * A function that masks, in a text, every literal secret of the model and every substring that
 * looks like a secret: what every output passes its free text (messages, descriptions, reasons,
 * titles) through. One per model.
 */
export function redactor(model: Model, literals: readonly string[] = literalSecrets(model)): Redact {
  let redact = redactors.get(model);
  if (!redact) {
    const masker = maskerOf(literals);
    redact = (text) => mask(text, masker);
    redactors.set(model, redact);
  }
  return redact;
}

/** The last masker built, by its values: each keystroke's model has the same literal secrets as the one before. */
let lastMasker: { key: string; masker: LiteralMasker | undefined } | undefined;
function maskerOf(literals: readonly string[]): LiteralMasker | undefined {
  const key = literals.join('\0');
  if (lastMasker?.key !== key) lastMasker = { key, masker: literalMasker(literals) };
  return lastMasker.masker;
}
