// Editor URIs ↔ the paths the engine keys files by. `file:` URIs become real paths; any other
// scheme (a virtual workspace, an untitled buffer) becomes a path under `/~scheme/authority`, so
// that includes still resolve relative to it and nothing is read from disk for it.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const VIRTUAL = /^\/~([a-z][a-z0-9+.-]*)\/([^/]*)(\/.*)?$/i;

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return path.resolve(fileURLToPath(uri));
    } catch {
      // A malformed file URI is treated as virtual below.
    }
  }
  const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/i.exec(uri);
  if (!m) return `/~unknown/${encodeURIComponent(uri)}`;
  const [, scheme, authority = '', rest] = m;
  const p = decodeLeniently(rest || '/');
  return `/~${scheme.toLowerCase()}/${authority}${p.startsWith('/') ? p : `/${p}`}`;
}

export function isVirtualPath(file: string): boolean {
  return VIRTUAL.test(file);
}

export function pathToUri(file: string): string {
  const m = VIRTUAL.exec(file);
  if (m) {
    const [, scheme, authority, rest = '/'] = m;
    const encoded = rest.split('/').map(encodeURIComponent).join('/');
    return authority === '' && scheme === 'untitled' ? `${scheme}:${rest.slice(1)}` : `${scheme}://${authority}${encoded}`;
  }
  return pathToFileURL(file).href;
}

/** `%E0%A4%A` is no escape an editor would send, but one must not make the file unreadable: it stays as written. */
function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The URI the client named each file by, so that answers name it the same way. */
export class UriMap {
  private readonly uriByPath = new Map<string, string>();

  pathOf(uri: string): string {
    const file = uriToPath(uri);
    this.uriByPath.set(file, uri);
    return file;
  }

  /** The URI the client knows a file by (the one it sent, when it sent one). */
  uriOf(file: string): string {
    return this.uriByPath.get(file) ?? pathToUri(file);
  }
}
