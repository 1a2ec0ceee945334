// The last guard before a model is written: no string of it (a name, a value, a comment) repeats
// a secret. A password in a URL becomes `***`; any other string the catalogue takes for a secret
// is replaced by a placeholder; a map entry whose *name* looks like a secret is dropped. The
// importers never put a secret there on purpose; this holds whatever the input was.

import { maskUrlPasswords, secretKind, WRITTEN_MASK } from '../model/secrets.js';
import type { ImportedModel } from './imported.js';

const PLACEHOLDER = '(not shown: it looks like a secret)';

export function redactText(text: string): string {
  const masked = maskUrlPasswords(text, WRITTEN_MASK);
  return secretKind(masked) ? PLACEHOLDER : masked;
}

function redact(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (redactText(k) !== k) continue;
      out[k] = redact(v);
    }
    // `{ name, value }` entries (env, secrets) whose name looks like a secret are dropped by the caller.
    return out;
  }
  return value;
}

export function redactModel(model: ImportedModel): ImportedModel {
  const out = redact(model) as ImportedModel;
  for (const s of out.services) {
    const keep = (v: { name: string }) => redactText(v.name) === v.name;
    if (s.env) s.env = s.env.filter(keep);
    if (s.secrets) s.secrets = s.secrets.filter(keep);
  }
  return out;
}
