// One masker of a URL's password (server/src/model/secrets.ts): outputs write `••••••`, import
// writes `***` (deployment.md); both agree on what a password is, `$` interpolations included.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, WRITTEN_MASK, maskSecrets, maskUrlPasswords, secretKind } from '../../server/src/model/secrets.js';
import { shown } from '../../server/src/deployment/show.js';
import { maskPassword } from '../../server/src/import/references.js';
import { redactText } from '../../server/src/import/redact.js';

const CASES: { text: string; masked: string; secret: boolean }[] = [
  { text: 'postgres://app:hunter2@db:5432/shop', masked: 'postgres://app:#@db:5432/shop', secret: true },
  { text: 'redis://:hunter2@cache:6379', masked: 'redis://:#@cache:6379', secret: true },
  { text: 'jdbc:mysql://app:Pa55word@db/x', masked: 'jdbc:mysql://app:#@db/x', secret: true },
  { text: 'DATABASE_URL=postgres://a:x1@db and amqp://b:y2@mq', masked: 'DATABASE_URL=postgres://a:#@db and amqp://b:#@mq', secret: true },
  // A password that starts with `$` is a password...
  { text: 'postgres://app:$3cr3t!@db/x', masked: 'postgres://app:#@db/x', secret: true },
  { text: 'postgres://app:$$double@db/x', masked: 'postgres://app:#@db/x', secret: true },
  // ...an interpolation in its place is not.
  { text: 'postgres://app:${DB_PASSWORD}@db/x', masked: 'postgres://app:${DB_PASSWORD}@db/x', secret: false },
  { text: 'postgres://app:$DB_PASSWORD@db/x', masked: 'postgres://app:$DB_PASSWORD@db/x', secret: false },
  // Already masked, by either mask: nothing left to mask, and no secret.
  { text: 'postgres://app:***@db/x', masked: 'postgres://app:***@db/x', secret: false },
  { text: `postgres://app:${MASK}@db/x`, masked: `postgres://app:${MASK}@db/x`, secret: false },
  // No password at all.
  { text: 'postgres://app@db/x', masked: 'postgres://app@db/x', secret: false },
  { text: 'https://example.com:8443/path', masked: 'https://example.com:8443/path', secret: false },
];

describe('maskUrlPasswords', () => {
  for (const c of CASES) {
    it(`${c.text}: ${c.secret ? 'a secret, masked' : 'no secret, kept'} with either mask`, () => {
      assert.equal(maskUrlPasswords(c.text), c.masked.replaceAll('#', MASK));
      assert.equal(maskUrlPasswords(c.text, WRITTEN_MASK), c.masked.replaceAll('#', WRITTEN_MASK));
      assert.equal(secretKind(c.text) === 'a password inside a URL', c.secret);
      // What the rule flags is what is masked: no output shows a URL password the rule does not see, and back.
      assert.equal(maskSecrets(c.text), maskUrlPasswords(c.text));
    });
  }

  it('import (references, redact) and deployment messages (show) write `***` through it', () => {
    const url = 'postgres://app:$3cr3t@db/x';
    assert.equal(maskPassword(url), 'postgres://app:***@db/x');
    assert.equal(redactText(url), 'postgres://app:***@db/x');
    assert.equal(shown(url), 'postgres://app:***@db/x');
    assert.equal(shown('postgres://app:${DB_PASSWORD}@db/x'), 'postgres://app:${DB_PASSWORD}@db/x');
    // A URL whose masked form still holds a secret is not shown at all.
    assert.equal(shown('postgres://app:x@db/?token=ghp_R7xK2mQ9vL4nT8wZ1yB5cD3fG6hJ0kP2sU4e'), '(a value that looks like a secret)');
  });
});
