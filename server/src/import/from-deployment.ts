// A deployment → a Moat model (deployment.md, "`moat import`" and its two mapping tables).
// What the files say is written, each element naming its source; what they cannot say (the data
// a flow carries, the users, how sensitive the data is) is left out with a `# TODO`.

import { isSecretReference, looksLikeSecretName, secretKind } from '../model/secrets.js';
import { templateOf } from '../deployment/types.js';
import type { Container, Deployment, KubeService, SourceRef, Workload } from '../deployment/types.js';
import { SIDECARS, kindFromImage, protocolFromImage, techFromImage } from './kinds.js';
import { hostReferences, maskPassword } from './references.js';
import type { HostReference } from './references.js';
import { countTodos } from './imported.js';
import { isPortNumber } from '../model/vocabulary.js';
import type { ImportedBoundary, ImportedFlow, ImportedModel, ImportedRole, ImportedRuntime, ImportedService, ImportedValue } from './imported.js';

export interface ImportOptions {
  /** The system's name (default: the compose project, or the first input's name). */
  name?: string;
  /** `--no-published-ports`: leave compose's published ports out (a comment lists them). */
  publishedPorts?: boolean;
  /** The inputs as named on the command line, for the model's header. */
  inputs?: readonly string[];
}

export interface ImportSummary {
  components: number;
  flows: number;
  boundaries: number;
  /** Components a user reaches through published ports (compose) or a LoadBalancer/NodePort. */
  internetFacing: string[];
  skipped: Map<string, number>;
  todos: number;
  notes: string[];
}

/** The components import makes up: they carry no runtime and never drift. */
export const MADE_UP = { client: 'client', ingress: 'ingress', kubernetesApi: 'kubernetes-api' } as const;

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** A deployment name lowercased and made to match the id pattern. */
export function toId(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '');
  return ID_PATTERN.test(id) ? id : `x-${id || 'unnamed'}`;
}

/** A component of the imported model made from workloads of the deployment (what drift matches against the model). */
export interface DeployedComponent {
  id: string;
  /** The deployment's name for it (the Service's, for a Service over several workloads). */
  name: string;
  namespace: string;
  platform: Workload['platform'];
  workloads: Workload[];
  service: ImportedService;
  /** Its pods are in the mesh's scope: a sidecar, or Istio resources in its namespace. */
  meshScope?: boolean;
  /** A STRICT PeerAuthentication or ISTIO_MUTUAL DestinationRule covers it and its pods have a sidecar. */
  meshCovered?: boolean;
}
type Component = DeployedComponent;

const SCHEMES: Record<string, { protocol: string; tls?: 'tls' }> = {
  postgres: { protocol: 'postgres' }, postgresql: { protocol: 'postgres' }, 'jdbc:postgresql': { protocol: 'postgres' },
  mysql: { protocol: 'mysql' }, 'jdbc:mysql': { protocol: 'mysql' }, 'jdbc:mariadb': { protocol: 'mysql' },
  mongodb: { protocol: 'mongodb' }, 'mongodb+srv': { protocol: 'mongodb' },
  redis: { protocol: 'redis' }, rediss: { protocol: 'redis', tls: 'tls' },
  amqp: { protocol: 'amqp' }, amqps: { protocol: 'amqps' }, http: { protocol: 'http' }, https: { protocol: 'https' },
  kafka: { protocol: 'kafka' }, nats: { protocol: 'nats' }, ws: { protocol: 'ws' }, wss: { protocol: 'wss' },
  grpc: { protocol: 'grpc' }, mqtt: { protocol: 'mqtt' }, mqtts: { protocol: 'mqtts' },
};
const APP_PROTOCOLS: Record<string, string> = { 'kubernetes.io/h2c': 'http', 'kubernetes.io/ws': 'ws', 'kubernetes.io/wss': 'wss', http: 'http', https: 'https', grpc: 'grpc', http2: 'http' };
const PORT_NAMES: [string, string][] = [['grpc-web', 'grpc'], ['grpc', 'grpc'], ['http2', 'http'], ['https', 'https'], ['http', 'http'], ['tls', 'tls'], ['mongo', 'mongodb'], ['mysql', 'mysql'], ['redis', 'redis']];
const PORT_NUMBERS: Record<number, string> = { 5432: 'postgres', 3306: 'mysql', 27017: 'mongodb', 6379: 'redis', 5672: 'amqp', 9092: 'kafka', 443: 'https', 80: 'http', 8080: 'http' };
const LOCAL_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** The model `moat import` writes for `d`, with its summary. */
export function importDeployment(d: Deployment, options: ImportOptions = {}): { model: ImportedModel; summary: ImportSummary; components: DeployedComponent[] } {
  return new Importer(d, options).run();
}

class Importer {
  private readonly components: Component[] = [];
  private readonly byWorkload = new Map<Workload, Component>();
  private readonly boundaries = new Map<string, ImportedBoundary>();
  private readonly roles: ImportedRole[] = [];
  private readonly extra: ImportedService[] = [];
  private readonly internetFacing = new Set<string>();
  private readonly notes: string[] = [];
  private client?: ImportedService;
  private ingress?: ImportedService;

  constructor(private readonly d: Deployment, private readonly options: ImportOptions) {}

  run(): { model: ImportedModel; summary: ImportSummary; components: DeployedComponent[] } {
    this.makeComponents();
    for (const entry of this.d.serviceEntries) this.externalFor(entry);
    for (const c of this.components) this.describe(c);
    for (const c of this.components) this.envFlows(c);
    for (const c of this.components) this.dependencyFlows(c);
    this.policyFlows();
    this.exposure();
    this.adminRoles();
    this.meshTls();
    this.authorization();
    const services = [
      ...(this.client ? [this.client] : []),
      ...(this.ingress ? [this.ingress] : []),
      ...this.components.map((c) => c.service),
      ...this.extra,
    ];
    for (const s of services) for (const f of s.calls) {
      if (!f.data) f.todos = [...(f.todos ?? []), 'data: which data does this flow carry? (add them under data: with their classification)'];
    }
    const model: ImportedModel = {
      name: this.options.name ?? this.d.project ?? 'system',
      header: [
        `Imported by moat import from ${(this.options.inputs ?? this.d.files).map((i) => (i === '-' ? 'standard input' : i)).join(', ')}.`,
        'Every element names the file it comes from; what the deployment cannot say is a TODO.',
        'TODO: data: list the data the system handles, with its classification (public, internal, confidential, restricted) and pii.',
      ],
      boundaries: [...this.boundaries.values()],
      roles: this.roles,
      services,
    };
    const summary: ImportSummary = {
      components: services.length,
      flows: services.reduce((n, s) => n + s.calls.length, 0),
      boundaries: this.boundaries.size,
      internetFacing: [...this.internetFacing],
      skipped: this.d.skipped,
      todos: countTodos(model),
      notes: [...this.d.notes, ...this.notes],
    };
    for (const c of this.components) {
      if (c.platform !== 'kubernetes') continue;
      c.meshCovered = this.d.meshTls.some((p) => this.covers(p, c)) && this.inMesh(c);
      c.meshScope = this.inMesh(c) || this.d.meshTls.some((p) => p.namespace === c.namespace) || this.d.authorizationPolicies.some((p) => p.namespace === c.namespace);
    }
    return { model, summary, components: this.components };
  }

  private where(source: SourceRef, what?: string): string {
    const template = templateOf(this.d, source);
    const at = `${source.file}:${source.line}${template ? ` (${template})` : ''}`;
    return what ? `${at}: ${what}` : at;
  }

  // ---- components --------------------------------------------------------------------------

  private makeComponents(): void {
    const groups = new Map<Workload, KubeService>();
    for (const svc of this.d.services) {
      const selected = this.selectedBy(svc);
      if (selected.length < 2 || selected.some((w) => groups.has(w))) continue;
      for (const w of selected) groups.set(w, svc);
    }
    const pending: { name: string; namespace: string; platform: Workload['platform']; workloads: Workload[] }[] = [];
    const bySvc = new Map<KubeService, (typeof pending)[number]>();
    for (const w of this.d.workloads) {
      const svc = groups.get(w);
      if (svc) {
        const existing = bySvc.get(svc);
        if (existing) { existing.workloads.push(w); continue; }
        const entry = { name: svc.name, namespace: svc.namespace, platform: w.platform, workloads: [w] };
        bySvc.set(svc, entry);
        pending.push(entry);
      } else {
        pending.push({ name: w.name, namespace: w.namespace, platform: w.platform, workloads: [w] });
      }
    }
    const count = new Map<string, Set<string>>();
    for (const p of pending) {
      const id = toId(p.name);
      if (!count.has(id)) count.set(id, new Set());
      count.get(id)!.add(`${p.platform}/${p.namespace}`);
    }
    const used = new Set<string>(Object.values(MADE_UP));
    for (const p of pending) {
      let id = toId(p.name);
      const clash = (count.get(id)?.size ?? 0) > 1 && p.platform === 'kubernetes';
      if (clash) id = toId(`${id}.${p.namespace}`);
      while (used.has(id)) id = `${id}-${p.platform === 'compose' ? 'service' : 'workload'}`;
      used.add(id);
      const names = p.workloads.map((w) => (clash ? `${w.namespace}/${w.name}` : w.name));
      const deployedAs = names.length === 1 && names[0] === id ? undefined : names;
      const c: Component = {
        id, name: p.name, namespace: p.namespace, platform: p.platform, workloads: p.workloads,
        service: { id, kind: 'service', calls: [], deployedAs },
      };
      this.components.push(c);
      for (const w of p.workloads) this.byWorkload.set(w, c);
    }
  }

  private selectedBy(svc: KubeService): Workload[] {
    const keys = Object.entries(svc.selector);
    if (keys.length === 0) return [];
    return this.d.workloads.filter((w) => w.platform === 'kubernetes' && w.namespace === svc.namespace && keys.every(([k, v]) => w.podLabels[k] === v));
  }

  private mainContainer(w: Workload): Container | undefined {
    return w.containers.find((c) => !SIDECARS.has(c.name)) ?? w.containers[0];
  }

  private describe(c: Component): void {
    const w = c.workloads[0];
    const main = this.mainContainer(w);
    const s = c.service;
    s.kind = kindFromImage(main?.image);
    s.tech = safe(techFromImage(main?.image));
    s.source = c.workloads.map((x) => this.where(x.source, x.label)).join('; ');
    s.boundary = this.boundaryOf(c);
    s.runtime = this.runtime(c, main);
    const others = w.containers.filter((x) => x !== main && !SIDECARS.has(x.name));
    if (others.length > 0) s.notes = [...(s.notes ?? []), `also runs the containers ${others.map((x) => `${x.name} (${safe(x.image) ?? 'no image'})`).join(', ')}; runtime: is the main container's (${main?.name})`];
    if (w.profiles) s.notes = [...(s.notes ?? []), `profiles: ${w.profiles.join(', ')} (started only with docker compose --profile ${w.profiles[0]})`];
    if (!main?.image) s.todos = [...(s.todos ?? []), w.platform === 'compose' ? 'image: built from source (build:), name the image it runs under runtime.image' : 'image: the container names no image'];
    if (['database', 'cache', 'queue', 'storage'].includes(s.kind)) s.todos = [...(s.todos ?? []), 'stores: which data does it keep? (data ids)'];
    this.values(c, main);
  }

  private boundaryOf(c: Component): string {
    const w = c.workloads[0];
    if (w.platform === 'kubernetes') {
      const id = toId(w.namespace);
      if (!this.boundaries.has(id)) {
        const ns = this.d.namespaces.find((n) => n.name === w.namespace);
        this.boundaries.set(id, { id, trust: 'internal', source: ns ? this.where(ns.source, `Namespace ${ns.name}`) : `namespace ${w.namespace}` });
      }
      return id;
    }
    const [first, ...others] = w.networks;
    let id: string;
    if (first) {
      id = toId(first);
      if (!this.boundaries.has(id)) {
        const net = this.d.networks.find((n) => n.name === first);
        this.boundaries.set(id, { id, trust: 'internal', source: net?.source ? this.where(net.source, `networks.${first}`) : `compose network ${first}` });
      }
      if (others.length > 0) c.service.notes = [...(c.service.notes ?? []), `also on the networks ${others.join(', ')}`];
    } else {
      id = toId(this.d.project ?? 'default');
      if (!this.boundaries.has(id)) this.boundaries.set(id, { id, trust: 'internal', source: `the compose project's default network (${this.d.project ?? 'default'})` });
    }
    return id;
  }

  private runtime(c: Component, main: Container | undefined): ImportedRuntime {
    const w = c.workloads[0];
    const r: ImportedRuntime = { platform: w.platform };
    const todos: string[] = [];
    if (main?.image) {
      const at = main.image.indexOf('@');
      if (at >= 0 && !/^sha256:[0-9a-f]{64}$/.test(main.image.slice(at + 1))) {
        todos.push(`runtime.image: the deployment runs \`${safe(main.image) ?? '(an image that looks like a secret)'}\`, whose digest is not \`@sha256:\` and 64 hexadecimal digits: write the image it pins`);
      } else {
        r.image = safe(main.image);
      }
    }
    if (main?.user !== undefined) r.user = /^\d+$/.test(main.user) ? Number(main.user) : safe(main.user);
    else if (main?.runAsNonRoot) r.user = 'nonroot';
    else todos.push('runtime.user: the deployment sets no user, so the image\'s USER decides (absent means root): write the user it runs as');
    if (todos.length > 0) r.todos = todos;
    const privileged = main?.privileged === true || (main?.capabilitiesAdded ?? []).some((cap) => cap === 'ALL' || cap === 'SYS_ADMIN');
    if (privileged) r.privileged = true;
    else if (main?.privileged === false) r.privileged = false;
    if (main?.readOnlyRootFilesystem !== undefined) r['read-only-fs'] = main.readOnlyRootFilesystem;
    if (main?.limits) r.limits = { ...main.limits };
    if (w.hostNetwork) r['host-network'] = true;
    if (w.hostPid) r['host-pid'] = true;
    const mounts = w.mounts.map((m) => safe(m)).filter((m): m is string => m !== undefined);
    if (mounts.length > 0) r.mounts = mounts;
    const notes: string[] = [];
    if (main?.allowPrivilegeEscalation === true) notes.push('allowPrivilegeEscalation: true in the deployment');
    if (main && main.capabilitiesAdded.length > 0) notes.push(`capabilities added: ${safe(main.capabilitiesAdded.join(', ')) ?? '(not shown: they look like a secret)'}`);
    if (notes.length > 0) r.notes = notes;
    return r;
  }

  /** `env:` and `secrets:`: secrets never copied, only where they are written. */
  private values(c: Component, main: Container | undefined): void {
    if (!main) return;
    const env: ImportedValue[] = [];
    const secrets: ImportedValue[] = [];
    const seen = new Set<string>();
    const literal = (name: string, at: SourceRef) => {
      if (seen.has(`s:${name}`)) return;
      seen.add(`s:${name}`);
      secrets.push({ name, value: `literal in ${this.where(at)}` });
    };
    for (const e of main.env) {
      if (secretKind(e.name)) continue; // a "name" that is itself a secret (`- postgres://u:pw@db` with no `=`) is never written
      if (e.secretRef) {
        const doc = this.d.secrets.find((s) => s.name === e.secretRef!.secret && s.namespace === c.namespace);
        const key = doc?.keys.find((k) => k.key === e.secretRef!.key);
        if (doc && doc.keys.length > 0) literal(e.name, { file: doc.source.file, line: key?.line ?? doc.source.line });
        else if (!seen.has(`s:${e.name}`)) { seen.add(`s:${e.name}`); secrets.push({ name: e.name, value: `k8s-secret:${e.secretRef.secret}/${e.secretRef.key}` }); }
        continue;
      }
      let value = e.value;
      let at = e.source;
      if (e.configMap) {
        const [cm, key] = e.configMap.split('/');
        const map = this.d.configMaps.find((m) => m.name === cm && m.namespace === c.namespace);
        const entry = map?.data.find((x) => x.key === key);
        if (!map || !entry) continue;
        value = entry.value;
        at = { file: map.source.file, line: entry.line };
      }
      if (value === undefined) continue;
      this.classify(e.name, value, at, env, secrets, seen);
    }
    for (const ref of main.configMapRefs) {
      const cm = this.d.configMaps.find((m) => m.name === ref.name && m.namespace === c.namespace);
      for (const entry of cm?.data ?? []) this.classify(entry.key, entry.value, { file: cm!.source.file, line: entry.line }, env, secrets, seen);
    }
    for (const use of main.secretUses) {
      const doc = use.from.startsWith('k8s') ? this.d.secrets.find((s) => s.name === use.secret && s.namespace === c.namespace) : undefined;
      if (doc && doc.keys.length > 0) {
        for (const k of doc.keys) literal(use.from === 'k8s-env' ? k.key : `${use.secret}/${k.key}`, { file: doc.source.file, line: k.line });
        continue;
      }
      if (seen.has(`s:${use.name}`)) continue;
      seen.add(`s:${use.name}`);
      switch (use.from) {
        case 'k8s-env': case 'k8s-volume': secrets.push({ name: use.name, value: `k8s-secret:${use.secret}`, source: this.where(use.source, use.from === 'k8s-env' ? 'envFrom.secretRef' : 'secret volume') }); break;
        case 'compose-file': secrets.push({ name: use.name, value: `file:${use.path}`, source: this.where(use.source, `secrets: ${use.name}`) }); break;
        case 'compose-env': secrets.push({ name: use.name, value: `env:${use.path}`, source: this.where(use.source, `secrets: ${use.name}`) }); break;
        default: secrets.push({ name: use.name, value: `file:/run/secrets/${use.name}`, source: this.where(use.source, `secrets: ${use.name} (external)`), todos: ['an external secret: write where it is kept (vault:…, aws-sm:…, …)'] });
      }
    }
    if (env.length > 0) c.service.env = env;
    if (secrets.length > 0) c.service.secrets = secrets;
  }

  private classify(name: string, value: string, at: SourceRef, env: ImportedValue[], secrets: ImportedValue[], seen: Set<string>): void {
    if (secretKind(name)) return;
    // As hardcoded-secret judges `env:` (empty and flag values are configuration; its isFlag is not exported yet).
    const flag = /^(true|false|yes|no|on|off|null|none|enabled|disabled)?$/i.test(value.trim());
    const secretByName = looksLikeSecretName(name) && !flag;
    const kind = secretKind(value);
    if ((secretByName || kind) && !seen.has(`s:${name}`)) {
      seen.add(`s:${name}`);
      // A reference (`${DB_PASSWORD}`, `vault:…`) is kept as written; a literal only says where it is.
      secrets.push({ name, value: isSecretReference(value) ? value.trim() : `literal in ${this.where(at)}` });
      // A URL keeps what it says of the connection in `env:`, its password written `***`.
      const masked = maskPassword(value);
      if (!secretByName && masked !== value && !secretKind(masked) && !seen.has(`e:${name}`)) {
        seen.add(`e:${name}`);
        env.push({ name, value: masked });
      }
      return;
    }
    if (seen.has(`e:${name}`)) return;
    seen.add(`e:${name}`);
    env.push({ name, value });
  }

  // ---- flows ----------------------------------------------------------------------------------

  private addFlow(from: ImportedService, flow: ImportedFlow): boolean {
    if (flow.to === from.id) return false;
    if (from.calls.some((f) => f.to === flow.to)) return false;
    from.calls.push(flow);
    return true;
  }

  /** Values a component's containers read, with where each is written. */
  private envValues(c: Component): { name: string; value: string; source: SourceRef }[] {
    const out: { name: string; value: string; source: SourceRef }[] = [];
    for (const w of c.workloads) {
      for (const ct of w.containers) {
        if (SIDECARS.has(ct.name)) continue;
        for (const e of ct.env) {
          if (secretKind(e.name)) continue; // never named in a comment
          if (e.resolved !== undefined) out.push({ name: e.name, value: e.resolved, source: e.source });
          else if (e.configMap) {
            const [cm, key] = e.configMap.split('/');
            const m = this.d.configMaps.find((x) => x.name === cm && x.namespace === w.namespace);
            const entry = m?.data.find((x) => x.key === key);
            if (m && entry) out.push({ name: e.name, value: entry.value, source: { file: m.source.file, line: entry.line } });
          }
        }
        for (const ref of ct.configMapRefs) {
          const m = this.d.configMaps.find((x) => x.name === ref.name && x.namespace === w.namespace);
          for (const entry of m?.data ?? []) out.push({ name: entry.key, value: entry.value, source: { file: m!.source.file, line: entry.line } });
        }
      }
    }
    return out;
  }

  private envFlows(c: Component): void {
    for (const e of this.envValues(c)) {
      for (const ref of hostReferences(e.name, e.value)) {
        const target = this.resolveHost(ref.host, c);
        if (!target) continue;
        const flow = this.flowTo(target, ref, this.where(e.source, `env ${e.name}`));
        flow.origin = 'connection';
        const plain = plainConnection(e.value, ref.scheme);
        if (plain) flow.plain = plain;
        this.addFlow(c.service, flow);
      }
    }
  }

  private dependencyFlows(c: Component): void {
    for (const w of c.workloads) {
      for (const dep of w.dependencies) {
        if (dep.oneShot) continue;
        const target = this.components.find((x) => x.platform === 'compose' && x.workloads.some((y) => y.name === dep.name));
        if (!target) continue;
        this.addFlow(c.service, { ...this.flowTo({ component: target }, undefined, this.where(dep.source, `${dep.via} ${dep.name}`)), origin: 'connection' });
      }
    }
  }

  /** A host as a caller's container writes it → the component behind it. */
  private resolveHost(host: string, caller: Component): { component?: Component; external?: ImportedService; service?: KubeService } | undefined {
    if (caller.platform === 'compose') {
      const target = this.components.find((x) => x.platform === 'compose' && x.workloads.some((w) => w.name.toLowerCase() === host || w.aliases.some((a) => a.toLowerCase() === host)));
      if (target) return { component: target };
    } else {
      const svc = this.serviceForHost(host, caller.namespace);
      if (svc) {
        const selected = this.selectedBy(svc);
        const comps = [...new Set(selected.map((w) => this.byWorkload.get(w)!))];
        if (comps.length === 1) return { component: comps[0], service: svc };
      }
    }
    const entry = this.d.serviceEntries.find((e) => e.hosts.some((h) => hostMatches(h, host)));
    if (entry) return { external: this.externalFor(entry) };
    return undefined;
  }

  private serviceForHost(host: string, namespace: string): KubeService | undefined {
    const parts = host.replace(/\.svc\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
    if (parts.length === 1) return this.d.services.find((s) => s.name === parts[0] && s.namespace === namespace);
    if (parts.length === 2) return this.d.services.find((s) => s.name === parts[0] && s.namespace === parts[1]);
    return undefined;
  }

  private externalFor(entry: Deployment['serviceEntries'][number]): ImportedService {
    const id = toId(entry.name);
    let s = this.extra.find((x) => x.id === id);
    if (!s) {
      s = { id, kind: 'external', calls: [], source: this.where(entry.source, `ServiceEntry ${entry.name} (${entry.hosts.join(', ')})`) };
      this.extra.push(s);
    }
    return s;
  }

  private flowTo(target: { component?: Component; external?: ImportedService; service?: KubeService }, ref: HostReference | undefined, source: string): ImportedFlow {
    const to = target.component?.service.id ?? target.external!.id;
    const flow: ImportedFlow = { to, protocol: 'unknown', source };
    // A port no connection can use (`65536` in a compose file) says nothing about the flow.
    const written = ref?.port ?? (target.component ? this.onlyPort(target.component, target.service) : undefined);
    const port = isPortNumber(written) ? written : undefined;
    const scheme = ref?.scheme ? SCHEMES[ref.scheme] : undefined;
    let protocol = scheme?.protocol;
    if (scheme?.tls) flow.tls = scheme.tls;
    else if (ref?.tls) flow.tls = ref.tls;
    const servicePort = target.service?.ports.find((p) => p.port === port) ?? (target.service?.ports.length === 1 ? target.service.ports[0] : undefined);
    protocol ??= servicePort?.appProtocol ? APP_PROTOCOLS[servicePort.appProtocol.toLowerCase()] : undefined;
    protocol ??= servicePort?.name ? portNameProtocol(servicePort.name) : undefined;
    protocol ??= port !== undefined ? PORT_NUMBERS[port] : undefined;
    protocol ??= target.component ? protocolFromImage(this.mainContainer(target.component.workloads[0])?.image) : undefined;
    if (target.external && !protocol) protocol = port === 443 || port === undefined ? 'https' : undefined;
    if (protocol) flow.protocol = protocol;
    else flow.todos = ['protocol: the deployment does not say what this connection speaks (http, grpc, …)'];
    if (port !== undefined) flow.port = port;
    if (ref?.credentials) flow.auth = 'password';
    return flow;
  }

  /** The port a caller reaches a component on, when it listens on one only. */
  private onlyPort(c: Component, svc?: KubeService): number | undefined {
    if (svc) return svc.ports.length === 1 ? svc.ports[0].port : undefined;
    const ports = new Set(c.workloads.flatMap((w) => w.containers.filter((x) => !SIDECARS.has(x.name)).flatMap((x) => x.ports)));
    return ports.size === 1 ? [...ports][0] : undefined;
  }

  /** NetworkPolicy ingress rules that admit exactly one workload into exactly one other. */
  private policyFlows(): void {
    for (const p of this.d.networkPolicies) {
      if (p.podSelector.expressions || Object.keys(p.podSelector.matchLabels).length === 0) continue;
      const selected = this.componentsMatching(p.namespace, p.podSelector.matchLabels);
      if (selected.length !== 1) continue;
      const callee = selected[0];
      for (const rule of p.ingress) {
        for (const from of rule.from) {
          if (!from.podSelector || from.namespaceSelector || from.podSelector.expressions) continue;
          if (Object.keys(from.podSelector.matchLabels).length === 0) continue;
          const callers = this.componentsMatching(p.namespace, from.podSelector.matchLabels);
          if (callers.length !== 1 || callers[0] === callee) continue;
          const port = rule.ports.length === 1 && typeof rule.ports[0] === 'number' ? rule.ports[0] : undefined;
          const svc = this.d.services.find((s) => s.namespace === callee.namespace && this.selectedBy(s).some((w) => callee.workloads.includes(w)));
          const flow = this.flowTo({ component: callee, service: svc }, port === undefined ? undefined : { host: callee.name, port, credentials: false }, this.where({ file: p.source.file, line: rule.line }, `NetworkPolicy ${p.name} admits it`));
          this.addFlow(callers[0].service, flow);
        }
      }
    }
  }

  private componentsMatching(namespace: string, labels: Record<string, string>): Component[] {
    const keys = Object.entries(labels);
    const out = new Set<Component>();
    for (const w of this.d.workloads) {
      if (w.platform !== 'kubernetes' || w.namespace !== namespace) continue;
      if (keys.every(([k, v]) => w.podLabels[k] === v)) out.add(this.byWorkload.get(w)!);
    }
    return [...out];
  }

  // ---- exposure -------------------------------------------------------------------------------

  private user(): ImportedService {
    this.client ??= {
      id: MADE_UP.client, kind: 'user', calls: [],
      notes: ['made up by moat import: whoever reaches what the deployment exposes'],
      todos: ['who are the users? (one kind: user per kind of user, with the roles they hold)'],
    };
    return this.client;
  }

  private exposure(): void {
    const published = this.options.publishedPorts !== false;
    for (const c of this.components) {
      for (const w of c.workloads) {
        const left: string[] = [];
        for (const p of w.published) {
          const ip = p.hostIp ?? '';
          const shown = safe(p.text) ?? '(as written: it looks like a secret)';
          if (!published) { left.push(shown); continue; }
          if (LOCAL_HOSTS.has(ip)) {
            c.service.notes = [...(c.service.notes ?? []), `port ${shown} is bound to the local host only: not reachable from outside (${this.where(p.source)})`];
            continue;
          }
          if (!ALL_INTERFACES.has(ip)) {
            c.service.notes = [...(c.service.notes ?? []), `port ${shown} is bound to ${safe(ip) ?? 'an address'} (${this.where(p.source)})`];
          }
          if (p.published === undefined) {
            c.service.todos = [...(c.service.todos ?? []), `port ${shown} is published on a random host port (${this.where(p.source)}): say whether it is reachable from outside`];
            continue;
          }
          const flow = this.flowTo({ component: c }, { host: c.name, port: p.target, credentials: false }, this.where(p.source, `ports "${shown}"`));
          if (this.pushExposure(c, flow)) this.internetFacing.add(c.service.id);
        }
        if (left.length > 0) c.service.notes = [...(c.service.notes ?? []), `published ports left out (--no-published-ports): ${left.join(', ')}`];
      }
    }
    for (const svc of this.d.services) {
      if (svc.type !== 'LoadBalancer' && svc.type !== 'NodePort') continue;
      const comps = [...new Set(this.selectedBy(svc).map((w) => this.byWorkload.get(w)!))];
      if (comps.length !== 1) continue;
      for (const port of svc.ports) {
        const flow = this.flowTo({ component: comps[0], service: { ...svc, ports: [port] } }, { host: svc.name, port: port.port, credentials: false }, this.where(svc.source, `Service ${svc.name} (${svc.type})`));
        if (this.pushExposure(comps[0], flow)) this.internetFacing.add(comps[0].service.id);
      }
    }
    this.routes();
  }

  private pushExposure(c: Component, flow: ImportedFlow): boolean {
    const user = this.user();
    if (user.calls.some((f) => f.to === flow.to && f.port === flow.port)) return false;
    user.calls.push(flow);
    return true;
  }

  private routes(): void {
    const gateways = this.d.routes.filter((r) => r.kind === 'Gateway' || r.kind === 'Istio Gateway');
    let any = false;
    let tls = false;
    const sources: string[] = [];
    for (const r of this.d.routes) {
      if (r.kind === 'Gateway' || r.kind === 'Istio Gateway') continue;
      let routeTls = r.tls;
      if (r.parents) {
        const parents = gateways.filter((g) => r.parents!.includes(`${g.namespace}/${g.name}`));
        if (parents.length === 0) continue; // a mesh-internal route (a VirtualService without gateways)
        routeTls = parents.some((g) => g.tls);
        for (const g of parents) sources.push(this.where(g.source, `${g.kind} ${g.name}`));
      }
      const ingress = this.ingressComponent();
      any = true;
      tls ||= routeTls;
      sources.push(this.where(r.source, `${r.kind} ${r.name}`));
      for (const b of r.backends) {
        const svc = this.serviceForHost(b.service.toLowerCase(), b.namespace);
        if (!svc) continue;
        const comps = [...new Set(this.selectedBy(svc).map((w) => this.byWorkload.get(w)!))];
        if (comps.length !== 1) continue;
        this.addFlow(ingress, this.flowTo({ component: comps[0], service: svc }, b.port === undefined ? undefined : { host: svc.name, port: b.port, credentials: false }, this.where(r.source, `${r.kind} ${r.name}`)));
      }
    }
    if (!any || !this.ingress) return;
    this.ingress.source = [...new Set(sources)].join('; ');
    const user = this.user();
    if (!user.calls.some((f) => f.to === MADE_UP.ingress)) {
      user.calls.push({ to: MADE_UP.ingress, protocol: tls ? 'https' : 'http', source: 'through the ingress' });
      this.internetFacing.add(MADE_UP.ingress);
    }
  }

  private ingressComponent(): ImportedService {
    if (!this.ingress) {
      this.ingress = { id: MADE_UP.ingress, kind: 'gateway', boundary: 'edge', calls: [], notes: ['made up by moat import: what routes from outside into the cluster'] };
      this.boundaries.set('edge', { id: 'edge', trust: 'dmz', notes: ['made up by moat import: where the ingress runs'] });
    }
    return this.ingress;
  }

  // ---- Kubernetes RBAC, Istio -----------------------------------------------------------------

  private adminRoles(): void {
    for (const b of this.d.adminBindings) {
      const holders = this.components.filter((c) => c.platform === 'kubernetes'
        && c.workloads.some((w) => b.serviceAccounts.some((sa) => sa.namespace === w.namespace && sa.name === (w.serviceAccount ?? 'default'))));
      if (holders.length === 0) continue;
      const id = toId(b.role);
      if (!this.roles.some((r) => r.id === id)) {
        this.roles.push({ id, grants: { [MADE_UP.kubernetesApi]: ['admin'] }, source: this.where(b.source, `binding to ${b.role}`) });
      }
      if (!this.extra.some((s) => s.id === MADE_UP.kubernetesApi)) {
        this.extra.push({ id: MADE_UP.kubernetesApi, kind: 'service', boundary: 'control-plane', calls: [], notes: ['made up by moat import: the cluster\'s API server'] });
        this.boundaries.set('control-plane', { id: 'control-plane', trust: 'restricted', notes: ['made up by moat import: the cluster\'s control plane'] });
      }
      for (const h of holders) {
        h.service.roles = [...new Set([...(h.service.roles ?? []), id])];
        this.addFlow(h.service, { to: MADE_UP.kubernetesApi, protocol: 'https', auth: 'token', source: this.where(b.source, `its service account is bound to ${b.role}`) });
      }
    }
  }

  private meshTls(): void {
    if (this.d.meshTls.length === 0) return;
    // The client is outside the mesh (it cannot present a mesh certificate): only workloads' and
    // the ingress's flows are judged.
    const callers = [...this.components.map((c) => c.service), ...(this.ingress ? [this.ingress] : [])];
    for (const caller of callers) {
      for (const f of caller.calls) {
        const callee = this.components.find((c) => c.service.id === f.to);
        if (!callee || callee.platform !== 'kubernetes') continue;
        const policy = this.d.meshTls.find((p) => this.covers(p, callee));
        if (!policy) continue;
        if (this.inMesh(callee)) {
          f.tls = 'mtls';
          f.auth = 'mtls';
          f.notes = [...(f.notes ?? []), `mTLS: ${this.where(policy.source, `${policy.kind} ${policy.name}`)}`];
        } else {
          f.todos = [...(f.todos ?? []), `${policy.kind} ${policy.name} asks for mTLS, but ${f.to}'s pods have no sidecar to enforce it (no istio-injection): say how this connection is protected`];
        }
      }
    }
  }

  private covers(p: Deployment['meshTls'][number], callee: Component): boolean {
    if (p.kind === 'DestinationRule') {
      const svc = p.host ? this.serviceForHost(p.host.toLowerCase(), p.namespace) : undefined;
      return svc !== undefined && this.selectedBy(svc).some((w) => callee.workloads.includes(w));
    }
    if (!p.selector || Object.keys(p.selector).length === 0) return p.namespace === 'istio-system' || p.namespace === callee.namespace;
    return p.namespace === callee.namespace && callee.workloads.some((w) => Object.entries(p.selector!).every(([k, v]) => w.podLabels[k] === v));
  }

  private inMesh(c: Component): boolean {
    const ns = this.d.namespaces.find((n) => n.name === c.namespace);
    const nsIn = ns !== undefined && (ns.labels['istio-injection'] === 'enabled' || 'istio.io/rev' in ns.labels || ns.labels['istio.io/dataplane-mode'] === 'ambient');
    return c.workloads.every((w) => (nsIn && w.podAnnotations['sidecar.istio.io/inject'] !== 'false') || w.podAnnotations['sidecar.istio.io/inject'] === 'true');
  }

  private authorization(): void {
    for (const p of this.d.authorizationPolicies) {
      for (const c of this.components) {
        if (c.platform !== 'kubernetes' || c.namespace !== p.namespace) continue;
        const selected = !p.selector || c.workloads.some((w) => Object.entries(p.selector!).every(([k, v]) => w.podLabels[k] === v));
        if (!selected) continue;
        c.service.controls = { ...(c.service.controls ?? {}), authorization: true };
        c.service.notes = [...(c.service.notes ?? []), `authorization: ${this.where(p.source, `AuthorizationPolicy ${p.name}`)}`];
      }
    }
  }
}

/**
 * A value written anywhere but `secrets:` (an image, a user, a mount, a port as written): never one
 * that looks like a secret. A password in a URL becomes `***`; anything else that still looks like
 * a secret is left out (undefined).
 */
function safe(value: string): string | undefined;
function safe(value: string | undefined): string | undefined;
function safe(value: string | undefined): string | undefined {
  if (value === undefined || !secretKind(value)) return value;
  const masked = maskPassword(value);
  return secretKind(masked) ? undefined : masked;
}

const PLAIN_SCHEMES = new Set(['http', 'ws', 'redis', 'amqp', 'mqtt']);

/** How a connection value says it is plain (`http://`, `sslmode=disable`), for drift/tls; never the value itself. */
function plainConnection(value: string, scheme: string | undefined): string | undefined {
  if (/\bsslmode=disable\b/i.test(value)) return 'sslmode=disable';
  if (scheme && PLAIN_SCHEMES.has(scheme)) return `${scheme}://`;
  return undefined;
}

function portNameProtocol(name: string): string | undefined {
  const n = name.toLowerCase();
  for (const [prefix, protocol] of PORT_NAMES) if (n === prefix || n.startsWith(`${prefix}-`)) return protocol;
  return undefined;
}

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return host.endsWith(p.slice(1));
  return p === host;
}
