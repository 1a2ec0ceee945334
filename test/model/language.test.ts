// The model language of language.md, case by case: what is read, what is reported, and where.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, findingsOf, seen, yaml } from '../helpers.js';
import { memoryHost } from '../memory-host.js';
import { checkModel } from '../../server/src/engine.js';

function problems(text: string) {
  return findingsOf(text).filter((f) => f.rule.startsWith('model/'));
}

const BASE = yaml`
  moat: 1
  name: test
  boundaries:
    cluster: { trust: internal }
`;

describe('files and versions', () => {
  it('an empty file says how a model starts', () => {
    const found = analyzeYaml('').findings;
    assert.deepEqual(found.map((f) => [f.rule, f.message]), [['model/version', 'The file is empty: a model starts with `moat: 1`.']]);
  });

  it('a missing version names the supported one, on the first line', () => {
    const text = 'name: x\nservices: {}\n';
    assert.deepEqual(problems(text), [{ rule: 'model/version', severity: 'high', target: problems(text)[0].target, text: 'name: x' }]);
    assert.match(analyzeYaml(text).findings[0].message, /moat: 1/);
  });

  it('an unknown version is reported at its value with the supported versions', () => {
    const text = 'moat: 2\nname: x\n';
    const [f] = analyzeYaml(text).findings;
    assert.equal(f.rule, 'model/version');
    assert.equal(text.slice(f.range.start, f.range.end), '2');
    assert.match(f.message, /reads version 1/);
  });

  it('a root that is not a mapping is a model/type finding', () => {
    const [f] = analyzeYaml('- a\n- b\n').findings;
    assert.equal(f.rule, 'model/type');
    assert.match(f.message, /not a list/);
  });

  it('a stream of several documents reads the first and reports the rest', () => {
    const text = 'moat: 1\nname: x\n---\nmoat: 1\n';
    const found = problems(text);
    assert.deepEqual(found.map((f) => [f.rule, f.text]), [['model/syntax', '---']]);
  });

  it('a syntax error is reported at the parser position and the rest is still analysed', () => {
    const text = yaml`
      moat: 1
      name: test
      boundaries:
        cluster: { trust: internal }
      services:
        a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: http, auth: none }] }
        b: { kind: service, boundary: cluster }
      description: "unclosed
    `;
    const found = findingsOf(text);
    assert.ok(found.some((f) => f.rule === 'model/syntax'), JSON.stringify(found));
    assert.ok(found.some((f) => f.rule === 'unencrypted-flow' && f.target === 'a->b'));
  });

  it('the name is required in the root file', () => {
    const found = problems('moat: 1\nservices: {}\n');
    assert.deepEqual(found.map((f) => [f.rule, f.text]), [['model/type', 'moat: 1']]);
  });
});

describe('keys and values', () => {
  it('an unknown key names the nearest known key, at the key', () => {
    const text = BASE + yaml`
      services:
        a: { kind: service, boundary: cluster, contrls: { waf: true } }
    `;
    const found = analyzeYaml(text).findings.filter((f) => f.rule === 'model/unknown-key');
    assert.equal(found.length, 1);
    assert.equal(seen(text, found[0]).text, 'contrls');
    assert.equal(found[0].severity, 'medium');
    assert.match(found[0].message, /did you mean `controls`\?/);
    assert.deepEqual(found[0].data, { suggestion: 'controls' });
  });

  it('an unknown control names the nearest known control', () => {
    const text = BASE + yaml`
      services:
        a: { kind: service, boundary: cluster, controls: { rate-limt: 10/s } }
    `;
    const [f] = analyzeYaml(text).findings.filter((x) => x.rule === 'model/unknown-key');
    assert.equal(seen(text, f).text, 'rate-limt');
    assert.deepEqual(f.data, { suggestion: 'rate-limit' });
  });

  it('a wrong enum value lists the allowed values and suggests the closest', () => {
    const text = BASE + yaml`
      services:
        a: { kind: servce, boundary: cluster }
    `;
    const [f] = analyzeYaml(text).findings.filter((x) => x.rule === 'model/type');
    assert.equal(seen(text, f).text, 'servce');
    assert.match(f.message, /`kind` should be one of `user`, `external`/);
    assert.match(f.message, /did you mean `service`\?/);
  });

  it('names under env and secrets are the user\'s own and free', () => {
    const text = BASE + yaml`
      services:
        a:
          kind: service
          boundary: cluster
          env: { Some_Name: x, lowerCase: y }
          secrets: { DB_PASSWORD: vault:secret/a/db }
    `;
    assert.deepEqual(problems(text), []);
  });

  it('an invalid id says what ids look like', () => {
    const text = BASE + yaml`
      services:
        Orders: { kind: service, boundary: cluster }
    `;
    const [f] = problems(text);
    assert.equal(f.text, 'Orders');
    assert.match(analyzeYaml(text).findings.find((f) => f.rule === 'model/type')!.message, /such as `orders`/);
  });

  it('a wrong type is reported at the value', () => {
    const text = BASE + yaml`
      data:
        order: { classification: confidential, pii: maybe }
    `;
    const [f] = problems(text);
    assert.deepEqual([f.rule, f.text], ['model/type', 'maybe']);
  });

  it('a malformed image digest is a model/type error', () => {
    const text = BASE + yaml`
      services:
        a: { kind: service, boundary: cluster, runtime: { image: "reg/a@sha256:abc" } }
    `;
    const [f] = problems(text);
    assert.deepEqual([f.rule, f.text], ['model/type', '"reg/a@sha256:abc"']);
  });

  it('a component other than a user or external needs a boundary', () => {
    const text = BASE + yaml`
      services:
        api: { kind: service }
        visitor: { kind: user }
    `;
    assert.deepEqual(problems(text).map((f) => [f.rule, f.text]), [['model/missing-boundary', 'api']]);
  });
});

describe('references', () => {
  it('an unresolved reference suggests the closest id, at the reference', () => {
    const text = BASE + yaml`
      data:
        order: { classification: confidential }
      roles:
        writer: { grants: { orders-db: [write] } }
      services:
        orders:
          kind: service
          boundary: clustr
          roles: [writr]
          stores: [ordr]
          calls:
            - { to: orders-bd, protocol: grpc, data: [odrer] }
        orders-db: { kind: database, boundary: cluster }
    `;
    const found = analyzeYaml(text).findings.filter((f) => f.rule === 'model/unresolved-reference');
    assert.deepEqual(found.map((f) => [seen(text, f).text, f.data && 'suggestion' in f.data ? f.data.suggestion : undefined]), [
      ['clustr', 'cluster'], ['writr', 'writer'], ['ordr', 'order'], ['orders-bd', 'orders-db'],
    ]);
  });

  it('a grant on an unknown service is unresolved at the grant key', () => {
    const text = BASE + yaml`
      roles:
        writer: { grants: { ordres: [write] } }
      services:
        orders: { kind: service, boundary: cluster, roles: [writer] }
    `;
    const found = problems(text);
    assert.deepEqual(found.map((f) => [f.rule, f.text]), [['model/unresolved-reference', 'ordres']]);
  });

  it('a duplicate id within a section is reported at the second one', () => {
    const text = BASE + yaml`
      services:
        a: { kind: service, boundary: cluster }
        a: { kind: service, boundary: cluster }
    `;
    const found = problems(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].rule, 'model/duplicate-id');
    assert.equal(text.indexOf('a: {', text.indexOf('a: {') + 1), analyzeYaml(text).findings.find((f) => f.rule === 'model/duplicate-id')!.range.start);
  });

  it('the internet boundary exists implicitly, and declaring it is allowed', () => {
    const implicit = analyzeYaml(BASE + 'services:\n  bot: { kind: external }\n  x: { kind: service, boundary: internet }\n');
    assert.equal(implicit.model.boundaries.get('internet')?.trust, 'untrusted');
    assert.equal(implicit.model.services.get('bot')?.boundary, 'internet');
    assert.deepEqual(implicit.findings.filter((f) => f.rule.startsWith('model/')), []);
    const declared = analyzeYaml('moat: 1\nname: x\nboundaries:\n  internet: { trust: untrusted }\n');
    assert.deepEqual(declared.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
  });

  it('a nesting cycle among boundaries is reported with the cycle', () => {
    const text = yaml`
      moat: 1
      name: test
      boundaries:
        a: { trust: internal, within: b }
        b: { trust: internal, within: a }
    `;
    const found = analyzeYaml(text).findings.filter((f) => f.rule === 'model/type');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /a → b → a/);
  });
});

describe('flows', () => {
  it('tls follows from the protocol when absent; unknown protocols imply nothing', () => {
    const text = BASE + yaml`
      services:
        a:
          kind: service
          boundary: cluster
          calls:
            - { to: b, protocol: https }
            - { to: b, protocol: http }
            - { to: b, protocol: grpc }
            - { to: b, protocol: http, tls: tls }
            - { to: b, protocol: kafka, tls: mtls }
        b: { kind: service, boundary: cluster }
    `;
    const { model } = analyzeYaml(text);
    assert.deepEqual(model.flows.map((f) => f.effectiveTls), ['tls', 'none', undefined, 'tls', 'mtls']);
  });

  it('targets are FROM->TO, numbered in file order for further flows, or the flow id', () => {
    const text = BASE + yaml`
      services:
        a:
          kind: service
          boundary: cluster
          calls:
            - { to: b, protocol: https }
            - { to: b, protocol: grpc }
            - { to: b, protocol: amqp, id: a-events }
            - { to: c, protocol: https }
        b: { kind: service, boundary: cluster }
        c: { kind: service, boundary: cluster }
    `;
    const { model } = analyzeYaml(text);
    assert.deepEqual(model.flows.map((f) => f.target), ['a->b', 'a->b#2', 'a-events', 'a->c']);
  });

  it('access defaults to read-write', () => {
    const { model } = analyzeYaml(BASE + 'services:\n  a: { kind: service, boundary: cluster, calls: [{ to: a, protocol: https }] }\n');
    assert.equal(model.flows[0].access, 'read-write');
  });

  it('a flow without `to` or `protocol` is a model/type finding', () => {
    const text = BASE + yaml`
      services:
        a: { kind: service, boundary: cluster, calls: [{ protocol: https }, { to: a }] }
    `;
    assert.deepEqual(problems(text).map((f) => [f.rule, f.text]), [
      ['model/type', '{ protocol: https }'], ['model/type', 'to: a'],
    ]);
  });
});

describe('anchors, aliases and merge keys', () => {
  it('work as they do in docker-compose files', () => {
    const text = yaml`
      moat: 1
      name: test
      boundaries:
        cluster: { trust: internal }
      services:
        base: &svc
          kind: service
          boundary: cluster
          controls: &hardened { rate-limit: 10/s, audit-log: true }
        a:
          <<: *svc
          tech: go
        b:
          <<: *svc
          boundary: internet
          controls: *hardened
    `;
    const { model, findings } = analyzeYaml(text);
    assert.deepEqual(findings.filter((f) => f.rule.startsWith('model/')), []);
    assert.equal(model.services.get('a')?.kind, 'service');
    assert.equal(model.services.get('a')?.boundary, 'cluster');
    assert.equal(model.services.get('a')?.tech, 'go');
    assert.equal(model.services.get('b')?.boundary, 'internet');
    assert.equal(model.services.get('b')?.controls.get('rate-limit')?.detail, '10/s');
  });
});

describe('includes', () => {
  const root = yaml`
    moat: 1
    name: split
    include:
      - teams/*.moat.yaml
      - shared.moat.yaml
    boundaries:
      cluster: { trust: internal }
  `;

  it('merges included files, follows globs, and points findings into the file where the element is', () => {
    const host = memoryHost({
      'root.moat.yaml': root,
      'teams/a.moat.yaml': 'services:\n  a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: http }] }\n',
      'teams/b.moat.yaml': 'services:\n  b: { kind: service, boundary: cluster }\n',
      'shared.moat.yaml': 'data:\n  order: { classification: internal }\n',
    });
    const a = checkModel('/m/root.moat.yaml', { host, today: '2026-11-25' });
    assert.deepEqual(a.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
    assert.deepEqual([...a.model.services.keys()], ['a', 'b']);
    const flow = a.findings.find((f) => f.rule === 'unencrypted-flow');
    assert.equal(flow?.file, '/m/teams/a.moat.yaml');
    assert.equal(a.model.files.size, 4);
  });

  it('reports a missing file at the include entry', () => {
    const host = memoryHost({ 'root.moat.yaml': 'moat: 1\nname: x\ninclude: [gone.moat.yaml]\n' });
    const a = checkModel('/m/root.moat.yaml', { host });
    const [f] = a.findings.filter((x) => x.rule.startsWith('model/'));
    assert.equal(f.rule, 'model/include');
    assert.equal(f.file, '/m/root.moat.yaml');
    assert.equal(a.model.files.get(f.file)!.text.slice(f.range.start, f.range.end), 'gone.moat.yaml');
    assert.match(f.message, /Cannot include `gone.moat.yaml`: no such file/);
  });

  it('reports a cycle at the include entry that closes it, naming the cycle', () => {
    const host = memoryHost({
      'root.moat.yaml': 'moat: 1\nname: x\ninclude: [a.moat.yaml]\n',
      'a.moat.yaml': 'include: [b.moat.yaml]\n',
      'b.moat.yaml': 'include: [a.moat.yaml]\n',
    });
    const a = checkModel('/m/root.moat.yaml', { host });
    const cycles = a.findings.filter((f) => f.rule === 'model/include');
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].file, '/m/b.moat.yaml');
    assert.match(cycles[0].message, /Include cycle: a\.moat\.yaml → b\.moat\.yaml → a\.moat\.yaml/);
  });

  it('reports an id declared in two files at the second, naming the first', () => {
    const host = memoryHost({
      'root.moat.yaml': 'moat: 1\nname: x\ninclude: [a.moat.yaml]\nboundaries:\n  cluster: { trust: internal }\n',
      'a.moat.yaml': 'boundaries:\n  cluster: { trust: dmz }\n',
    });
    const a = checkModel('/m/root.moat.yaml', { host });
    const [f] = a.findings.filter((x) => x.rule === 'model/duplicate-id');
    assert.equal(f.file, '/m/a.moat.yaml');
    assert.match(f.message, /already declared \(line 5\)/);
  });

  it('a pattern that matches nothing is reported', () => {
    const host = memoryHost({ 'root.moat.yaml': 'moat: 1\nname: x\ninclude: ["nope/*.moat.yaml"]\n' });
    const [f] = checkModel('/m/root.moat.yaml', { host }).findings.filter((x) => x.rule.startsWith('model/'));
    assert.equal(f.rule, 'model/include');
    assert.match(f.message, /matches no file/);
  });
});

describe('acceptances', () => {
  const model = BASE + yaml`
    services:
      a:
        kind: service
        boundary: cluster
        calls:
          - { to: b, protocol: http, auth: jwt }
      b: { kind: service, boundary: cluster }
  `;

  it('an accept entry silences the finding it names, with its reason on record', () => {
    const text = model + yaml`
      accept:
        - { rule: unencrypted-flow, target: a->b, reason: Sidecar on localhost., until: 2027-06-30, by: platform }
    `;
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'unencrypted-flow')!;
    assert.deepEqual(f.accepted && { reason: f.accepted.reason, until: f.accepted.until, by: f.accepted.by },
      { reason: 'Sidecar on localhost.', until: '2027-06-30', by: 'platform' });
  });

  it('an inline comment on the line above the element silences it', () => {
    const text = model.replace('      - { to: b, protocol: http', '      # moat-accept unencrypted-flow: Sidecar on localhost.\n      - { to: b, protocol: http');
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'unencrypted-flow')!;
    assert.equal(f.accepted?.reason, 'Sidecar on localhost.');
  });

  it('an inline comment after the element, on its line, silences it; its rule id is where the fix edits', () => {
    const text = model.replace('auth: jwt }', 'auth: jwt }  #moat-accept unencrypted-flow: Sidecar on localhost.');
    const a = analyzeYaml(text);
    assert.equal(a.findings.find((x) => x.rule === 'unencrypted-flow')!.accepted?.reason, 'Sidecar on localhost.');
    const [acceptance] = a.model.acceptances;
    assert.equal(text.slice(acceptance.range.start, acceptance.range.end), '#moat-accept unencrypted-flow: Sidecar on localhost.');
    assert.equal(text.slice(acceptance.ruleRange!.start, acceptance.ruleRange!.end), 'unencrypted-flow');
  });

  // Only YAML's comments accept: the same words as text are text (issue 12, defect 2).
  for (const [where, from, to] of [
    ['a double-quoted string', 'a:\n', 'a:\n    description: "x # moat-accept unencrypted-flow: y"\n'],
    ['a single-quoted string', 'a:\n', "a:\n    description: 'x # moat-accept unencrypted-flow: y'\n"],
    ['a block scalar', 'a:\n', 'a:\n    description: |\n      notes\n      # moat-accept unencrypted-flow: y\n'],
    ['a multi-line quoted string', 'a:\n', 'a:\n    description: "notes\n\n      # moat-accept unencrypted-flow: y"\n'],
    ['a flow collection\'s string', 'auth: jwt }', 'auth: jwt, description: "# moat-accept unencrypted-flow: y" }'],
  ] as const) {
    it(`the words \`# moat-accept\` inside ${where} silence nothing`, () => {
      const text = model.replace(from, to);
      assert.ok(text.includes('moat-accept'));
      const a = analyzeYaml(text);
      assert.deepEqual(a.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
      assert.deepEqual(a.model.acceptances, []);
      const f = a.findings.find((x) => x.rule === 'unencrypted-flow')!;
      assert.equal(f.accepted, undefined);
    });
  }

  it('an inline comment in a model read whole (it has an anchor) silences too, and quoted text does not', () => {
    const text = model.replace('a:\n', 'a:\n    description: &d "x # moat-accept unencrypted-flow: y"\n')
      .replace('      - { to: b, protocol: http', '      # moat-accept unencrypted-flow: Sidecar on localhost.\n      - { to: b, protocol: http');
    const a = analyzeYaml(text);
    assert.equal(a.model.acceptances.length, 1);
    assert.equal(a.findings.find((x) => x.rule === 'unencrypted-flow')!.accepted?.reason, 'Sidecar on localhost.');
  });

  it('an acceptance past its date returns the finding, the day after `until`', () => {
    const text = model + 'accept:\n  - { rule: unencrypted-flow, target: a->b, reason: Temporary., until: 2026-11-24 }\n';
    const f = analyzeYaml(text).findings.find((x) => x.rule === 'unencrypted-flow')!;
    assert.equal(f.accepted, undefined);
    assert.equal(f.expired?.until, '2026-11-24');
    const onTheDay = model + 'accept:\n  - { rule: unencrypted-flow, target: a->b, reason: Temporary., until: 2026-11-25 }\n';
    assert.ok(analyzeYaml(onTheDay).findings.find((x) => x.rule === 'unencrypted-flow')!.accepted);
  });

  it('a reason is required', () => {
    const text = model + 'accept:\n  - { rule: unencrypted-flow, target: a->b }\n';
    const found = analyzeYaml(text).findings.filter((f) => f.rule === 'model/type');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /`reason:`/);
    assert.equal(found[0].severity, 'high');
  });

  it('an empty reason, as one is being written, silences nothing and is reported once, at `low`, at the reason', () => {
    for (const written of ['reason: ""', "reason: ''", 'reason:', 'reason: "  "']) {
      const text = model + `accept:\n  - rule: unencrypted-flow\n    target: a->b\n    ${written}\n`;
      const a = analyzeYaml(text);
      assert.equal(a.findings.find((f) => f.rule === 'unencrypted-flow')!.accepted, undefined, written);
      const problems = a.findings.filter((f) => f.rule.startsWith('model/') || f.rule === 'stale-acceptance');
      assert.deepEqual(problems.map((f) => [f.rule, f.severity]), [['model/type', 'low']], written);
      assert.equal(problems[0].message, 'Write the reason for this acceptance: until it has one, the finding it accepts is still reported.');
      const value = written.slice('reason:'.length).trim();
      if (value) assert.equal(seen(text, problems[0]).text, value, written);
    }
  });

  it('an inline acceptance with a rule and no reason yet is reported once, at `low`, where the reason goes', () => {
    const text = model.replace('  a:', '  # moat-accept unencrypted-flow: \n  a:');
    const a = analyzeYaml(text);
    assert.equal(a.findings.find((f) => f.rule === 'unencrypted-flow')!.accepted, undefined);
    const problems = a.findings.filter((f) => f.rule.startsWith('model/') || f.rule === 'stale-acceptance');
    assert.deepEqual(problems.map((f) => [f.rule, f.severity, f.range.start, f.range.end]),
      [['model/type', 'low', text.indexOf(': \n  a:') + 2, text.indexOf(': \n  a:') + 2]]);
    // Without a rule it is still an error.
    const noRule = model.replace('  a:', '  # moat-accept : because\n  a:');
    assert.deepEqual(analyzeYaml(noRule).findings.filter((f) => f.rule === 'model/type').map((f) => f.severity), ['high']);
  });

  it('an acceptance of an unknown rule is an unresolved reference at the rule id', () => {
    const text = model + 'accept:\n  - { rule: unencrypted-flw, target: a->b, reason: x }\n';
    const [f] = analyzeYaml(text).findings.filter((x) => x.rule === 'model/unresolved-reference');
    assert.equal(seen(text, f).text, 'unencrypted-flw');
    assert.deepEqual(f.data, { suggestion: 'unencrypted-flow', id: 'unencrypted-flw' });
  });
});

describe('acceptances and the catalogue', () => {
  const model = BASE + yaml`
    services:
      a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: http, auth: jwt }] }
      b: { kind: service, boundary: cluster }
  `;

  it('an acceptance of an unknown rule is reported once, as an unresolved reference, not also as stale', () => {
    const text = model + 'accept:\n  - { rule: unencrypted-flw, target: a->b, reason: x }\n';
    const rules = analyzeYaml(text).findings.filter((f) => f.range.start > text.indexOf('accept:')).map((f) => f.rule);
    assert.deepEqual(rules, ['model/unresolved-reference']);
  });

  it('an acceptance of a rule switched off is not stale', () => {
    const text = model + 'accept:\n  - { rule: unencrypted-flow, target: a->b, reason: x }\n';
    const found = analyzeYaml(text, { rules: new Map([['unencrypted-flow', 'off']]) }).findings;
    assert.deepEqual(found.filter((f) => f.rule === 'stale-acceptance'), []);
  });
});
