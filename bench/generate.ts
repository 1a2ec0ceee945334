// A deterministic generator of realistic Moat models: nested trust boundaries, data assets, roles,
// users, gateways, services, datastores and queues, flows with a realistic mix of auth and TLS,
// controls and runtimes. The bench measures the engine on it; the robustness tests mutate it.
// The same (services, seed) always gives the same text, byte for byte.

export interface GenerateOptions {
  /** Seed of the pseudo-random choices; the same seed gives the same model. */
  seed?: number;
  /** Order in which the services are written (ids); defaults to generation order. */
  serviceOrder?: readonly string[];
}

/** A generated model, in parts, so that tests can reorder sections and re-render. */
export interface GeneratedModel {
  /** Service ids in generation order. */
  serviceIds: string[];
  /** Each service's YAML block (indented under `services:`), by id. */
  serviceBlocks: Map<string, string>;
  header: string;
  boundaries: string;
  data: string;
  roles: string;
  controls: string;
}

/** mulberry32: small, fast, and the same on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind =
  | 'user' | 'external' | 'gateway' | 'frontend' | 'service' | 'function' | 'database' | 'cache' | 'queue'
  | 'storage' | 'identity-provider' | 'secrets-manager' | 'monitoring';

interface Planned {
  id: string;
  kind: Kind;
  boundary?: string;
  group: number;
}

const DOMAINS = [
  'orders', 'payments', 'catalog', 'inventory', 'shipping', 'billing', 'accounts', 'search', 'reviews', 'pricing',
  'notifications', 'loyalty', 'returns', 'invoices', 'carts', 'sessions', 'profiles', 'ledger', 'fraud', 'reports',
];
const TECH: Record<string, string[]> = {
  service: ['go', 'spring-boot', 'node', 'python', 'rust', 'dotnet'],
  function: ['aws-lambda', 'cloud-run'],
  gateway: ['envoy', 'nginx', 'kong'],
  frontend: ['next.js', 'react', 'angular'],
  database: ['postgres', 'mysql', 'mongodb'],
  cache: ['redis', 'memcached'],
  queue: ['kafka', 'rabbitmq', 'nats'],
  storage: ['s3', 'minio'],
};
const DB_PROTOCOL: Record<string, string> = { postgres: 'postgres', mysql: 'mysql', mongodb: 'mongodb' };

/** Builds the parts of a model of `services` components. */
export function generateParts(services: number, options: GenerateOptions = {}): GeneratedModel {
  const rand = prng(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const n = Math.max(8, services);
  const groups = Math.max(1, Math.ceil(n / 25));

  // --- components --------------------------------------------------------------------------
  const planned: Planned[] = [];
  const used = new Set<string>();
  const name = (base: string) => {
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
  const users = Math.max(2, Math.round(n / 50));
  const externals = Math.max(1, Math.round(n / 60));
  const gateways = Math.max(1, Math.round(n / 50));
  const frontends = Math.max(1, Math.round(n / 60));
  for (let i = 0; i < users; i++) planned.push({ id: name(i === 0 ? 'admin' : i === 1 ? 'shopper' : `user-${i}`), kind: 'user', group: i % groups });
  for (let i = 0; i < externals; i++) planned.push({ id: name(['stripe', 'sendgrid', 'maps-api', 'tax-api'][i % 4] + (i >= 4 ? `-${i}` : '')), kind: 'external', group: i % groups });
  for (let i = 0; i < gateways; i++) planned.push({ id: name(i === 0 ? 'gateway' : `gateway-${i}`), kind: 'gateway', boundary: 'edge', group: i % groups });
  for (let i = 0; i < frontends; i++) planned.push({ id: name(i === 0 ? 'storefront' : `frontend-${i}`), kind: 'frontend', boundary: 'edge', group: i % groups });
  planned.push({ id: name('identity'), kind: 'identity-provider', boundary: 'cluster', group: 0 });
  planned.push({ id: name('vault'), kind: 'secrets-manager', boundary: 'cluster', group: 0 });
  planned.push({ id: name('observability'), kind: 'monitoring', boundary: 'cluster', group: 0 });
  const rest = n - planned.length;
  for (let i = 0; i < rest; i++) {
    const group = Math.floor((i / rest) * groups);
    const domain = DOMAINS[i % DOMAINS.length];
    const r = rand();
    const kind: Kind = r < 0.5 ? 'service' : r < 0.6 ? 'function' : r < 0.75 ? 'database' : r < 0.83 ? 'cache' : r < 0.92 ? 'queue' : 'storage';
    const suffix = kind === 'service' ? '' : kind === 'function' ? '-fn' : kind === 'database' ? '-db' : kind === 'cache' ? '-cache' : kind === 'queue' ? '-events' : '-files';
    const boundary = domain === 'payments' || domain === 'ledger' ? 'pci' : `ns-${group}`;
    planned.push({ id: name(`${domain}${suffix}`), kind, boundary, group });
  }
  const byGroup = (g: number, kinds: Kind[]) => planned.filter((p) => p.group === g && kinds.includes(p.kind));
  const anyOf = (kinds: Kind[]) => planned.filter((p) => kinds.includes(p.kind));

  // --- data ------------------------------------------------------------------------------
  const dataIds: { id: string; sensitive: boolean }[] = [];
  let data = 'data:\n';
  const dataCount = Math.max(4, Math.round(n / 5));
  for (let i = 0; i < dataCount; i++) {
    const id = `${DOMAINS[i % DOMAINS.length]}-record${i >= DOMAINS.length ? `-${Math.floor(i / DOMAINS.length)}` : ''}`;
    const classification = pick(['public', 'internal', 'internal', 'confidential', 'confidential', 'restricted'] as const);
    const pii = chance(0.3);
    dataIds.push({ id, sensitive: classification === 'confidential' || classification === 'restricted' || pii });
    data += chance(0.6)
      ? `  ${id}: { classification: ${classification}${pii ? ', pii: true' : ''} }\n`
      : `  ${id}:\n    classification: ${classification}\n${pii ? '    pii: true\n' : ''}    description: ${DOMAINS[i % DOMAINS.length]} records kept by the ${DOMAINS[i % DOMAINS.length]} team\n`;
  }
  const someData = (k: number) => {
    const out = new Set<string>();
    for (let i = 0; i < k; i++) out.add(pick(dataIds).id);
    return [...out];
  };

  // --- boundaries -------------------------------------------------------------------------
  let boundaries = 'boundaries:\n  internet: { trust: untrusted }\n  partners: { trust: untrusted, description: Third-party networks }\n' +
    '  edge: { trust: dmz, description: Load balancers and API gateways }\n  vpc: { trust: internal }\n' +
    '  cluster:\n    trust: internal\n    within: vpc\n    description: The production Kubernetes cluster\n' +
    '  pci: { trust: restricted, within: cluster, description: Card data environment }\n';
  for (let g = 0; g < groups; g++) boundaries += `  ns-${g}: { trust: ${g % 7 === 3 ? 'restricted' : 'internal'}, within: cluster }\n`;

  // --- roles -------------------------------------------------------------------------------
  const roleOf = new Map<string, string>();
  let roles = 'roles:\n';
  roles += '  ops-admin:\n    description: On-call engineers\n    grants:\n      "*": [read, execute]\n';
  const stores = anyOf(['database', 'cache', 'storage']);
  for (const p of planned) {
    if ((p.kind !== 'service' && p.kind !== 'function') || !chance(0.4)) continue;
    const targets = byGroup(p.group, ['database', 'cache', 'storage', 'queue']).slice(0, 2);
    if (targets.length === 0) continue;
    const role = `${p.id}-role`;
    roleOf.set(p.id, role);
    roles += `  ${role}:\n    grants:\n`;
    for (const t of targets) roles += `      ${t.id}: [${chance(0.7) ? 'read, write' : 'read'}]\n`;
  }
  if (stores.length === 0) roles += '  empty-role: {}\n';

  // --- services ----------------------------------------------------------------------------
  const blocks = new Map<string, string>();
  const entryPoints = anyOf(['gateway', 'frontend']);
  const workloads = (g: number) => byGroup(g, ['service', 'function']);
  const datastores = (g: number) => byGroup(g, ['database', 'cache', 'storage']);
  const queues = (g: number) => byGroup(g, ['queue']);
  const image = (id: string) => {
    const r = rand();
    if (r < 0.4) return `registry.example.com/${id}@sha256:${hex(64)}`;
    if (r < 0.9) return `registry.example.com/${id}:${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}`;
    return `registry.example.com/${id}:latest`;
  };
  const hex = (k: number) => {
    let s = '';
    for (let i = 0; i < k; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
    return s;
  };
  const flowLine = (to: string, protocol: string, extra: string[]) =>
    `      - { to: ${to}, protocol: ${protocol}${extra.length ? ', ' + extra.join(', ') : ''} }\n`;
  const tlsAuth = (internal: boolean): string[] => {
    const out: string[] = [];
    const t = rand();
    if (t < 0.55) out.push('tls: mtls');
    else if (t < 0.8) out.push('tls: tls');
    else if (t < 0.9) out.push('tls: none');
    const a = rand();
    // `auth: mtls` is a TLS handshake: only over a flow that says it has TLS (language.md).
    if (a < 0.4) out.push(internal && (t < 0.8) ? 'auth: mtls' : 'auth: jwt');
    else if (a < 0.7) out.push('auth: jwt');
    else if (a < 0.8) out.push(pick(['auth: api-key', 'auth: password', 'auth: iam']));
    else if (a < 0.88) out.push('auth: none');
    return out;
  };

  for (const p of planned) {
    let b = `  ${p.id}:\n    kind: ${p.kind}\n`;
    if (p.boundary) b += `    boundary: ${p.boundary}\n`;
    const tech = TECH[p.kind] ? pick(TECH[p.kind]) : undefined;
    if (tech) b += `    tech: ${tech}\n`;
    if (chance(0.5)) b += `    owner: team-${DOMAINS[p.group % DOMAINS.length]}\n`;
    if (chance(0.6)) b += `    description: Handles ${p.id.replace(/-/g, ' ')} for the shop\n`;
    const calls: string[] = [];
    switch (p.kind) {
      case 'user': {
        b += p.id === 'admin' ? '    roles: [ops-admin]\n    controls: { mfa: true }\n' : '';
        for (const e of entryPoints.slice(0, 3)) calls.push(flowLine(e.id, 'https', ['auth: oidc', `data: [${someData(1).join(', ')}]`]));
        break;
      }
      case 'external':
        if (entryPoints.length && chance(0.5)) calls.push(flowLine(entryPoints[0].id, 'https', ['auth: api-key']));
        break;
      case 'gateway':
      case 'frontend': {
        b += `    controls: { rate-limit: ${pick([100, 300, 1000])}/min, waf: true${p.kind === 'gateway' ? ', input-validation: true' : ''} }\n`;
        const targets = [...workloads(p.group), ...workloads((p.group + 1) % groups)].slice(0, p.kind === 'gateway' ? 6 : 2);
        for (const t of targets) {
          calls.push(`      - to: ${t.id}\n        protocol: grpc\n        tls: mtls\n        auth: jwt\n        data: [${someData(2).join(', ')}]\n        controls: { timeout: 2s }\n`);
        }
        if (p.kind === 'frontend' && entryPoints.some((e) => e.kind === 'gateway')) {
          calls.push(flowLine(entryPoints.find((e) => e.kind === 'gateway')!.id, 'https', ['auth: session']));
        }
        break;
      }
      case 'service':
      case 'function': {
        const role = roleOf.get(p.id);
        if (role) b += `    roles: [${role}]\n`;
        const ctl: string[] = [];
        if (chance(0.6)) ctl.push('authorization: true');
        if (chance(0.5)) ctl.push('input-validation: true');
        if (chance(0.4)) ctl.push('audit-log: true');
        if (chance(0.2)) ctl.push('timeout: 5s');
        if (ctl.length) b += `    controls: { ${ctl.join(', ')} }\n`;
        if (p.kind === 'service') {
          b += `    runtime:\n      image: ${image(p.id)}\n`;
          if (chance(0.8)) b += `      user: ${chance(0.9) ? 10001 : 'root'}\n`;
          if (chance(0.7)) b += '      read-only-fs: true\n';
          if (chance(0.8)) b += `      limits: { cpu: ${pick(['250m', '500m', '1'])}, memory: ${pick(['128Mi', '256Mi', '512Mi'])} }\n`;
          b += '      platform: kubernetes\n';
        } else {
          b += '    runtime: { platform: lambda }\n';
        }
        if (chance(0.5)) b += `    env:\n      LOG_LEVEL: ${pick(['info', 'debug', 'warn'])}\n      REGION: eu-west-1\n`;
        if (chance(0.4)) b += `    secrets:\n      DB_PASSWORD: vault:secret/${p.id}/db\n`;
        const peers = workloads(p.group).filter((w) => w.id !== p.id);
        for (let k = 0, m = Math.floor(rand() * 3); k < m && peers.length; k++) {
          const t = pick(peers);
          calls.push(flowLine(t.id, pick(['grpc', 'grpc', 'https', 'http']), [...tlsAuth(true), `data: [${someData(1).join(', ')}]`]));
        }
        const ds = datastores(p.group);
        if (ds.length) {
          const t = pick(ds);
          const proto = t.kind === 'cache' ? 'redis' : t.kind === 'storage' ? 's3' : DB_PROTOCOL[pick(['postgres', 'mysql', 'mongodb'])];
          const access = pick(['read', 'read-write', 'write']);
          if (chance(0.3)) {
            const props = [`protocol: ${proto}`, ...tlsAuth(true), `access: ${access}`, `data: [${someData(2).join(', ')}]`];
            calls.push(`      - to: ${t.id}\n${props.map((x) => `        ${x}\n`).join('')}`);
          } else calls.push(flowLine(t.id, proto, [...tlsAuth(true), `access: ${access}`, `data: [${someData(1).join(', ')}]`]));
        }
        const q = queues(p.group);
        if (q.length && chance(0.5)) calls.push(flowLine(pick(q).id, 'kafka', ['tls: tls', 'auth: mtls', 'async: true', `data: [${someData(1).join(', ')}]`]));
        if (chance(0.15)) {
          const ext = pick(anyOf(['external']));
          calls.push(flowLine(ext.id, 'https', ['auth: api-key', 'controls: { timeout: 3s, retries: 2 }']));
        }
        if (chance(0.2)) calls.push(flowLine('observability', 'https', ['tls: tls', 'auth: token', 'access: write', 'async: true']));
        break;
      }
      case 'database':
      case 'cache':
      case 'storage': {
        b += `    stores: [${someData(1 + Math.floor(rand() * 3)).join(', ')}]\n`;
        if (chance(0.7)) b += '    controls: { encryption-at-rest: true, audit-log: true }\n';
        break;
      }
      case 'queue': {
        b += '    controls: { encryption-at-rest: true }\n';
        const consumers = workloads(p.group);
        if (consumers.length && chance(0.5)) b += `    # consumers pull from the topic\n`;
        break;
      }
      case 'identity-provider':
      case 'secrets-manager':
      case 'monitoring':
        b += '    runtime:\n      image: registry.example.com/' + p.id + '@sha256:' + hex(64) + '\n      user: 10001\n      read-only-fs: true\n      limits: { cpu: 500m, memory: 512Mi }\n';
        break;
    }
    if (calls.length) b += '    calls:\n' + calls.join('');
    blocks.set(p.id, b);
  }

  const header = `# A generated model of ${n} components (seed ${options.seed ?? 1}), for benchmarks and tests.\nmoat: 1\nname: Generated shop of ${n} services\ndescription: A web shop split into ${groups} namespaces.\n`;
  const controls = 'controls:\n  dependency-scanning: true\n  image-scanning: true\n  central-logging: true\n  secrets-manager: true\n  incident-response: docs/incident-response.md\n';
  return { serviceIds: planned.map((p) => p.id), serviceBlocks: blocks, header, boundaries, data, roles, controls };
}

/** Renders the parts as one model file, with the services in `order` (default: as generated). */
export function renderModel(parts: GeneratedModel, order: readonly string[] = parts.serviceIds): string {
  const services = order.map((id) => parts.serviceBlocks.get(id)!).join('\n');
  return `${parts.header}\n${parts.boundaries}\n${parts.data}\n${parts.roles}\n${parts.controls}\nservices:\n${services}`;
}

/** A model of `services` components as YAML text. */
export function generateModel(services: number, options: GenerateOptions = {}): string {
  const parts = generateParts(services, options);
  return renderModel(parts, options.serviceOrder ?? parts.serviceIds);
}

/**
 * A model at the density of findings real reviews see (about six per service): `services`
 * services, each with its own database, a role granting on it, its database call and two calls
 * to other services; a fifth of the calls between services unencrypted, a third unauthenticated.
 */
export function generateDenseModel(services: number): string {
  const n = Math.max(3, services);
  const groups = Math.max(1, Math.ceil(n / 50));
  const group = (i: number) => `ns-${Math.floor(i / 50)}`;
  const out: string[] = [
    `# A generated model of ${n} services with their databases, at about six findings per service.`,
    'moat: 1',
    `name: Dense shop of ${n} services`,
    'description: Every service owns a database and calls two others.',
    '',
    'boundaries:',
    '  internet: { trust: untrusted }',
    '  cluster: { trust: internal }',
  ];
  for (let g = 0; g < groups; g++) out.push(`  ns-${g}: { trust: ${g % 5 === 4 ? 'restricted' : 'internal'}, within: cluster }`);
  out.push('', 'data:');
  for (let i = 0; i < n; i++) out.push(`  record-${i}: { classification: ${i % 2 === 0 ? 'confidential' : 'internal'}${i % 7 === 0 ? ', pii: true' : ''} }`);
  out.push('', 'roles:');
  for (let i = 0; i < n; i++) out.push(`  svc-${i}-role:`, '    grants:', `      svc-${i}-db: [read, write]`);
  out.push('', 'services:');
  out.push('  shopper:', '    kind: user', '    calls:', '      - { to: svc-0, protocol: https, auth: oidc }');
  for (let i = 0; i < n; i++) {
    const peers = [(i + 1) % n, (i + 7) % n];
    out.push(
      `  svc-${i}:`,
      '    kind: service',
      `    boundary: ${group(i)}`,
      `    owner: team-${i % 20}`,
      '    tech: go',
      `    roles: [svc-${i}-role]`,
      '    runtime:',
      `      image: registry.example.com/svc-${i}:1.${i % 10}.0`,
      // Every other service runs as whatever user its image says (about six findings per service).
      ...(i % 2 === 0 ? ['      user: 10001'] : []),
      '    calls:',
      `      - { to: svc-${i}-db, protocol: postgres, tls: tls, auth: password, access: read-write, data: [record-${i}] }`,
    );
    for (const [k, p] of peers.entries()) {
      const j = i * 2 + k;
      const tls = j % 5 === 0 ? 'none' : 'mtls';
      const auth = j % 3 === 0 ? 'none' : 'jwt';
      out.push(`      - { to: svc-${p}, protocol: grpc, tls: ${tls}, auth: ${auth}, data: [record-${p}] }`);
    }
    out.push(`  svc-${i}-db:`, '    kind: database', `    boundary: ${group(i)}`, '    tech: postgres', `    stores: [record-${i}]`);
  }
  return `${out.join('\n')}\n`;
}
