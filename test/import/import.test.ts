// `moat import`: both mapping tables of deployment.md on the project's own fixtures, bad input,
// --update, and the corpus of real systems (skipped when ../shared/corpus is absent).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { runImport } from '../../server/src/import/run.js';
import { kindFromImage, techFromImage } from '../../server/src/import/kinds.js';
import { hostReferences } from '../../server/src/import/references.js';
import { checkText } from '../../server/src/engine.js';
import { REPO, moat } from '../cli/run.js';

const FIX = 'test/fixtures/import';
const CORPUS = path.join(REPO, '../shared/corpus');

type Model = { boundaries?: Record<string, { trust: string }>; roles?: Record<string, { grants: Record<string, string[]> }>; services: Record<string, Service> };
type Service = { kind: string; boundary?: string; tech?: string; 'deployed-as'?: string | string[]; roles?: string[]; controls?: Record<string, unknown>; runtime?: Record<string, unknown>; env?: Record<string, string>; secrets?: Record<string, string>; calls?: Flow[] };
type Flow = { to: string; protocol: string; port?: number; tls?: string; auth?: string };

function imported(inputs: string[], options: { publishedPorts?: boolean; stdin?: string } = {}) {
  const run = runImport(inputs, { cwd: REPO, publishedPorts: options.publishedPorts, stdin: options.stdin === undefined ? undefined : () => options.stdin! });
  return { ...run, model: parse(run.text) as Model };
}

/** Flows as `FROM->TO protocol[:port] [tls] [auth]`, sorted. */
function flows(m: Model): string[] {
  return Object.entries(m.services).flatMap(([id, s]) => (s.calls ?? []).map((f) =>
    `${id}->${f.to} ${f.protocol}${f.port ? `:${f.port}` : ''}${f.tls ? ` tls=${f.tls}` : ''}${f.auth ? ` auth=${f.auth}` : ''}`)).sort();
}

/** `model/…` findings of the imported text (none, for a valid model). */
function modelFindings(text: string): string[] {
  return checkText(text, path.join(REPO, 'imported.moat.yaml'), { today: '2026-11-30' }).findings
    .filter((f) => f.rule.startsWith('model/'))
    .map((f) => `${f.rule}: ${f.message}`);
}

describe('kinds, from images', () => {
  const cases: [string, string][] = [
    ['prom/node-exporter:v1', 'monitoring'], ['oliver006/redis_exporter', 'monitoring'], ['adminer', 'service'],
    ['dpage/pgadmin4', 'service'], ['mongo-express:1', 'service'], ['rediscommander/redis-commander', 'service'],
    ['provectuslabs/kafka-ui', 'service'], ['postgres:16', 'database'], ['bitnami/postgresql', 'database'],
    ['postgis/postgis', 'database'], ['mariadb:11', 'database'], ['mongo:7', 'database'], ['amazon/dynamodb-local', 'database'],
    ['mcr.microsoft.com/mssql/server', 'database'], ['cockroachdb/cockroach', 'database'], ['redis:7', 'cache'],
    ['valkey/valkey', 'cache'], ['memcached', 'cache'], ['rabbitmq:3-management', 'queue'], ['bitnami/kafka', 'queue'],
    ['nats:2', 'queue'], ['apache/pulsar', 'queue'], ['minio/minio', 'storage'], ['nginx:1.25', 'gateway'],
    ['envoyproxy/envoy', 'gateway'], ['traefik:v3', 'gateway'], ['kong', 'gateway'], ['caddy', 'gateway'],
    ['quay.io/keycloak/keycloak', 'identity-provider'], ['ghcr.io/dexidp/dex', 'identity-provider'], ['oryd/hydra', 'identity-provider'],
    ['hashicorp/vault', 'secrets-manager'], ['grafana/grafana', 'monitoring'], ['jaegertracing/all-in-one', 'monitoring'],
    ['otel/opentelemetry-collector-contrib', 'monitoring'], ['openzipkin/zipkin', 'monitoring'], ['grafana/loki', 'monitoring'],
    ['fluent/fluent-bit', 'monitoring'], ['gitea/gitea', 'repository'], ['gitlab/gitlab-ce', 'repository'],
    ['jenkins/jenkins:lts', 'ci'], ['drone/drone', 'ci'], ['woodpeckerci/woodpecker-server', 'ci'], ['quay.io/argoproj/argocd', 'ci'],
    ['registry:2', 'registry'], ['goharbor/harbor-core', 'registry'], ['sonatype/nexus', 'registry'], ['sonatype/nexus3', 'service'],
    ['localhost:5000/shop/api:1', 'service'], ['example/reviews@sha256:abc', 'service'],
  ];
  for (const [image, kind] of cases) it(`${image} → ${kind}`, () => assert.equal(kindFromImage(image), kind));
  it('tech is the repository\'s last path segment, without registry, tag or digest', () => {
    assert.equal(techFromImage('registry.example.com:5000/shop/api:2.4.1'), 'api');
    assert.equal(techFromImage('postgres@sha256:0123'), 'postgres');
  });
});

describe('values that name a service', () => {
  const cases: [string, string, string[]][] = [
    ['DATABASE_URL', 'postgres://shop:hunter2@db:5432/shop', ['db:5432 postgres creds']],
    ['JDBC', 'jdbc:mysql://mysql:3306/cities?useSSL=false', ['mysql:3306 jdbc:mysql tls=none']],
    ['MONGO', 'mongodb://a:27017,b:27017/x', ['a:27017 mongodb', 'b:27017 mongodb']],
    ['CONN', 'Server=sql;Database=x;User Id=sa;Password=Pass@word', ['sql creds']],
    ['PG', 'host=pg port=5432 user=app', ['pg:5432']],
    ['PG_URL', 'postgres://app@pg/x?sslmode=disable', ['pg postgres tls=none']],
    ['JDBC_URL', 'jdbc:mysql://db:3306/x?useSSL=true', ['db:3306 jdbc:mysql tls=tls']],
    ['SQL', 'Server=sql,1433;Encrypt=True', ['sql:1433 tls=tls']],
    ['PREFER', 'postgresql://pg/x?sslmode=prefer', ['pg postgresql']],
    ['PEERS', 'kafka-1:9092,kafka-2:9092', ['kafka-1:9092', 'kafka-2:9092']],
    ['CART_SERVICE_ADDR', 'cartservice', ['cartservice']],
    ['LOG_LEVEL', 'info', []],
    ['PORT', '8080', []],
    ['GREETING_URL', '10.0.0.1', []],
  ];
  for (const [name, value, expected] of cases) {
    it(`${name}=${value}`, () => assert.deepEqual(hostReferences(name, value).map((r) =>
      `${r.host}${r.port ? `:${r.port}` : ''}${r.scheme ? ` ${r.scheme}` : ''}${r.credentials ? ' creds' : ''}${r.tls ? ` tls=${r.tls}` : ''}`), expected));
  }
});

describe('moat import: docker-compose (the compose table)', () => {
  const files = [`${FIX}/compose/docker-compose.yml`, `${FIX}/compose/docker-compose.override.yml`];
  const { model, text, summary } = imported(files);

  it('a service is a component, with kind and tech from the image; networks are boundaries', () => {
    assert.deepEqual(Object.fromEntries(Object.entries(model.services).map(([id, s]) => [id, `${s.kind} ${s.boundary ?? '-'} ${s.tech ?? '-'}`])), {
      client: 'user - -', web: 'gateway front nginx', api: 'service back api', migrate: 'service back api', db: 'database back postgres',
      cache: 'cache back redis', search: 'monitoring back elasticsearch', mq: 'queue back rabbitmq', agent: 'service shop monitoring-agent', tools: 'service shop tools',
    });
    assert.deepEqual(model.boundaries, { front: { trust: 'internal' }, back: { trust: 'internal' }, shop: { trust: 'internal' } });
    assert.match(text, /# test\/fixtures\/import\/compose\/docker-compose\.yml:7: services\.web\n {2}# also on the networks back\n {2}web:/);
  });

  it('flows: depends_on, links and env values that name a service; a one-shot job is not a flow; published ports are a client\'s flows', () => {
    assert.deepEqual(flows(model), [
      'agent->api unknown',
      'api->cache redis:6379 auth=password',
      'api->db postgres:5432 auth=password',
      'api->mq amqp:5672',
      'api->search http:9200',
      'client->db postgres:5432',
      'client->web https:443',
      'web->api unknown',
    ]);
    assert.deepEqual(summary.internetFacing, ['web', 'db']);
    assert.match(text, /# TODO: protocol: the deployment does not say/);
  });

  it('a folder holding a compose file and its override reads them in that order', () => {
    assert.equal(imported([`${FIX}/compose`]).text.replace(/^# Imported by .*\n/, ''), text.replace(/^# Imported by .*\n/, ''));
  });

  it('an override merges in order: `!override` replaces the ports, environment merges by name', () => {
    assert.equal(model.services.api.env?.FEATURE_FLAGS, 'on');
    assert.ok(!flows(model).some((f) => f.startsWith('client->web http:80')));
  });

  it('runtime: image (interpolated from .env), user from "1000:1000" through an x- anchor, read_only, limits, privileged, host network/pid, host mounts', () => {
    assert.deepEqual(model.services.api.runtime, { image: 'registry.example.com/shop/api:2.4.1', user: 1000, 'read-only-fs': true, limits: { cpu: '0.5', memory: '256M' }, platform: 'compose' });
    assert.deepEqual(model.services.web.runtime, { image: 'nginx:1.27', platform: 'compose' });
    assert.deepEqual(model.services.cache.runtime, { image: 'redis:7', limits: { cpu: '0.25', memory: '128m' }, platform: 'compose' });
    assert.deepEqual(model.services.agent.runtime, { image: 'example/monitoring-agent:latest', privileged: true, 'host-network': true, 'host-pid': true, mounts: ['/var/run/docker.sock'], platform: 'compose' });
    assert.deepEqual(model.services.tools.runtime, { image: 'example/tools:1.0', user: 'nobody', privileged: true, platform: 'compose' });
    assert.deepEqual(model.services.db.runtime?.mounts, ['./data']);
    assert.match(text, /# TODO: runtime\.user: the deployment sets no user, so the image's USER decides/);
  });

  it('env and secrets: literals say where they are, references stay as written, nothing from .env reaches the model', () => {
    assert.deepEqual(model.services.api.secrets, {
      SESSION_SECRET: `literal in ${FIX}/compose/app.env:2`,
      DATABASE_URL: `literal in ${FIX}/compose/docker-compose.yml:21`,
      API_KEY: '${API_KEY}',
      db_cert: 'file:./certs/db.pem',
    });
    assert.deepEqual(model.services.db.secrets, { POSTGRES_PASSWORD: '${DB_PASS}' });
    assert.equal(model.services.api.env?.CACHE_URL, 'redis://:${REDIS_PASSWORD}@cache:6379');
    // deployment.md: in URLs written to env: the password is replaced by `***` (the literal is the secrets: entry).
    assert.equal(model.services.api.env?.DATABASE_URL, 'postgres://shop:***@db:5432/shop');
    for (const secret of ['hunter2', 'correct-horse-battery', 's3cr3t-from-env-file']) assert.ok(!text.includes(secret), secret);
  });

  it('ports bound to the local host are not exposure (a comment says so); a port with no host port is a TODO', () => {
    assert.doesNotMatch(text, /port 9000 is published/); // replaced by the override's `!override`
    const { text: base, model: m } = imported([`${FIX}/compose/docker-compose.yml`]);
    assert.match(base, /# port 127\.0\.0\.1:8081:8081 is bound to the local host only: not reachable from outside \(test\/fixtures\/import\/compose\/docker-compose\.yml:11\)/);
    assert.deepEqual(flows(m).filter((f) => f.startsWith('client->web')), ['client->web http:80']);
    assert.match(base, /# TODO: port 9000 is published on a random host port \(test\/fixtures\/import\/compose\/docker-compose\.yml:12\): say whether it is reachable from outside/);
  });

  it('extends (same file and another file) merges the base under the service; profiles are a comment', () => {
    const { model: m, text: t } = imported([`${FIX}/compose-extends/compose.yaml`]);
    assert.deepEqual(m.services.worker.runtime, { image: 'example/base:1', user: 1001, 'read-only-fs': true, platform: 'compose' });
    assert.deepEqual(m.services.worker.env, { LOG_LEVEL: 'info', QUEUE_URL: 'amqp://mq:5672' });
    assert.deepEqual(m.services.mq.runtime, { image: 'rabbitmq:3', 'read-only-fs': true, platform: 'compose' });
    assert.equal(m.services.mq.kind, 'queue');
    assert.deepEqual(flows(m), ['worker->mq amqp:5672']);
    assert.match(t, /# profiles: debug \(started only with docker compose --profile debug\)\n {2}debug:/);
  });

  it('--no-published-ports leaves them out, listed in a comment', () => {
    const { model: m, text: t } = imported(files, { publishedPorts: false });
    assert.deepEqual(flows(m).filter((f) => f.startsWith('client->')), []);
    assert.match(t, /# published ports left out \(--no-published-ports\): 0\.0\.0\.0:5432:5432/);
  });

  it('the model passes moat check with no model/… finding, and the catalogue sees the literals', () => {
    assert.deepEqual(modelFindings(text), []);
    const rules = checkText(text, path.join(REPO, 'imported.moat.yaml'), { today: '2026-11-30' }).findings.map((f) => `${f.rule}@${f.target}`);
    assert.ok(rules.includes('hardcoded-secret@api'));
    assert.ok(rules.includes('privileged-container@agent'));
  });
});

describe('moat import: Kubernetes (the Kubernetes table)', () => {
  const { model, text, summary } = imported([`${FIX}/k8s`]);

  it('workloads are components; a Service over several workloads is one, deployed-as them; the same name in two namespaces gets .NAMESPACE', () => {
    assert.deepEqual(Object.keys(model.services), ['client', 'ingress', 'node-agent', 'cache.ops', 'cache.shop', 'reviews', 'api', 'db', 'payments', 'kubernetes-api']);
    assert.deepEqual(model.services.reviews['deployed-as'], ['reviews-v1', 'reviews-v2']);
    assert.equal(model.services['cache.shop']['deployed-as'], 'shop/cache');
    assert.equal(model.services['cache.shop'].kind, 'cache');
    assert.deepEqual(model.boundaries, { ops: { trust: 'internal' }, shop: { trust: 'internal' }, edge: { trust: 'dmz' }, 'control-plane': { trust: 'restricted' } });
  });

  it('flows: env values naming a Service (all host forms, ConfigMap values), NetworkPolicy, ingress, LoadBalancer, RBAC; Istio STRICT gives mtls', () => {
    assert.deepEqual(flows(model), [
      'api->db postgres:5432 tls=mtls auth=mtls',
      'api->payments https',
      'api->reviews http:9080 tls=mtls auth=mtls',
      'cache.shop->db postgres:5432 tls=mtls auth=mtls',
      'client->api https:443',
      'client->ingress https',
      'ingress->reviews http:9080 tls=mtls auth=mtls',
      'node-agent->kubernetes-api https auth=token',
    ]);
    assert.deepEqual(summary.internetFacing, ['api', 'ingress']);
  });

  it('runtime from securityContext (container over pod), sidecars skipped, runAsNonRoot → nonroot, privileged/hostNetwork/hostPID/hostPath', () => {
    assert.deepEqual(model.services.api.runtime, {
      image: 'example/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', user: 10001, 'read-only-fs': true,
      limits: { cpu: '500m', memory: '256Mi' }, platform: 'kubernetes',
    });
    assert.equal(model.services.reviews.runtime?.user, 'nonroot');
    assert.deepEqual(model.services['node-agent'].runtime, { image: 'example/node-exporter:1.7', privileged: true, 'host-network': true, 'host-pid': true, mounts: ['/'], platform: 'kubernetes' });
  });

  it('secrets: a Secret among the files is a literal by where it is, never its value; others are k8s-secret references', () => {
    assert.deepEqual(model.services.api.secrets, { DB_PASSWORD: `literal in ${FIX}/k8s/shop.yaml:85`, TOKEN: 'k8s-secret:vault-token/token' });
    assert.ok(!text.includes('not-for-the-model'));
  });

  it('cluster-admin bindings, AuthorizationPolicy, ServiceEntry, Helm Source comments', () => {
    assert.deepEqual(model.roles, { 'cluster-admin': { grants: { 'kubernetes-api': ['admin'] } } });
    assert.deepEqual(model.services['node-agent'].roles, ['cluster-admin']);
    assert.deepEqual(model.services.reviews.controls, { authorization: true });
    assert.equal(model.services.payments.kind, 'external');
    assert.match(text, /# test\/fixtures\/import\/k8s\/ops\.yaml:5 \(ops\/templates\/agent\.yaml\): DaemonSet node-agent/);
    assert.doesNotMatch(text, /ops\.yaml:40 \(ops\/templates/);
  });

  it('unknown kinds and unreadable documents are skipped and counted', () => {
    assert.deepEqual([...summary.skipped], [['ServiceMonitor', 1], ['Deployment', 1]]);
    assert.ok(summary.notes.includes(`skipped ${FIX}/k8s/ops.yaml:64: Deployment broken has no spec.template.spec.containers`));
  });

  it('standard input reads the same as the files', () => {
    const stdin = fs.readFileSync(path.join(REPO, FIX, 'k8s/shop.yaml'), 'utf8');
    const { model: m } = imported(['-'], { stdin });
    assert.deepEqual(Object.keys(m.services), ['client', 'ingress', 'reviews', 'api', 'db', 'payments']);
  });

  it('the model passes moat check with no model/… finding', () => assert.deepEqual(modelFindings(text), []));
});

describe('moat import: rendered and kustomized input', () => {
  it('helm template … | moat import -: every comment names the line of the stream and the template it came from', () => {
    const run = moat(['import', '-'], { cwd: REPO, input: fs.readFileSync(path.join(REPO, FIX, 'helm-rendered.yaml'), 'utf8') });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^# Imported by moat import from standard input\.$/m);
    assert.match(run.stdout, /^ {2}# <stdin>:9 \(shop\/templates\/api\.yaml\): Deployment shop-api\n {2}shop-api:$/m);
    assert.match(run.stdout, /^ {6}DB_URL: literal in <stdin>:24 \(shop\/templates\/api\.yaml\)$/m);
    assert.match(run.stdout, /^ {2}# <stdin>:28 \(shop\/templates\/db\.yaml\): StatefulSet shop-db$/m);
    assert.ok(!run.stdout.includes('letmein') && !run.stderr.includes('letmein'));
    assert.equal(run.stderr, 'moat import: 2 components, 1 flow, 1 boundary\n  5 TODOs left to fill in\n');
  });

  it('a folder with kustomization.yaml is read as its resources; patches, namespace and remote bases are named as not applied', () => {
    const { model, summary } = imported([`${FIX}/kustomize`]);
    assert.deepEqual(Object.keys(model.services), ['web']);
    assert.deepEqual(summary.notes, [
      `${FIX}/kustomize/kustomization.yaml: patches, namespace not applied (moat import reads the resources as written; pipe \`kustomize build\` to apply them)`,
      `${FIX}/kustomize/kustomization.yaml:6: remote resource https://github.com/example/platform//monitoring?ref=v1.2.0 not fetched`,
    ]);
  });
});

describe('moat import: Kubernetes, the other rows (Gateway API, NodePort, DestinationRule, namespaced Role, secret sources)', () => {
  const { model, text } = imported([`${FIX}/k8s-more`]);

  it('Gateway API Gateway (HTTPS listener) + HTTPRoute make the ingress; a NodePort Service is called directly', () => {
    assert.deepEqual(flows(model), [
      'client->ingress https', 'client->store http:8080', 'ingress->store http:8080 tls=mtls auth=mtls',
      'store->audit unknown:7000', 'store->kubernetes-api https auth=token', 'store->prices http:9000',
    ]);
  });

  it('a STRICT PeerAuthentication selecting pods with sidecar.istio.io/inject covers them; the client is outside the mesh', () => {
    assert.match(text, /# mTLS: test\/fixtures\/import\/k8s-more\/manifests\.yaml:99: PeerAuthentication store-strict\n {6}# TODO: data: .*\n {6}- \{ to: store, protocol: http, port: 8080, tls: mtls, auth: mtls \}/);
  });

  it('a DestinationRule ISTIO_MUTUAL on a callee without sidecar is a TODO, not mtls', () => {
    assert.match(text, /# TODO: DestinationRule prices-mtls asks for mTLS, but prices's pods have no sidecar to enforce it/);
  });

  it('a namespaced Role with `*` resources bound to the workload\'s ServiceAccount grants admin on kubernetes-api', () => {
    assert.deepEqual(model.roles, { everything: { grants: { 'kubernetes-api': ['admin'] } } });
    assert.deepEqual(model.services.store.roles, ['everything']);
  });

  it('envFrom.secretRef and secret volumes are k8s-secret references; configMapKeyRef values are env values', () => {
    assert.deepEqual(model.services.store.secrets, { 'store-env': 'k8s-secret:store-env', 'store-tls': 'k8s-secret:store-tls' });
    assert.deepEqual(model.services.store.env, { PRICES_URL: 'http://prices:9000', AUDIT_ADDR: 'audit:7000' });
  });

  it('a second container is a comment (runtime: is the main one\'s); sidecars are not named', () => {
    assert.match(text, /# also runs the containers warmer \(example\/warmer:2\); runtime: is the main container's \(prices\)\n {2}prices:/);
  });

  it('passes moat check with no model/… finding', () => assert.deepEqual(modelFindings(text), []));
});

describe('moat check on an imported model finds what the deployment files reveal', () => {
  const fingerprints = (inputs: string[]) => {
    const { text } = imported(inputs);
    return new Set(checkText(text, path.join(REPO, 'imported.moat.yaml'), { today: '2026-11-30' }).findings.map((f) => f.fingerprint));
  };
  it('compose: privileged and root containers, an unpinned image, a literal secret, a database published on the host, plain text', () => {
    const found = fingerprints([`${FIX}/compose/docker-compose.yml`]);
    for (const f of ['privileged-container@agent', 'privileged-container@tools', 'root-container@db', 'unpinned-image@agent', 'hardcoded-secret@api',
      'exposed-datastore@db', 'unencrypted-flow@client->web', 'unencrypted-flow@api->mq', 'missing-resource-limits@db']) assert.ok(found.has(f), f);
    for (const f of ['root-container@api', 'writable-root-fs@api', 'missing-resource-limits@api']) assert.ok(!found.has(f), f);
  });
  it('Kubernetes: a workload bound to cluster-admin, a privileged DaemonSet, a Secret committed with the manifests', () => {
    const found = fingerprints([`${FIX}/k8s`]);
    for (const f of ['over-privileged-role@cluster-admin', 'privileged-container@node-agent', 'hardcoded-secret@api', 'root-container@db']) assert.ok(found.has(f), f);
    for (const f of ['root-container@api', 'unpinned-image@api', 'unencrypted-flow@api->reviews']) assert.ok(!found.has(f), f);
  });
});

describe('moat import: bad input is one line naming the file, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [[`${FIX}/bad/not-yaml.yaml`], /^moat: test\/fixtures\/import\/bad\/not-yaml\.yaml:\d+: not valid YAML: /],
    [[`${FIX}/bad/neither.yaml`], /^moat: test\/fixtures\/import\/bad\/neither\.yaml:1: neither a docker-compose file \(no top-level services:\) nor Kubernetes manifests/],
    [[`${FIX}/bad/unknown-key.yml`], /^moat: test\/fixtures\/import\/bad\/unknown-key\.yml:4: unknown top-level key `service` in a compose file/],
    [[`${FIX}/bad/missing-fields.yaml`], /^moat: test\/fixtures\/import\/bad\/missing-fields\.yaml: nothing to import: no compose services and no Kubernetes workloads \(skipped: 1 Deployment\)/],
    [[`${FIX}/bad/helm`], /^moat: test\/fixtures\/import\/bad\/helm: nothing to import: .*\(skipped: 1 unreadable files\)/],
    [[`${FIX}/bad/helm/deployment.yaml`], /^moat: test\/fixtures\/import\/bad\/helm\/deployment\.yaml:4: an unrendered Helm template/],
    [[`${FIX}/bad/empty-folder`], /^moat: test\/fixtures\/import\/bad\/empty-folder: no YAML files/],
    [[`${FIX}/nowhere`], /^moat: test\/fixtures\/import\/nowhere: no such file or folder/],
    [[`${FIX}/bad/alias-bomb.yml`], /^moat: test\/fixtures\/import\/bad\/alias-bomb\.yml:\d+: more than 10000 aliases resolved in one document/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const run = moat(['import', ...args], { cwd: REPO });
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    });
  }

  it('a device or a pipe is never opened; a file nested too deeply is one line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    fs.writeFileSync(path.join(dir, 'deep.yaml'), `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.deepEqual(moat(['import', 'deep.yaml'], { cwd: dir }), { code: 2, stdout: '', stderr: 'moat: deep.yaml:1: nested too deeply to read\n' });
    const run = moat(['import', '/dev/zero'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^moat: .*dev\/zero: not a regular file \(a device, a pipe or a socket\)\n$/);
  });

  it('a 50 MB file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, `# ${'x'.repeat(50 * 1024 * 1024)}\n`);
    const run = moat(['import', big], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'moat: big.yaml: too large to read as a deployment file (50.0 MB; the limit is 16 MB)\n');
  });

  it('a folder: files that cannot be read are skipped and named, the rest imported (exit 0)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    fs.cpSync(path.join(REPO, FIX, 'bad'), dir, { recursive: true });
    fs.cpSync(path.join(REPO, FIX, 'k8s/shop.yaml'), path.join(dir, 'shop.yaml'));
    const run = moat(['import', '.'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /skipped: .*5 unreadable files/);
    assert.match(run.stderr, /skipped helm\/deployment\.yaml:4: an unrendered Helm template/);
  });
});

describe('moat import --update', () => {
  it('adds what the model lacks, keeps every comment and edit, and a second run adds nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    const model = path.join(dir, 'moat.yaml');
    fs.writeFileSync(model, [
      'moat: 1',
      'name: shop # the shop',
      '',
      'x-db: &db { kind: database, boundary: shop }',
      '',
      'boundaries:',
      '  shop: { trust: internal }',
      '',
      'services:',
      '  # written by hand',
      '  database:',
      '    <<: *db',
      '    deployed-as: db',
      '    runtime: { user: postgres }',
      '  api:',
      '    kind: service',
      '    boundary: shop',
      '    calls:',
      '      - { to: database, protocol: postgres, tls: tls, data: [] } # checked',
      '',
    ].join('\n'));
    const before = fs.readFileSync(model, 'utf8');
    const run = moat(['import', '--update', model, path.join(REPO, FIX, 'k8s/shop.yaml')], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const after = fs.readFileSync(model, 'utf8');
    for (const line of before.split('\n').filter((l) => l.trim() !== '' && !l.includes('runtime:'))) assert.ok(after.includes(line), `kept: ${line}`);
    assert.match(run.stderr, /added: service client, service ingress, service reviews, flow api->reviews, flow api->payments, runtime\.image of api/);
    assert.match(after, /runtime: \{ user: postgres, image: postgres:16, platform: kubernetes \}/);
    assert.doesNotMatch(after, /to: db\b/); // the flow to `db` is the user's `database` (deployed-as)
    const again = moat(['import', '--update', model, path.join(REPO, FIX, 'k8s/shop.yaml')], { cwd: dir });
    assert.equal(again.code, 0);
    assert.match(again.stderr, /added nothing/);
    assert.equal(fs.readFileSync(model, 'utf8'), after);
  });
});

describe('moat import -o', () => {
  it('writes a new file, and never overwrites one: --update is the way to add to a model', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    const k8s = path.join(REPO, FIX, 'k8s-more');
    const first = moat(['import', k8s, '-o', 'moat.yaml'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    const written = fs.readFileSync(path.join(dir, 'moat.yaml'), 'utf8');
    assert.match(written, /^# Imported by moat import from /);
    const again = moat(['import', k8s, '-o', 'moat.yaml'], { cwd: dir });
    assert.deepEqual(again, { code: 2, stdout: '', stderr: 'moat: moat.yaml already exists; moat import does not overwrite a model: add to it with --update moat.yaml\n' });
    assert.equal(fs.readFileSync(path.join(dir, 'moat.yaml'), 'utf8'), written);
  });
});

describe('moat import --update on a model written in flow style', () => {
  it('turns the collections it adds to into blocks (comments cannot live in flow style), keeps the rest, and a second run adds nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    const model = path.join(dir, 'moat.yaml');
    fs.writeFileSync(model, 'moat: 1\nname: x\nservices: { api: { kind: service, boundary: web, deployed-as: store, calls: [{ to: prices, protocol: grpc }] } }\nboundaries: { web: { trust: internal } } # mine\n');
    const run = moat(['import', '--update', model, path.join(REPO, FIX, 'k8s-more')], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const after = fs.readFileSync(model, 'utf8');
    assert.match(after, /\nservices:\n {2}api:\n {4}kind: service\n {4}boundary: web\n {4}deployed-as: store\n {4}calls:\n {6}- \{ to: prices, protocol: grpc \}\n {6}# [^\n]*manifests\.yaml:37: env AUDIT_ADDR\n/);
    assert.match(after, /# mine/);
    const errors = checkText(after, model, { today: '2026-11-30' }).findings.filter((f) => f.rule === 'model/syntax' || f.rule === 'model/ref');
    assert.deepEqual(errors.map((f) => f.message), []);
    const again = moat(['import', '--update', model, path.join(REPO, FIX, 'k8s-more')], { cwd: dir });
    assert.match(again.stderr, /added nothing/);
    assert.equal(fs.readFileSync(model, 'utf8'), after);
  });
});

describe('moat import --update on a model split with include:', () => {
  it('sees the components, boundaries and deployed-as of the included files, and edits MODEL alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-import-'));
    fs.mkdirSync(path.join(dir, 'parts'));
    const part = 'services:\n  database: { kind: database, boundary: shop, deployed-as: db }\nboundaries:\n  shop: { trust: internal }\n';
    fs.writeFileSync(path.join(dir, 'parts/db.moat.yaml'), part);
    fs.writeFileSync(path.join(dir, 'moat.yaml'), 'moat: 1\nname: shop\ninclude: [parts/db.moat.yaml]\nservices:\n  api: { kind: service, boundary: shop }\n');
    const run = moat(['import', '--update', 'moat.yaml', path.join(REPO, FIX, 'k8s/shop.yaml')], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /\n {2}added: service client, service ingress, service reviews, flow api->reviews, flow api->payments, flow api->database, runtime\.image of api, runtime\.user of api, runtime\.read-only-fs of api, runtime\.limits of api, runtime\.platform of api, service payments, boundary edge\n$/);
    const after = fs.readFileSync(path.join(dir, 'moat.yaml'), 'utf8');
    assert.doesNotMatch(after, /^ {2}(db|database):/m);
    assert.doesNotMatch(after, /^ {2}shop: \{ trust/m);
    assert.equal(fs.readFileSync(path.join(dir, 'parts/db.moat.yaml'), 'utf8'), part);
  });
});

describe('moat import on real systems (../shared/corpus)', { skip: fs.existsSync(CORPUS) ? false : 'skipped: ../shared/corpus is absent' }, () => {
  it('Online Boutique: manifests, NetworkPolicies and Istio', () => {
    const { model, text, summary } = imported([
      '../shared/corpus/online-boutique/kubernetes-manifests', '../shared/corpus/online-boutique/istio-manifests',
      '../shared/corpus/online-boutique/kustomize/components/network-policies',
    ]);
    // 11 workloads (loadgenerator is not in the kustomization), the client, the ingress, two ServiceEntries.
    assert.equal(summary.components, 15);
    assert.deepEqual(Object.fromEntries(Object.entries(model.services).filter(([, s]) => s.kind !== 'service').map(([id, s]) => [id, s.kind])), {
      client: 'user', ingress: 'gateway', 'redis-cart': 'cache', 'allow-egress-googleapis': 'external', 'allow-egress-google-metadata': 'external',
    });
    // Checked by hand: the env *_SERVICE_ADDR of frontend.yaml, checkoutservice.yaml, recommendationservice.yaml and
    // cartservice.yaml (SHOPPING_ASSISTANT_SERVICE_ADDR names no Service here), the gRPC port names of the Services,
    // frontend-external (LoadBalancer, port 80 `http`) and the Istio Gateway + VirtualService frontend-ingress. The
    // NetworkPolicies admit the same pairs and add none.
    assert.deepEqual(flows(model), [
      'cartservice->redis-cart redis:6379', 'checkoutservice->cartservice grpc:7070', 'checkoutservice->currencyservice grpc:7000',
      'checkoutservice->emailservice grpc:5000', 'checkoutservice->paymentservice grpc:50051', 'checkoutservice->productcatalogservice grpc:3550',
      'checkoutservice->shippingservice grpc:50051', 'client->frontend http:80', 'client->ingress http', 'frontend->adservice grpc:9555',
      'frontend->cartservice grpc:7070', 'frontend->checkoutservice grpc:5050', 'frontend->currencyservice grpc:7000',
      'frontend->productcatalogservice grpc:3550', 'frontend->recommendationservice grpc:8080', 'frontend->shippingservice grpc:50051',
      'ingress->frontend http:80', 'recommendationservice->productcatalogservice grpc:3550',
    ]);
    assert.deepEqual(model.services.checkoutservice.runtime, { image: 'checkoutservice', user: 1000, privileged: false, 'read-only-fs': true, limits: { cpu: '200m', memory: '128Mi' }, platform: 'kubernetes' });
    assert.deepEqual(modelFindings(text), []);
  });

  it('Sock Shop: compose (flows only by host name) and the single-file Kubernetes deployment', () => {
    const compose = imported(['../shared/corpus/sock-shop/deploy/docker-compose/docker-compose.yml']);
    assert.equal(Object.keys(compose.model.services).length, 16);
    assert.deepEqual(flows(compose.model), ['client->edge-router http:80', 'client->edge-router http:8080', 'user->user-db mongodb:27017']);
    assert.equal(compose.model.services['catalogue-db'].kind, 'service'); // weaveworksdemos/catalogue-db: no token names a database
    assert.equal(compose.model.services['carts-db'].kind, 'database');
    assert.equal(compose.model.services['queue-master'].runtime?.mounts?.toString(), '/var/run/docker.sock');
    assert.deepEqual(modelFindings(compose.text), []);
    const k8s = imported(['../shared/corpus/sock-shop/deploy/kubernetes/complete-demo.yaml', '../shared/corpus/sock-shop/deploy/kubernetes/manifests-policy']);
    assert.equal(k8s.summary.components, 15);
    assert.ok(k8s.model.boundaries?.['sock-shop']);
    // No env names a Service here: the flows are the NetworkPolicies' (checked by hand in manifests-policy/). The
    // policies cart-access and carts-db-access select `name: cart`, which no pod carries (they are `name: carts`),
    // so they make no flow.
    assert.deepEqual(flows(k8s.model), [
      'catalogue->catalogue-db mysql:3306', 'client->front-end http:80', 'front-end->catalogue http:80', 'front-end->orders http:80',
      'front-end->user http:80', 'orders->orders-db mongodb:27017', 'orders->payment http:80', 'orders->shipping http:80', 'orders->user http:80',
      'queue-master->rabbitmq amqp:5672', 'shipping->rabbitmq amqp:5672', 'user->user-db mongodb:27017',
    ]);
    assert.deepEqual(modelFindings(k8s.text), []);
  });

  it('Robot Shop: compose with anchors and ${REPO}/${TAG} left as written', () => {
    const { model, text } = imported(['../shared/corpus/robot-shop/docker-compose.yaml']);
    assert.equal(Object.keys(model.services).length, 13);
    assert.equal(model.services.mongodb.kind, 'database');
    assert.equal(model.services.mongodb.runtime?.image, '${REPO}/rs-mongodb:${TAG}');
    assert.equal(model.services.redis.kind, 'cache');
    assert.equal(model.services.rabbitmq.kind, 'queue');
    // depends_on only (no env names a host), so no port is known: the protocol comes from the callee's image, and
    // web's calls to the services built from source stay `unknown` with a TODO.
    assert.deepEqual(flows(model), [
      'cart->redis redis', 'catalogue->mongodb mongodb', 'client->web http:8080', 'dispatch->rabbitmq amqp', 'payment->rabbitmq amqp',
      'ratings->mysql mysql', 'shipping->mysql mysql', 'user->mongodb mongodb', 'user->redis redis',
      'web->catalogue unknown', 'web->payment unknown', 'web->shipping unknown', 'web->user unknown',
    ]);
    assert.deepEqual(modelFindings(text), []);
  });

  it('AWS retail store: include:, overrides with !override', () => {
    const { model, text } = imported(['../shared/corpus/retail-store/src/app/docker-compose.yml', '../shared/corpus/retail-store/src/app/compose.override.yaml']);
    assert.deepEqual(Object.keys(model.services).sort(), ['cart', 'carts-db', 'catalog', 'catalog-db', 'checkout', 'checkout-redis', 'client', 'opensearch', 'orders', 'orders-db', 'rabbitmq', 'ui']);
    // The override's env names carts (cart's `hostname:`), catalog, orders and checkout; the services' own env the
    // databases; the override empties the ports of all but ui and opensearch (`!override []`).
    assert.deepEqual(flows(model), [
      'cart->carts-db http:8000', 'catalog->catalog-db mysql:3306', 'catalog->opensearch http:9200', 'checkout->checkout-redis redis:6379',
      'checkout->orders http:8080', 'client->opensearch http:9200', 'client->opensearch http:9600', 'client->ui http:8080',
      'orders->orders-db postgres:5432', 'orders->rabbitmq amqp:5672', 'ui->cart http:8080', 'ui->catalog http:8080', 'ui->checkout http:8080',
      'ui->orders http:8080',
    ]);
    assert.equal(model.services.catalog.secrets?.RETAIL_CATALOG_PERSISTENCE_PASSWORD, '${DB_PASSWORD}');
    assert.equal(model.services.cart.runtime?.['read-only-fs'], true);
    assert.deepEqual(modelFindings(text), []);
  });
});

describe('the compose schema validator', () => {
  it('is what scripts/compose-schema.mjs generates from the packaged schema', () => {
    const run = spawnSync(process.execPath, ['scripts/compose-schema.mjs', '--check'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });
});
