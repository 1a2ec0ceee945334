// Where a configuration value names another service (deployment.md, "Flows, and their protocol"):
// a URL's host, `HOST:PORT`, a connection string's `Server=`/`host=`/`jdbc:…//HOST`, or a bare
// host under a key that ends in `_HOST`, `_ADDR`, `_URL`….

import { maskUrlPasswords, WRITTEN_MASK } from '../model/secrets.js';

export interface HostReference {
  host: string;
  port?: number;
  /** The URL's scheme, lowercased (`jdbc:postgresql` for JDBC URLs). */
  scheme?: string;
  /** The URL or connection string carries credentials (a password, literal or `${VAR}`). */
  credentials: boolean;
  /** What the value says of encryption (`sslmode=disable`, `ssl=true`, `useSSL=false`, `Encrypt=True`), if anything. */
  tls?: 'none' | 'tls';
}

/** Encryption as connection parameters state it. */
export function statedTls(value: string): 'none' | 'tls' | undefined {
  const m = /(?:^|[?&;\s])(sslmode|ssl|tls|usessl|encrypt|ssl_mode)\s*=\s*([A-Za-z-]+)/i.exec(value);
  if (!m) return undefined;
  const v = m[2].toLowerCase();
  if (['disable', 'disabled', 'false', 'no', '0'].includes(v)) return 'none';
  if (['require', 'required', 'verify-ca', 'verify-full', 'verify_identity', 'true', 'yes', 'mandatory', 'strict'].includes(v)) return 'tls';
  return undefined; // `prefer`, `allow`: either, so unknown
}

const HOST_KEY = /_(HOST|ADDR|ADDRESS|SERVER|SERVICE|ENDPOINT|URL|URI|HOSTNAME|HOSTS|ADDRESSES|SERVERS|ENDPOINTS)$/i;
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** The hosts a value names (several for `a:1,b:2` lists). */
export function hostReferences(name: string, value: string): HostReference[] {
  const v = value.trim();
  if (v === '') return [];
  const tls = statedTls(v);
  const out: HostReference[] = [];
  // URLs anywhere in the value (`jdbc:mysql://db:3306/x`, `amqp://u:p@mq`, `mongodb://a,b/x`).
  const urls = v.matchAll(/\b((?:jdbc:)?[a-z][a-z0-9+.-]*):\/\/([^\s/?#'"]+)/gi);
  let found = false;
  for (const m of urls) {
    found = true;
    const scheme = m[1].toLowerCase();
    let authority = m[2];
    let credentials = false;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      credentials = authority.slice(0, at).includes(':');
      authority = authority.slice(at + 1);
    }
    for (const hp of authority.split(',')) {
      const ref = hostPort(hp);
      if (ref) out.push({ ...ref, scheme, credentials, ...(tls ? { tls } : {}) });
    }
  }
  if (found) return out;
  // Connection strings: `Server=db;Database=x;Password=…`, `host=db port=5432 user=x`.
  if (/[=;]/.test(v) && /(?:^|[;\s])(server|host|data source|address|addr)\s*=/i.test(v)) {
    const pairs = v.split(/[;\s]+/).map((p) => p.split('=')).filter((p) => p.length >= 2);
    const get = (...keys: string[]) => pairs.find(([k]) => keys.includes(k.trim().toLowerCase()))?.slice(1).join('=');
    const server = get('server', 'host', 'data source', 'address', 'addr');
    const credentials = get('password', 'pwd') !== undefined;
    const port = Number.parseInt(get('port') ?? '', 10);
    if (server) {
      const ref = hostPort(server.replace(/^tcp:/i, '').replace(/,(\d+)$/, ':$1'));
      if (ref) out.push({ ...ref, port: ref.port ?? (Number.isFinite(port) ? port : undefined), credentials, ...(tls ? { tls } : {}) });
    }
    return out;
  }
  // `HOST:PORT` (or a list of them).
  const items = v.split(/[,\s]+/).filter(Boolean);
  if (items.every((i) => /^[^:]+:\d+$/.test(i))) {
    for (const i of items) {
      const ref = hostPort(i);
      if (ref) out.push({ ...ref, credentials: false });
    }
    return out;
  }
  // A bare host under a key that says it holds one.
  if (HOST_KEY.test(name)) {
    for (const i of items) {
      const ref = hostPort(i);
      if (ref) out.push({ ...ref, credentials: false });
    }
  }
  return out;
}

function hostPort(text: string): { host: string; port?: number } | undefined {
  const m = /^\[?([^\]:]+)\]?(?::(\d+))?$/.exec(text.trim());
  if (!m || !HOST.test(m[1])) return undefined;
  // Numbers and IP addresses name no service.
  if (/^\d+(\.\d+)*$/.test(m[1])) return undefined;
  return { host: m[1].toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) };
}

/** The password of a URL as import writes it (`postgres://app:***@db/x`); a `${VAR}` stays. */
export const maskPassword = (value: string): string => maskUrlPasswords(value, WRITTEN_MASK);
