// A deployment as Moat reads it from docker-compose files and Kubernetes manifests: what runs,
// what may connect, how it runs. Every element names its source (file and line), so the model
// written from it (`moat import`) and the drift check can say where each fact comes from.
// Nothing here is a guess: what the files do not say is absent.

/** Where an element is written: the file as the user named it (relative to the run) and a 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

export type Platform = 'compose' | 'kubernetes';

/** An environment variable a container is given. */
export interface EnvVar {
  name: string;
  /** The value as written (compose: `${VAR}` kept as written); absent for references. */
  value?: string;
  /** The value after compose interpolation, read only for host names and ports. */
  resolved?: string;
  /** `valueFrom.secretKeyRef`. */
  secretRef?: { secret: string; key: string };
  /** A ConfigMap this value came from (`envFrom.configMapRef`, `valueFrom.configMapKeyRef`). */
  configMap?: string;
  source: SourceRef;
}

/** A secret a container reads as a whole: `envFrom.secretRef`, a secret volume, a compose `secrets:` entry. */
export interface SecretUse {
  /** The name the model gives it (the compose secret's name, or the Kubernetes Secret's). */
  name: string;
  /** `k8s` Secret name, or compose's `file:`/`environment:`/`external` source. */
  secret: string;
  from: 'k8s-env' | 'k8s-volume' | 'compose-file' | 'compose-env' | 'compose-external';
  /** compose: the file or variable named by the top-level `secrets:` entry. */
  path?: string;
  source: SourceRef;
}

export interface Container {
  name: string;
  image?: string;
  source: SourceRef;
  env: EnvVar[];
  /** `envFrom.configMapRef`: every value of the ConfigMap counts as an env value. */
  configMapRefs: { name: string; source: SourceRef }[];
  secretUses: SecretUse[];
  /** `runAsUser` or compose's `user` (the uid of `"1000:1000"`), as written. */
  user?: string;
  runAsNonRoot?: boolean;
  privileged?: boolean;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilitiesAdded: string[];
  limits?: { cpu?: string; memory?: string };
  /** Ports the container listens on (`containerPort`, compose `expose:` and port targets). */
  ports: number[];
}

/** A compose port: `"8080:80"`, `"127.0.0.1:5432:5432"`, `"80"` or the long syntax. */
export interface PublishedPort {
  /** `host_ip`, absent when bound to all interfaces. */
  hostIp?: string;
  published?: string;
  target?: number;
  protocol?: string;
  source: SourceRef;
  /** As written, for comments. */
  text: string;
}

export interface Dependency {
  name: string;
  /** `condition: service_completed_successfully`: a one-shot job, not a connection. */
  oneShot: boolean;
  via: 'depends_on' | 'links';
  source: SourceRef;
}

/** What runs: a compose service or a Kubernetes workload (Deployment, StatefulSet, … Pod). */
export interface Workload {
  platform: Platform;
  name: string;
  /** Kubernetes namespace (`default` when absent); compose: the project. */
  namespace: string;
  /** `Deployment`, `StatefulSet`, …; `service` for compose. */
  kind: string;
  /** How comments name it: `services.cart`, `Deployment cartservice`. */
  label: string;
  source: SourceRef;
  containers: Container[];
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  hostNetwork?: boolean;
  hostPid?: boolean;
  /** Host paths mounted in (hostPath volumes, compose bind mounts). */
  mounts: string[];
  serviceAccount?: string;
  /** compose: networks in the order the service lists them (empty: the default network). */
  networks: string[];
  /** compose: names other services reach it by (`hostname`, `container_name`, network aliases). */
  aliases: string[];
  dependencies: Dependency[];
  published: PublishedPort[];
  /** compose `profiles:`: started only when one of them is asked for. */
  profiles?: string[];
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
  nodePort?: number;
}

/** A Kubernetes `Service`. */
export interface KubeService {
  name: string;
  namespace: string;
  type: string;
  selector: Record<string, string>;
  ports: ServicePort[];
  source: SourceRef;
}

/** A route from outside: Ingress, Gateway API Gateway/HTTPRoute, Istio Gateway/VirtualService. */
export interface Route {
  kind: string;
  name: string;
  namespace: string;
  tls: boolean;
  backends: { service: string; namespace: string; port?: number }[];
  /** HTTPRoute `parentRefs`, VirtualService `gateways`, as `NAMESPACE/NAME`. */
  parents?: string[];
  source: SourceRef;
}

export interface KubeSecret {
  name: string;
  namespace: string;
  /** Keys of `data`/`stringData`, each with its line: never the values. */
  keys: { key: string; line: number }[];
  source: SourceRef;
}

export interface ConfigMap {
  name: string;
  namespace: string;
  data: { key: string; value: string; line: number }[];
  source: SourceRef;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  /** `matchExpressions` present: the selector is not read (it matches nothing here). */
  expressions: boolean;
}

/** A `from`/`to` entry of a NetworkPolicy rule. */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  /** `ipBlock.cidr`. */
  ipBlock?: string;
}

export interface NetworkPolicy {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress: { from: PolicyPeer[]; ports: (number | string)[]; line: number }[];
  egress: { to: PolicyPeer[]; ports: (number | string)[]; line: number }[];
  source: SourceRef;
}

/** A ServiceAccount bound to a role that grants everything (`*` verbs or resources, `cluster-admin`). */
export interface AdminBinding {
  role: string;
  serviceAccounts: { name: string; namespace: string }[];
  source: SourceRef;
}

export interface Namespace {
  name: string;
  labels: Record<string, string>;
  source: SourceRef;
}

/** Istio `PeerAuthentication` STRICT or `DestinationRule` ISTIO_MUTUAL. */
export interface MeshTls {
  kind: 'PeerAuthentication' | 'DestinationRule';
  name: string;
  namespace: string;
  /** PeerAuthentication: the workloads selected (absent: the whole namespace, or the mesh from the root namespace). */
  selector?: Record<string, string>;
  /** DestinationRule: the host it applies to. */
  host?: string;
  source: SourceRef;
}

export interface ServiceEntry {
  name: string;
  namespace: string;
  hosts: string[];
  source: SourceRef;
}

export interface AuthorizationPolicy {
  name: string;
  namespace: string;
  selector?: Record<string, string>;
  source: SourceRef;
}

/** A compose network (or the project's default one). */
export interface Network {
  name: string;
  source?: SourceRef;
}

export interface Deployment {
  /** Platforms read, in the order met. */
  platforms: Platform[];
  /** compose: the project name (`name:` or the first file's folder). */
  project?: string;
  workloads: Workload[];
  services: KubeService[];
  routes: Route[];
  secrets: KubeSecret[];
  configMaps: ConfigMap[];
  networkPolicies: NetworkPolicy[];
  adminBindings: AdminBinding[];
  namespaces: Namespace[];
  meshTls: MeshTls[];
  serviceEntries: ServiceEntry[];
  authorizationPolicies: AuthorizationPolicy[];
  networks: Network[];
  /** Documents not read, by kind (`ConfigMap`s and `ServiceAccount`s that were read are not counted). */
  skipped: Map<string, number>;
  /** Files read, as named. */
  files: string[];
  /** Helm's `# Source: chart/templates/x.yaml` comments in rendered input: the template each document came from. */
  templates: { file: string; line: number; until: number; template: string }[];
  /** One-line notes for the summary (kustomize patches not applied, files skipped and why). */
  notes: string[];
}

export function emptyDeployment(): Deployment {
  return {
    platforms: [], workloads: [], services: [], routes: [], secrets: [], configMaps: [], networkPolicies: [],
    adminBindings: [], namespaces: [], meshTls: [], serviceEntries: [], authorizationPolicies: [], networks: [],
    skipped: new Map(), files: [], templates: [], notes: [],
  };
}

/** The Helm template a line of rendered input came from (`helm template … | moat import -`). */
export function templateOf(d: Deployment, source: SourceRef): string | undefined {
  let best: { line: number; template: string } | undefined;
  for (const t of d.templates) if (t.file === source.file && t.line <= source.line && source.line < t.until && (!best || t.line > best.line)) best = t;
  return best?.template;
}

/** An input that cannot be imported: one line that names the file (and line) and the reason. */
export class DeploymentError extends Error {}
