// Completion of keys, enum values, controls and ids (across included files), from where the
// cursor is in the model's structure.

import {
  ACCEPT_KEYS, ACCESS_MODES, ACTIONS, AUTH_METHODS, BOUNDARY_KEYS, CLASSIFICATIONS, CONTROLS, DATA_KEYS, FLOW_CONTROLS,
  FLOW_KEYS, KINDS, KIND_MEANINGS, KNOWN_PROTOCOLS, LIMIT_KEYS, PLATFORMS, PROTOCOLS, ROLE_KEYS, RUNTIME_KEYS,
  SERVICE_KEYS, SERVICE_OR_SYSTEM_CONTROLS, SYSTEM_CONTROLS, TLS_MODES, TOP_LEVEL_KEYS, TRUST_LEVELS,
} from '../model/vocabulary.js';
import type { Model } from '../model/types.js';
import { RULES } from '../rules/index.js';
import { MODEL_RULES } from '../model/problems.js';
import { cursorContext } from './yaml-path.js';
import type { RootAnalysis } from './project.js';
import { driftMatch } from '../drift/view.js';

/** What a completion item is, in the words of LSP's CompletionItemKind (the edge maps them). */
export type ChoiceKind = 'property' | 'reference' | 'enum-member' | 'value' | 'constant';
const CompletionItemKind = {
  Property: 'property', Reference: 'reference', EnumMember: 'enum-member', Value: 'value', Constant: 'constant',
} as const satisfies Record<string, ChoiceKind>;

/** A completion: the text that replaces `start`–`end` (the word under the cursor). */
export interface CompletionChoice {
  label: string;
  kind: ChoiceKind;
  detail?: string;
  sortText: string;
  start: number;
  end: number;
  newText: string;
  /** After a key is inserted, its value's suggestions are asked for at once. */
  retrigger?: boolean;
}

const BOOLEANS = ['true', 'false'];
/** Keys whose value is a list of maps: `- ` under them starts a map's keys. */
const LISTS_OF_MAPS = new Set(['calls', 'accept']);
/** Keys whose value is a list of ids. */
const ID_LISTS = new Set(['data', 'stores', 'roles', 'shared-with', 'include', 'mounts', 'deployed-as']);

type Shape = 'section' | 'boundary' | 'data' | 'role' | 'grants' | 'service' | 'flow' | 'flow-controls' | 'service-controls'
  | 'runtime' | 'limits' | 'system-controls' | 'acceptance' | 'top' | 'grant';

/** What kind of map a path names (`services/web/calls/#` is a flow). */
export function shapeOf(path: readonly string[]): Shape | undefined {
  const [top, , a, b, c] = path;
  if (path.length === 0) return 'top';
  if (path.length === 1) return top === 'controls' ? 'system-controls' : 'section';
  if (top === 'boundaries' && path.length === 2) return 'boundary';
  if (top === 'data' && path.length === 2) return 'data';
  if (top === 'roles') {
    if (path.length === 2) return 'role';
    if (a === 'grants' && path.length === 3) return 'grants';
    if (a === 'grants' && path.length === 4) return 'grant';
  }
  if (top === 'accept' && path.length === 2) return 'acceptance';
  if (top === 'services') {
    if (path.length === 2) return 'service';
    if (a === 'calls' && b === '#' && path.length === 4) return 'flow';
    if (a === 'calls' && b === '#' && c === 'controls' && path.length === 5) return 'flow-controls';
    if (a === 'controls' && path.length === 3) return 'service-controls';
    if (a === 'runtime' && path.length === 3) return 'runtime';
    if (a === 'runtime' && b === 'limits' && path.length === 4) return 'limits';
  }
  return undefined;
}

const KEYS: Partial<Record<Shape, readonly string[]>> = {
  top: TOP_LEVEL_KEYS, boundary: BOUNDARY_KEYS, data: DATA_KEYS, role: ROLE_KEYS, service: SERVICE_KEYS, flow: FLOW_KEYS,
  runtime: RUNTIME_KEYS, limits: LIMIT_KEYS, acceptance: ACCEPT_KEYS, 'flow-controls': FLOW_CONTROLS,
  'service-controls': SERVICE_OR_SYSTEM_CONTROLS, 'system-controls': SYSTEM_CONTROLS,
};

interface Choice {
  label: string;
  kind: ChoiceKind;
  detail?: string;
}

function ids(model: Model | undefined, what: 'services' | 'boundaries' | 'data' | 'roles'): Choice[] {
  if (!model) return [];
  switch (what) {
    case 'services': return [...model.services.values()].map((s) => ({ label: s.id, kind: CompletionItemKind.Reference, detail: `${s.kind}${s.boundary ? ` in ${s.boundary}` : ''}` }));
    case 'boundaries': return [...model.boundaries.values()].map((b) => ({ label: b.id, kind: CompletionItemKind.Reference, detail: `boundary (${b.trust})` }));
    case 'data': return [...model.data.values()].map((d) => ({ label: d.id, kind: CompletionItemKind.Reference, detail: `data (${d.classification}${d.pii ? ', personal' : ''})` }));
    case 'roles': return [...model.roles.values()].map((r) => ({ label: r.id, kind: CompletionItemKind.Reference, detail: 'role' }));
  }
}

const enums = (values: readonly string[], detail?: string): Choice[] => values.map((label) => ({ label, kind: CompletionItemKind.EnumMember, detail }));

/** The deployment's workloads no other component stands for, for `deployed-as:`. */
function workloadNames(result: RootAnalysis | undefined): Choice[] {
  const view = result?.analysis.deployment;
  if (!view) return [];
  const model = result.analysis.model;
  const matched = driftMatch(view, model);
  return view.components.flatMap((c) => {
    const by = matched.modelOf.get(c.id);
    const names = c.service.deployedAs ?? [c.id];
    return names.map((label) => ({ label, kind: CompletionItemKind.Value, detail: `workload${by ? ` (${by.id} stands for it)` : ''}: ${c.service.source ?? ''}` }));
  });
}

function valueChoices(shape: Shape | undefined, key: string, model: Model | undefined): Choice[] {
  switch (shape) {
    case 'top': return key === 'moat' ? enums(['1'], 'language version') : [];
    case 'boundary': return key === 'trust' ? enums(TRUST_LEVELS, 'trust') : key === 'within' ? ids(model, 'boundaries') : [];
    case 'data': return key === 'classification' ? enums(CLASSIFICATIONS, 'classification') : key === 'pii' ? enums(BOOLEANS) : [];
    case 'service':
      if (key === 'kind') return KINDS.map((k) => ({ label: k, kind: CompletionItemKind.EnumMember, detail: KIND_MEANINGS[k] }));
      if (key === 'boundary') return ids(model, 'boundaries');
      if (key === 'stores') return ids(model, 'data');
      if (key === 'roles') return ids(model, 'roles');
      return [];
    case 'flow':
      if (key === 'to') return ids(model, 'services');
      if (key === 'protocol') {
        const implied = (p: string) => (PROTOCOLS[p] === 'tls' ? 'protocol, encrypted' : PROTOCOLS[p] === 'none' ? 'protocol, unencrypted' : 'protocol');
        return KNOWN_PROTOCOLS.map((p) => ({ label: p, kind: CompletionItemKind.EnumMember, detail: implied(p) }));
      }
      if (key === 'tls') return enums(TLS_MODES, 'encryption in transit');
      if (key === 'auth') return enums(AUTH_METHODS, 'authentication');
      if (key === 'access') return enums(ACCESS_MODES, 'access');
      if (key === 'data') return ids(model, 'data');
      if (key === 'async') return enums(BOOLEANS);
      return [];
    case 'runtime':
      if (['privileged', 'read-only-fs', 'host-network', 'host-pid'].includes(key)) return enums(BOOLEANS);
      if (key === 'platform') return enums(PLATFORMS, 'platform');
      if (key === 'shared-with') return ids(model, 'services');
      return [];
    case 'grants': return enums(ACTIONS, 'action');
    case 'acceptance':
      if (key === 'rule') return [...RULES.map((r) => ({ label: r.meta.id, kind: CompletionItemKind.Value, detail: r.meta.title }))];
      if (key === 'target') {
        const flows = model ? model.flows.map((f) => ({ label: f.target, kind: CompletionItemKind.Reference, detail: 'flow' })) : [];
        return [...ids(model, 'services'), ...flows, { label: 'system', kind: CompletionItemKind.Constant, detail: 'the whole system' }];
      }
      return [];
    case 'service-controls': case 'flow-controls': case 'system-controls':
      return enums(BOOLEANS);
    default: return [];
  }
}

/** Keys already written in the block map around the cursor, so they are not offered again. */
function siblingKeys(text: string, offset: number): Set<string> {
  const lines = text.split('\n');
  const at = text.slice(0, offset).split('\n').length - 1;
  const shape = (line: string) => {
    const lead = /^( *)((?:- +)*)/.exec(line)!;
    const key = /^ *(?:- +)*("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(\s|$)/.exec(line);
    return {
      col: lead[1].length + lead[2].length, dash: lead[2].length > 0,
      key: key ? key[1].replace(/^["']|["']$/g, '') : undefined, blank: line.trim() === '' || line.trim().startsWith('#'),
    };
  };
  const here = shape(lines[at]);
  const keys = new Set<string>();
  if (!here.dash) {
    for (let i = at - 1; i >= 0; i--) {
      const l = shape(lines[i]);
      if (l.blank) continue;
      if (l.col < here.col) break;
      if (l.col === here.col && l.key) keys.add(l.key);
      if (l.col === here.col && l.dash) break;
    }
  }
  for (let i = at + 1; i < lines.length; i++) {
    const l = shape(lines[i]);
    if (l.blank) continue;
    if (l.col < here.col || (l.col === here.col && l.dash)) break;
    if (l.col === here.col && l.key) keys.add(l.key);
  }
  return keys;
}

export function completionAt(text: string, offset: number, results: readonly RootAnalysis[]): CompletionChoice[] {
  let ctx = cursorContext(text, offset);
  if (ctx.mode === 'value' && ctx.key !== undefined && LISTS_OF_MAPS.has(ctx.key) && !ctx.inFlowList) {
    ctx = { ...ctx, path: [...ctx.path, ctx.key, '#'], mode: 'key', key: undefined };
  }
  const model = results[0]?.analysis.model;
  const range = { start: ctx.wordStart, end: ctx.wordEnd };
  const shape = shapeOf(ctx.path);

  if (ctx.mode === 'key') {
    let keys: Choice[];
    if (shape === 'grants') keys = [...ids(model, 'services'), { label: '*', kind: CompletionItemKind.Constant, detail: 'every service' }];
    else keys = (KEYS[shape as Shape] ?? []).map((k) => ({ label: k, kind: CompletionItemKind.Property }));
    const written = siblingKeys(text, offset);
    const isControls = shape === 'service-controls' || shape === 'flow-controls' || shape === 'system-controls';
    return keys.filter((k) => !written.has(k.label)).map((k, i) => ({
      label: k.label,
      kind: isControls ? CompletionItemKind.Constant : k.kind,
      detail: k.detail ?? (isControls ? `control: ${CONTROLS[k.label]?.means ?? ''}` : undefined),
      sortText: String(i).padStart(3, '0'),
      ...range,
      newText: k.label === '*' ? '"*": ' : `${k.label}: `,
      retrigger: !isControls,
    }));
  }
  if (ctx.key === undefined) return [];
  if (finishedValue(text, offset)) return [];
  let choices = shape === 'service' && ctx.key === 'deployed-as' ? workloadNames(results[0]) : valueChoices(shape, ctx.key, model);
  // A component does not call itself: its own id is not offered as a flow's `to:`.
  if (shape === 'flow' && ctx.key === 'to') choices = choices.filter((c) => c.label !== ctx.path[1]);
  if (shape === undefined && ctx.path.length === 2 && ctx.path[0] === 'roles') choices = [];
  // An id list (`data: [a, |`) does not offer what it already holds.
  if (ctx.inFlowList || ID_LISTS.has(ctx.key)) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const held = new Set(text.slice(lineStart, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset)).split(/[\s,[\]]+/));
    choices = choices.filter((c) => !held.has(c.label) || text.slice(ctx.wordStart, ctx.wordEnd) === c.label);
  }
  return choices.map((c, i) => ({
    label: c.label, kind: c.kind, detail: c.detail, sortText: String(i).padStart(3, '0'),
    ...range,
    newText: c.label === '*' ? '"*"' : c.label,
  }));
}

/**
 * The cursor stands after a value and a space (`kind: external |`): the value is finished, and
 * offering the list again would let Enter append a second one (`kind: external user`).
 */
function finishedValue(text: string, offset: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  if (!/\s$/.test(before)) return false;
  const value = /:\s+([^\s#].*?)\s+$/.exec(before);
  return value !== null && !/[,[{:]$/.test(value[1]) && !/^[[{]/.test(value[1]);
}

export const MODEL_RULE_IDS = MODEL_RULES.map((r) => r.id);
