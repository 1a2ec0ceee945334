// Small helpers rules share for naming things in messages.
import { AUTH_METHODS } from '../model/vocabulary.js';

import type { Component, Flow, Model, Source, TextRange } from '../model/types.js';
import type { At, RuleContext } from './rule.js';
import type { ModelGraph } from '../analysis/graph.js';

/** `web → orders` */
export function flowName(flow: Flow): string {
  return `${flow.from} → ${flow.to}`;
}

/** "`card-number` (restricted), `order` (confidential, personal)" */
export function describeData(model: Model, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const d = model.data.get(id);
      if (!d) return `\`${id}\``;
      const traits = [d.classification, ...(d.pii ? ['personal'] : [])];
      return `\`${id}\` (${traits.join(', ')})`;
    })
    .join(', ');
}

/**
 * The authentication to suggest for a flow opened by this caller: `oidc` for a person, `mtls`
 * for a machine, but `jwt` over a flow without TLS, where `mtls` cannot run (language.md, Flows).
 */
export function suggestedAuth(caller: Component, flow?: Flow): 'oidc' | 'mtls' | 'jwt' {
  if (caller.kind === 'user') return 'oidc';
  return flow?.effectiveTls === 'none' ? 'jwt' : 'mtls';
}

/** The `auth` values a flow may take: all but `mtls` over a flow without TLS. */
export function authChoicesFor(flow: Flow): readonly string[] {
  return flow.effectiveTls === 'none' ? AUTH_METHODS.filter((m) => m !== 'mtls') : AUTH_METHODS;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Where a finding about a missing service control points: the control's value when the service
 * writes it (`false`), else its `controls:` key, else (undefined) the service's id.
 */
export function controlAt(service: Component, name: string): At | undefined {
  const controls = service.src.props.get('controls');
  if (!controls) return undefined;
  if (controls.entries?.has(name)) return { prop: 'controls', entry: name, entryPart: 'value' };
  return { prop: 'controls', part: 'key' };
}

/**
 * The item of a list property (`stores`, `roles`, `data`) that names `id`. Resolution drops
 * unknown ids from the model's lists, so their positions no longer match the written items;
 * this finds the item by its text.
 */
export function listItemAt(model: Model, element: { src: Source }, prop: string, id: string): At {
  const items = element.src.props.get(prop)?.items ?? [];
  const text = model.files.get(element.src.file)?.text ?? '';
  const names = (r: TextRange) => {
    const c = text.charCodeAt(r.start);
    // Unquoted (nearly always): the item's text is the id, compared in place.
    if (c !== 34 && c !== 39) return r.end - r.start === id.length && text.startsWith(id, r.start);
    return text.slice(r.start, r.end).replace(/^(["'])(.*)\1$/, '$2') === id;
  };
  const i = items.findIndex(names);
  return i >= 0 ? { prop, item: i } : prop;
}

/** A grant as a message says it: "the `admin` action on every service (`"*"`)", "every action (`*`) on `orders-db`". */
export function grantText(grant: { target: string; actions: readonly string[] }): string {
  const on = grant.target === '*' ? 'every service (`"*"`)' : `\`${grant.target}\``;
  return `${actionsText(grant.actions)} on ${on}`;
}

/** "a", "a and b", "a, b and c": words already written as a message shows them. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Actions as a grant gives them, said so that an action is never mistaken for a name: "the
 * `admin` action", "the `read` and `write` actions", "every action (`*`)".
 */
export function actionsText(actions: readonly string[]): string {
  if (actions.includes('*')) return 'every action (`*`)';
  const names = andList(actions.map((a) => `\`${a}\``));
  return `the ${names} action${actions.length === 1 ? '' : 's'}`;
}

/** "`a`, `b` and `c`"; past `max` names, "… and 3 more". */
export function nameList(ids: readonly string[], max = 5): string {
  const shown = ids.slice(0, max).map((id) => `\`${id}\``);
  const rest = ids.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * A platform that decides the container's user, limits and file system itself: AWS Lambda runs
 * every image as a non-root user, with the function's memory setting and a read-only file system
 * (bar `/tmp`), whatever the model says.
 */
export function isManagedRuntime(service: Component): boolean {
  return service.runtime?.platform?.toLowerCase() === 'lambda';
}

/**
 * How a control that belongs system-wide falls short for some components: those that switch it
 * off for themselves (`optedOut`), and, when the system-wide control is not on, those that say
 * nothing and so are not covered (`uncovered`). Components with the control on are covered.
 */
export function systemControlGaps(graph: ModelGraph, components: readonly Component[], control: string): { optedOut: Component[]; uncovered: Component[] } {
  const optedOut = components.filter((c) => c.controls.get(control)?.enabled === false);
  const uncovered = graph.systemControl(control) ? [] : components.filter((c) => !c.controls.has(control));
  return { optedOut, uncovered };
}

/**
 * A system-wide practice that is nonetheless in place: every workload turns the control on for
 * itself. A model without workloads is not covered this way.
 */
export function everyWorkloadHas(graph: ModelGraph, control: string): boolean {
  const workloads = graph.workloads();
  return workloads.length > 0 && workloads.every((w) => w.controls.get(control)?.enabled === true);
}

/**
 * The container rules on a system-wide control (`image-signing`, `image-scanning`): one finding on
 * `system` naming the containers the control does not cover, those that switch it off included.
 * It points at the top-level `controls:` when the system-wide control is what is missing, else at
 * the first container's `false`. The rule's messages are `system`, `systemOff` and `optedOut`,
 * with `{containers}`, `{off}` (the containers that switch it off, as a clause), `{verb}`, and
 * `{their}`/`{them}` (`its`/`it` for one container).
 */
export function reportContainerControlGaps(ctx: RuleContext<'optedOut' | 'system' | 'systemOff'>, control: string): void {
  const { graph, report } = ctx;
  const { optedOut, uncovered } = systemControlGaps(graph, graph.containers(), control);
  if (uncovered.length === 0 && optedOut.length === 0) return;
  const offNames = nameList(optedOut.map((c) => c.id));
  if (uncovered.length > 0) {
    report({
      element: 'system', messageId: graph.model.controls.has(control) ? 'systemOff' : 'system',
      args: {
        containers: nameList([...uncovered, ...optedOut].map((c) => c.id)),
        off: optedOut.length === 0 ? '' : ` (${offNames} ${optedOut.length === 1 ? 'switches' : 'switch'} it off ${optedOut.length === 1 ? 'itself' : 'themselves'})`,
      },
      data: { addControl: control, value: true, scope: 'system' },
    });
    return;
  }
  const first = optedOut[0];
  const range = first.src.props.get('controls')?.entries?.get(control)?.value ?? first.src.key;
  report({
    element: 'system', messageId: 'optedOut', location: { file: first.src.file, range },
    args: { containers: offNames, verb: optedOut.length === 1 ? 'switches' : 'switch', their: optedOut.length === 1 ? 'its' : 'their', them: optedOut.length === 1 ? 'it' : 'them' },
  });
}
