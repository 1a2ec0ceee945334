// Quick fixes on the engine side: each rule's fix data turned into edits, and the exact text
// after them. Comments, order and layout around the edit stay as they were.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, MODEL_FILE, yaml } from '../helpers.js';
import { acceptFix, applyEdits, fixAll, fixAllOf, fixesFor } from '../../server/src/fix/fixes.js';

const DIGEST = `reg/a@sha256:${'a'.repeat(64)}`;

interface FixCase {
  name: string;
  model: string;
  rule: string;
  target?: string;
  title: string;
  expect: string;
}

function applyFix(c: { model: string; rule: string; target?: string; title: string }): string {
  const analysis = analyzeYaml(c.model);
  const finding = analysis.findings.find((f) => f.rule === c.rule && (c.target === undefined || f.target === c.target));
  assert.ok(finding, `no ${c.rule} finding; got ${analysis.findings.map((f) => f.fingerprint).join(', ')}`);
  const fixes = fixesFor(analysis, finding);
  const fix = fixes.find((f) => f.title === c.title);
  assert.ok(fix, `no fix titled «${c.title}»; got ${fixes.map((f) => `«${f.title}»`).join(', ')}`);
  assert.ok(fix.edits.every((e) => e.file === MODEL_FILE));
  return applyEdits(c.model, fix.edits);
}

const CASES: FixCase[] = [
  {
    name: 'a control added to a block service creates its `controls:` in block style, comments kept',
    rule: 'missing-rate-limit', title: 'Add `rate-limit: 100/min` to the controls of `gw`',
    model: yaml`
      moat: 1
      name: shop
      boundaries:
        edge: { trust: dmz }
      services:
        shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
        # the entry point
        gw:
          kind: gateway   # nginx
          boundary: edge
    `,
    expect: yaml`
      moat: 1
      name: shop
      boundaries:
        edge: { trust: dmz }
      services:
        shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }
        # the entry point
        gw:
          kind: gateway   # nginx
          boundary: edge
          controls:
            rate-limit: 100/min
    `,
  },
  {
    name: 'a control added to a flow-style service creates a flow map',
    rule: 'missing-rate-limit', title: 'Add `rate-limit: 100/min` to the controls of `gw`',
    model: `moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge }\n`,
    expect: `moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { rate-limit: 100/min } }\n`,
  },
  {
    name: 'a control joins existing flow-style controls',
    rule: 'missing-waf', title: 'Add `waf: true` to the controls of `gw`',
    model: `moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { rate-limit: 10/s } }\n`,
    expect: `moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { rate-limit: 10/s, waf: true } }\n`,
  },
  {
    name: 'a system control joins the top-level controls',
    rule: 'missing-sbom', title: 'Add `sbom: true` to the system controls',
    model: 'moat: 1\nname: shop\ncontrols:\n  central-logging: true   # loki\nservices:\n  a: { kind: user }\n',
    expect: 'moat: 1\nname: shop\ncontrols:\n  central-logging: true   # loki\n  sbom: true\nservices:\n  a: { kind: user }\n',
  },
  {
    name: 'a system control creates the top-level controls when absent',
    rule: 'missing-incident-response', title: 'Add `incident-response: docs/incident-response.md` to the system controls',
    model: 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\n',
    expect: 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\ncontrols:\n  incident-response: docs/incident-response.md\n',
  },
  {
    name: 'a flow control goes on the flow, in block style',
    rule: 'missing-failure-isolation', title: 'Add `timeout: 2s` to the flow a → x',
    model: yaml`
      moat: 1
      name: shop
      boundaries: { c: { trust: internal } }
      services:
        a:
          kind: service
          boundary: c
          calls:
            - to: x
              protocol: https
              auth: api-key
        x: { kind: external }
    `,
    expect: yaml`
      moat: 1
      name: shop
      boundaries: { c: { trust: internal } }
      services:
        a:
          kind: service
          boundary: c
          calls:
            - to: x
              protocol: https
              auth: api-key
              controls:
                timeout: 2s
        x: { kind: external }
    `,
  },
  {
    name: 'a privileged setting is removed with its line, the comment on it too, nothing else',
    rule: 'privileged-container', title: 'Remove `runtime.privileged`',
    model: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    runtime:\n      image: ${DIGEST}\n      user: 10001\n      privileged: true   # needed for eBPF\n      read-only-fs: true\n`,
    expect: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    runtime:\n      image: ${DIGEST}\n      user: 10001\n      read-only-fs: true\n`,
  },
  {
    name: 'a Docker socket mount is removed from a flow list',
    rule: 'privileged-container', title: 'Remove `/var/run/docker.sock`',
    model: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a: { kind: service, boundary: c, runtime: { image: ${DIGEST}, user: 1, mounts: [/data, /var/run/docker.sock] } }\n`,
    expect: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a: { kind: service, boundary: c, runtime: { image: ${DIGEST}, user: 1, mounts: [/data] } }\n`,
  },
  {
    name: 'an unused data asset is removed from its section',
    rule: 'unused-data', title: 'Remove the unused data asset `catalog`',
    model: 'moat: 1\nname: shop\ndata:\n  catalog: { classification: public }\n  order: { classification: confidential }\nservices:\n  a: { kind: user, calls: [{ to: a, protocol: https, data: [order] }] }\n',
    expect: 'moat: 1\nname: shop\ndata:\n  order: { classification: confidential }\nservices:\n  a: { kind: user, calls: [{ to: a, protocol: https, data: [order] }] }\n',
  },
  {
    name: 'a literal secret is replaced by a reference, in its quotes, with its comment',
    rule: 'hardcoded-secret', title: 'Replace the literal secret with the reference `vault:secret/a/db_password` (and rotate the leaked value)',
    model: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    secrets:\n      DB_PASSWORD: "hunter2hunter2"   # TODO\n',
    expect: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    secrets:\n      DB_PASSWORD: "vault:secret/a/db_password"   # TODO\n',
  },
  {
    name: 'a flow that bypasses the gateway goes to it, and the gateway calls on',
    rule: 'gateway-bypass', title: 'Route shopper → orders through the gateway `gw`',
    model: yaml`
      moat: 1
      name: shop
      boundaries: { edge: { trust: dmz }, c: { trust: internal } }
      data: { order: { classification: confidential } }
      services:
        shopper:
          kind: user
          calls:
            - { to: gw, protocol: https, auth: oidc }
            - { to: orders, protocol: https, auth: oidc, data: [order] }
        gw:
          kind: gateway
          boundary: edge
        orders: { kind: service, boundary: c }
    `,
    expect: yaml`
      moat: 1
      name: shop
      boundaries: { edge: { trust: dmz }, c: { trust: internal } }
      data: { order: { classification: confidential } }
      services:
        shopper:
          kind: user
          calls:
            - { to: gw, protocol: https, auth: oidc }
            - { to: gw, protocol: https, auth: oidc, data: [order] }
        gw:
          kind: gateway
          boundary: edge
          calls:
            - { to: orders, protocol: https, auth: oidc, data: [order] }
        orders: { kind: service, boundary: c }
    `,
  },
  {
    name: 'missing resource limits are added under the runtime',
    rule: 'missing-resource-limits', title: 'Set `runtime.limits: { cpu: 500m, memory: 256Mi }`',
    model: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    runtime:\n      image: ${DIGEST}\n      user: 10001\n`,
    expect: `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a:\n    kind: service\n    boundary: c\n    runtime:\n      image: ${DIGEST}\n      user: 10001\n      limits: { cpu: 500m, memory: 256Mi }\n`,
  },
  {
    name: 'a stale acceptance is removed, the next one kept',
    rule: 'stale-acceptance', title: 'Remove this stale acceptance',
    model: 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\naccept:\n  - rule: missing-rate-limit   # old\n    target: nothing\n    reason: gone\n  - rule: missing-sbom\n    target: system\n    reason: later\n',
    expect: 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\naccept:\n  - rule: missing-sbom\n    target: system\n    reason: later\n',
  },
  {
    name: 'an unspecified auth offers each value; the suggested one among them',
    rule: 'unspecified-auth', title: 'Set `auth: oidc`',
    model: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a: { kind: service, boundary: c, calls: [{ to: b, protocol: grpc, tls: mtls }] }\n  b: { kind: service, boundary: c }\n',
    expect: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nservices:\n  a: { kind: service, boundary: c, calls: [{ to: b, protocol: grpc, tls: mtls, auth: oidc }] }\n  b: { kind: service, boundary: c }\n',
  },
  {
    name: 'a grant narrowed to what its holders use',
    rule: 'unused-grant', title: 'Set `grants.db: [read]`',
    model: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nroles:\n  r:\n    grants:\n      db: [read, write]\nservices:\n  a: { kind: service, boundary: c, roles: [r], calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }] }\n  db: { kind: database, boundary: c }\n',
    expect: 'moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nroles:\n  r:\n    grants:\n      db: [read]\nservices:\n  a: { kind: service, boundary: c, roles: [r], calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }] }\n  db: { kind: database, boundary: c }\n',
  },
  {
    name: 'CRLF line ends are kept',
    rule: 'missing-sbom', title: 'Add `sbom: true` to the system controls',
    model: 'moat: 1\r\nname: shop\r\ncontrols:\r\n  central-logging: true\r\nservices:\r\n  a: { kind: user }\r\n',
    expect: 'moat: 1\r\nname: shop\r\ncontrols:\r\n  central-logging: true\r\n  sbom: true\r\nservices:\r\n  a: { kind: user }\r\n',
  },
];

describe('quick fixes', () => {
  for (const c of CASES) it(c.name, () => assert.equal(applyFix(c), c.expect));

  it('offers only the safe fix for "fix all", and one edit per place', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\n';
    const analysis = analyzeYaml(model);
    const system = analysis.findings.filter((f) => f.target === 'system' && f.data !== undefined && 'scope' in f.data && f.data.scope === 'system');
    assert.ok(system.length >= 2);
    // Each of them would create the top-level `controls:` at the same place: one goes in this round.
    const edits = fixAll(analysis, system);
    assert.equal(edits.length, 1);
  });

  it('counts every finding one shared edit fixes: a system control for all the services that lack it', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  a: { kind: service, runtime: { image: reg/a:1.0 } }\n  b: { kind: service, runtime: { image: reg/b:1.0 } }\n';
    const analysis = analyzeYaml(model);
    const scanning = analysis.findings.filter((f) => f.rule === 'missing-dependency-scanning');
    assert.equal(scanning.length, 2);
    const { edits, fixed } = fixAllOf(analysis, scanning);
    assert.equal(edits.length, 1);
    assert.deepEqual(fixed, scanning);
    assert.equal(applyEdits(model, edits), `${model}controls:\n  dependency-scanning: true\n`);
  });

  it('accepts into an existing flow-style `accept:` list', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  a: { kind: user }\naccept: [{ rule: missing-sbom, target: system, reason: later }]\n';
    const analysis = analyzeYaml(model);
    const finding = analysis.findings.find((f) => f.rule === 'missing-security-testing')!;
    const fix = acceptFix(analysis, finding, 'entry')!;
    assert.equal(applyEdits(model, fix.edits),
      'moat: 1\nname: shop\nservices:\n  a: { kind: user }\naccept: [{ rule: missing-sbom, target: system, reason: later }, { rule: missing-security-testing, target: system, reason: "" }]\n');
    const after = applyEdits(model, fix.edits);
    assert.equal(fix.cursor?.offset, after.indexOf('reason: "" }]') + 'reason: "'.length);
  });

  it('names the finding it accepts, and starts a new `accept:` section after a blank line', () => {
    const model = 'moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { waf: true } }\n';
    const analysis = analyzeYaml(model);
    const finding = analysis.findings.find((f) => f.rule === 'missing-rate-limit')!;
    const fix = acceptFix(analysis, finding, 'entry')!;
    assert.equal(fix.title, 'Accept `missing-rate-limit` on gw…');
    assert.equal(applyEdits(model, fix.edits), `${model}\naccept:\n  - rule: missing-rate-limit\n    target: gw\n    reason: ""\n`);
    assert.equal(acceptFix(analysis, finding, 'comment')!.title, 'Accept `missing-rate-limit` on gw…');
    // The cursor goes between the quotes of the reason, the one part left to write.
    const after = applyEdits(model, fix.edits);
    assert.deepEqual(fix.cursor, { file: MODEL_FILE, offset: after.length - '"\n'.length });
    assert.equal(after.slice(0, fix.cursor!.offset).split('\n').at(-1), '    reason: "');
  });

  it('the entry it writes, reason still empty, silences nothing and is reported once, at `low`, at the reason', () => {
    const model = 'moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { waf: true } }\n';
    for (const style of ['entry', 'comment'] as const) {
      const analysis = analyzeYaml(model);
      const fix = acceptFix(analysis, analysis.findings.find((f) => f.rule === 'missing-rate-limit')!, style)!;
      const after = applyEdits(model, fix.edits);
      const findings = analyzeYaml(after).findings;
      assert.ok(findings.some((f) => f.rule === 'missing-rate-limit' && f.target === 'gw' && !f.accepted), style);
      const added = findings.filter((f) => f.rule.startsWith('model/') || f.rule === 'stale-acceptance');
      assert.deepEqual(added.map((f) => [f.rule, f.severity, f.range.start, f.range.end]),
        [['model/type', 'low', fix.cursor!.offset + (style === 'entry' ? -1 : 0), fix.cursor!.offset + (style === 'entry' ? 1 : 0)]], style);
      assert.equal(added[0].message, 'Write the reason for this acceptance: until it has one, the finding it accepts is still reported.');
      // Once a word of the reason is typed, it accepts.
      const typed = after.slice(0, fix.cursor!.offset) + 'Limited upstream' + after.slice(fix.cursor!.offset);
      const now = analyzeYaml(typed).findings;
      assert.ok(now.find((f) => f.rule === 'missing-rate-limit' && f.target === 'gw')?.accepted, style);
      assert.deepEqual(now.filter((f) => f.rule.startsWith('model/')), [], style);
    }
  });

  it('accepts with a comment above the element, at its indentation', () => {
    const model = 'moat: 1\nname: shop\nboundaries: { edge: { trust: dmz } }\nservices:\n  shopper: { kind: user, calls: [{ to: gw, protocol: https, auth: oidc }] }\n  gw: { kind: gateway, boundary: edge, controls: { waf: true } }\n';
    const analysis = analyzeYaml(model);
    const finding = analysis.findings.find((f) => f.rule === 'missing-rate-limit')!;
    const fix = acceptFix(analysis, finding, 'comment')!;
    const after = applyEdits(model, fix.edits);
    assert.equal(after, model.replace('  gw:', '  # moat-accept missing-rate-limit: \n  gw:'));
    assert.deepEqual(fix.cursor, { file: MODEL_FILE, offset: after.indexOf(': \n  gw:') + 2 });
  });

  it('offers no acceptance for model errors', () => {
    const model = 'moat: 1\nname: shop\nservices:\n  a: { kind: usr }\n';
    const analysis = analyzeYaml(model);
    const finding = analysis.findings.find((f) => f.rule === 'model/type')!;
    assert.equal(acceptFix(analysis, finding, 'entry'), undefined);
  });
});
