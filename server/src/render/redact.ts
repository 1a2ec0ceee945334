// Reports and diagrams quote free text (finding messages, descriptions). A secret written into
// the model must never travel on through them, even if a rule's message or a description
// repeats it: every literal secret value of the model is masked wherever it appears.

import type { Model } from '../model/types.js';

export const MASK = '••••••';

const REFERENCE = /^(?:(?:vault|aws-sm|gcp-sm|azure-kv|k8s-secret|env|file):\S|\$\{[^}]+\}$)/;
const SECRET_NAME = /password|passwd|secret|token|apikey|privatekey|credential/;
const SECRET_VALUE = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\bghp_[A-Za-z0-9]{20,}/,
  /\bxox[a-z]-[A-Za-z0-9-]{10,}/,
  /\bsk_live_[A-Za-z0-9]{10,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
];

/** Values in the model that are, or look like, literal secrets (as rules.md's `hardcoded-secret` defines them). */
export function literalSecrets(model: Model): string[] {
  const found = new Set<string>();
  for (const s of model.services.values()) {
    for (const { value } of s.secrets) if (value.trim() !== '' && !REFERENCE.test(value.trim())) found.add(value);
    for (const { name, value } of s.env) {
      const plainName = name.toLowerCase().replace(/[^a-z0-9]/g, '');
      if (value.trim() === '' || REFERENCE.test(value.trim())) continue;
      if (SECRET_NAME.test(plainName) || SECRET_VALUE.some((re) => re.test(value))) found.add(value);
    }
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** A function that masks the model's literal secrets in a text. */
export function redactor(model: Model): (text: string) => string {
  const secrets = literalSecrets(model);
  if (secrets.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const s of secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  };
}
