// A model with secrets written into it: the `hardcoded-secret` findings name where they are,
// and the secret values themselves appear in no output, of any format, of any command.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../server/src/engine.js';
import { assertCleanExit, cliExists, runCli, tempDir } from './support.js';

/** Distinctive values, so that finding any of them in an output is never a coincidence. */
const SECRETS = {
  literal: 'Tr0ub4dor-and-3-LITERAL-9f2c',
  password: 'hunter2-PASSWORD-7d1e',
  aws: 'AKIAZQ3DRSXMPLE7Q2LA',
  github: 'ghp_R7xK2mQ9vL4nT8wZ1yB5cD3fG6hJ0kP2sU4e',
  stripe: 'sk_live_51HxQ2eR8vT3mK9pL4nW7yZ0a',
  slack: 'xoxb-2048-4096-SLACKTOKEN77',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb2F0LXRlc3QifQ.c2lnbmF0dXJlLXZhbHVlLTQy',
  pemBody: 'MIIEowIBAAKCAQEAzPEMBODYmoat7Kq',
  flowStyle: 'flow-STYLE-secret-5b8a',
  quoted: 'quoted "and" escaped \\ secret-e41',
};

const MODEL = `moat: 1
name: Leaky shop
boundaries:
  cluster: { trust: internal }
data:
  order: { classification: confidential, pii: true }
services:
  shopper:
    kind: user
    calls:
      - { to: api, protocol: https, auth: oidc, data: [order] }
  api:
    kind: gateway
    boundary: cluster
    description: The public API
    controls: { rate-limit: 100/min, waf: true }
    secrets:
      SIGNING_KEY: ${SECRETS.literal}
      DB_PASSWORD: "${SECRETS.password}"
    env:
      AWS_ACCESS_KEY_ID: ${SECRETS.aws}
      GH_TOKEN: ${SECRETS.github}
      PAYMENTS: ${SECRETS.stripe}
      NOTIFY: ${SECRETS.slack}
      SESSION: ${SECRETS.jwt}
      TLS_KEY: |
        -----BEGIN RSA PRIVATE KEY-----
        ${SECRETS.pemBody}
        -----END RSA PRIVATE KEY-----
    calls:
      - { to: orders, protocol: grpc, tls: mtls, auth: mtls, data: [order] }
  orders:
    kind: service
    boundary: cluster
    secrets: { API_SECRET: ${SECRETS.flowStyle}, OTHER: '${SECRETS.quoted.replace(/'/g, "''")}' }
    calls:
      - { to: orders-db, protocol: postgres, tls: tls, auth: password, data: [order] }
  orders-db:
    kind: database
    boundary: cluster
    stores: [order]
    controls: { encryption-at-rest: true }
`;

/** Each secret, and the parts of it long enough to identify it (a value cut in half leaks too). */
function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(SECRETS)) {
    const probes = [value, value.slice(0, Math.ceil(value.length / 2)), value.slice(Math.floor(value.length / 2))];
    if (probes.some((p) => output.includes(p) || output.includes(JSON.stringify(p).slice(1, -1)))) found.push(name);
  }
  return found;
}

describe('hardcoded secrets never reach an output', () => {
  it('the probe finds every secret in the model itself', () => {
    assert.deepEqual(leaks(MODEL).sort(), Object.keys(SECRETS).sort());
  });

  it('the engine reports them, in messages that do not repeat them', () => {
    const analysis = checkText(MODEL, path.resolve('/virtual/leaky.moat.yaml'), { today: '2026-11-25' });
    const secrets = analysis.findings.filter((f) => f.rule === 'hardcoded-secret');
    assert.ok(secrets.length >= 8, `only ${secrets.length} hardcoded-secret findings: ${secrets.map((f) => f.target).join(', ')}`);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
    for (const f of analysis.findings) assert.deepEqual(leaks(f.message), [], `${f.rule}: ${f.message}`);
  });

  describe('through the command line', { concurrency: 4, skip: cliExists ? false : 'server/src/cli/main.ts is not written yet' }, () => {
    let dir: string;
    let file: string;
    before(() => {
      dir = tempDir('moat-secrets-');
      file = path.join(dir, 'leaky.moat.yaml');
      fs.writeFileSync(file, MODEL);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const commands: string[][] = [
      ...['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'].map((format) => ['check', 'FILE', '--format', format]),
      ...['mermaid', 'markdown', 'html'].map((format) => ['diagram', 'FILE', '--format', format]),
      ...['markdown', 'html'].map((format) => ['report', 'FILE', '--format', format]),
    ];
    for (const command of commands) {
      it(`moat ${command.join(' ')}`, { timeout: 90_000 }, async () => {
        const run = await runCli(command.map((a) => (a === 'FILE' ? file : a)), { cwd: dir });
        assertCleanExit(run, command.join(' '));
        assert.ok(run.stdout.length > 0, `${command.join(' ')} printed nothing; stderr: ${run.stderr.slice(0, 300)}`);
        if (command[0] === 'check') assert.match(run.stdout, /hardcoded-secret/);
        assert.deepEqual(leaks(run.stdout + run.stderr), [], `${command.join(' ')} shows a secret`);
      });
    }

    it('moat check --output FILE writes no secret either', { timeout: 90_000 }, async () => {
      const out = path.join(dir, 'report.sarif');
      const run = await runCli(['check', file, '--format', 'sarif', '--output', out], { cwd: dir });
      assertCleanExit(run, 'check --output');
      assert.deepEqual(leaks(fs.readFileSync(out, 'utf8')), []);
    });
  });
});
