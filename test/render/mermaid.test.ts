import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import { escapeLabel, selectView, toMermaid, tooLargeToDraw } from '../../server/src/render/mermaid.js';
import { HOSTILE, HOSTILE_TEXT, SHOP } from './fixtures.js';
import { ruleById } from '../../server/src/rules/index.js';

// Two rules only, so the pictures do not shift as the catalogue grows.
const CATALOGUE = { catalogue: [ruleById('unencrypted-flow')!, ruleById('unauthenticated-flow')!] };
const shop = () => buildDiagram(analyzeYaml(SHOP, CATALOGUE));

/** What a reader sees of a label: Mermaid's entity codes decoded. */
function decode(label: string): string {
  return label.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

describe('escapeLabel', () => {
  it('leaves nothing Mermaid or HTML would read as syntax', () => {
    for (const text of HOSTILE_TEXT) {
      const label = escapeLabel(text);
      assert.match(label, /^(?:[A-Za-z0-9 .,:/_+=@-]|[^\x00-\x7f]|#\d+;)*$/, label);
      assert.equal(decode(label), text);
    }
  });

  it('keeps any text readable and inert', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      const label = escapeLabel(text);
      assert.match(label, /^(?:[A-Za-z0-9 .,:/_+=@-]|[^\x00-\x7f]|#\d+;)*$/);
      assert.equal(decode(label), text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/gu, ' '));
    }));
  });
});

describe('toMermaid', () => {
  it('draws boundaries as nested groups, by trust, leaving out empty ones', () => {
    const { text, groups } = toMermaid(shop());
    assert.deepEqual([...groups.values()].sort(), ['cluster', 'edge', 'internet', 'pci']);
    const lines = text.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    assert.ok(at('subgraph b_cluster[') < at('subgraph b_pci['), 'pci opens inside cluster');
    assert.ok(at('subgraph b_pci[') < at('s_payments[') && at('s_payments[') < lines.indexOf('    end'));
    assert.match(text, /subgraph b_pci\["pci · restricted"\]/);
    assert.match(text, /class b_pci trust_restricted\n/);
    assert.match(text, /class b_internet trust_untrusted\n/);
    assert.doesNotMatch(text, /unused/);
  });

  it('gives each kind its shape', () => {
    const { text } = toMermaid(shop());
    assert.match(text, /s_shopper\(\["shopper<br>user"\]\)/);
    assert.match(text, /s_partner>"partner<br>external"\]/);
    assert.match(text, /s_gateway\{\{"gateway<br>gateway/);
    assert.match(text, /s_orders_db\[\("orders-db<br>database/);
    assert.match(text, /s_events\[\["events<br>queue"\]\]/);
    assert.match(text, /s_orders\["orders<br>service · go/);
    assert.match(text, /class s_partner kind_external\n/);
  });

  it('labels flows with protocol, TLS and auth, and styles the unencrypted and unauthenticated ones', () => {
    const out = toMermaid(shop());
    assert.deepEqual(out.edges.map((e) => e.target), [
      'shopper->gateway', 'partner->gateway', 'gateway->orders', 'orders->orders-db', 'orders->events', 'orders->payments', 'charge',
    ]);
    const links = out.text.split('\n').filter((l) => l.includes('-->'));
    assert.equal(links[0], '  s_shopper -->|"https · oidc"| s_gateway');
    assert.equal(links[2], '  s_gateway -->|"grpc · mTLS · jwt"| s_orders');
    assert.match(links[1], /^ {2}s_partner -->\|"http · no TLS · no auth · ⚠ high"\| s_gateway$/);
    assert.match(links[4], /"kafka · TLS#63; · no auth · async/);
    const styles = Object.fromEntries(out.text.split('\n').filter((l) => l.includes('linkStyle')).map((l) => {
      const [, indexes, style] = /linkStyle (\S+) (.*)/.exec(l)!;
      return [indexes, style];
    }));
    assert.deepEqual(Object.keys(styles).sort(), ['1', '4', '5']);
    assert.match(styles['5'], /stroke:#d32f2f.*dasharray:8 4/, 'http without TLS: red, long dashes');
    assert.match(styles['4'], /stroke:#ef6c00.*dasharray:2 4/, 'no auth: orange, dotted');
    assert.match(styles['1'], /stroke:#d32f2f.*dasharray:2 4/, 'neither: red, dotted');
  });

  it('marks elements with their worst open finding, not accepted ones', () => {
    const withAcceptance = `${SHOP}accept:\n  - { rule: unencrypted-flow, target: partner->gateway, reason: test }\n`;
    const before = toMermaid(buildDiagram(analyzeYaml(SHOP, CATALOGUE))).text;
    const after = toMermaid(buildDiagram(analyzeYaml(withAcceptance, CATALOGUE))).text;
    assert.match(before, /s_partner -->\|"http · no TLS · no auth · ⚠ high"/);
    assert.doesNotMatch(after, /s_partner -->\|"[^"]*unencrypted/);
    const diagram = buildDiagram(analyzeYaml(withAcceptance));
    const all = buildDiagram(analyzeYaml(SHOP));
    assert.ok(!diagram.edges.find((e) => e.target === 'partner->gateway')!.findings.some((f) => f.rule === 'unencrypted-flow'));
    const payments = all.nodes.find((n) => n.id === 'payments')!;
    assert.ok(payments.findings.length > 0);
    assert.match(toMermaid(all).text, new RegExp(`class s_payments sev_${payments.findings[0].severity}\\n`));
  });

  it('gives ids with dots and dashes distinct Mermaid ids', () => {
    const d = buildDiagram(analyzeYaml(yaml`
      moat: 1
      name: ids
      boundaries: { end: { trust: internal } }
      services:
        a.b: { kind: service, boundary: end, calls: [{ to: a-b, protocol: https, auth: jwt }] }
        a-b: { kind: service, boundary: end }
        end: { kind: service, boundary: end }
    `));
    const out = toMermaid(d);
    assert.deepEqual([...out.nodes.entries()], [['s_a_b', 'a.b'], ['s_a_b__2', 'a-b'], ['s_end', 'end']]);
    assert.match(out.text, /subgraph b_end\[/);
    assert.match(out.text, / {2}s_a_b -->\|"https · jwt"\| s_a_b__2\n/);
  });

  it('escapes hostile free text and never lets it out of its label', () => {
    const out = toMermaid(buildDiagram(analyzeYaml(HOSTILE)));
    for (const line of out.text.split('\n')) {
      const outside = line.replace(/"(?:[^"])*"/g, '""').replace('-->', '');
      assert.doesNotMatch(outside, /[<>`]|click|init|alert|script/, line);
    }
    assert.doesNotMatch(out.text, /<(?!br>)/);
  });
});

describe('selectView', () => {
  it('focus keeps one component, its neighbours and the flows between them', () => {
    const part = selectView(shop(), { focus: 'orders' });
    assert.deepEqual(part.nodes.map((n) => n.id), ['gateway', 'orders', 'events', 'orders-db', 'payments']);
    assert.deepEqual(part.edges.map((e) => e.target), ['gateway->orders', 'orders->orders-db', 'orders->events', 'orders->payments']);
    assert.deepEqual(part.groups.map((g) => g.id).sort(), ['cluster', 'edge', 'pci']);
    const out = toMermaid(shop(), { focus: 'orders' });
    assert.deepEqual(out.hidden, { nodes: 3, edges: 3 });
  });

  it('a boundary keeps its members, those within it, and who they talk to', () => {
    const part = selectView(shop(), { boundary: 'pci' });
    assert.deepEqual(part.nodes.map((n) => n.id).sort(), ['orders', 'payments', 'stripe.api']);
    assert.deepEqual(part.edges.map((e) => e.target), ['orders->payments', 'charge']);
    const cluster = selectView(shop(), { boundary: 'cluster' });
    assert.ok(cluster.nodes.some((n) => n.id === 'payments'), 'a boundary within counts as inside');
  });

  it('an unknown id selects nothing', () => {
    assert.deepEqual(selectView(shop(), { focus: 'nope' }).nodes, []);
    assert.deepEqual(selectView(shop(), { boundary: 'nope' }).edges, []);
  });
});

describe('tooLargeToDraw', () => {
  it('holds a large model back until a filter narrows it', () => {
    const services = Array.from({ length: 450 }, (_, i) => `  s${i}: { kind: service, boundary: c, calls: [{ to: s${(i + 1) % 450}, protocol: grpc, tls: mtls, auth: mtls }] }`);
    const d = buildDiagram(analyzeYaml(`moat: 1\nname: big\nboundaries: { c: { trust: internal } }\nservices:\n${services.join('\n')}\n`));
    assert.equal(tooLargeToDraw(d), true);
    assert.equal(tooLargeToDraw(d, { focus: 's7' }), false);
    assert.equal(tooLargeToDraw(shop()), false);
  });
});

describe('buildDiagram', () => {
  it('never carries a literal secret, even where a message or description repeats it', () => {
    const secret = 'hunter2-Sup3rSecret';
    const d = buildDiagram(analyzeYaml(yaml`
      moat: 1
      name: leaky ${secret}
      services:
        api:
          kind: service
          boundary: internet
          description: the password is ${secret}
          secrets: { DB_PASSWORD: ${secret} }
          env: { API_TOKEN: tok-${secret}, LOG_LEVEL: info }
    `));
    const json = JSON.stringify(d);
    assert.ok(!json.includes(secret), json);
    assert.match(d.nodes[0].description!, /the password is ••••••/);
  });
});
