// Kubernetes manifests (and Istio's resources among them) → the deployment. Typed by
// kubernetes-types (type definitions only); every field is checked before it is read, since the
// documents are whatever the user wrote.

import type { PodSpec, PodTemplateSpec, Container as KubeContainer, Service, Secret, ConfigMap as KubeConfigMap, EnvVar as KubeEnvVar, Volume } from 'kubernetes-types/core/v1';
import type { NetworkPolicy as KubeNetworkPolicy, Ingress } from 'kubernetes-types/networking/v1';
import type { ClusterRole, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { isPlainMap, sourceOf } from './yaml.js';
import type { Plain, PlainMap } from './yaml.js';
import type { Container, Deployment, EnvVar, LabelSelector, SecretUse, SourceRef, Workload } from './types.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod', 'ReplicationController', 'DeploymentConfig']);
/** Kinds read for what they say about others (not counted as skipped). */
const READ_QUIETLY = new Set(['ServiceAccount', 'Role', 'ClusterRole', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);

/** A Kubernetes document: `apiVersion` and `kind`. */
export function isKubernetesDocument(value: unknown): value is PlainMap {
  return isPlainMap(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** Roles by name that grant everything: collected first, since bindings may come before them. */
export interface KubeContext {
  wildcardRoles: Set<string>;
  bindings: { doc: PlainMap; source: SourceRef }[];
}

export function newKubeContext(): KubeContext {
  return { wildcardRoles: new Set(['cluster-admin']), bindings: [] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const labels = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isPlainMap(v)) for (const [k, x] of Object.entries(v)) { const s = str(x) ?? (typeof x === 'boolean' ? String(x) : undefined); if (s !== undefined) out[k] = s; }
  return out;
};
const selector = (v: unknown): LabelSelector => ({
  matchLabels: isPlainMap(v) ? labels(v.matchLabels) : {},
  expressions: isPlainMap(v) && Array.isArray(v.matchExpressions) && v.matchExpressions.length > 0,
});

function meta(doc: PlainMap): { name?: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> } {
  const m = (isPlainMap(doc.metadata) ? doc.metadata : {}) as ObjectMeta;
  return { name: str(m.name), namespace: str(m.namespace) ?? 'default', labels: labels(m.labels), annotations: labels(m.annotations) };
}

/** Reads one document (a `List` reads its items). */
export function readKubernetesDocument(doc: PlainMap, source: SourceRef, d: Deployment, ctx: KubeContext, skip: (kind: string, reason?: string) => void): void {
  const kind = String(doc.kind);
  const apiVersion = String(doc.apiVersion);
  if (kind === 'List' || kind.endsWith('List')) {
    const items = list(doc.items);
    items.forEach((item, i) => {
      const at = sourceOf(items, i, source);
      if (isKubernetesDocument(item)) readKubernetesDocument(item, { file: at.file, line: at.line }, d, ctx, skip);
      else skip('(no kind)', `${at.file}:${at.line}: an item without apiVersion and kind`);
    });
    return;
  }
  if (!d.platforms.includes('kubernetes')) d.platforms.push('kubernetes');
  const m = meta(doc);
  if (!m.name) { skip(kind, `${source.file}:${source.line}: ${kind} without metadata.name`); return; }
  const name = m.name;
  const spec = isPlainMap(doc.spec) ? doc.spec : undefined;
  if (WORKLOAD_KINDS.has(kind)) {
    const template = podTemplate(kind, doc);
    const containers = template && isPlainMap(template.spec) ? list((template.spec as PlainMap).containers) : [];
    if (!template || containers.length === 0) {
      skip(kind, `${source.file}:${source.line}: ${kind} ${name} has no ${kind === 'Pod' ? 'spec.containers' : 'spec.template.spec.containers'}`);
      return;
    }
    d.workloads.push(workload(kind, name, m.namespace, template as PodTemplateSpec & PlainMap, source));
    return;
  }
  switch (kind) {
    case 'Service': {
      const s = (spec ?? {}) as NonNullable<Service['spec']>;
      const ports = list(s.ports).filter(isPlainMap).map((p) => ({
        name: str(p.name), port: Number(p.port), targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : undefined,
        appProtocol: str(p.appProtocol), nodePort: typeof p.nodePort === 'number' ? p.nodePort : undefined,
      })).filter((p) => Number.isFinite(p.port));
      d.services.push({ name, namespace: m.namespace, type: str(s.type) ?? 'ClusterIP', selector: labels(s.selector), ports, source });
      return;
    }
    case 'Namespace':
      d.namespaces.push({ name, labels: m.labels, source });
      return;
    case 'Secret': {
      const keys: { key: string; line: number }[] = [];
      for (const field of ['data', 'stringData'] as const) {
        const data = (doc as Secret)[field];
        if (isPlainMap(data)) for (const k of Object.keys(data)) keys.push({ key: k, line: sourceOf(data, k, source).line });
      }
      d.secrets.push({ name, namespace: m.namespace, keys, source });
      return;
    }
    case 'ConfigMap': {
      const data = (doc as KubeConfigMap).data;
      const entries = isPlainMap(data) ? Object.entries(data).map(([key, v]) => ({ key, value: str(v) ?? '', line: sourceOf(data, key, source).line })) : [];
      d.configMaps.push({ name, namespace: m.namespace, data: entries, source });
      return;
    }
    case 'NetworkPolicy': {
      const s = (spec ?? {}) as unknown as NonNullable<KubeNetworkPolicy['spec']>;
      const rules = list(s.ingress);
      const egress = list(s.egress);
      const peers = (xs: unknown) => list(xs).filter(isPlainMap).map((f) => ({
        podSelector: f.podSelector === undefined ? undefined : selector(f.podSelector),
        namespaceSelector: f.namespaceSelector === undefined ? undefined : selector(f.namespaceSelector),
        ipBlock: isPlainMap(f.ipBlock) ? str(f.ipBlock.cidr) : undefined,
      }));
      const ports = (r: Record<string, unknown>) => list(r.ports).filter(isPlainMap).map((p) => (typeof p.port === 'number' || typeof p.port === 'string' ? p.port : '')).filter((p) => p !== '');
      d.networkPolicies.push({
        name, namespace: m.namespace, podSelector: selector(s.podSelector),
        // Kubernetes' default: Ingress always, Egress when the policy has egress rules.
        policyTypes: s.policyTypes !== undefined ? list(s.policyTypes).map(String) : ['Ingress', ...(s.egress !== undefined ? ['Egress'] : [])],
        ingress: rules.filter(isPlainMap).map((r, i) => ({ from: peers(r.from), ports: ports(r), line: sourceOf(rules, i, source).line })),
        egress: egress.filter(isPlainMap).map((r, i) => ({ to: peers(r.to), ports: ports(r), line: sourceOf(egress, i, source).line })),
        source,
      });
      return;
    }
    case 'Ingress': {
      const s = (spec ?? {}) as NonNullable<Ingress['spec']>;
      const backends: { service: string; namespace: string; port?: number }[] = [];
      const add = (b: unknown) => {
        if (!isPlainMap(b)) return;
        // networking.k8s.io/v1 `service: {name, port: {number}}`; v1beta1 `serviceName`, `servicePort`.
        const svc = isPlainMap(b.service) ? b.service : undefined;
        const service = str(svc?.name) ?? str(b.serviceName);
        const port = svc && isPlainMap(svc.port) ? Number(svc.port.number) : Number(b.servicePort);
        if (service) backends.push({ service, namespace: m.namespace, port: Number.isFinite(port) ? port : undefined });
      };
      add(s.defaultBackend ?? (spec as PlainMap | undefined)?.backend);
      for (const r of list(s.rules)) {
        if (isPlainMap(r) && isPlainMap(r.http)) for (const p of list(r.http.paths)) if (isPlainMap(p)) add(p.backend);
      }
      d.routes.push({ kind, name, namespace: m.namespace, tls: list(s.tls).length > 0, backends, source });
      return;
    }
    case 'Gateway':
      if (apiVersion.startsWith('networking.istio.io')) {
        const servers = list(spec?.servers).filter(isPlainMap);
        const tls = servers.some((sv) => isPlainMap(sv.tls) || (isPlainMap(sv.port) && /^(HTTPS|TLS)$/i.test(String(sv.port.protocol))));
        d.routes.push({ kind: 'Istio Gateway', name, namespace: m.namespace, tls, backends: [], source });
      } else {
        const listeners = list(spec?.listeners).filter(isPlainMap);
        const tls = listeners.some((l) => /^(HTTPS|TLS)$/i.test(String(l.protocol)));
        d.routes.push({ kind: 'Gateway', name, namespace: m.namespace, tls, backends: [], source });
      }
      return;
    case 'HTTPRoute': case 'GRPCRoute': case 'TLSRoute': case 'TCPRoute': {
      const backends: { service: string; namespace: string; port?: number }[] = [];
      for (const r of list(spec?.rules)) {
        if (!isPlainMap(r)) continue;
        for (const b of list(r.backendRefs)) {
          if (isPlainMap(b) && str(b.name) && (b.kind === undefined || b.kind === 'Service')) {
            backends.push({ service: str(b.name)!, namespace: str(b.namespace) ?? m.namespace, port: typeof b.port === 'number' ? b.port : undefined });
          }
        }
      }
      const parents = list(spec?.parentRefs).filter(isPlainMap).map((p) => `${str(p.namespace) ?? m.namespace}/${str(p.name)}`);
      d.routes.push({ kind, name, namespace: m.namespace, tls: false, backends, source, parents } as Deployment['routes'][number]);
      return;
    }
    case 'VirtualService': {
      const backends: { service: string; namespace: string; port?: number }[] = [];
      for (const section of ['http', 'tcp', 'tls']) {
        for (const r of list(spec?.[section])) {
          if (!isPlainMap(r)) continue;
          for (const rt of list(r.route)) {
            if (!isPlainMap(rt) || !isPlainMap(rt.destination)) continue;
            const host = str(rt.destination.host);
            const port = isPlainMap(rt.destination.port) ? Number(rt.destination.port.number) : undefined;
            if (host) backends.push({ service: host, namespace: m.namespace, port: Number.isFinite(port) ? port : undefined });
          }
        }
      }
      const gateways = list(spec?.gateways).map(String).filter((g) => g !== 'mesh');
      d.routes.push({ kind, name, namespace: m.namespace, tls: false, backends, source, parents: gateways.map((g) => (g.includes('/') ? g : `${m.namespace}/${g}`)) });
      return;
    }
    case 'PeerAuthentication': {
      const mode = isPlainMap(spec?.mtls) ? str(spec.mtls.mode) : undefined;
      if (mode === 'STRICT') {
        const sel = isPlainMap(spec?.selector) ? labels(spec.selector.matchLabels) : undefined;
        d.meshTls.push({ kind, name, namespace: m.namespace, selector: sel, source });
      }
      return;
    }
    case 'DestinationRule': {
      const tp = isPlainMap(spec?.trafficPolicy) ? spec.trafficPolicy : undefined;
      const mode = tp && isPlainMap(tp.tls) ? str(tp.tls.mode) : undefined;
      if (mode === 'ISTIO_MUTUAL' && str(spec?.host)) d.meshTls.push({ kind, name, namespace: m.namespace, host: str(spec?.host), source });
      return;
    }
    case 'ServiceEntry': {
      const location = str(spec?.location) ?? 'MESH_EXTERNAL';
      if (location === 'MESH_EXTERNAL') d.serviceEntries.push({ name, namespace: m.namespace, hosts: list(spec?.hosts).map(String), source });
      return;
    }
    case 'AuthorizationPolicy': {
      const action = str(spec?.action) ?? 'ALLOW';
      const namesCaller = list(spec?.rules).some((r) => isPlainMap(r) && list(r.from).some((f) => isPlainMap(f) && isPlainMap(f.source)
        && (list(f.source.principals).length > 0 || list(f.source.namespaces).length > 0)));
      if (action === 'ALLOW' && namesCaller) {
        const sel = isPlainMap(spec?.selector) ? labels(spec.selector.matchLabels) : undefined;
        d.authorizationPolicies.push({ name, namespace: m.namespace, selector: sel, source });
      }
      return;
    }
    case 'ClusterRole': case 'Role': {
      const rules = list((doc as ClusterRole).rules);
      const wildcard = rules.some((r) => isPlainMap(r) && (list(r.verbs).includes('*') || list(r.resources).includes('*')));
      if (wildcard) ctx.wildcardRoles.add(`${kind === 'Role' ? `${m.namespace}/` : ''}${name}`);
      return;
    }
    case 'ClusterRoleBinding': case 'RoleBinding':
      ctx.bindings.push({ doc, source });
      return;
    default:
      if (!READ_QUIETLY.has(kind)) skip(kind);
  }
}

/** After every document: bindings to roles that grant everything. */
export function finishKubernetes(d: Deployment, ctx: KubeContext): void {
  for (const { doc, source } of ctx.bindings) {
    const b = doc as unknown as RoleBinding;
    const m = meta(doc);
    const ref = isPlainMap(b.roleRef) ? b.roleRef : undefined;
    const roleName = str(ref?.name);
    if (!roleName) continue;
    const key = ref?.kind === 'Role' ? `${m.namespace}/${roleName}` : roleName;
    if (!ctx.wildcardRoles.has(key)) continue;
    const accounts = list(b.subjects).filter(isPlainMap).filter((s) => s.kind === 'ServiceAccount' && str(s.name))
      .map((s) => ({ name: str(s.name)!, namespace: str(s.namespace) ?? m.namespace }));
    if (accounts.length > 0) d.adminBindings.push({ role: roleName, serviceAccounts: accounts, source });
  }
}

function podTemplate(kind: string, doc: PlainMap): PlainMap | undefined {
  const spec = isPlainMap(doc.spec) ? doc.spec : undefined;
  if (kind === 'Pod') return { metadata: doc.metadata ?? {}, spec: spec ?? {} };
  if (kind === 'CronJob') {
    const job = spec && isPlainMap(spec.jobTemplate) && isPlainMap(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
    return job && isPlainMap(job.template) ? job.template : undefined;
  }
  return spec && isPlainMap(spec.template) ? spec.template : undefined;
}

function workload(kind: string, name: string, namespace: string, template: PodTemplateSpec & PlainMap, source: SourceRef): Workload {
  const pod = (template.spec ?? {}) as PodSpec & PlainMap;
  const tm = isPlainMap(template.metadata) ? template.metadata : {};
  const podSecurity = isPlainMap(pod.securityContext) ? pod.securityContext : {};
  const volumes = list(pod.volumes).filter(isPlainMap) as (Volume & PlainMap)[];
  const containers = list(pod.containers).filter(isPlainMap).map((c, i) => container(c as KubeContainer & PlainMap, sourceOf(pod.containers, i, source), podSecurity, volumes, source));
  return {
    platform: 'kubernetes',
    name,
    namespace,
    kind,
    label: `${kind} ${name}`,
    source,
    containers,
    podLabels: labels(tm.labels),
    podAnnotations: labels(tm.annotations),
    hostNetwork: pod.hostNetwork === true ? true : undefined,
    hostPid: pod.hostPID === true ? true : undefined,
    mounts: volumes.map((v) => (isPlainMap(v.hostPath) ? str(v.hostPath.path) : undefined)).filter((p): p is string => p !== undefined),
    serviceAccount: str(pod.serviceAccountName) ?? str(pod.serviceAccount),
    networks: [],
    aliases: [],
    dependencies: [],
    published: [],
  };
}

function container(c: KubeContainer & PlainMap, source: SourceRef, podSecurity: PlainMap, volumes: (Volume & PlainMap)[], workloadSource: SourceRef): Container {
  const sc = isPlainMap(c.securityContext) ? c.securityContext : {};
  const pick = (k: string): Plain | undefined => (sc[k] !== undefined ? sc[k] : podSecurity[k]);
  const user = pick('runAsUser');
  const caps = isPlainMap(sc.capabilities) ? list(sc.capabilities.add).map((x) => String(x).toUpperCase().replace(/^CAP_/, '')) : [];
  const resources = isPlainMap(c.resources) && isPlainMap(c.resources.limits) ? c.resources.limits : undefined;
  const limits = resources && (resources.cpu !== undefined || resources.memory !== undefined)
    ? { ...(str(resources.cpu) !== undefined ? { cpu: str(resources.cpu) } : {}), ...(str(resources.memory) !== undefined ? { memory: str(resources.memory) } : {}) }
    : undefined;
  const env: EnvVar[] = [];
  const secretUses: SecretUse[] = [];
  const configMapRefs: Container['configMapRefs'] = [];
  const envList = list(c.env);
  envList.forEach((e, i) => {
    if (!isPlainMap(e) || !str(e.name)) return;
    const at = sourceOf(envList, i, source);
    const v = e as KubeEnvVar & PlainMap;
    const from = isPlainMap(v.valueFrom) ? v.valueFrom : undefined;
    if (from && isPlainMap(from.secretKeyRef)) {
      env.push({ name: str(e.name)!, secretRef: { secret: str(from.secretKeyRef.name) ?? '', key: str(from.secretKeyRef.key) ?? '' }, source: at });
    } else if (from && isPlainMap(from.configMapKeyRef)) {
      env.push({ name: str(e.name)!, configMap: `${str(from.configMapKeyRef.name)}/${str(from.configMapKeyRef.key)}`, source: at });
    } else if (!from) {
      const value = str(v.value) ?? (typeof v.value === 'boolean' ? String(v.value) : '');
      env.push({ name: str(e.name)!, value, resolved: value, source: at });
    }
  });
  const envFrom = list(c.envFrom);
  envFrom.forEach((e, i) => {
    if (!isPlainMap(e)) return;
    const at = sourceOf(envFrom, i, source);
    if (isPlainMap(e.secretRef) && str(e.secretRef.name)) secretUses.push({ name: str(e.secretRef.name)!, secret: str(e.secretRef.name)!, from: 'k8s-env', source: at });
    if (isPlainMap(e.configMapRef) && str(e.configMapRef.name)) configMapRefs.push({ name: str(e.configMapRef.name)!, source: at });
  });
  const mounted = new Set(list(c.volumeMounts).filter(isPlainMap).map((m) => str(m.name)));
  for (const v of volumes) {
    if (!mounted.has(str(v.name)) || !isPlainMap(v.secret) || !str(v.secret.secretName)) continue;
    secretUses.push({ name: str(v.secret.secretName)!, secret: str(v.secret.secretName)!, from: 'k8s-volume', source: sourceOf(v, 'secret', workloadSource) });
  }
  return {
    name: str(c.name) ?? '',
    image: str(c.image),
    source,
    env,
    configMapRefs,
    secretUses,
    user: user === undefined || user === null ? undefined : String(user),
    runAsNonRoot: pick('runAsNonRoot') === true ? true : undefined,
    privileged: typeof sc.privileged === 'boolean' ? sc.privileged : undefined,
    readOnlyRootFilesystem: typeof sc.readOnlyRootFilesystem === 'boolean' ? sc.readOnlyRootFilesystem : undefined,
    allowPrivilegeEscalation: typeof sc.allowPrivilegeEscalation === 'boolean' ? sc.allowPrivilegeEscalation : undefined,
    capabilitiesAdded: caps,
    limits,
    ports: list(c.ports).filter(isPlainMap).map((p) => Number(p.containerPort)).filter(Number.isFinite),
  };
}
