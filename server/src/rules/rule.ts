// What a rule is: metadata as data, and one `check` that reports against model elements.
// The engine, not the rule, finds the source range of what is reported.

import type { Component, DataAsset, FixIntent, Flow, Model, Role, Severity, TrustBoundary } from '../model/types.js';
import type { ModelGraph } from '../analysis/graph.js';
import type { AcceptanceOutcome } from '../analysis/acceptances.js';
import type { DriftView } from '../drift/view.js';

export type Stride = 'S' | 'T' | 'R' | 'I' | 'D' | 'E';
export const STRIDE_NAMES: Record<Stride, string> = {
  S: 'Spoofing', T: 'Tampering', R: 'Repudiation', I: 'Information disclosure', D: 'Denial of service',
  E: 'Elevation of privilege',
};

export type Category =
  | 'authentication' | 'encryption' | 'exposure' | 'least-privilege' | 'secrets' | 'isolation'
  | 'containers' | 'pipeline' | 'delivery' | 'data' | 'completeness' | 'drift';

/** The kind of element a rule reports on; with the rule id it makes the finding's target unambiguous. */
export type TargetKind = 'flow' | 'service' | 'role' | 'data' | 'boundary' | 'system' | 'acceptance';

export interface RuleDocs {
  /** What the rule checks, precisely. */
  checks: string;
  /** Why it matters: the attack the gap enables. */
  attack: string;
  /** How to fix it in the model (and in the system). */
  fix: string;
  /** When a finding is a false positive, and what to do then. */
  falsePositives: string;
  /** The security practice it enforces. */
  practice: string;
  /** Decisions taken where the catalogue leaves a case open. */
  decisions?: string[];
}

export interface RuleMeta<M extends string = string> {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  target: TargetKind;
  stride: Stride[];
  cwe?: number;
  docs: RuleDocs;
  /** Message templates with `{placeholders}`. */
  messages: Record<M, string>;
  /** What the quick fix does, when the rule has one. */
  fix?: string;
  /** Runs after acceptances are matched (the acceptance rules). */
  phase?: 'post';
  /**
   * What its findings depend on, so that the editor re-runs it only where an edit reached
   * (analysis/incremental.ts). `flow`: it looks at each flow (`model.flows`) and reports on that
   * flow, from the flow itself, the components at its two ends, and the model's data,
   * boundaries, roles and system controls. `component`: it looks at each component and reports
   * on that component, from the component itself, the flows it opens and receives, the
   * components at their other ends, and the same sections. A rule without a scope sees the
   * whole model on every change.
   */
  scope?: 'flow' | 'component';
  /**
   * For a rule without a scope: everything it reads of a component and of the flows the
   * component opens (other sections it may read freely). After an edit that changed entries of
   * `services:` alone, the editor compares this reading of each changed component before and
   * after (with which properties are written, as findings point at them), and keeps the rule's
   * findings when every one is the same (analysis/incremental.ts). Leave it out when the rule
   * reads too much to say (the attack paths): it then runs again on every such edit.
   */
  reads?: (component: Component) => unknown;
}

/**
 * Where on an element a finding points: a property's value (default) or key, a list item, a map
 * entry's key or value, or an item of the list a map entry holds (`{ prop: 'runtime', entry:
 * 'mounts', item: 2 }`).
 */
export type At = string | { prop: string; part?: 'key' | 'value'; item?: number; entry?: string; entryPart?: 'key' | 'value' };

export type Reportable = Component | Flow | Role | DataAsset | TrustBoundary | 'system';

export interface Report<M extends string = string> {
  element: Reportable;
  at?: At;
  messageId: M;
  args?: Record<string, string | number>;
  /** When the rule's severity depends on the case (the catalogue's "high … medium otherwise"). */
  severity?: Severity;
  /** What its quick fix will do (see FixIntent). */
  data?: FixIntent;
  /** Override of the target (the acceptance rules report on `RULE@TARGET`). */
  target?: string;
  /** Override of the location (a finding about an acceptance points at the acceptance). */
  location?: { file: string; range: { start: number; end: number } };
}

export interface RuleContext<M extends string = string> {
  model: Model;
  graph: ModelGraph;
  /** Filled for `phase: 'post'` rules: how every acceptance fared. */
  acceptances: AcceptanceOutcome[];
  /** Today, UTC, as YYYY-MM-DD. */
  today: string;
  /** The deployment the model describes, when the run reads one (the `drift/` rules judge against it). */
  deployment?: DriftView;
  report(report: Report<M>): void;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M extends string>(meta: RuleMeta<M>, check: (ctx: RuleContext<M>) => void): Rule<M> {
  return { meta, check };
}

/** Templates split once into text and placeholder names (odd indexes): messages are made on every keystroke. */
const compiled = new Map<string, string[]>();

export function formatMessage(template: string, args: Record<string, string | number> = {}): string {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (name in args ? String(args[name]) : `{${name}}`) + parts[i + 1];
  }
  return out;
}
