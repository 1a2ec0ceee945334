// What rules read of a model, without where it is written: two models with the same signature
// get the same findings, up to their ranges. The editor compares signatures to know whether an
// edit changed what the model means (server/src/analysis/incremental.ts).

import type { FileModel } from './read.js';
import type { Component, Controls, DataAsset, Flow, PropSource, Role, Source, TrustBoundary } from './types.js';

/**
 * The signature of what one file (or one unit of a file) contributes, before references are
 * resolved: resolution depends only on every part's contribution, so equal parts in the same
 * order make equal models.
 */
export function partSignature(part: FileModel): string {
  return [
    `V${part.hasVersion}:${String(part.version)}|N${part.nameKey !== undefined}|K${part.controlsKey !== undefined}`,
    `I${part.includes.map((i) => i.path).join(',')}`,
    elements(part.boundaries, part.data, part.roles, part.services, part.controls),
  ].join('\n');
}

function elements(boundaries: TrustBoundary[], data: DataAsset[], roles: Role[], services: Component[], system: Controls): string {
  const out: string[] = [];
  for (const b of boundaries) out.push(`B${b.id}|${b.trust}|${b.within ?? ''}|${b.implicit}|${b.src ? src(b.src) : ''}`);
  for (const d of data) out.push(`D${d.id}|${d.classification}|${d.pii}|${src(d.src)}`);
  for (const r of roles) {
    out.push(`R${r.id}|${src(r.src)}|${r.grants.map((g) => `${g.target}:${g.actions.join(',')}:${shape(g.src)}`).join(';')}`);
  }
  for (const s of services) out.push(service(s));
  out.push(`C${controls(system)}`);
  return out.join('\n');
}

function service(s: Component): string {
  const rt = s.runtime;
  const runtime = rt
    ? [rt.image, rt.user, rt.privileged, rt.readOnlyFs, rt.limits?.cpu, rt.limits?.memory, rt.hostNetwork, rt.hostPid,
      rt.mounts.join(','), rt.platform, rt.sharedWith.join(','), shape(rt.src)].join('|')
    : '';
  return [
    `S${s.id}`, s.kind, s.boundary, src(s.src), s.stores.join(','), s.roles.join(','), controls(s.controls), runtime,
    s.secrets.map((v) => `${v.name}=${v.value}`).join(';'), s.env.map((v) => `${v.name}=${v.value}`).join(';'), (s.deployedAs ?? []).join(','),
    ...s.calls.map(flow),
  ].join('|');
}

function flow(f: Flow): string {
  return `F${f.to}|${f.id ?? ''}|${f.target}|${f.protocol}|${f.port ?? ''}|${f.tls ?? ''}|${f.effectiveTls ?? ''}|${f.auth ?? ''}|${f.access}|${f.data.join(',')}|${f.async}|${controls(f.controls)}|${[...f.src.props.keys()].join(',')}`;
}

function controls(c: Controls): string {
  let out = '';
  for (const [name, v] of c) out += `${name}=${v.enabled}:${v.detail ?? ''};`;
  return out;
}

/** Which properties are written (rules point at a property when it is there). */
function src(s: Source): string {
  let out = s.file;
  for (const [k, p] of s.props) out += `,${k}${p.entries ? `{${[...p.entries.keys()].join(',')}}` : ''}${p.items ? `[${p.items.length}]` : ''}`;
  return out;
}

function shape(p: PropSource): string {
  return `${p.entries ? [...p.entries.keys()].join(',') : ''}[${p.items?.length ?? 0}]`;
}
