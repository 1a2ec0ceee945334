// What a component is, from its main container's image (deployment.md, "Kinds, from images").

/** Containers that run beside the workload's own: never its main container. */
export const SIDECARS = new Set(['istio-proxy', 'linkerd-proxy', 'cloud-sql-proxy', 'vault-agent']);

const ADMIN_UIS = [['adminer'], ['pgadmin'], ['mongo', 'express'], ['redis', 'commander'], ['redisinsight'], ['kafka', 'ui'], ['kafdrop']];

/** Rule 2, in order: a name (one or several tokens) → kind. */
const BY_NAME: [string[], string][] = [
  ...['postgres', 'postgresql', 'postgis', 'timescaledb', 'mysql', 'mariadb', 'mongo', 'mongodb', 'mssql', 'cassandra', 'cockroach', 'cockroachdb', 'dynamodb']
    .map((n): [string[], string] => [[n], 'database']),
  ...['redis', 'valkey', 'memcached'].map((n): [string[], string] => [[n], 'cache']),
  ...['rabbitmq', 'kafka', 'nats', 'activemq', 'pulsar'].map((n): [string[], string] => [[n], 'queue']),
  [['minio'], 'storage'],
  ...['nginx', 'envoy', 'traefik', 'haproxy', 'kong', 'caddy'].map((n): [string[], string] => [[n], 'gateway']),
  ...['keycloak', 'dex', 'hydra'].map((n): [string[], string] => [[n], 'identity-provider']),
  [['vault'], 'secrets-manager'],
  ...['prometheus', 'grafana', 'jaeger', 'jaegertracing', 'opentelemetry-collector', 'otelcol', 'zipkin', 'elasticsearch', 'opensearch', 'fluentd', 'fluent-bit', 'loki']
    .map((n): [string[], string] => [n.split('-'), 'monitoring']),
  ...['gitea', 'gitlab'].map((n): [string[], string] => [[n], 'repository']),
  ...['jenkins', 'drone', 'woodpecker', 'argocd'].map((n): [string[], string] => [[n], 'ci']),
  ...['registry', 'harbor', 'nexus'].map((n): [string[], string] => [[n], 'registry']),
];

/** `docker.io/library/postgres:16@sha256:…` → `docker.io/library/postgres`. */
export function imageRepository(image: string): string {
  let rest = image.split('@')[0];
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) rest = rest.slice(0, colon);
  return rest;
}

/** The repository without its registry (`ghcr.io/org/app` → `org/app`). */
function withoutRegistry(repository: string): string {
  const parts = repository.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  return parts.join('/');
}

export function imageTokens(image: string): string[] {
  return withoutRegistry(imageRepository(image)).toLowerCase().split(/[/\-_.]+/).filter(Boolean);
}

function containsSequence(tokens: readonly string[], seq: readonly string[]): boolean {
  for (let i = 0; i + seq.length <= tokens.length; i++) {
    if (seq.every((s, j) => tokens[i + j] === s)) return true;
  }
  return false;
}

/** The kind of a component whose main container runs `image`. */
export function kindFromImage(image: string | undefined): string {
  if (!image) return 'service';
  const tokens = imageTokens(image);
  if (tokens.includes('exporter')) return 'monitoring';
  if (ADMIN_UIS.some((a) => containsSequence(tokens, a))) return 'service';
  for (const [name, kind] of BY_NAME) if (containsSequence(tokens, name)) return kind;
  return 'service';
}

/** `tech`: the image repository's last path segment. */
export function techFromImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const repo = imageRepository(image);
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  return last === '' ? undefined : last;
}

/** The protocol a callee speaks, from its image: the last rule before `unknown`. */
export function protocolFromImage(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const tokens = imageTokens(image);
  const has = (...names: string[]) => names.some((n) => tokens.includes(n));
  if (tokens.includes('exporter')) return undefined;
  if (has('postgres', 'postgresql', 'postgis', 'timescaledb', 'cockroach', 'cockroachdb')) return 'postgres';
  if (has('mysql', 'mariadb')) return 'mysql';
  if (has('mongo', 'mongodb') && !containsSequence(tokens, ['mongo', 'express'])) return 'mongodb';
  if (has('redis', 'valkey') && !containsSequence(tokens, ['redis', 'commander'])) return 'redis';
  if (has('rabbitmq', 'activemq')) return 'amqp';
  if (has('kafka') && !containsSequence(tokens, ['kafka', 'ui'])) return 'kafka';
  if (has('nats')) return 'nats';
  if (has('elasticsearch', 'opensearch', 'minio', 'dynamodb')) return 'http';
  return undefined;
}
