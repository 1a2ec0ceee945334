// A Moat model as an Open Threat Model (OTM 0.2.0) document: boundaries as trust zones,
// services as components, data as assets, flows as dataflows, the open findings as threats and
// the rules' fixes as their mitigations (interchange.md, `moat export`).

import type { Analysis } from '../../analysis/analyze.js';
import type { Component, Finding, Flow, Model } from '../../model/types.js';
import { ruleById } from '../../rules/index.js';
import { STRIDE_NAMES } from '../../rules/rule.js';
import type { RuleMeta } from '../../rules/rule.js';
import { flowName } from '../../rules/util.js';
import { redactor } from '../../model/secrets.js';
import { projectId } from '../ids.js';
import { CLASSIFICATION_RATING, FIX_RISK_REDUCTION, KIND_TAG, SEVERITY_RISK, TECH_TAG, TRUST_RATING, UNRATED } from './mapping.js';
import { OTM_VERSION } from './types.js';
import type { OtmAsset, OtmComponent, OtmDataflow, OtmDocument, OtmMitigation, OtmThreat, OtmThreatInstance, OtmTrustZone } from './types.js';

/** The flow attributes exported, in the order they are written; each only where the model states it. */
const FLOW_ATTRIBUTES = ['protocol', 'port', 'tls', 'auth', 'access', 'async'] as const;

export function toOtm(analysis: Analysis, fallbackName = 'model'): OtmDocument {
  return masked(documentOf(analysis, fallbackName), redactor(analysis.model));
}

/** Every text of the document with the model's literal secrets masked: descriptions and messages may quote them. */
function masked<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => masked(v, redact)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, redact)])) as T;
  }
  return value;
}

function documentOf(analysis: Analysis, fallbackName: string): OtmDocument {
  const { model } = analysis;
  const name = model.name ?? fallbackName;
  const { threats, mitigations, byElement } = threatsOf(analysis);
  const instances = (kind: 'service' | 'flow', id: string): { threats?: OtmThreatInstance[] } => {
    const list = byElement.get(`${kind}:${id}`);
    return list ? { threats: list } : {};
  };
  return {
    otmVersion: OTM_VERSION,
    project: { name, id: projectId(name), ...(model.description !== undefined ? { description: model.description } : {}) },
    assets: [...model.data.values()].map((d): OtmAsset => {
      const rating = CLASSIFICATION_RATING[d.classification];
      return {
        id: d.id,
        name: d.id,
        ...(d.description !== undefined ? { description: d.description } : {}),
        risk: {
          confidentiality: rating, integrity: UNRATED, availability: UNRATED,
          comment: `Moat classification \`${d.classification}\`; Moat does not rate integrity or availability`,
        },
        attributes: { classification: d.classification, pii: d.pii },
      };
    }),
    trustZones: [...model.boundaries.values()].map((b): OtmTrustZone => ({
      id: b.id,
      name: b.id,
      type: b.trust,
      ...(b.description !== undefined ? { description: b.description } : {}),
      risk: { trustRating: TRUST_RATING[b.trust] },
      ...(b.within !== undefined ? { parent: { trustZone: b.within } } : {}),
    })),
    components: [...model.services.values()].map((s): OtmComponent => ({
      id: s.id,
      name: s.id,
      type: s.kind,
      ...(s.description !== undefined ? { description: s.description } : {}),
      parent: { trustZone: s.boundary },
      tags: [`${KIND_TAG}${s.kind}`, ...(s.tech !== undefined ? [`${TECH_TAG}${s.tech}`] : [])],
      ...(s.stores.length > 0 || processedBy(model, s).length > 0
        ? { assets: { processed: processedBy(model, s), stored: [...s.stores] } }
        : {}),
      ...instances('service', s.id),
    })),
    dataflows: model.flows.map((f): OtmDataflow => ({
      id: f.target,
      name: flowName(f),
      ...(f.description !== undefined ? { description: f.description } : {}),
      source: f.from,
      destination: f.to,
      assets: [...f.data],
      attributes: flowAttributes(f),
      ...instances('flow', f.target),
    })),
    threats,
    mitigations,
  };
}

/** The data a component sends or receives over its flows, in first-seen order. */
function processedBy(model: Model, service: Component): string[] {
  const ids = new Set<string>();
  for (const f of model.flows) if (f.from === service.id || f.to === service.id) for (const d of f.data) ids.add(d);
  return [...ids];
}

function flowAttributes(flow: Flow): Record<string, unknown> {
  const stated = flow.src.props;
  const value: Record<(typeof FLOW_ATTRIBUTES)[number], unknown> = {
    protocol: flow.protocol, port: flow.port, tls: flow.tls, auth: flow.auth,
    access: stated.has('access') ? flow.access : undefined,
    async: stated.has('async') || flow.async ? flow.async : undefined,
  };
  const out: Record<string, unknown> = {};
  for (const key of FLOW_ATTRIBUTES) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** A finding worth a threat: open (not accepted), from a rule of the catalogue about the system. */
function isOpenThreat(f: Finding, meta: RuleMeta | undefined): meta is RuleMeta {
  return meta !== undefined && f.accepted === undefined && meta.target !== 'acceptance';
}

function threatsOf(analysis: Analysis): { threats: OtmThreat[]; mitigations: OtmMitigation[]; byElement: Map<string, OtmThreatInstance[]> } {
  const threats: OtmThreat[] = [];
  const mitigations = new Map<string, OtmMitigation>();
  const byElement = new Map<string, OtmThreatInstance[]>();
  for (const f of analysis.findings) {
    const meta = f.rule.startsWith('model/') ? undefined : ruleById(f.rule)?.meta;
    if (!isOpenThreat(f, meta)) continue;
    const mitigationId = `fix:${meta.id}`;
    if (!mitigations.has(mitigationId)) {
      mitigations.set(mitigationId, {
        id: mitigationId,
        name: meta.fix ?? `Fix: ${meta.title}`,
        description: meta.docs.fix,
        riskReduction: FIX_RISK_REDUCTION,
        attributes: { rule: meta.id },
      });
    }
    const risk = SEVERITY_RISK[f.severity];
    threats.push({
      id: f.fingerprint,
      name: `${meta.title}: ${f.target}`,
      description: f.message,
      categories: meta.stride.map((s) => STRIDE_NAMES[s]),
      cwes: meta.cwe !== undefined ? [`CWE-${meta.cwe}`] : [],
      risk: {
        likelihood: risk.likelihood,
        impact: risk.impact,
        impactComment: `Moat severity \`${f.severity}\``,
      },
      tags: [meta.id, meta.category],
      attributes: { rule: meta.id, severity: f.severity, element: meta.target, target: f.target },
    });
    if (meta.target === 'service' || meta.target === 'flow') {
      const key = `${meta.target}:${f.target}`;
      const list = byElement.get(key) ?? [];
      list.push({ threat: f.fingerprint, state: 'exposed', mitigations: [{ mitigation: mitigationId, state: 'required' }] });
      byElement.set(key, list);
    }
  }
  return { threats, mitigations: [...mitigations.values()], byElement };
}
