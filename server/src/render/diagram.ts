// A model's diagram as plain data: boundaries as nested groups, components as nodes, flows as
// edges, each carrying what the picture needs (trust, kind, protocol, auth, the worst open
// finding). It is JSON, so the webview and the offline HTML page can filter and redraw it
// without the engine; toMermaid turns it into Mermaid text.

import type { Analysis } from '../analysis/analyze.js';
import type { Auth, Finding, Kind, Severity, Tls, Trust } from '../model/types.js';
import { severityRank } from '../model/types.js';
import { redactor } from '../model/secrets.js';
import { ruleById } from '../rules/index.js';

export interface DiagramFinding {
  rule: string;
  severity: Severity;
  message: string;
}

export interface DiagramGroup {
  /** The boundary id. */
  id: string;
  trust: Trust;
  /** The boundary it lies within, when that boundary is drawn. */
  parent?: string;
  description?: string;
  findings: DiagramFinding[];
}

export interface DiagramNode {
  /** The component id. */
  id: string;
  kind: Kind;
  /** The boundary id it sits in; undefined when the model names a boundary that does not exist. */
  group?: string;
  tech?: string;
  description?: string;
  owner?: string;
  findings: DiagramFinding[];
}

export interface DiagramEdge {
  /** The flow's target (`id`, or `FROM->TO`, `FROM->TO#2`). */
  target: string;
  from: string;
  to: string;
  protocol: string;
  /** Undefined when unknown (no `auth:`). */
  auth?: Auth;
  /** As written or implied by the protocol; undefined when unknown. */
  tls?: Tls;
  async: boolean;
  data: string[];
  description?: string;
  findings: DiagramFinding[];
}

export interface Diagram {
  /** The system's name, as written (free text). */
  title: string;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Open findings about the system as a whole. */
  systemFindings: DiagramFinding[];
}

/** The findings a picture shows: open ones (not accepted), worst first. */
function openFindings(findings: readonly Finding[]): Map<string, Finding[]> {
  const byTarget = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.accepted || f.rule.startsWith('model/')) continue;
    const list = byTarget.get(f.target) ?? [];
    list.push(f);
    byTarget.set(f.target, list);
  }
  for (const list of byTarget.values()) list.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return byTarget;
}

export function buildDiagram(analysis: Analysis): Diagram {
  const { model } = analysis;
  const redact = redactor(model);
  const open = openFindings(analysis.findings);
  // A finding's target names an element by id; the rule's target kind says which section, but
  // ids of different sections may coincide, so only the sections a picture shows are looked up.
  const findingsOf = (target: string, kinds: ReadonlySet<string>): DiagramFinding[] =>
    (open.get(target) ?? [])
      .filter((f) => kinds.has(targetKindOf(f)))
      .map((f) => ({ rule: f.rule, severity: f.severity, message: redact(f.message) }));

  const used = new Set<string>();
  for (const s of model.services.values()) {
    for (let b: string | undefined = s.boundary; b && !used.has(b); b = model.boundaries.get(b)?.within) used.add(b);
  }
  const groups: DiagramGroup[] = [];
  for (const b of model.boundaries.values()) {
    if (!used.has(b.id)) continue;
    groups.push({
      id: b.id,
      trust: b.trust,
      parent: b.within !== undefined && model.boundaries.has(b.within) ? b.within : undefined,
      description: b.description === undefined ? undefined : redact(b.description),
      findings: findingsOf(b.id, BOUNDARY_TARGETS),
    });
  }
  const nodes: DiagramNode[] = [...model.services.values()].map((s) => ({
    id: s.id,
    kind: s.kind,
    group: model.boundaries.has(s.boundary) ? s.boundary : undefined,
    tech: s.tech === undefined ? undefined : redact(s.tech),
    description: s.description === undefined ? undefined : redact(s.description),
    owner: s.owner === undefined ? undefined : redact(s.owner),
    findings: findingsOf(s.id, SERVICE_TARGETS),
  }));
  const edges: DiagramEdge[] = model.flows.map((f) => ({
    target: f.target,
    from: f.from,
    to: f.to,
    protocol: redact(f.protocol),
    auth: f.auth,
    tls: f.effectiveTls,
    async: f.async,
    data: [...f.data],
    description: f.description === undefined ? undefined : redact(f.description),
    findings: findingsOf(f.target, FLOW_TARGETS),
  }));
  return {
    title: redact(model.name ?? ''),
    groups,
    nodes,
    edges,
    systemFindings: findingsOf('system', SYSTEM_TARGETS),
  };
}

const SERVICE_TARGETS: ReadonlySet<string> = new Set(['service']);
const FLOW_TARGETS: ReadonlySet<string> = new Set(['flow']);
const BOUNDARY_TARGETS: ReadonlySet<string> = new Set(['boundary']);
const SYSTEM_TARGETS: ReadonlySet<string> = new Set(['system']);

/** Which section a finding's target names: the rule says (rules.md, Targets). */
function targetKindOf(f: Finding): string {
  const known = ruleById(f.rule)?.meta.target;
  if (known) return known;
  if (f.target === 'system') return 'system';
  return f.target.includes('->') ? 'flow' : 'service';
}
