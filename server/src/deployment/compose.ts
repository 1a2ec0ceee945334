// docker-compose files → the deployment: services merged across files as `docker compose -f a -f b`
// merges them, `include:` followed, `.env` interpolation of what Moat reads, each file checked
// against the compose specification's JSON schema.

import * as path from 'node:path';
import validateCompose from './compose-schema.js';
import { interpolate, readEnvFile } from './interpolate.js';
import { shown } from './show.js';
import type { Variables } from './interpolate.js';
import { composeTag, isPlainMap, readDocuments, setSource, sourceOf } from './yaml.js';
import type { Plain, PlainMap } from './yaml.js';
import { DeploymentError } from './types.js';
import type { Container, Dependency, Deployment, EnvVar, PublishedPort, SecretUse, SourceRef, Workload } from './types.js';
import type { InputFiles } from './files.js';

/** A compose file: a top-level `services:` map (or an `include:` list) and no `apiVersion`. */
export function isComposeDocument(value: unknown): value is PlainMap {
  return isPlainMap(value) && !('apiVersion' in value) && !('kind' in value)
    && (isPlainMap(value.services) || Array.isArray(value.include));
}

export interface ComposeFile {
  /** As named in messages. */
  file: string;
  /** The absolute path, for `include:`, `.env` and `env_file` (absent for standard input). */
  absolute?: string;
  value: PlainMap;
  line: number;
}

const TOP_LEVEL = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs'];

/** Reads compose files, in order, into `deployment`. */
export function readCompose(files: readonly ComposeFile[], deployment: Deployment, io: InputFiles): void {
  const first = files[0];
  const vars = dotEnv(first, io);
  const project = projectName(files, vars);
  const services = new Map<string, PlainMap>();
  const top: { networks: PlainMap; secrets: PlainMap } = { networks: {}, secrets: {} };
  const seen = new Set<string>();
  for (const f of files) addFile(f, services, top, io, seen, vars);
  resolveExtends(services, io, vars);
  deployment.project = project;
  if (!deployment.platforms.includes('compose')) deployment.platforms.push('compose');
  for (const name of Object.keys(top.networks)) {
    deployment.networks.push({ name, source: sourceOf(top.networks, name, { file: first.file, line: first.line }) });
  }
  for (const [name, service] of services) {
    const origin = sourceOf(services, name, { file: first.file, line: first.line });
    deployment.workloads.push(workload(name, service, origin, project, top.secrets, vars, io));
  }
}

function addFile(f: ComposeFile, services: Map<string, PlainMap>, top: { networks: PlainMap; secrets: PlainMap }, io: InputFiles, seen: Set<string>, vars: Variables): void {
  const key = f.absolute ?? f.file;
  if (seen.has(key)) return; // an include cycle, or the same file twice: read once.
  seen.add(key);
  checkSchema(f, io);
  const includes = Array.isArray(f.value.include) ? f.value.include : [];
  includes.forEach((entry, i) => {
    const at = sourceOf(includes, i, { file: f.file, line: f.line });
    const paths = typeof entry === 'string' ? [entry] : isPlainMap(entry) ? ([] as Plain[]).concat(entry.path ?? []) : [];
    for (const p of paths) {
      if (typeof p !== 'string') continue;
      if (!f.absolute) throw new DeploymentError(`${at.file}:${at.line}: include: ${shown(p)} cannot be followed from standard input; name the file instead`);
      const absolute = path.resolve(path.dirname(f.absolute), interpolate(p, vars));
      const text = io.readText(absolute, `${at.file}:${at.line}: include: ${shown(p)}`);
      const file = io.display(absolute);
      const { documents, error } = readDocuments(text, file);
      if (error) throw new DeploymentError(`${file}:${error.line}: ${error.message}`);
      const doc = documents[0];
      if (!doc || !isComposeDocument(doc.value)) throw new DeploymentError(`${at.file}:${at.line}: include: ${shown(p)} is not a compose file (no services:)`);
      addFile({ file, absolute, value: doc.value, line: doc.line }, services, top, io, seen, vars);
    }
  });
  const own = isPlainMap(f.value.services) ? f.value.services : {};
  for (const [name, s] of Object.entries(own)) {
    if (!isPlainMap(s)) continue;
    const normal = normalizeService(s);
    const before = services.get(name);
    services.set(name, before ? mergeMaps(before, normal) : normal);
    if (!before) setSource(services, name, sourceOf(own, name, { file: f.file, line: f.line }));
  }
  for (const section of ['networks', 'secrets'] as const) {
    const m = f.value[section];
    if (!isPlainMap(m)) continue;
    for (const [k, v] of Object.entries(m)) {
      top[section][k] = v;
      setSource(top[section], k, sourceOf(m, k, { file: f.file, line: f.line }));
    }
  }
}

/** `extends: NAME` or `extends: { service, file }`: the base service merged under the service. */
function resolveExtends(services: Map<string, PlainMap>, io: InputFiles, vars: Variables): void {
  const done = new Set<string>();
  const resolve = (name: string, chain: string[]): PlainMap | undefined => {
    const s = services.get(name);
    if (!s || done.has(name) || s.extends === undefined) return s;
    const at = sourceOf(s, 'extends', { file: '', line: 0 });
    if (chain.includes(name)) throw new DeploymentError(`${at.file}:${at.line}: extends forms a cycle: ${[...chain, name].join(' → ')}`);
    const ext = s.extends;
    const baseName = typeof ext === 'string' ? ext : isPlainMap(ext) && typeof ext.service === 'string' ? ext.service : undefined;
    const baseFile = isPlainMap(ext) && typeof ext.file === 'string' ? interpolate(ext.file, vars) : undefined;
    let base: PlainMap | undefined;
    if (baseName && baseFile) {
      const from = io.absolute(at.file);
      if (!from) throw new DeploymentError(`${at.file}:${at.line}: extends: ${shown(baseFile)} cannot be followed from standard input`);
      const absolute = path.resolve(path.dirname(from), baseFile);
      const file = io.display(absolute);
      const { documents, error } = readDocuments(io.readText(absolute, `${at.file}:${at.line}: extends: ${shown(baseFile)}`), file);
      if (error) throw new DeploymentError(`${file}:${error.line}: ${error.message}`);
      const other = documents[0]?.value;
      const found = isPlainMap(other) && isPlainMap(other.services) ? other.services[baseName] : undefined;
      if (isPlainMap(found)) base = normalizeService(found);
    } else if (baseName) {
      base = resolve(baseName, [...chain, name]);
    }
    if (!base) throw new DeploymentError(`${at.file}:${at.line}: extends: no service ${baseName === undefined ? '(unnamed)' : shown(baseName)}${baseFile ? ` in ${shown(baseFile)}` : ''}`);
    const own: PlainMap = { ...s };
    for (const k of Object.keys(s)) setSource(own, k, sourceOf(s, k, at));
    delete own.extends;
    const merged = mergeMaps(base, own);
    services.set(name, merged);
    done.add(name);
    return merged;
  };
  for (const name of [...services.keys()]) resolve(name, []);
}

/** A top-level key the compose specification does not know is an error (docker compose refuses the file too). */
export function checkComposeTopLevel(f: Pick<ComposeFile, 'file' | 'value' | 'line'>): void {
  for (const key of Object.keys(f.value)) {
    if (!TOP_LEVEL.includes(key) && !key.startsWith('x-')) {
      const at = sourceOf(f.value, key, { file: f.file, line: f.line });
      throw new DeploymentError(`${at.file}:${at.line}: unknown top-level key \`${shown(key)}\` in a compose file (known: ${TOP_LEVEL.join(', ')}; extensions start with x-)`);
    }
  }
}

function checkSchema(f: ComposeFile, io: InputFiles): void {
  checkComposeTopLevel(f);
  if (validateCompose(f.value)) return;
  const paths = new Set<string>();
  for (const e of validateCompose.errors ?? []) {
    const where = e.instancePath.split('/').slice(1).join('.');
    const extra = e.keyword === 'additionalProperties' ? `.${String(e.params.additionalProperty)}` : '';
    if (e.keyword !== 'additionalProperties') continue; // only keys it does not know: other errors come from interpolation and newer syntax
    paths.add(shown(`${where}${extra}`));
  }
  if (paths.size === 0) return;
  const list = [...paths].slice(0, 3).join(', ') + (paths.size > 3 ? `, and ${paths.size - 3} more` : '');
  io.note(`${f.file}: keys the compose specification (as packaged) does not know, read as far as Moat reads them: ${list}`);
}

/** `environment`, `labels` as lists become maps; `depends_on`, `networks` lists become maps. */
function normalizeService(s: PlainMap): PlainMap {
  const out: PlainMap = { ...s };
  for (const [k] of Object.entries(s)) setSource(out, k, sourceOf(s, k, { file: '', line: 0 }));
  for (const key of ['environment', 'labels']) {
    const v = s[key];
    if (Array.isArray(v)) {
      const m: PlainMap = {};
      v.forEach((item, i) => {
        if (typeof item !== 'string') return;
        const eq = item.indexOf('=');
        const name = eq < 0 ? item : item.slice(0, eq);
        m[name] = eq < 0 ? null : item.slice(eq + 1);
        setSource(m, name, sourceOf(v, i, sourceOf(s, key, { file: '', line: 0 })));
      });
      out[key] = m;
      keepTag(v, m);
    }
  }
  for (const key of ['depends_on', 'networks']) {
    const v = s[key];
    if (Array.isArray(v)) {
      const m: PlainMap = {};
      v.forEach((item, i) => {
        if (typeof item !== 'string') return;
        m[item] = null;
        setSource(m, item, sourceOf(v, i, sourceOf(s, key, { file: '', line: 0 })));
      });
      out[key] = m;
      keepTag(v, m);
    }
  }
  return out;
}

function keepTag(from: object, to: PlainMap): void {
  const tag = composeTag(from);
  if (tag) Object.defineProperty(to, '__tag', { value: tag, enumerable: false });
}

function tagOf(v: unknown): string | undefined {
  return composeTag(v) ?? (isPlainMap(v) ? (v as { __tag?: string }).__tag : undefined);
}

const CONCATENATED = new Set(['ports', 'expose', 'volumes', 'secrets', 'configs', 'cap_add', 'cap_drop', 'env_file', 'dns', 'tmpfs', 'devices', 'links', 'external_links', 'extra_hosts', 'security_opt']);

/** docker compose's merge of an override onto a service. */
function mergeMaps(base: PlainMap, over: PlainMap): PlainMap {
  const out: PlainMap = { ...base };
  for (const k of Object.keys(base)) setSource(out, k, sourceOf(base, k, { file: '', line: 0 }));
  for (const [k, v] of Object.entries(over)) {
    const tag = tagOf(v);
    const at = sourceOf(over, k, { file: '', line: 0 });
    if (tag === '!reset') { delete out[k]; continue; }
    const b = out[k];
    if (tag !== '!override' && CONCATENATED.has(k) && Array.isArray(b) && Array.isArray(v)) {
      const merged = [...b];
      b.forEach((_, i) => setSource(merged, i, sourceOf(b, i, at)));
      for (const [i, item] of v.entries()) {
        if (merged.some((m) => JSON.stringify(m) === JSON.stringify(item))) continue;
        setSource(merged, merged.length, sourceOf(v, i, at));
        merged.push(item);
      }
      out[k] = merged;
    } else if (tag !== '!override' && isPlainMap(b) && isPlainMap(v)) {
      out[k] = mergeMaps(b, v);
    } else {
      out[k] = v;
    }
    setSource(out, k, at);
  }
  return out;
}

function dotEnv(first: ComposeFile, io: InputFiles): Map<string, string> {
  const vars = new Map<string, string>();
  if (!first.absolute) return vars;
  const file = path.join(path.dirname(first.absolute), '.env');
  const text = io.readOptional(file);
  if (text === undefined) return vars;
  for (const e of readEnvFile(text)) if (e.value !== undefined) vars.set(e.name, e.value);
  return vars;
}

function projectName(files: readonly ComposeFile[], vars: Variables): string {
  for (const f of files) if (typeof f.value.name === 'string') return interpolate(f.value.name, vars);
  const first = files[0];
  const fromEnv = vars.get('COMPOSE_PROJECT_NAME');
  if (fromEnv) return fromEnv;
  return first.absolute ? path.basename(path.dirname(first.absolute)) : 'default';
}

function text(v: Plain | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function workload(name: string, s: PlainMap, origin: SourceRef, project: string, secrets: PlainMap, vars: Variables, io: InputFiles): Workload {
  const here = (key: string | number, container: unknown = s): SourceRef => sourceOf(container, key, origin);
  const image = text(s.image);
  const container: Container = {
    name,
    image: image === undefined ? undefined : interpolate(image, vars),
    source: here('image'),
    env: [],
    configMapRefs: [],
    secretUses: [],
    capabilitiesAdded: Array.isArray(s.cap_add) ? s.cap_add.filter((c): c is string => typeof c === 'string').map((c) => c.toUpperCase().replace(/^CAP_/, '')) : [],
    ports: [],
  };
  const user = text(s.user);
  if (user !== undefined) container.user = interpolate(user, vars).split(':')[0];
  if (typeof s.privileged === 'boolean') container.privileged = s.privileged;
  if (typeof s.read_only === 'boolean') container.readOnlyRootFilesystem = s.read_only;
  container.limits = limits(s);
  // env_file first: `environment:` wins over it.
  const envFiles = ([] as Plain[]).concat(s.env_file ?? []);
  const fileEnv = new Map<string, EnvVar>();
  envFiles.forEach((entry, i) => {
    const p = typeof entry === 'string' ? entry : isPlainMap(entry) ? text(entry.path) : undefined;
    if (p === undefined) return;
    const at = Array.isArray(s.env_file) ? here(i, s.env_file) : here('env_file');
    if (at.file === '' || !io.absolute(at.file)) { io.note(`${at.file || name}: env_file ${shown(p)} not read (no folder to find it in: name the compose file instead of piping it)`); return; }
    const absolute = path.resolve(path.dirname(io.absolute(at.file)!), interpolate(p, vars));
    const content = io.readOptional(absolute);
    if (content === undefined) { io.note(`${at.file}:${at.line}: env_file ${shown(p)} not found, not read`); return; }
    const file = io.display(absolute);
    for (const e of readEnvFile(content)) {
      fileEnv.set(e.name, envVar(e.name, e.value, { file, line: e.line }, vars));
    }
  });
  const env = new Map(fileEnv);
  if (isPlainMap(s.environment)) {
    for (const [k, v] of Object.entries(s.environment)) {
      env.set(k, envVar(k, v === null ? undefined : text(v) ?? '', here(k, s.environment), vars));
    }
  }
  container.env = [...env.values()];
  for (const p of ([] as Plain[]).concat(s.expose ?? [])) {
    const n = Number.parseInt(interpolate(String(p), vars), 10);
    if (Number.isFinite(n)) container.ports.push(n);
  }
  const published: PublishedPort[] = [];
  (Array.isArray(s.ports) ? s.ports : []).forEach((p, i) => {
    const port = publishedPort(p, here(i, s.ports), vars);
    if (!port) return;
    published.push(port);
    if (port.target !== undefined && !container.ports.includes(port.target)) container.ports.push(port.target);
  });
  const serviceSecrets = Array.isArray(s.secrets) ? s.secrets : [];
  serviceSecrets.forEach((entry, i) => {
    const source = typeof entry === 'string' ? entry : isPlainMap(entry) ? text(entry.source) : undefined;
    if (!source) return;
    const def = secrets[source];
    const at = here(i, serviceSecrets);
    const use: SecretUse = { name: source, secret: source, from: 'compose-external', source: at };
    if (isPlainMap(def)) {
      if (typeof def.file === 'string') { use.from = 'compose-file'; use.path = interpolate(def.file, vars); }
      else if (typeof def.environment === 'string') { use.from = 'compose-env'; use.path = def.environment; }
    }
    container.secretUses.push(use);
  });
  const networks = isPlainMap(s.networks) ? Object.keys(s.networks) : [];
  const aliases: string[] = [];
  for (const k of ['hostname', 'container_name']) {
    const v = text(s[k]);
    if (v) aliases.push(interpolate(v, vars));
  }
  if (isPlainMap(s.networks)) {
    for (const n of Object.values(s.networks)) {
      if (isPlainMap(n) && Array.isArray(n.aliases)) for (const a of n.aliases) if (typeof a === 'string') aliases.push(interpolate(a, vars));
    }
  }
  const dependencies: Dependency[] = [];
  if (isPlainMap(s.depends_on)) {
    for (const [dep, v] of Object.entries(s.depends_on)) {
      dependencies.push({ name: dep, oneShot: isPlainMap(v) && v.condition === 'service_completed_successfully', via: 'depends_on', source: here(dep, s.depends_on) });
    }
  }
  (Array.isArray(s.links) ? s.links : []).forEach((l, i) => {
    if (typeof l !== 'string') return;
    const [target, alias] = l.split(':');
    dependencies.push({ name: target, oneShot: false, via: 'links', source: here(i, s.links) });
    if (alias) aliases.push(alias);
  });
  const mounts: string[] = [];
  for (const v of Array.isArray(s.volumes) ? s.volumes : []) {
    const host = hostPath(v, vars);
    if (host) mounts.push(host);
  }
  const networkMode = text(s.network_mode);
  const profiles = Array.isArray(s.profiles) ? s.profiles.filter((p): p is string => typeof p === 'string') : [];
  return {
    platform: 'compose',
    name,
    namespace: project,
    kind: 'service',
    label: `services.${name}`,
    source: origin,
    containers: [container],
    podLabels: {},
    podAnnotations: {},
    hostNetwork: networkMode === 'host' ? true : undefined,
    hostPid: text(s.pid) === 'host' ? true : undefined,
    mounts,
    networks,
    aliases,
    dependencies,
    published,
    ...(profiles.length > 0 ? { profiles } : {}),
  };
}

function envVar(name: string, value: string | undefined, source: SourceRef, vars: Variables): EnvVar {
  // `- FOO` with no value takes FOO from the shell: a reference, as `${FOO}` is.
  const written = value ?? `\${${name}}`;
  return { name, value: written, resolved: interpolate(written, vars), source };
}

function limits(s: PlainMap): Container['limits'] {
  const out: { cpu?: string; memory?: string } = {};
  const deploy = isPlainMap(s.deploy) && isPlainMap(s.deploy.resources) && isPlainMap(s.deploy.resources.limits) ? s.deploy.resources.limits : undefined;
  const cpu = text(deploy?.cpus) ?? text(s.cpus);
  const memory = text(deploy?.memory) ?? text(s.mem_limit);
  if (cpu !== undefined) out.cpu = cpu;
  if (memory !== undefined) out.memory = memory;
  return cpu === undefined && memory === undefined ? undefined : out;
}

/** `"[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]"`, a number, or the long syntax. */
export function publishedPort(p: Plain, source: SourceRef, vars: Variables): PublishedPort | undefined {
  if (isPlainMap(p)) {
    const target = Number.parseInt(interpolate(String(p.target ?? ''), vars), 10);
    const published = p.published === undefined || p.published === null ? undefined : interpolate(String(p.published), vars);
    const hostIp = typeof p.host_ip === 'string' ? interpolate(p.host_ip, vars) : undefined;
    const shown = [hostIp, published, Number.isFinite(target) ? target : '?'].filter((x) => x !== undefined).join(':');
    return { target: Number.isFinite(target) ? target : undefined, published, hostIp, protocol: text(p.protocol), source, text: shown };
  }
  const written = text(p);
  if (written === undefined) return undefined;
  let rest = interpolate(written, vars);
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) { protocol = rest.slice(slash + 1); rest = rest.slice(0, slash); }
  let hostIp: string | undefined;
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (bracket) { hostIp = bracket[1]; rest = bracket[2]; }
  const parts = rest.split(':');
  if (!bracket && parts.length > 3) {
    // An IPv6 address written without brackets: everything before the last two parts.
    hostIp = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  } else if (!bracket && parts.length === 3) {
    hostIp = parts.shift();
  }
  const target = Number.parseInt(parts[parts.length - 1].split('-')[0], 10);
  const published = parts.length === 2 ? parts[0] : undefined;
  return { target: Number.isFinite(target) ? target : undefined, published: published === '' ? undefined : published, hostIp: hostIp === '' ? undefined : hostIp, protocol, source, text: written };
}

/** A bind mount's host path (`./data:/data`, `/var/run/docker.sock:/var/run/docker.sock`, `type: bind`). */
function hostPath(v: Plain, vars: Variables): string | undefined {
  if (isPlainMap(v)) return v.type === 'bind' && typeof v.source === 'string' ? interpolate(v.source, vars) : undefined;
  if (typeof v !== 'string') return undefined;
  const source = interpolate(v, vars).split(':')[0];
  return /^(\/|\.|~)/.test(source) ? source : undefined;
}

