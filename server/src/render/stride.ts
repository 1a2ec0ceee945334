// STRIDE per element, for the review report: which threats apply to each component and flow
// (by the classic STRIDE-per-element table: external entities S R; processes S T R I D E;
// datastores T R I D; flows T I D), and whether something the model declares covers each.
//
// "Covered" is a statement about the model, not about the system: a declared control, or a
// property of the flows (authenticated, encrypted). An open finding of a rule in that STRIDE
// category on the element means it is not covered, whatever else is declared.

import type { Analysis } from '../analysis/analyze.js';
import type { Component, Finding, Flow } from '../model/types.js';
import { ruleById } from '../rules/index.js';
import type { Stride } from '../rules/rule.js';
import type { ModelGraph } from '../analysis/graph.js';
import { isDatastoreKind, isOutsideKind } from '../model/vocabulary.js';

export type Coverage = 'covered' | 'not covered' | 'not applicable';

export interface ThreatStatus {
  threat: Stride;
  coverage: Coverage;
  /** What covers it (controls, properties of flows), or what is missing. */
  by: string[];
  /** Open findings on the element in this category (rule ids). */
  findings: string[];
}

export interface ElementThreats {
  type: 'service' | 'flow';
  /** A component id, or a flow's target. */
  id: string;
  /** How the report names it: the id, then what it is (`orders (service, process)`, `charge (payments → stripe)`). */
  title: string;
  threats: ThreatStatus[];
}

type Role = 'external entity' | 'process' | 'datastore';

export function elementRole(s: Component): Role {
  if (isOutsideKind(s.kind)) return 'external entity';
  if (isDatastoreKind(s.kind)) return 'datastore';
  return 'process';
}

const APPLIES: Record<Role | 'flow', Stride[]> = {
  'external entity': ['S', 'R'],
  process: ['S', 'T', 'R', 'I', 'D', 'E'],
  datastore: ['T', 'R', 'I', 'D'],
  flow: ['T', 'I', 'D'],
};

const authenticated = (f: Flow) => f.auth !== undefined && f.auth !== 'none';
const encrypted = (f: Flow) => f.effectiveTls === 'tls' || f.effectiveTls === 'mtls';

/** A check over the model: what covers the threat, or why it is not covered. */
type Check = (s: Component, g: ModelGraph) => { ok: boolean | undefined; by: string[] };

function controls(names: string[]): Check {
  return (s, g) => {
    const on = names.filter((n) => g.controlInForce(s, n));
    return { ok: on.length > 0, by: on.length > 0 ? on.map((n) => `\`${n}\``) : [`no ${names.map((n) => `\`${n}\``).join(' or ')}`] };
  };
}

function flowsAll(which: 'inbound' | 'outbound' | 'both', test: (f: Flow) => boolean, yes: string, no: string): Check {
  return (s, g) => {
    const flows = which === 'inbound' ? g.inbound(s.id) : which === 'outbound' ? g.outbound(s.id) : [...g.inbound(s.id), ...g.outbound(s.id)];
    if (flows.length === 0) return { ok: undefined, by: ['no flows'] };
    const failing = flows.filter((f) => !test(f));
    return failing.length === 0 ? { ok: true, by: [yes] } : { ok: false, by: [`${no}: ${failing.map((f) => `${f.from} → ${f.to}`).join(', ')}`] };
  };
}

/** Every check must hold; any that applies and fails makes the threat uncovered. */
function all(...checks: Check[]): Check {
  return (s, g) => {
    const results = checks.map((c) => c(s, g));
    const applicable = results.filter((r) => r.ok !== undefined);
    if (applicable.length === 0) return { ok: undefined, by: results.flatMap((r) => r.by) };
    const failing = applicable.filter((r) => !r.ok);
    return failing.length === 0 ? { ok: true, by: applicable.flatMap((r) => r.by) } : { ok: false, by: failing.flatMap((r) => r.by) };
  };
}

const storesData: (check: Check) => Check = (check) => (s, g) => (s.stores.length > 0 ? check(s, g) : { ok: undefined, by: [] });
const runsContainer: (check: Check) => Check = (check) => (s, g) => (g.isContainer(s) ? check(s, g) : { ok: undefined, by: [] });

const rootless: Check = (s) => {
  const rt = s.runtime!;
  const root = rt.user === undefined || rt.user === 'root' || rt.user === '0';
  const privileged = rt.privileged === true || rt.hostNetwork === true || rt.hostPid === true;
  if (!root && !privileged) return { ok: true, by: ['runs unprivileged, not as root'] };
  return { ok: false, by: [privileged ? 'runs privileged' : 'runs as root'] };
};

const COMPONENT_CHECKS: Record<Role, Partial<Record<Stride, Check>>> = {
  'external entity': {
    S: all(flowsAll('outbound', authenticated, 'authenticates every flow it opens', 'flows without authentication')),
    R: (s, g) => {
      const callees = g.outbound(s.id).map((f) => g.callee(f));
      if (callees.length === 0) return { ok: undefined, by: ['no flows'] };
      const unlogged = callees.filter((c) => !g.controlInForce(c, 'audit-log') && !g.systemControl('central-logging'));
      return unlogged.length === 0
        ? { ok: true, by: ['what it calls keeps an audit log'] }
        : { ok: false, by: [`no \`audit-log\` at ${[...new Set(unlogged.map((c) => c.id))].join(', ')}`] };
    },
  },
  process: {
    S: flowsAll('inbound', authenticated, 'callers authenticate', 'callers without authentication'),
    T: all(controls(['input-validation']), runsContainer(controls(['image-signing']))),
    R: controls(['audit-log', 'central-logging']),
    I: all(flowsAll('both', encrypted, 'every flow encrypted', 'unencrypted or unspecified flows'), storesData(controls(['encryption-at-rest']))),
    D: controls(['rate-limit', 'timeout', 'circuit-breaker']),
    E: all(controls(['authorization']), runsContainer(rootless)),
  },
  datastore: {
    T: all(flowsAll('inbound', authenticated, 'callers authenticate', 'callers without authentication')),
    R: controls(['audit-log']),
    I: all(storesData(controls(['encryption-at-rest'])), flowsAll('inbound', encrypted, 'every flow encrypted', 'unencrypted or unspecified flows')),
    D: (s, g) => {
      const limits = s.runtime?.limits?.cpu !== undefined && s.runtime?.limits?.memory !== undefined;
      const c = controls(['rate-limit'])(s, g);
      return limits ? { ok: true, by: ['resource limits'] } : c;
    },
  },
};

function flowThreat(flow: Flow, threat: Stride, g: ModelGraph): { ok: boolean; by: string[] } {
  if (threat === 'T' || threat === 'I') {
    if (encrypted(flow)) return { ok: true, by: [flow.effectiveTls === 'mtls' ? 'mTLS' : 'TLS'] };
    return { ok: false, by: [flow.effectiveTls === 'none' ? 'not encrypted' : 'encryption not stated'] };
  }
  const guards = ['timeout', 'circuit-breaker'].filter((n) => g.flowControl(flow, n));
  if (flow.async) return { ok: true, by: ['asynchronous'] };
  return guards.length > 0 ? { ok: true, by: guards.map((n) => `\`${n}\``) } : { ok: false, by: ['no `timeout` or `circuit-breaker`'] };
}

function strideOf(f: Finding): Stride[] {
  return ruleById(f.rule)?.meta.stride ?? [];
}

export function threatsPerElement(analysis: Analysis): ElementThreats[] {
  const { model, graph } = analysis;
  const open = new Map<string, Finding[]>();
  for (const f of analysis.findings) {
    if (f.accepted || f.rule.startsWith('model/')) continue;
    const list = open.get(f.target) ?? [];
    list.push(f);
    open.set(f.target, list);
  }
  const findingsFor = (target: string, kind: 'service' | 'flow', threat: Stride) =>
    (open.get(target) ?? []).filter((f) => ruleById(f.rule)?.meta.target === kind && strideOf(f).includes(threat)).map((f) => f.rule);

  const status = (threat: Stride, result: { ok: boolean | undefined; by: string[] }, findings: string[]): ThreatStatus => ({
    threat,
    coverage: findings.length > 0 ? 'not covered' : result.ok === undefined ? 'not applicable' : result.ok ? 'covered' : 'not covered',
    by: findings.length > 0 && result.ok ? [...result.by, 'but open findings say otherwise'] : result.by,
    findings: [...new Set(findings)],
  });

  const out: ElementThreats[] = [];
  for (const s of model.services.values()) {
    const role = elementRole(s);
    out.push({
      type: 'service',
      id: s.id,
      title: `${s.id} (${s.kind}, ${role})`,
      threats: APPLIES[role].map((t) => status(t, COMPONENT_CHECKS[role][t]?.(s, graph) ?? { ok: undefined, by: [] }, findingsFor(s.id, 'service', t))),
    });
  }
  for (const flow of model.flows) {
    out.push({
      type: 'flow',
      id: flow.target,
      title: flow.id ? `${flow.id} (${flow.from} → ${flow.to})` : flow.target,
      threats: APPLIES.flow.map((t) => status(t, flowThreat(flow, t, graph), findingsFor(flow.target, 'flow', t))),
    });
  }
  return out;
}
