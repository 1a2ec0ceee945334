// The model language as a JSON Schema (draft 2020-12), built from the vocabulary the reader uses
// (vocabulary.ts), so that YAML tools without Moat (yaml-language-server, JetBrains, CI
// validators) complete and validate models as Moat reads them. `npm run schema` writes it to
// schemas/moat.schema.json, and the reference tables of docs/language.md from the same keys; a
// test holds both equal to a fresh generation.

import {
  ACCEPT_KEYS, ACCESS_MODES, ACTIONS, AUTH_METHODS, BOUNDARY_KEYS, CLASSIFICATIONS, CONTROLS, DATA_KEYS, DATASTORE_KINDS,
  DELIVERY_PIPELINE_KINDS, FLOW_KEYS, WORKLOAD_KINDS,
  IMPLIED_TLS, KIND_MEANINGS, KINDS, KNOWN_PROTOCOLS, LIMIT_KEYS, OUTSIDE_KINDS, PLATFORMS, ROLE_KEYS, RUNTIME_KEYS,
  SERVICE_KEYS, TLS_MODES, TOP_LEVEL_KEYS, TRUST_LEVELS,
} from './vocabulary.js';
import type { ControlPlace, Kind } from './vocabulary.js';

export const SCHEMA_ID = 'https://raw.githubusercontent.com/moat-security/moat/main/schemas/moat.schema.json';

type Schema = Record<string, unknown>;

/** One key of a section: its schema, what it means, its type and default as the reference shows them. */
interface KeyDoc {
  schema: Schema;
  means: string;
  type: string;
  default?: string;
  required?: boolean;
}

const ID = '^[a-z0-9][a-z0-9._-]*$';
const text = (means: string): KeyDoc => ({ schema: { type: 'string' }, means, type: 'string' });
const boolean = (means: string, byDefault = 'false'): KeyDoc => ({ schema: { type: 'boolean' }, means, type: 'boolean', default: byDefault });
const code = (values: readonly unknown[]) => values.map((v) => `\`${String(v)}\``).join(', ');
/** A list of ids; a single id is read as a list of one. */
const idList = (of: string, means: string): KeyDoc => ({
  schema: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] }, means, type: `list of ${of} ids`, default: '`[]`',
});
const oneOf = (values: readonly string[], means: string, extra: Partial<KeyDoc> = {}): KeyDoc => ({
  schema: { enum: [...values] }, means, type: code(values), ...extra,
});

const controlValue: Schema = { anyOf: [{ type: 'boolean' }, { type: 'string' }, { type: 'number' }, { type: 'object' }, { type: 'array' }] };

function controlsSchema(place: ControlPlace, also: ControlPlace[] = []): Schema {
  const properties: Record<string, Schema> = {};
  for (const [name, control] of Object.entries(CONTROLS)) {
    if (!control.on.includes(place) && !also.some((p) => control.on.includes(p))) continue;
    const meantFor = control.for ? ` (meant for ${control.for.map((k) => `\`${k}\``).join(', ')})` : '';
    properties[name] = { ...controlValue, description: `${capitalise(control.means)}${meantFor}. \`true\`, \`false\`, or a detail that means \`true\`.` };
  }
  return { type: 'object', properties, additionalProperties: false };
}

export const SECTIONS: Record<string, { title: string; keys: readonly string[]; docs: Record<string, KeyDoc> }> = {
  top: {
    title: 'Top level',
    keys: TOP_LEVEL_KEYS,
    docs: {
      moat: { schema: { enum: [1, '1'] }, means: 'the language version; required in the root file', type: '`1`', required: true },
      name: { ...text("the system's name; required in the root file"), required: true },
      description: text('free text'),
      include: {
        schema: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] },
        means: 'other model files merged into this one: paths relative to this file, globs allowed', type: 'list of paths', default: '`[]`',
      },
      boundaries: { schema: { $ref: '#/$defs/boundaries' }, means: 'trust boundaries (zones)', type: 'map id → boundary' },
      data: { schema: { $ref: '#/$defs/data' }, means: 'the data the system handles', type: 'map id → data asset' },
      roles: { schema: { $ref: '#/$defs/roles' }, means: 'privileges that components hold', type: 'map id → role' },
      services: { schema: { $ref: '#/$defs/services' }, means: 'every component: users, services, stores, externals', type: 'map id → component' },
      controls: { schema: { $ref: '#/$defs/systemControls' }, means: 'system-wide controls, in force on every component that does not set them `false`', type: 'map control → value' },
      accept: { schema: { type: 'array', items: { $ref: '#/$defs/acceptance' } }, means: 'findings the owners have accepted, with a reason', type: 'list of acceptances' },
    },
  },
  boundary: {
    title: 'Boundaries',
    keys: BOUNDARY_KEYS,
    docs: {
      trust: oneOf(TRUST_LEVELS, 'how much the zone is trusted, lowest first; required', { required: true }),
      within: { schema: { type: 'string', pattern: ID }, means: 'the boundary this one lies within', type: 'boundary id' },
      description: text('free text'),
    },
  },
  data: {
    title: 'Data',
    keys: DATA_KEYS,
    docs: {
      classification: oneOf(CLASSIFICATIONS, 'how sensitive it is, least first; required (an unreadable one is treated as `restricted`)', { required: true }),
      pii: boolean('personal data'),
      description: text('free text'),
    },
  },
  role: {
    title: 'Roles',
    keys: ROLE_KEYS,
    docs: {
      grants: {
        schema: {
          type: 'object',
          additionalProperties: { anyOf: [{ type: 'array', items: { enum: [...ACTIONS] } }, { enum: [...ACTIONS] }] },
        },
        means: `a service id, or \`"*"\` for every service, mapped to actions from ${code(ACTIONS)}`, type: 'map service id → list of actions',
      },
      description: text('free text'),
    },
  },
  service: {
    title: 'Services',
    keys: SERVICE_KEYS,
    docs: {
      kind: oneOf(KINDS, 'what the component is (see Kinds); required', { required: true }),
      boundary: {
        schema: { type: 'string', pattern: ID }, type: 'boundary id',
        means: `the zone it runs in; required, except for ${code([...OUTSIDE_KINDS])}, which default to \`internet\``,
      },
      description: text('free text'),
      owner: text('the team that owns it'),
      tech: text('the technology (`postgres`, `spring-boot`, `nginx`)'),
      calls: { schema: { type: 'array', items: { $ref: '#/$defs/flow' } }, means: 'the flows this component opens (see Flows)', type: 'list of flows', default: '`[]`' },
      stores: idList('data', 'data kept at rest here'),
      roles: idList('role', 'roles it holds'),
      controls: { schema: { $ref: '#/$defs/serviceControls' }, means: 'controls in place on it (see Controls); `false` switches a system-wide one off for it', type: 'map control → value' },
      runtime: { schema: { $ref: '#/$defs/runtime' }, means: 'how it runs (see Runtime)', type: 'map' },
      secrets: {
        schema: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
        means: 'secrets it needs, each a reference (`vault:…`, `aws-sm:…`, `gcp-sm:…`, `azure-kv:…`, `k8s-secret:…`, `env:…`, `file:…`, `${NAME}`); anything else is a literal secret', type: 'map name → reference',
      },
      env: { schema: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } }, means: 'plain configuration values (scanned for secrets too)', type: 'map name → value' },
      'deployed-as': {
        schema: { oneOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 } }] },
        means: 'the workloads of the deployment that run it, where their names differ from its id (`NAME` or `NAMESPACE/NAME`); drift matches by it (docs/drift.md)',
        type: 'workload name, or list of them',
      },
    },
  },
  flow: {
    title: 'Flows',
    keys: FLOW_KEYS,
    docs: {
      to: { schema: { type: 'string' }, means: 'the component it calls; required', type: 'service id', required: true },
      id: { schema: { type: 'string', pattern: ID }, means: 'names the flow for `accept:`; else it is `FROM->TO` (`#2`, `#3` for further flows between the same two)', type: 'identifier' },
      protocol: {
        schema: { anyOf: [{ enum: [...KNOWN_PROTOCOLS] }, { type: 'string' }] },
        means: 'the protocol; any other word is allowed, but then implies nothing about encryption; required', type: `${code(KNOWN_PROTOCOLS)}, or any other word`, required: true,
      },
      port: { schema: { type: 'integer', minimum: 0, maximum: 65535 }, means: 'the port', type: 'integer 0–65535' },
      tls: {
        schema: { enum: [...TLS_MODES, true, false] },
        means: 'encryption in transit; absent, it follows from `protocol` (see Protocols), or is `mtls` with `auth: mtls`; `true`/`false` read as `tls`/`none`', type: code(TLS_MODES), default: 'from `protocol`',
      },
      auth: oneOf(AUTH_METHODS, 'how the caller proves who it is (`signature`: each request signed with a shared key, as webhooks are); `mtls` needs TLS', { default: 'unknown' }),
      access: oneOf(ACCESS_MODES, 'which way the data goes', { default: '`read-write`' }),
      data: idList('data', 'the data carried'),
      async: boolean('fire-and-forget (a publish to a queue)'),
      controls: { schema: { $ref: '#/$defs/flowControls' }, means: 'controls on this connection (see Controls)', type: 'map control → value' },
      description: text('free text'),
    },
  },
  runtime: {
    title: 'Runtime',
    keys: RUNTIME_KEYS,
    docs: {
      image: {
        schema: { type: 'string', pattern: '^[^@]*(@sha256:[0-9a-f]{64})?$' },
        means: 'the container image; `@sha256:` and 64 hex digits is pinned, `latest` or no tag is not; a malformed digest is an error', type: 'string',
      },
      user: { schema: { type: ['string', 'integer'] }, means: '`root`, a name or a uid (`0` is root)', type: 'string or integer', default: 'root, for a container image' },
      privileged: boolean('a privileged container'),
      'read-only-fs': boolean('the root file system is read-only'),
      limits: {
        schema: { type: 'object', properties: Object.fromEntries(LIMIT_KEYS.map((k) => [k, { type: ['string', 'number'] }])), additionalProperties: false },
        means: 'resource limits', type: `map: ${code(LIMIT_KEYS)}`,
      },
      'host-network': boolean("shares the host's network namespace"),
      'host-pid': boolean("shares the host's process namespace"),
      mounts: { schema: { type: 'array', items: { type: 'string' } }, means: 'host paths mounted in (`/var/run/docker.sock` and `/` are host access)', type: 'list of paths', default: '`[]`' },
      platform: { schema: { anyOf: [{ enum: PLATFORMS }, { type: 'string' }] }, means: 'where it runs; any other word is allowed', type: `${code(PLATFORMS)}, …` },
      'shared-with': idList('service', 'components that share this runtime (same host, pod or VM)'),
    },
  },
  acceptance: {
    title: 'Acceptances',
    keys: ACCEPT_KEYS,
    docs: {
      rule: { schema: { type: 'string' }, means: 'the rule id; required', type: 'rule id', required: true },
      target: { schema: { type: 'string' }, means: "the finding's target: a component, flow (id or `FROM->TO`), role, boundary or data id, or `system`; required", type: 'string', required: true },
      reason: { schema: { type: 'string', minLength: 1 }, means: 'why it is accepted, for a reviewer; required', type: 'string', required: true },
      until: { schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, means: 'the last day it holds (UTC); the finding returns the day after', type: 'date `YYYY-MM-DD`' },
      by: text('who accepted it'),
    },
  },
};

function section(name: string, extra: Schema = {}): Schema {
  const { keys, docs } = SECTIONS[name];
  const missing = keys.filter((k) => !docs[k]);
  const stray = Object.keys(docs).filter((k) => !keys.includes(k));
  // The vocabulary decides the keys: a key added there without a description here fails the build.
  if (missing.length > 0 || stray.length > 0) throw new Error(`schema.ts: the ${name} keys differ from vocabulary.ts (missing ${missing.join(', ')}; stray ${stray.join(', ')})`);
  const properties: Record<string, Schema> = {};
  for (const key of keys) {
    const doc = docs[key];
    properties[key] = { ...doc.schema, description: `${capitalise(doc.means)}.${doc.default ? ` Default: ${doc.default}.` : ''}` };
  }
  const required = keys.filter((k) => docs[k].required && name !== 'top');
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false, ...extra };
}

const byId = (ref: string, description: string): Schema => ({
  type: 'object', description, propertyNames: { pattern: ID }, additionalProperties: { $ref: ref },
});

/** Protocols that imply no encryption: `auth: mtls` over them, without `tls:`, is an error. */
const CLEAR_TEXT = Object.entries(IMPLIED_TLS).filter(([, t]) => t === 'none').map(([p]) => p);

export function modelSchema(): Schema {
  const outside = [...OUTSIDE_KINDS];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Moat model',
    description: 'A Moat threat model (language version 1): trust boundaries, data, roles, services and the flows between them. Generated from server/src/model/vocabulary.ts by `npm run schema`; do not edit.',
    ...section('top'),
    $defs: {
      boundaries: byId('#/$defs/boundary', 'Trust boundaries by id. `internet` (`trust: untrusted`) exists without being declared.'),
      boundary: section('boundary'),
      data: byId('#/$defs/dataAsset', 'Data assets by id.'),
      dataAsset: section('data'),
      roles: byId('#/$defs/role', 'Roles by id.'),
      role: section('role'),
      services: byId('#/$defs/service', 'Components by id.'),
      service: section('service', {
        properties: {
          ...(section('service').properties as Schema),
          kind: { enum: [...KINDS], description: 'What the component is. Required.', markdownEnumDescriptions: KINDS.map((k) => KIND_MEANINGS[k]) },
        },
        if: { properties: { kind: { enum: outside } } },
        else: { required: ['kind', 'boundary'] },
      }),
      flow: section('flow', {
        allOf: [{
          if: { properties: { auth: { const: 'mtls' } }, required: ['auth'] },
          then: {
            not: {
              anyOf: [
                { properties: { tls: { enum: ['none', false] } }, required: ['tls'] },
                { properties: { protocol: { enum: CLEAR_TEXT } }, required: ['protocol'], not: { required: ['tls'] } },
              ],
            },
          },
        }],
      }),
      runtime: section('runtime'),
      acceptance: section('acceptance'),
      serviceControls: controlsSchema('service', ['system']),
      flowControls: controlsSchema('flow'),
      systemControls: controlsSchema('system'),
    },
  };
}

/** The schema as the file holds it. */
export function schemaText(): string {
  return `${JSON.stringify(modelSchema(), null, 2)}\n`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// --- the reference tables of docs/language.md -------------------------------------------------

/** Markdown tables of every key of every section, the kinds, the controls and the protocols. */
export function referenceTables(): Record<string, string> {
  const tables: Record<string, string> = {};
  for (const [name, { keys, docs }] of Object.entries(SECTIONS)) {
    const rows = keys.map((k) => {
      const d = docs[k];
      return `| \`${k}\` | ${d.type} | ${d.default ?? (d.required ? 'required' : '—')} | ${d.means} |`;
    });
    tables[name] = ['| key | type / values | default | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
  }
  const family = (k: Kind) => [
    DATASTORE_KINDS.has(k) && 'datastore', WORKLOAD_KINDS.has(k) && 'workload', DELIVERY_PIPELINE_KINDS.has(k) && 'delivery pipeline',
    OUTSIDE_KINDS.has(k) && 'outside (in `internet` unless it names a boundary)',
  ].filter(Boolean).join(', ') || '—';
  tables.kinds = ['| kind | what it is | family |', '| --- | --- | --- |', ...KINDS.map((k) => `| \`${k}\` | ${KIND_MEANINGS[k]} | ${family(k)} |`)].join('\n');
  const mark = (on: boolean) => (on ? '✔' : '');
  tables.controls = [
    '| control | what it says | on a service | on a flow | system-wide |',
    '| --- | --- | :-: | :-: | :-: |',
    ...Object.entries(CONTROLS).map(([name, c]) =>
      `| \`${name}\` | ${c.means}${c.for ? ` (meant for ${c.for.map((k) => `\`${k}\``).join(', ')})` : ''} | ${mark(c.on.includes('service'))} | ${mark(c.on.includes('flow'))} | ${mark(c.on.includes('system'))} |`),
  ].join('\n');
  tables.protocols = [
    '| protocol | encryption when `tls:` is absent |',
    '| --- | --- |',
    ...KNOWN_PROTOCOLS.map((p) => `| \`${p}\` | ${IMPLIED_TLS[p] ? `\`${IMPLIED_TLS[p]}\`` : 'unknown: say it with `tls:`'} |`),
    '| `telnet` | `none` |',
    '| any other word | unknown: say it with `tls:` |',
  ].join('\n');
  return tables;
}

/** `text` with each `<!-- reference:NAME -->…<!-- /reference:NAME -->` block filled from referenceTables. */
export function fillReference(text: string): string {
  const tables = referenceTables();
  return text.replace(/<!-- reference:([a-z]+) -->[\s\S]*?<!-- \/reference:\1 -->/g, (whole, name: string) =>
    tables[name] === undefined ? whole : `<!-- reference:${name} -->\n${tables[name]}\n<!-- /reference:${name} -->`);
}
