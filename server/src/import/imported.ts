// A model made by an importer (deployment files, Threagile, OTM), before it is written: the
// elements of the Moat language, each with the comments that say where it came from and what is
// left to fill in. `writeModel` (write.ts) turns it into a commented `moat: 1` file; `updateModel`
// (update.ts) adds what an existing model lacks.

/** Comments written above an element. */
export interface Commented {
  /** Where the element comes from: `docker-compose.yml: services.cart`, written `# docker-compose.yml: services.cart`. */
  source?: string;
  /** Further comment lines (`# …`). */
  notes?: string[];
  /** What the user must fill in, each written `# TODO: …`. */
  todos?: string[];
}

export type Trust = 'untrusted' | 'dmz' | 'internal' | 'restricted';

export interface ImportedBoundary extends Commented {
  id: string;
  trust: Trust;
  within?: string;
  description?: string;
}

export interface ImportedData extends Commented {
  id: string;
  classification: 'public' | 'internal' | 'confidential' | 'restricted';
  pii?: boolean;
  description?: string;
}

export interface ImportedRole extends Commented {
  id: string;
  /** Service id (or `"*"`) → actions. */
  grants: Record<string, string[]>;
}

/** A name and value under `env:` or `secrets:`. */
export interface ImportedValue extends Commented {
  name: string;
  value: string;
}

export interface ImportedRuntime extends Commented {
  image?: string;
  user?: string | number;
  privileged?: boolean;
  'read-only-fs'?: boolean;
  limits?: { cpu?: string; memory?: string };
  'host-network'?: boolean;
  'host-pid'?: boolean;
  mounts?: string[];
  platform?: string;
  /** Ids of the services that share this runtime (a Threagile shared runtime). */
  'shared-with'?: string[];
}

export interface ImportedFlow extends Commented {
  to: string;
  id?: string;
  protocol: string;
  port?: number;
  tls?: 'none' | 'tls' | 'mtls';
  auth?: string;
  access?: 'read' | 'write' | 'read-write';
  data?: string[];
  async?: boolean;
  description?: string;
  /** Not written: what made it (`connection`: an env reference or `depends_on`; drift reads it). */
  origin?: 'connection';
  /** Not written: how the deployment's connection value says it is plain (`http://`, `sslmode=disable`). */
  plain?: string;
}

export interface ImportedService extends Commented {
  id: string;
  kind: string;
  /** Absent for `user` and `external` (they default to `internet`). */
  boundary?: string;
  description?: string;
  owner?: string;
  tech?: string;
  /** Workload names (`NAME` or `NAMESPACE/NAME`) where they differ from the id. */
  deployedAs?: string[];
  roles?: string[];
  stores?: string[];
  controls?: Record<string, unknown>;
  runtime?: ImportedRuntime;
  env?: ImportedValue[];
  secrets?: ImportedValue[];
  calls: ImportedFlow[];
}

export interface ImportedModel {
  name: string;
  description?: string;
  /** Comment lines at the top of the file. */
  header?: string[];
  /** System-wide controls. */
  controls?: Record<string, unknown>;
  boundaries: ImportedBoundary[];
  data?: ImportedData[];
  roles?: ImportedRole[];
  services: ImportedService[];
  /** Comment lines at the end of the file: what the input holds that the language has no place for ('' is a blank line). */
  footer?: string[];
}

/** Every `# TODO` the model will carry. */
export function countTodos(m: ImportedModel): number {
  let n = m.header?.filter((h) => h.startsWith('TODO')).length ?? 0;
  const add = (c: Commented | undefined) => { n += c?.todos?.length ?? 0; };
  for (const b of m.boundaries) add(b);
  for (const d of m.data ?? []) add(d);
  for (const r of m.roles ?? []) add(r);
  for (const s of m.services) {
    add(s);
    add(s.runtime);
    for (const v of [...(s.env ?? []), ...(s.secrets ?? [])]) add(v);
    for (const f of s.calls) add(f);
  }
  return n;
}
