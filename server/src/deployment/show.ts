// What the user wrote, as messages and comments may repeat it: never a secret. A password in a
// URL becomes `***`; any other value the catalogue takes for a secret is not repeated at all.

import { maskUrlPasswords, secretKind, WRITTEN_MASK } from '../model/secrets.js';

/** `value` as a message may show it. */
export function shown(value: string): string {
  if (!secretKind(value)) return value;
  const masked = maskUrlPasswords(value, WRITTEN_MASK);
  return secretKind(masked) ? '(a value that looks like a secret)' : masked;
}
