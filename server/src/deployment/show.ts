// What the user wrote, as messages and comments may repeat it: never a secret. A password in a
// URL becomes `***`; any other value the catalogue takes for a secret is not repeated at all.

import { secretKind } from '../model/secrets.js';

/** The password in a URL replaced by `***` (`postgres://app:***@db/x`); a `${VAR}` stays. */
export function maskPassword(value: string): string {
  return value.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)(?!\$\{)([^\s@/]+)@/gi, '$1***@');
}

/** Whether a value, its URL passwords masked, still looks like a secret (`***` itself is not one). */
export function looksSecretAfterMasking(masked: string): boolean {
  return secretKind(masked.replace(/:\*\*\*@/g, '@')) !== undefined;
}

/** `value` as a message may show it. */
export function shown(value: string): string {
  if (!secretKind(value)) return value;
  const masked = maskPassword(value);
  return looksSecretAfterMasking(masked) ? '(a value that looks like a secret)' : masked;
}
