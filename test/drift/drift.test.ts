// The drift check (deployment.md, "Drift"): fixtures whose model and deployment agree, then one
// change per finding kind on either side, with the exact findings (rule, severity, target, the
// text the range covers, message).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkText } from '../../server/src/engine.js';
import { loadDeployment } from '../../server/src/drift/load.js';
import { driftFixes } from '../../server/src/drift/fixes.js';
import { applyEdits } from '../../server/src/fix/fixes.js';
import type { Finding } from '../../server/src/model/types.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/drift');

interface Drift {
  rule: string;
  severity: string;
  target: string;
  text: string;
  message: string;
}

/** A copy of a fixture folder, with edits (`[before, after]`) applied to its files. */
function copy(name: string, edits: Record<string, [string, string][]> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `moat-drift-${name}-`));
  for (const file of fs.readdirSync(path.join(FIXTURES, name))) {
    let text = fs.readFileSync(path.join(FIXTURES, name, file), 'utf8');
    for (const [before, after] of edits[file] ?? []) {
      assert.ok(text.includes(before), `${file} has no ${JSON.stringify(before)}`);
      text = text.replace(before, after);
    }
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function driftOf(dir: string, deployment: string, model = 'shop.moat.yaml', rule = 'drift/'): Drift[] {
  const loaded = loadDeployment({ dir, paths: [{ path: deployment }] });
  assert.deepEqual(loaded.problems, []);
  const file = path.join(dir, model);
  const text = fs.readFileSync(file, 'utf8');
  const analysis = checkText(text, file, { deployment: loaded.view, today: '2026-11-30' });
  return analysis.findings.filter((f: Finding) => f.rule.startsWith(rule) && !f.accepted).map((f) => ({
    rule: f.rule, severity: f.severity, target: f.target, text: text.slice(f.range.start, f.range.end), message: f.message,
  }));
}

const compose = (edits: Record<string, [string, string][]> = {}) => driftOf(copy('compose', edits), 'docker-compose.yml');
const k8s = (edits: Record<string, [string, string][]> = {}) => driftOf(copy('k8s', edits), 'shop.yaml');

describe('drift: a model and a deployment that agree', () => {
  it('compose: no drift finding (deployed-as matches orders-db to db)', () => assert.deepEqual(compose(), []));
  it('Kubernetes: no drift finding (the NetworkPolicy admits frontend, STRICT mTLS covers cart)', () => assert.deepEqual(k8s(), []));
});

const CACHE_COMPONENT = '  cache:\n    kind: cache\n    boundary: shop-net\n    runtime:\n      image: redis:7.2\n      user: 999\n      platform: compose\n\n';
const API_TO_CACHE = '      - { to: cache, protocol: redis, port: 6379, tls: tls, auth: password }\n';

describe('drift: one change per finding kind', () => {
  it('drift/missing-component (the model loses a component): at services:, with the flow that reached it', () => {
    assert.deepEqual(compose({ 'shop.moat.yaml': [[CACHE_COMPONENT, ''], [API_TO_CACHE, '']] }), [
      {
        rule: 'drift/missing-component', severity: 'medium', target: 'cache', text: 'services',
        message: 'The deployment runs `cache` (docker-compose.yml:18: services.cache) but no component of the model stands for it: add it (`moat import --update` adds it) or name it in a component\'s `deployed-as:`.',
      },
      {
        rule: 'drift/missing-flow', severity: 'medium', target: 'api->cache', text: 'calls',
        message: 'The deployment connects `api` to `cache` (docker-compose.yml:16: env CACHE_URL) but the model has no flow `api->cache`: add it to `api`\'s `calls:`.',
      },
    ]);
  });

  it('drift/missing-flow (the deployment gains a depends_on): at the caller, which has no calls:, in the model\'s ids', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['  cache:\n    image: redis:7.2\n', '  cache:\n    image: redis:7.2\n    depends_on: [db]\n']] }), [{
      rule: 'drift/missing-flow', severity: 'medium', target: 'cache->orders-db', text: 'cache',
      message: 'The deployment connects `cache` to `orders-db` (docker-compose.yml:20: depends_on db) but the model has no flow `cache->orders-db`: add it to `cache`\'s `calls:`.',
    }]);
  });

  it('drift/blocked-flow (the model gains a flow the NetworkPolicy does not admit)', () => {
    assert.deepEqual(k8s({ 'shop.moat.yaml': [['  reports:\n    kind: service\n    boundary: shop\n', '  reports:\n    kind: service\n    boundary: shop\n    calls:\n      - { to: cart, protocol: grpc, port: 7070, tls: mtls, auth: mtls }\n']] }), [{
      rule: 'drift/blocked-flow', severity: 'medium', target: 'reports->cart', text: 'to: cart',
      message: 'The model has the flow `reports->cart`, but the deployment\'s NetworkPolicy `cart-ingress` (shop.yaml:85) admits no traffic from `reports` into `cart` on port 7070.',
    }]);
  });

  it('drift/blocked-flow: a port the rule does not list is forbidden; pods no policy selects are not isolated', () => {
    assert.deepEqual(k8s({ 'shop.moat.yaml': [['{ to: cart, protocol: grpc, port: 7070,', '{ to: cart, protocol: grpc, port: 9090,']] }).map((d) => [d.rule, d.target]), [['drift/blocked-flow', 'frontend->cart']]);
    assert.deepEqual(k8s({ 'shop.moat.yaml': [['  reports:\n    kind: service\n    boundary: shop\n', '  reports:\n    kind: service\n    boundary: shop\n    calls:\n      - { to: frontend, protocol: http, port: 80 }\n']] }), []);
  });

  it('drift/blocked-flow: an Egress policy of the caller that admits only another workload', () => {
    const egress = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: frontend-egress\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: { app: frontend }\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - podSelector:\n            matchLabels: { app: reports }\n';
    assert.deepEqual(k8s({ 'shop.yaml': [['---\napiVersion: security.istio.io', `${egress}---\napiVersion: security.istio.io`]] }), [{
      rule: 'drift/blocked-flow', severity: 'medium', target: 'frontend->cart', text: 'to: cart',
      message: 'The model has the flow `frontend->cart`, but the deployment\'s NetworkPolicy `frontend-egress` (shop.yaml:101) admits no traffic from `frontend` out to `cart` on port 7070.',
    }]);
  });

  it('drift/exposure: a LoadBalancer Service the model does not show reachable', () => {
    assert.deepEqual(k8s({ 'shop.yaml': [['  selector: { app: frontend }\n  ports:', '  type: LoadBalancer\n  selector: { app: frontend }\n  ports:']] }), [{
      rule: 'drift/exposure', severity: 'high', target: 'frontend', text: 'frontend',
      message: 'The deployment makes `frontend` reachable from outside (shop.yaml:29: Service frontend (LoadBalancer)) but the model shows no untrusted component reaching it (directly or through a gateway).',
    }]);
    assert.deepEqual(k8s({
      'shop.yaml': [['  selector: { app: frontend }\n  ports:', '  type: LoadBalancer\n  selector: { app: frontend }\n  ports:']],
      'shop.moat.yaml': [['services:\n', 'services:\n  shopper:\n    kind: user\n    calls:\n      - { to: frontend, protocol: http, port: 80 }\n\n']],
    }), [], 'shown reachable from the internet');
  });

  it('drift/runtime, high (the deployment runs as root, writable and privileged): one finding listing every difference, at the first unsafe key', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['    user: "10001"\n    read_only: true\n', '    user: "0"\n    privileged: true\n']] }), [{
      rule: 'drift/runtime', severity: 'high', target: 'api', text: 'user',
      message: '`api`\'s runtime differs from the deployment (docker-compose.yml:10: services.api): user: the model says `10001`, the deployment runs `0` (root); read-only-fs: the model says `true`, the deployment\'s root filesystem is writable; privileged: the model says nothing (absent means not), the deployment sets it.',
    }]);
  });

  it('drift/runtime, high: the model says a user the deployment does not set (absent means root)', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['    user: "10001"\n    read_only: true\n', '    read_only: true\n']] }), [{
      rule: 'drift/runtime', severity: 'high', target: 'api', text: 'user',
      message: '`api`\'s runtime differs from the deployment (docker-compose.yml:10: services.api): user: the model says `10001`, the deployment sets no user (absent means root: the image\'s USER decides).',
    }]);
  });

  it('drift/runtime, low (another image tag)', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['    image: redis:7.2\n    user: "999"\n', '    image: redis:7.4\n    user: "999"\n']] }), [{
      rule: 'drift/runtime', severity: 'low', target: 'cache', text: 'image',
      message: '`cache`\'s runtime differs from the deployment (docker-compose.yml:18: services.cache): image: the model says `redis:7.2`, the deployment runs `redis:7.4`.',
    }]);
  });

  it('drift/runtime: a deployment safer on a key the model leaves out raises nothing', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['    image: redis:7.2\n    user: "999"\n', '    image: redis:7.2\n    user: "999"\n    read_only: true\n    mem_limit: 256m\n']] }), []);
  });

  it('drift/tls (the model claims TLS on a connection the deployment makes with sslmode=disable)', () => {
    assert.deepEqual(compose({ 'shop.moat.yaml': [['protocol: postgres, port: 5432, tls: none,', 'protocol: postgres, port: 5432, tls: tls,']] }), [{
      rule: 'drift/tls', severity: 'high', target: 'api->orders-db', text: 'tls',
      message: 'The model says `tls: tls` on `api->orders-db`, but the deployment connects in clear text (`sslmode=disable`, docker-compose.yml:15: env DATABASE_URL).',
    }]);
  });

  it('drift/tls (the mesh\'s PeerAuthentication is only PERMISSIVE while the model says mtls)', () => {
    assert.deepEqual(k8s({ 'shop.yaml': [['    mode: STRICT', '    mode: PERMISSIVE']] }), [{
      rule: 'drift/tls', severity: 'high', target: 'frontend->cart', text: 'mtls',
      message: 'The model says `tls: mtls` on `frontend->cart`, but `cart` is in the mesh\'s scope (shop.yaml:39: Deployment cart) and no STRICT PeerAuthentication or ISTIO_MUTUAL DestinationRule covers it.',
    }]);
  });

  it('drift/exposure (the deployment publishes the database\'s port on all interfaces)', () => {
    assert.deepEqual(compose({ 'docker-compose.yml': [['    image: postgres:16\n', '    image: postgres:16\n    ports:\n      - "5432:5432"\n']] }), [{
      rule: 'drift/exposure', severity: 'high', target: 'orders-db', text: 'orders-db',
      message: 'The deployment makes `orders-db` reachable from outside (docker-compose.yml:24: ports "5432:5432") but the model shows no untrusted component reaching it (directly or through a gateway).',
    }]);
    assert.deepEqual(compose({ 'docker-compose.yml': [['    image: postgres:16\n', '    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n']] }), [], 'a port bound to the local host is not exposure');
  });

  it('drift/secret (the deployment writes the password the model gives as a reference), never repeating it', () => {
    const found = compose({ 'docker-compose.yml': [['      DB_PASSWORD: ${DB_PASSWORD}', '      DB_PASSWORD: s3cr3t-Passw0rd-x9']] });
    assert.deepEqual(found, [{
      rule: 'drift/secret', severity: 'high', target: 'api', text: 'DB_PASSWORD',
      message: '`api` gives the secret `DB_PASSWORD` as a reference in the model, but the deployment sets it to a literal (docker-compose.yml:17).',
    }]);
    assert.ok(!JSON.stringify(found).includes('s3cr3t'));
  });

  it('drift/unknown-component (the model loses its deployed-as:): the workload is then missing too', () => {
    assert.deepEqual(compose({ 'shop.moat.yaml': [['    deployed-as: db\n', '']] }).map((d) => [d.rule, d.severity, d.target, d.text]), [
      ['drift/missing-component', 'medium', 'db', 'services'],
      ['drift/missing-flow', 'medium', 'api->db', 'calls'],
      ['drift/unknown-component', 'low', 'orders-db', 'orders-db'],
    ]);
    assert.deepEqual(compose({ 'shop.moat.yaml': [['    deployed-as: db\n', '']] }).at(-1)!.message,
      '`orders-db` runs on compose in the model, but no workload of the deployment (docker-compose.yml) is named `orders-db` or in its `deployed-as:`.');
  });

  it('deployed-as: takes NAMESPACE/NAME and lists', () => {
    assert.deepEqual(k8s({ 'shop.moat.yaml': [['  cart:\n    kind: service\n', '  basket:\n    kind: service\n    deployed-as: [shop/cart]\n'], ['{ to: cart,', '{ to: basket,']] }), []);
  });
});

describe('drift findings are findings like every other', () => {
  it('an acceptance silences one; it is not stale in a run that reads no deployment', () => {
    const dir = copy('compose', {
      'docker-compose.yml': [['    image: redis:7.2\n    user: "999"\n', '    image: redis:7.4\n    user: "999"\n']],
      'shop.moat.yaml': [['boundaries:', 'accept:\n  - { rule: drift/runtime, target: cache, reason: the tag moves with the nightly build }\n\nboundaries:']],
    });
    assert.deepEqual(driftOf(dir, 'docker-compose.yml'), []);
    const file = path.join(dir, 'shop.moat.yaml');
    const withDeployment = checkText(fs.readFileSync(file, 'utf8'), file, { deployment: loadDeployment({ dir, paths: [{ path: 'docker-compose.yml' }] }).view, today: '2026-11-30' });
    assert.deepEqual(withDeployment.findings.filter((f) => f.accepted).map((f) => f.fingerprint), ['drift/runtime@cache']);
    const without = checkText(fs.readFileSync(file, 'utf8'), file, { today: '2026-11-30' });
    assert.deepEqual(without.findings.filter((f) => f.rule === 'stale-acceptance' || f.rule.startsWith('drift/')), []);
  });

  it('drift is reported even when the model has model/ findings', () => {
    const found = compose({ 'shop.moat.yaml': [[CACHE_COMPONENT, ''], [API_TO_CACHE, ''], ['  web:\n    kind: gateway\n', '  web:\n    kind: gateway\n    ownr: shop-team\n']] });
    assert.deepEqual(found.map((d) => d.target), ['cache', 'api->cache']);
    const dir = copy('compose', { 'shop.moat.yaml': [['  web:\n    kind: gateway\n', '  web:\n    kind: gateway\n    ownr: shop-team\n']] });
    assert.deepEqual(driftOf(dir, 'docker-compose.yml', 'shop.moat.yaml', 'model/').map((d) => d.rule), ['model/unknown-key']);
  });

  it('a deployment with nothing to read is a model/deployment finding naming the file', () => {
    const dir = copy('compose');
    fs.writeFileSync(path.join(dir, 'empty.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
    const loaded = loadDeployment({ dir, file: path.join(dir, '.moatrc.yaml'), paths: [{ path: 'empty.yaml', range: { start: 0, end: 10 } }] });
    assert.equal(loaded.view, undefined);
    assert.deepEqual(loaded.problems.map((p) => p.message), ['The deployment `empty.yaml` cannot be read: empty.yaml: nothing to import: no compose services and no Kubernetes workloads']);
  });

  it('a deployment entry that does not exist or does not parse is a model/deployment finding at the entry; the others are read', () => {
    const dir = copy('compose');
    fs.writeFileSync(path.join(dir, 'broken.yml'), 'services:\n  a: [\n');
    const loaded = loadDeployment({ dir, file: path.join(dir, '.moatrc.yaml'), paths: [
      { path: 'docker-compose.yml', range: { start: 0, end: 1 } }, { path: 'gone.yml', range: { start: 2, end: 3 } },
      { path: 'broken.yml', range: { start: 4, end: 5 } }, { path: 'k8s/*.yaml', range: { start: 6, end: 7 } },
    ] });
    assert.ok(loaded.view);
    assert.deepEqual(loaded.view.components.map((c) => c.id), ['web', 'api', 'cache', 'db']);
    assert.deepEqual(loaded.problems.map((p) => [p.finding?.rule, p.finding?.range.start, p.message]), [
      ['model/deployment', 2, 'The deployment file `gone.yml` does not exist.'],
      ['model/deployment', 6, 'The deployment pattern `k8s/*.yaml` matches no file.'],
      ['model/deployment', 4, 'The deployment `broken.yml` cannot be read: broken.yml:3: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });
});

describe('drift quick fixes (engine): the text after each, and the finding gone', () => {
  function fixed(dir: string, rule: string): { before: string; after: string; title: string; left: string[] } {
    const loaded = loadDeployment({ dir, paths: [{ path: 'docker-compose.yml' }] });
    const file = path.join(dir, 'shop.moat.yaml');
    const before = fs.readFileSync(file, 'utf8');
    const analysis = checkText(before, file, { deployment: loaded.view, today: '2026-11-30' });
    const finding = analysis.findings.find((f) => f.rule === rule)!;
    const [fix] = driftFixes(analysis, finding, loaded.view!);
    const after = applyEdits(before, fix.edits.map((e) => { assert.equal(e.file, file); return e; }));
    const left = checkText(after, file, { deployment: loaded.view, today: '2026-11-30' }).findings
      .filter((f) => f.rule.startsWith('drift/') || f.rule.startsWith('model/')).map((f) => f.fingerprint);
    return { before, after, title: fix.title, left };
  }

  it('drift/missing-flow: adds the flow as moat import --update would, comments and all', () => {
    const { before, after, title, left } = fixed(copy('compose', { 'shop.moat.yaml': [[API_TO_CACHE, '']] }), 'drift/missing-flow');
    assert.equal(title, 'Add the flow to `cache` from the deployment (as moat import --update)');
    assert.equal(after, before.replace('tls: none, auth: password }\n', 'tls: none, auth: password }\n      # docker-compose.yml:16: env CACHE_URL\n      # TODO: data: which data does this flow carry? (add them under data: with their classification)\n      - { to: cache, protocol: redis, port: 6379, tls: tls }\n'));
    assert.deepEqual(left, []);
  });

  it('drift/missing-component: adds the component (and the flow to it) as moat import --update would', () => {
    const dir = copy('compose', { 'shop.moat.yaml': [[CACHE_COMPONENT, ''], [API_TO_CACHE, '']] });
    const { after, left } = fixed(dir, 'drift/missing-component');
    assert.match(after, /\n {2}# docker-compose\.yml:18: services\.cache\n(?: {2}#[^\n]*\n)* {2}cache:\n {4}kind: cache\n/);
    assert.deepEqual(left, ['drift/missing-flow@api->cache']);
  });

  it('drift/runtime: sets the values the deployment runs', () => {
    const { before, after, left } = fixed(copy('compose', { 'docker-compose.yml': [['    user: "10001"\n    read_only: true\n', '    user: "0"\n    privileged: true\n']] }), 'drift/runtime');
    assert.equal(after, before.replace('      user: 10001\n      read-only-fs: true\n      platform: compose\n', '      user: 0\n      read-only-fs: false\n      platform: compose\n      privileged: true\n'));
    assert.deepEqual(left, []);
  });

  it('drift/unknown-component: adds deployed-as: with the workload no component stands for', () => {
    const { before, after, title, left } = fixed(copy('compose', { 'shop.moat.yaml': [['    deployed-as: db\n', '']] }), 'drift/unknown-component');
    assert.equal(title, 'Set `deployed-as: db`');
    assert.equal(after.replace('    deployed-as: db\n', ''), before);
    assert.deepEqual(left, []);
  });
});
