// Small helpers rules share for naming things in messages.

import type { Component, Flow, Model } from '../model/types.js';

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

/** The authentication to suggest for a flow opened by this caller. */
export function suggestedAuth(caller: Component): 'oidc' | 'mtls' {
  return caller.kind === 'user' ? 'oidc' : 'mtls';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
