import { defineRule } from './rule.js';
import { describeData, flowName } from './util.js';

export default defineRule({
  id: 'sensitive-data-to-lower-trust',
  title: 'Sensitive data sent to lower trust',
  category: 'data',
  severity: 'high',
  target: 'flow',
  scope: 'flow',
  stride: ['I'],
  cwe: 200,
  messages: {
    lowerTrust: '{flow} writes {data} from `{fromBoundary}` (trust `{fromTrust}`) down to `{toBoundary}` (trust `{toTrust}`): once there, it is only as safe as the less trusted zone. Send less (tokens, ids, aggregates), or move `{to}` up.',
    toExternal: '{flow} sends {data} to the external `{to}`: it leaves your control. Make sure it must (a processor agreement, minimised fields, tokenisation).',
    externalReads: 'The external `{from}` reads {data} from `{to}` (`access: {access}`): make sure it must, and that it gets no more than it needs.',
    externalMayRead: 'The external `{from}` opens a flow to `{to}` carrying {data}, and `access` is not set, so read-write is assumed: `{from}` may read it. If `{from}` only sends (a webhook, an upload), say so with `access: write`; if it reads, make sure it must.',
  },
  docs: {
    checks: 'A flow that writes (`access: write` or `read-write`, the default) sensitive data to a callee in a boundary of lower trust than the caller\'s, or to an `external`; or a flow that an `external` opens with `read` or `read-write` access to sensitive data. Reading from a more trusted component (a service reading its own datastore, a user reading their data through the entry point) is not a finding.',
    attack: 'Data is only as protected as the weakest zone that holds it. Sensitive data pushed to a less trusted zone, or to a third party, is exposed to whatever compromises that zone, outside the controls (audit, encryption, access rules) of the zone it came from.',
    fix: 'Send less: tokens instead of card numbers, ids instead of records, aggregates instead of personal data. Where the data must go, put the receiver in a boundary of matching trust, and for third parties keep a processing agreement and minimise the fields.',
    falsePositives: 'A payment provider or other processor that must receive the data by design. Accept the finding with the reason (the agreement in place), so the decision is on record.',
    practice: 'Data minimisation: sensitive data flows only to zones trusted to hold it.',
    decisions: [
      'A flow to an `external` is judged whatever the boundaries\' trust levels; a flow from one `external` to another counts as the external reading when its access reads.',
      'A component of unknown trust (a boundary that does not resolve) is never judged lower.',
      'Reported at the flow\'s `data:` value, which names the sensitive data; there is no quick fix, since the remedy is a design change.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    const sensitive = graph.sensitiveData(flow.data);
    if (sensitive.length === 0) continue;
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    // The words are put together only for a flow reported (most carrying sensitive data are not).
    const args = () => ({
      flow: flowName(flow), from: caller.id, to: callee.id, data: describeData(model, sensitive), access: flow.access,
      fromBoundary: caller.boundary, toBoundary: callee.boundary,
      fromTrust: model.boundaries.get(caller.boundary)?.trust ?? 'unknown', toTrust: model.boundaries.get(callee.boundary)?.trust ?? 'unknown',
    });
    if (caller.kind === 'external' && graph.reads(flow)) {
      // Most flows an external opens push (webhooks): the default `access` is the likely cause.
      if (!flow.src.props.has('access')) report({ element: flow, at: 'data', messageId: 'externalMayRead', args: args(), data: { prop: 'access', value: 'write' } });
      else report({ element: flow, at: 'data', messageId: 'externalReads', args: args() });
    }
    else if (graph.writes(flow) && callee.kind === 'external') report({ element: flow, at: 'data', messageId: 'toExternal', args: args() });
    else if (graph.writes(flow) && graph.trustRank(callee) < graph.trustRank(caller)) report({ element: flow, at: 'data', messageId: 'lowerTrust', args: args() });
  }
});
