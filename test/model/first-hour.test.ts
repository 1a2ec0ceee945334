// Messages a new user meets in the first hour, each as it reads, where it points.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';

const HEAD = yaml`
  moat: 1
  name: shop
  boundaries:
    cluster: { trust: internal }
  data:
    order: { classification: confidential }
    cart: { classification: internal }
`;

function modelFindings(services: string) {
  const text = HEAD + 'services:\n' + services;
  return analyzeYaml(text).findings
    .filter((f) => f.rule.startsWith('model/'))
    .map((f) => ({ rule: f.rule, text: text.slice(f.range.start, f.range.end), message: f.message }));
}

describe('the reader explains what was meant', () => {
  it('a control written beside `controls:` says where it goes', () => {
    assert.deepEqual(modelFindings(yaml`
      a:
        kind: service
        boundary: cluster
        calls:
          - to: b
            protocol: https
            auth: jwt
            timeout: 2s
      b: { kind: service, boundary: cluster }
    `.replace(/^/gm, '  ')), [{
      rule: 'model/unknown-key', text: 'timeout',
      message: "`timeout` is a control: write it under the flow's `controls:` (`controls: { timeout: 2s }`).",
    }]);
  });

  it('a control of a service written on a flow says where it may stand', () => {
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: https, auth: jwt, rate-limit: 10/s }] }\n  b: { kind: service, boundary: cluster }\n'), [{
      rule: 'model/unknown-key', text: 'rate-limit',
      message: '`rate-limit` is a control of a service, not of a flow: write it under the `controls:` of one.',
    }]);
  });

  it('a control in the `controls:` of the wrong place says where it may stand', () => {
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: https, auth: jwt, controls: { rate-limit: 10/s } }] }\n  b: { kind: service, boundary: cluster }\n'), [{
      rule: 'model/unknown-key', text: 'rate-limit',
      message: '`rate-limit` is a control of a service, not of a flow: write it under the `controls:` of one.',
    }]);
    const text = HEAD.replace('moat: 1\n', 'moat: 1\ncontrols: { waf: true }\n') + 'services:\n  a: { kind: service, boundary: cluster }\n';
    assert.deepEqual(analyzeYaml(text).findings.filter((f) => f.rule.startsWith('model/')).map((f) => [text.slice(f.range.start, f.range.end), f.message]), [
      ['waf', '`waf` is a control of a service, not of the whole system: write it under the `controls:` of one.'],
    ]);
  });

  it('a control on a service outside its `controls:`', () => {
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, waf: true }\n'), [{
      rule: 'model/unknown-key', text: 'waf',
      message: "`waf` is a control: write it under the service's `controls:` (`controls: { waf: true }`).",
    }]);
  });

  it('two list items written without brackets say so, and both are read', () => {
    const text = HEAD + 'services:\n  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: https, auth: jwt }] }\n  b:\n    kind: database\n    boundary: cluster\n    stores: order, cart\n';
    const analysis = analyzeYaml(text);
    const found = analysis.findings.filter((f) => f.rule.startsWith('model/'));
    assert.deepEqual(found.map((f) => [f.rule, text.slice(f.range.start, f.range.end), f.message]), [
      ['model/type', 'order, cart', '`stores: order, cart` is one name with a comma in it; a list of 2 needs brackets: `stores: [order, cart]`.'],
    ]);
    assert.deepEqual(analysis.model.services.get('b')!.stores, ['order', 'cart']);
  });

  for (const [written, meant] of [['grcp', 'grpc'], ['postgresql', 'postgres'], ['htps', 'https']]) {
    it(`an unknown protocol close to a known one: \`${written}\` → \`${meant}\`, still allowed (the unknown-protocol rule asks)`, () => {
      const text = HEAD + `services:\n  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: ${written}, tls: tls, auth: jwt }] }\n  b: { kind: service, boundary: cluster }\n`;
      const analysis = analyzeYaml(text);
      assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')), []);
      const asked = analysis.findings.filter((f) => f.rule === 'unknown-protocol');
      assert.deepEqual(asked.map((f) => text.slice(f.range.start, f.range.end)), [written]);
      assert.ok(asked[0].message.includes(`did you mean \`${meant}\``), asked[0].message);
      assert.equal(analysis.model.flows[0].protocol, written);
    });
  }

  it('a protocol far from every known one, or of three letters, is allowed without a word', () => {
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: tds, tls: tls, auth: jwt }] }\n  b: { kind: service, boundary: cluster }\n'), []);
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: soap, tls: tls, auth: jwt }] }\n  b: { kind: service, boundary: cluster }\n'), []);
  });

  it('`auth: mtls` over a flow without TLS is a model/type error, at the auth', () => {
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: http, auth: mtls }] }\n  b: { kind: service, boundary: cluster }\n'), [{
      rule: 'model/type', text: 'mtls',
      message: '`auth: mtls` needs TLS, but `protocol: http` is unencrypted: use `https`, or choose another `auth`.',
    }]);
    assert.deepEqual(modelFindings('  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc, tls: none, auth: mtls }] }\n  b: { kind: service, boundary: cluster }\n'), [{
      rule: 'model/type', text: 'mtls',
      message: '`auth: mtls` needs TLS, but this flow says `tls: none`: set `tls: mtls`, or choose another `auth`.',
    }]);
  });
});

describe('messages name what is there', () => {
  it('a boundary that does not resolve is no boundary: no crossing from or to an empty name', () => {
    const text = HEAD + 'services:\n  a: { kind: service, boundary: clustr, calls: [{ to: b, protocol: https, auth: jwt }] }\n  b: { kind: service, boundary: cluster }\n';
    const analysis = analyzeYaml(text);
    assert.equal(analysis.model.services.get('a')!.boundary, '');
    const messages = analysis.findings.map((f) => f.message);
    assert.ok(messages.includes('No boundary is named `clustr`; did you mean `cluster`?'), messages.join('\n'));
    assert.deepEqual(messages.filter((m) => /\( → |→ \)|boundary `clustr`/.test(m)), []);
    assert.ok(!analysis.findings.some((f) => f.rule === 'missing-failure-isolation'));
  });

  it('a flow across boundaries without a timeout says the timeout goes under the flow\'s controls', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries:
        edge: { trust: dmz }
        cluster: { trust: internal }
      services:
        a: { kind: gateway, boundary: edge, calls: [{ to: b, protocol: https, auth: jwt }] }
        b: { kind: service, boundary: cluster }
    `;
    const f = analyzeYaml(model).findings.find((x) => x.rule === 'missing-failure-isolation')!;
    assert.equal(f.message, "a → b calls across boundaries (edge → cluster) synchronously with neither `timeout` nor `circuit-breaker`: a slow `b` ties up `a`. Add `timeout: 2s` under the flow's `controls:`.");
  });

  it('an external pushing data with `access` unset: the message says read-write is assumed and the fix states `access: write`', () => {
    const text = HEAD + 'services:\n  stripe:\n    kind: external\n    calls:\n      - { to: api, protocol: https, auth: signature, data: [order] }\n  api: { kind: service, boundary: cluster }\n';
    const analysis = analyzeYaml(text);
    const f = analysis.findings.find((x) => x.rule === 'sensitive-data-to-lower-trust')!;
    assert.equal(f.message, 'The external `stripe` opens a flow to `api` carrying `order` (confidential), and `access` is not set, so read-write is assumed: `stripe` may read it. If `stripe` only sends (a webhook, an upload), say so with `access: write`; if it reads, make sure it must.');
    assert.deepEqual(f.data, { prop: 'access', value: 'write' });
    // A webhook signed with a shared key is authenticated.
    assert.ok(!analysis.findings.some((x) => x.rule === 'unauthenticated-flow' || x.rule === 'unspecified-auth'));
    const written = analyzeYaml(text.replace('auth: signature,', 'auth: signature, access: write,')).findings;
    assert.ok(!written.some((x) => x.rule === 'sensitive-data-to-lower-trust'));
  });
});

describe('the cause before its consequences', () => {
  it('a misspelt key is ranked at least as high as what it causes on its element', () => {
    const text = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      data: { order: { classification: confidential } }
      services:
        api: { kind: service, boundary: cluster, calls: [{ to: db, protocol: tcp, tsl: tls, auth: password, data: [order] }] }
        db: { kind: database, boundary: cluster, stores: [order], controls: { encryption-at-rest: true, audit-log: true } }
    `;
    const found = analyzeYaml(text).findings;
    const typo = found.find((f) => f.rule === 'model/unknown-key')!;
    assert.equal(typo.message, 'Unknown key `tsl` in a flow of `api`; did you mean `tls`?');
    const knockOn = found.find((f) => f.rule === 'unencrypted-flow')!;
    assert.deepEqual([knockOn.target, knockOn.severity], ['api->db', 'high']);
    assert.equal(typo.severity, 'high');
    // A severity the user chose for misspelt keys stays theirs.
    const lowered = analyzeYaml(text, { rules: new Map([['model/unknown-key', 'low']]) }).findings.find((f) => f.rule === 'model/unknown-key')!;
    assert.equal(lowered.severity, 'low');
  });

  it('a misspelt key on an element without worse findings keeps its own severity', () => {
    const text = HEAD + 'services:\n  a: { kind: service, boundary: cluster, ownr: team-a }\n';
    assert.equal(analyzeYaml(text).findings.find((f) => f.rule === 'model/unknown-key')!.severity, 'medium');
  });
});

describe('no suggestion that the language refuses', () => {
  it('over a flow without TLS, `auth: mtls` is neither suggested nor offered', () => {
    const text = HEAD + 'services:\n  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: http }] }\n  b: { kind: service, boundary: cluster }\n';
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'unspecified-auth')!;
    assert.equal(f.message, 'a → b does not say how a authenticates to b, so no rule can judge it. Add `auth:` to the flow (for example `auth: jwt`, or `auth: none` if it really has none).');
    const data = f.data as { value: string; choices: string[] };
    assert.equal(data.value, 'jwt');
    assert.ok(!data.choices.includes('mtls'));
    const tls = analyzeYaml(text.replace('protocol: http', 'protocol: https')).findings.find((x) => x.rule === 'unspecified-auth')!;
    assert.equal((tls.data as { value: string }).value, 'mtls');
  });
});
