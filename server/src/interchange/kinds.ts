// The kind of a component described by another tool: Threagile's technical assets, and OTM
// components whose type is not a Moat kind. Rules tried in order; the first match wins
// (interchange.md).

import { KINDS } from '../model/types.js';

export interface ForeignComponent {
  /** Threagile's `technology`, or an OTM component's `type`. */
  technology: string;
  /** Threagile's `type`: `external-entity`, `process` or `datastore`. */
  type?: string;
  /** Threagile's `used_as_client_by_human`. */
  usedByHuman?: boolean;
  /** Threagile's `out_of_scope`. */
  outOfScope?: boolean;
}

const HUMAN_CLIENTS = new Set(['browser', 'desktop', 'mobile-app', 'devops-client']);

/** Technologies → kind, after the user and external rules. */
const BY_TECHNOLOGY: [string[], string][] = [
  [['load-balancer', 'reverse-proxy', 'gateway', 'waf'], 'gateway'],
  [['identity-provider', 'identity-store-ldap', 'identity-store-database'], 'identity-provider'],
  [['vault', 'hsm'], 'secrets-manager'],
  [['message-queue'], 'queue'],
  [['sourcecode-repository'], 'repository'],
  [['build-pipeline'], 'ci'],
  [['artifact-registry'], 'registry'],
  [['function'], 'function'],
  [['monitoring'], 'monitoring'],
  [['file-server', 'local-file-system'], 'storage'],
  [['database', 'block-storage'], 'database'],
];

const KIND_OF_TECHNOLOGY = new Map(BY_TECHNOLOGY.flatMap(([techs, kind]) => techs.map((t) => [t, kind] as const)));

export function kindOf(c: ForeignComponent): string {
  if (c.usedByHuman && HUMAN_CLIENTS.has(c.technology)) return 'user';
  if (c.outOfScope && c.type === 'external-entity') return 'external';
  const kind = KIND_OF_TECHNOLOGY.get(c.technology);
  if (kind) return kind;
  if (c.type === 'datastore') return 'database';
  return 'service';
}

/**
 * The kinds of the language. TODO(catalogue): `repository`, `ci` and `registry` are being added
 * to the model's vocabulary by the catalogue branch; once merged, read them all from there.
 */
export const MOAT_KINDS: ReadonlySet<string> = new Set([...KINDS, 'repository', 'ci', 'registry']);
