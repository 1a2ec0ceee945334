// The Moat model: what a YAML model file means, with where each part is written.
// Offsets are into the text of the file named by `file`; adapters turn them into
// line/column positions at their own edge.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

// The vocabulary (kinds, enumerations, protocols, controls) lives in vocabulary.ts.
import type { Access, Action, Auth, Classification, Kind, Tls, Trust } from './vocabulary.js';
export type { Access, Action, Auth, Classification, Kind, Tls, Trust } from './vocabulary.js';
export {
  ACCESS_MODES, ACTIONS, AUTH_METHODS, CLASSIFICATIONS, KINDS, KNOWN_PROTOCOLS, TLS_MODES, TRUST_LEVELS,
} from './vocabulary.js';

export interface TextRange {
  start: number;
  end: number;
}

export interface SourceFile {
  /** Absolute path (or URI path for documents the editor holds). */
  path: string;
  text: string;
}

/** Where a key/value pair is written; for maps and lists, where each entry is. */
export interface PropSource {
  key: TextRange;
  value: TextRange;
  /** Entries of a map value, by key. */
  entries?: Map<string, PropSource>;
  /** Items of a list value, in order. */
  items?: TextRange[];
}

/** Where an element (a service, flow, role, …) is written. */
export interface Source {
  file: string;
  /** The id key of a map entry, or the start of a list item (`to:` for a flow). */
  key: TextRange;
  /** The whole value node. */
  node: TextRange;
  props: Map<string, PropSource>;
}

export interface ControlValue {
  enabled: boolean;
  /** A string detail (`100/min`, a path) when one was given. */
  detail?: string;
}
export type Controls = Map<string, ControlValue>;

export interface TrustBoundary {
  type: 'boundary';
  id: string;
  trust: Trust;
  within?: string;
  description?: string;
  /** The `internet` boundary that exists without being declared. */
  implicit: boolean;
  src?: Source;
}

export interface DataAsset {
  type: 'data';
  id: string;
  classification: Classification;
  pii: boolean;
  description?: string;
  src: Source;
}

export interface Grant {
  /** A service id, or `*` for every service. */
  target: string;
  actions: Action[];
  /** The actions as written, valid or not: the items of `src`, in order (a rule points at `item` k). */
  listed: string[];
  src: PropSource;
}

export interface Role {
  type: 'role';
  id: string;
  grants: Grant[];
  description?: string;
  src: Source;
}

export interface Runtime {
  image?: string;
  user?: string;
  privileged?: boolean;
  readOnlyFs?: boolean;
  limits?: { cpu?: string; memory?: string };
  hostNetwork?: boolean;
  hostPid?: boolean;
  mounts: string[];
  platform?: string;
  sharedWith: string[];
  src: PropSource;
}

export interface NamedValue {
  name: string;
  value: string;
}

export interface Component {
  type: 'service';
  id: string;
  kind: Kind;
  /** The boundary it names, or `internet` for users and externals that name none. */
  boundary: string;
  description?: string;
  owner?: string;
  tech?: string;
  /** The deployment's workloads it stands for (`NAME` or `NAMESPACE/NAME`) where they differ from its id. */
  deployedAs?: string[];
  calls: Flow[];
  stores: string[];
  roles: string[];
  controls: Controls;
  runtime?: Runtime;
  secrets: NamedValue[];
  env: NamedValue[];
  src: Source;
}

export interface Flow {
  type: 'flow';
  from: string;
  to: string;
  id?: string;
  /** The flow's `id`, or `FROM->TO` (`#2`, `#3`… for further flows between the same pair). */
  target: string;
  protocol: string;
  port?: number;
  /** `tls` as written. */
  tls?: Tls;
  /** `tls` as written, else implied by the protocol; undefined when unknown. */
  effectiveTls?: Tls;
  auth?: Auth;
  access: Access;
  data: string[];
  async: boolean;
  controls: Controls;
  description?: string;
  src: Source;
}

export interface Acceptance {
  rule: string;
  /** Undefined for an inline comment: it applies to the element on its line or the next. */
  target?: string;
  reason: string;
  /** YYYY-MM-DD */
  until?: string;
  by?: string;
  inline: boolean;
  file: string;
  range: TextRange;
  /** Where the rule id is written (a fix for a misspelt rule replaces it). */
  ruleRange?: TextRange;
  /** For inline comments, the lines (0-based) whose findings it covers. */
  lines?: number[];
}

export type Element = TrustBoundary | DataAsset | Role | Component | Flow;

export interface Model {
  rootFile: string;
  files: Map<string, SourceFile>;
  name?: string;
  description?: string;
  boundaries: Map<string, TrustBoundary>;
  data: Map<string, DataAsset>;
  roles: Map<string, Role>;
  services: Map<string, Component>;
  /** Every flow, in file order of the services that open them. */
  flows: Flow[];
  controls: Controls;
  acceptances: Acceptance[];
  /** Where system-level findings are reported: the top-level `controls:` key, else `name:`. */
  systemAnchor: { file: string; range: TextRange };
  /** Findings about the model itself (`model/…`). */
  problems: Finding[];
  /** False when the root file is not a Moat model (empty, not a mapping, no or an unknown version): rules do not run. */
  analyzable: boolean;
  /**
   * What the rules read of it, without positions (model/signature.ts): a list of parts, compared
   * item by item (an unchanged unit gives the very same string).
   */
  signature: string[];
}

export interface AcceptanceNote {
  reason: string;
  until?: string;
  by?: string;
  file: string;
  range: TextRange;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Which of its rule's messages it says (absent for `model/…` problems). */
  messageId?: string;
  file: string;
  range: TextRange;
  target: string;
  /** `RULE@TARGET` */
  fingerprint: string;
  /** Set when an acceptance silences the finding. */
  accepted?: AcceptanceNote;
  /** Set when the acceptance that silenced it has expired. */
  expired?: AcceptanceNote;
  /** The range of the element's key, used to match inline acceptances. */
  elementRange?: TextRange;
  /** What its quick fix needs (server/src/fix/fixes.ts turns it into edits). */
  data?: FixIntent;
}

/** Where a control goes: on the service, on the flow, or in the model's top-level `controls:`. */
export type ControlScope = 'service' | 'flow' | 'system';

/**
 * What a quick fix will do, said by the rule that reports the finding, as data: the fix needs
 * nothing else (no message text, no guess from the range). One shape per kind of edit.
 */
export type FixIntent =
  /** Set a property of the element (`prop` a key or a path; with `entry`, a key of the map under it); `choices`: one fix each, `value` preferred. */
  | { prop: string | string[]; entry?: string; value: unknown; choices?: unknown[] }
  /** Add a control to the service, the flow, or the system. */
  | { addControl: string; value: string | boolean; scope: ControlScope }
  /** Remove a setting of the element, or, when the path starts with a section (`['data', ID]`), of the file. */
  | { remove: (string | number)[] }
  /** Remove the (stale) acceptance the finding points at. */
  | { removeAcceptance: true; inline: boolean }
  /** Replace a literal secret with this reference. */
  | { secretRef: string; prop: 'secrets' | 'env'; name: string }
  /** Send the flow through this gateway, which then calls the target. */
  | { reroute: string }
  /** Replace a misspelt key, value or reference (`id`: the one written) with `suggestion`, when there is one. */
  | { suggestion?: string; id?: string }
  /** Drift: add the deployment's workload of this import id as a component (`moat import --update`'s writing). */
  | { imported: string }
  /** Drift: add the deployment's connection between these import ids as a flow. */
  | { from: string; to: string }
  /** Drift: set these runtime keys to what the deployment runs (null: remove). */
  | { set: Record<string, unknown> }
  /** Drift: a component that matches no workload may be one of these (`deployed-as:`). */
  | { candidates: string[] };

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
