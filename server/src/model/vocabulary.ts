// The model language's vocabulary (language.md), in one place: the keys of each section, the
// kinds and what each family of kinds is, the protocols and the encryption they imply, the
// controls and where each may stand, and the enumerations. The reader checks models against it,
// completion offers it, hover explains it, the diagram draws by it and the grammar marks it.

export type Trust = 'untrusted' | 'dmz' | 'internal' | 'restricted';
/** Trust levels, lowest first. */
export const TRUST_LEVELS: readonly Trust[] = ['untrusted', 'dmz', 'internal', 'restricted'];

export type Classification = 'public' | 'internal' | 'confidential' | 'restricted';
/** Classifications, least sensitive first. */
export const CLASSIFICATIONS: readonly Classification[] = ['public', 'internal', 'confidential', 'restricted'];

// --- kinds -------------------------------------------------------------------------------------

/** Every kind, with what it means (hover and completion show it). */
export const KIND_MEANINGS = {
  user: 'a person',
  external: 'a third-party system',
  gateway: 'an API gateway, ingress or reverse proxy',
  frontend: 'a web or mobile client served to users',
  service: 'a service',
  function: 'a serverless function',
  database: 'a database',
  cache: 'a cache',
  queue: 'a queue or event stream',
  storage: 'an object or file store',
  'identity-provider': 'an identity provider (sign-in, tokens)',
  'secrets-manager': 'a secrets manager',
  monitoring: 'log, metric and trace collection',
  repository: 'source code hosting: a Git server (delivery pipeline)',
  ci: 'a build and deployment pipeline: a CI/CD server and its agents (delivery pipeline)',
  registry: 'a container image or artifact registry (delivery pipeline)',
} as const;

export type Kind = keyof typeof KIND_MEANINGS;
export const KINDS = Object.keys(KIND_MEANINGS) as Kind[];

/** `database`, `cache`, `queue`, `storage`: they keep data at rest. */
export const DATASTORE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['database', 'cache', 'queue', 'storage']);
/**
 * The datastores but the queue: they hold records that callers read and change in place. A queue
 * passes messages through: many publishers, and callers from outside (ingestion), are its purpose.
 */
export const RECORD_STORE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['database', 'cache', 'storage']);
/** `service`, `function`, `gateway`, `frontend`: they run the system's own code. */
export const WORKLOAD_KINDS: ReadonlySet<Kind> = new Set<Kind>(['service', 'function', 'gateway', 'frontend']);
/** `repository`, `ci`, `registry`: whoever controls them controls what runs. */
export const DELIVERY_PIPELINE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['repository', 'ci', 'registry']);
/** People. */
export const PERSON_KINDS: ReadonlySet<Kind> = new Set<Kind>(['user']);
/** Outside the system: a person or a third party. They sit in `internet` unless they name a boundary. */
export const OUTSIDE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['user', 'external']);

export const isDatastoreKind = (kind: Kind): boolean => DATASTORE_KINDS.has(kind);
export const isRecordStoreKind = (kind: Kind): boolean => RECORD_STORE_KINDS.has(kind);
export const isWorkloadKind = (kind: Kind): boolean => WORKLOAD_KINDS.has(kind);
export const isDeliveryPipelineKind = (kind: Kind): boolean => DELIVERY_PIPELINE_KINDS.has(kind);
export const isPersonKind = (kind: Kind): boolean => PERSON_KINDS.has(kind);
export const isOutsideKind = (kind: Kind): boolean => OUTSIDE_KINDS.has(kind);

// --- flows -------------------------------------------------------------------------------------

export const TLS_MODES = ['none', 'tls', 'mtls'] as const;
export type Tls = (typeof TLS_MODES)[number];

export const AUTH_METHODS = [
  'none', 'api-key', 'basic', 'password', 'session', 'token', 'jwt', 'oauth2', 'oidc', 'saml', 'mtls',
  'iam', 'kerberos', 'signature',
] as const;
export type Auth = (typeof AUTH_METHODS)[number];

export const ACCESS_MODES = ['read', 'write', 'read-write'] as const;
export type Access = (typeof ACCESS_MODES)[number];

/** Protocols language.md names, with the encryption each implies when `tls:` is absent (undefined: unknown). */
export const PROTOCOLS: Readonly<Record<string, Tls | undefined>> = {
  https: 'tls', http: 'none', grpc: undefined, graphql: undefined, ws: 'none', wss: 'tls', tcp: 'none', udp: 'none',
  tls: 'tls', postgres: undefined, mysql: undefined, mongodb: undefined, redis: undefined, kafka: undefined,
  amqp: 'none', amqps: 'tls', mqtt: 'none', mqtts: 'tls', nats: undefined, smtp: 'none', smtps: 'tls',
  ldap: 'none', ldaps: 'tls', ssh: 'tls', sftp: 'tls', ftp: 'none', ftps: 'tls', s3: undefined, jdbc: undefined,
  dns: undefined,
  // Written by importers where the files do not say: implies nothing.
  unknown: undefined,
};
export const KNOWN_PROTOCOLS = Object.keys(PROTOCOLS);

/** Protocols whose encryption is known without a `tls:` key (`telnet` too, which nobody should offer). */
export const IMPLIED_TLS: Readonly<Record<string, Tls>> = {
  ...Object.fromEntries(Object.entries(PROTOCOLS).filter((e): e is [string, Tls] => e[1] !== undefined)),
  telnet: 'none',
};

// --- roles and runtime ------------------------------------------------------------------------

export const ACTIONS = ['read', 'write', 'delete', 'execute', 'admin', '*'] as const;
export type Action = (typeof ACTIONS)[number];

/** `runtime.platform` values offered; any other word is allowed. */
export const PLATFORMS = ['kubernetes', 'ecs', 'vm', 'lambda', 'bare-metal'];

// --- controls ----------------------------------------------------------------------------------

export type ControlPlace = 'service' | 'flow' | 'system';

/** Every known control: what it means, where it may stand, and (`for`) the kinds it is meant for on a service. */
export const CONTROLS: Readonly<Record<string, { means: string; on: readonly ControlPlace[]; for?: readonly Kind[] }>> = {
  'rate-limit': { means: 'requests are limited per client', on: ['service'] },
  waf: { means: 'a web application firewall filters requests', on: ['service'] },
  'input-validation': { means: 'input is validated against a schema', on: ['service', 'flow'] },
  'audit-log': { means: 'who did what is recorded', on: ['service'] },
  mfa: { means: 'sign-in takes a second factor', on: ['service'] },
  'encryption-at-rest': { means: 'stored data is encrypted', on: ['service'] },
  authorization: { means: 'checks who may do what, beyond who you are', on: ['service'] },
  'csrf-protection': { means: 'cross-site request forgery is blocked', on: ['service'] },
  'dependency-scanning': { means: 'dependencies are scanned for known vulnerabilities', on: ['service', 'system'] },
  'image-signing': { means: 'container images are signed and verified', on: ['service', 'system'] },
  'circuit-breaker': { means: 'calls stop while the callee is failing', on: ['service', 'flow'] },
  timeout: { means: 'calls give up after a set time', on: ['service', 'flow'] },
  retries: { means: 'failed calls are retried', on: ['flow'] },
  hardening: { means: 'a hardened baseline for the host or platform, such as a CIS benchmark', on: ['service', 'system'] },
  'secret-scanning': { means: 'commits are scanned for secrets before they land', on: ['service', 'system'], for: ['repository'] },
  'security-testing': { means: 'SAST/DAST run in the pipeline', on: ['service', 'system'], for: ['ci'] },
  'image-scanning': { means: 'container images are scanned for known vulnerabilities', on: ['service', 'system'], for: ['ci'] },
  sbom: { means: 'a software bill of materials is produced', on: ['system'] },
  'signed-commits': { means: 'commits are signed', on: ['system'] },
  'central-logging': { means: 'logs are collected in one place', on: ['system'] },
  'incident-response': { means: 'an incident-response playbook (a path to it)', on: ['system'] },
  'secrets-manager': { means: 'secrets are kept in a secrets manager', on: ['system'] },
};

const controlsOn = (place: ControlPlace) => Object.keys(CONTROLS).filter((c) => CONTROLS[c].on.includes(place));
export const SERVICE_CONTROLS = controlsOn('service');
export const FLOW_CONTROLS = controlsOn('flow');
export const SYSTEM_CONTROLS = controlsOn('system');
/** A service may also switch a system-wide control off for itself. */
export const SERVICE_OR_SYSTEM_CONTROLS = [...new Set([...SERVICE_CONTROLS, ...SYSTEM_CONTROLS])];

// --- keys --------------------------------------------------------------------------------------

export const TOP_LEVEL_KEYS = ['moat', 'name', 'description', 'include', 'boundaries', 'data', 'roles', 'services', 'controls', 'accept'];
/** The top-level keys whose entries are elements with ids. */
export const SECTION_NAMES = ['boundaries', 'data', 'roles', 'services'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
export const BOUNDARY_KEYS = ['trust', 'within', 'description'];
export const DATA_KEYS = ['classification', 'pii', 'description'];
export const ROLE_KEYS = ['grants', 'description'];
export const SERVICE_KEYS = ['kind', 'boundary', 'description', 'owner', 'tech', 'deployed-as', 'calls', 'stores', 'roles', 'controls', 'runtime', 'secrets', 'env'];
export const FLOW_KEYS = ['to', 'id', 'protocol', 'port', 'tls', 'auth', 'access', 'data', 'async', 'controls', 'description'];
export const RUNTIME_KEYS = ['image', 'user', 'privileged', 'read-only-fs', 'limits', 'host-network', 'host-pid', 'mounts', 'platform', 'shared-with'];
export const LIMIT_KEYS = ['cpu', 'memory'];
export const ACCEPT_KEYS = ['rule', 'target', 'reason', 'until', 'by'];

/** A flow's `port:`: a whole number from 0 to 65535. */
export function isPortNumber(port: unknown): port is number {
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65535;
}
