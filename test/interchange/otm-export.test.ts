// `moat export --format otm`: OTM 0.2.0 that validates against the published schema, with the
// mapping of interchange.md (trust ratings, kinds as types and tags, flows with their
// attributes, open findings as threats on their elements, rules' fixes as mitigations).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { checkModel } from '../../server/src/engine.js';
import { toOtm } from '../../server/src/interchange/otm/export.js';
import { runCli } from '../../server/src/cli/program.js';
import type { Io } from '../../server/src/cli/cli.js';
import exportCommand from '../../server/src/cli/commands/export.js';
import { analyzeYaml, yaml } from '../helpers.js';
import { OTM_SCHEMA_FILE, needs, otmValidator } from './otm-schema.js';

const SHOP = yaml`
  moat: 1
  name: Tiny Shop!
  description: A shop.
  boundaries:
    edge: { trust: dmz }
    cluster: { trust: internal }
    pci: { trust: restricted, within: cluster, description: Card data }
  data:
    card: { classification: restricted, pii: true }
    catalog: { classification: public, description: Products }
  services:
    shopper:
      kind: user
      calls:
        - { to: web, protocol: https, auth: oidc }
    web:
      kind: gateway
      boundary: edge
      tech: nginx
      controls: { waf: true, rate-limit: 10/s }
      calls:
        - { to: payments, protocol: http, port: 8080, access: write, data: [card] }
        - { id: web-reads-catalog, to: payments, protocol: grpc, tls: mtls, auth: mtls, access: read, async: true, data: [catalog] }
    payments:
      kind: service
      boundary: pci
      stores: [card]
  accept:
    - rule: missing-rate-limit
      target: payments
      reason: not reachable from outside
`;

function shop() {
  return toOtm(analyzeYaml(SHOP));
}

function modelFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)([^/]+\.moat\.ya?ml|moat\.ya?ml)$/.test(f) && !f.includes('parts/'))
    .map((f) => path.join(dir, f));
}

describe('moat export --format otm', () => {
  it('validates against the published OTM 0.2.0 schema, for the samples and the reference systems', needs(OTM_SCHEMA_FILE), () => {
    const validate = otmValidator();
    const files = [...modelFiles('samples'), ...modelFiles('test/fixtures/systems')];
    assert.ok(files.length >= 12, files.join(', '));
    for (const file of files) {
      const document = toOtm(checkModel(file));
      assert.ok(validate(document), `${file}: ${JSON.stringify(validate.errors, null, 1)}`);
      assert.ok((document.threats ?? []).length > 0 || file.includes('patient-portal'), `${file} has no threat`);
    }
    assert.ok(validate(shop()), JSON.stringify(validate.errors));
  });

  it('and the schema rejects what is not OTM (a component without a parent, a threat without a risk)', needs(OTM_SCHEMA_FILE), () => {
    const validate = otmValidator();
    const noParent = structuredClone(shop()) as unknown as { components: Record<string, unknown>[] };
    delete noParent.components[0].parent;
    assert.equal(validate(noParent), false);
    const noRisk = structuredClone(shop()) as unknown as { threats: Record<string, unknown>[] };
    delete noRisk.threats[0].risk;
    assert.equal(validate(noRisk), false);
  });

  it('writes the project, and the boundaries as trust zones with ratings and nesting, the implicit internet too', () => {
    const document = shop();
    assert.deepEqual(document.project, { name: 'Tiny Shop!', id: 'tiny-shop', description: 'A shop.' });
    assert.deepEqual(document.trustZones, [
      { id: 'edge', name: 'edge', type: 'dmz', risk: { trustRating: 40 } },
      { id: 'cluster', name: 'cluster', type: 'internal', risk: { trustRating: 70 } },
      { id: 'pci', name: 'pci', type: 'restricted', description: 'Card data', risk: { trustRating: 100 }, parent: { trustZone: 'cluster' } },
      { id: 'internet', name: 'internet', type: 'untrusted', risk: { trustRating: 10 } },
    ]);
  });

  it('writes services as components: the kind as type and tag, the technology as tag, the boundary as parent, the data stored and processed', () => {
    const components = shop().components!.map(({ threats, ...c }) => c);
    assert.deepEqual(components, [
      { id: 'shopper', name: 'shopper', type: 'user', parent: { trustZone: 'internet' }, tags: ['moat:kind=user'] },
      { id: 'web', name: 'web', type: 'gateway', parent: { trustZone: 'edge' }, tags: ['moat:kind=gateway', 'moat:tech=nginx'], assets: { processed: ['card', 'catalog'], stored: [] } },
      { id: 'payments', name: 'payments', type: 'service', parent: { trustZone: 'pci' }, tags: ['moat:kind=service'], assets: { processed: ['card', 'catalog'], stored: ['card'] } },
    ]);
  });

  it('writes data as assets with the classification as confidentiality and as an attribute', () => {
    assert.deepEqual(shop().assets, [
      { id: 'card', name: 'card', risk: { confidentiality: 100, integrity: 50, availability: 50, comment: 'Moat classification `restricted`; Moat does not rate integrity or availability' }, attributes: { classification: 'restricted', pii: true } },
      { id: 'catalog', name: 'catalog', description: 'Products', risk: { confidentiality: 0, integrity: 50, availability: 50, comment: 'Moat classification `public`; Moat does not rate integrity or availability' }, attributes: { classification: 'public', pii: false } },
    ]);
  });

  it('writes flows as dataflows: the target as id, the data carried, and only the attributes the model states', () => {
    const flows = shop().dataflows!.map(({ threats, ...f }) => f);
    assert.deepEqual(flows, [
      { id: 'shopper->web', name: 'shopper → web', source: 'shopper', destination: 'web', assets: [], attributes: { protocol: 'https', auth: 'oidc' } },
      { id: 'web->payments', name: 'web → payments', source: 'web', destination: 'payments', assets: ['card'], attributes: { protocol: 'http', port: 8080, access: 'write' } },
      { id: 'web-reads-catalog', name: 'web → payments', source: 'web', destination: 'payments', assets: ['catalog'], attributes: { protocol: 'grpc', tls: 'mtls', auth: 'mtls', access: 'read', async: true } },
    ]);
  });

  it('writes each open finding as a threat (STRIDE, CWE, risk from the severity) on its element, with the rule\'s fix as mitigation; accepted ones are left out', () => {
    const document = shop();
    const threat = document.threats!.find((t) => t.id === 'unencrypted-flow@web->payments')!;
    assert.deepEqual(threat, {
      id: 'unencrypted-flow@web->payments',
      name: 'Unencrypted flow: web->payments',
      description: threat.description,
      categories: ['Information disclosure', 'Tampering'],
      cwes: ['CWE-319'],
      risk: { likelihood: 70, impact: 75, impactComment: 'Moat severity `high`' },
      tags: ['unencrypted-flow', 'encryption'],
      attributes: { rule: 'unencrypted-flow', severity: 'high', element: 'flow', target: 'web->payments' },
    });
    assert.match(threat.description!, /^web → payments carries `card` \(restricted, personal\) without encryption/);
    const flow = document.dataflows!.find((f) => f.id === 'web->payments')!;
    assert.ok(flow.threats!.some((t) => t.threat === threat.id && t.state === 'exposed' && t.mitigations![0].mitigation === 'fix:unencrypted-flow'));
    const mitigation = document.mitigations!.find((m) => m.id === 'fix:unencrypted-flow')!;
    assert.equal(mitigation.riskReduction, 100);
    assert.equal(mitigation.name, 'Switch to the encrypted protocol (`http` → `https`, `ws` → `wss`, …), or set `tls: tls`.');
    assert.deepEqual(mitigation.attributes, { rule: 'unencrypted-flow' });
    // Every threat instance names a threat and a mitigation of the document.
    const threats = new Set(document.threats!.map((t) => t.id));
    const mitigations = new Set(document.mitigations!.map((m) => m.id));
    for (const element of [...document.components!, ...document.dataflows!]) {
      for (const t of element.threats ?? []) {
        assert.ok(threats.has(t.threat), t.threat);
        for (const m of t.mitigations ?? []) assert.ok(mitigations.has(m.mitigation), m.mitigation);
      }
    }
    assert.ok(!threats.has('missing-rate-limit@payments'), 'an accepted finding is no threat');
    assert.ok(![...threats].some((t) => t.startsWith('model/') || t.startsWith('stale-acceptance')));
  });
});

describe('moat export and secrets', () => {
  it('never repeats a literal secret of the model, wherever the model\'s text quotes it', () => {
    const text = yaml`
      moat: 1
      name: Leaky
      description: The admin password is hunter2-Sup3r-Secret, do not tell.
      services:
        app:
          kind: service
          boundary: internet
          description: uses hunter2-Sup3r-Secret
          secrets:
            DB_PASSWORD: hunter2-Sup3r-Secret
          env:
            API_TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123
    `;
    const json = JSON.stringify(toOtm(analyzeYaml(text)));
    assert.ok(!json.includes('hunter2-Sup3r-Secret'), json);
    assert.ok(!json.includes('ghp_abcdefghijklmnopqrstuvwxyz0123'));
    assert.match(json, /"description":"The admin password is ••••••, do not tell\."/);
    assert.match(json, /"id":"hardcoded-secret@app"/);
  });
});

describe('the moat export command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-export-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'shop.moat.yaml'), SHOP);

  async function moat(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: Io = { cwd: dir, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const code = await runCli([exportCommand], args, io, '0.0.0');
    return { code, stdout, stderr };
  }

  it('prints JSON, or writes YAML to a .yaml file', async () => {
    const json = await moat('export', 'shop.moat.yaml', '--format', 'otm');
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout);
    assert.equal(document.otmVersion, '0.2.0');
    assert.deepEqual(document, JSON.parse(JSON.stringify(shop())));
    const written = await moat('export', '.', '--format', 'otm', '-o', 'out/shop.otm.yaml');
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.deepEqual(parse(fs.readFileSync(path.join(dir, 'out/shop.otm.yaml'), 'utf8')), document);
  });

  it('needs --format, knows only otm, and fails in one line with exit 2', async () => {
    for (const args of [['export', 'shop.moat.yaml'], ['export', 'shop.moat.yaml', '--format', 'threagile'], ['export', 'nowhere', '--format', 'otm']]) {
      const run = await moat(...args);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^moat: [^\n]+\n$/, run.stderr);
    }
  });
});
