import { defineRule } from './rule.js';
import { AUTH_METHODS } from '../model/vocabulary.js';
import { flowName, suggestedAuth } from './util.js';

export default defineRule({
  id: 'unspecified-auth',
  title: 'Unspecified authentication',
  category: 'authentication',
  severity: 'low',
  target: 'flow',
  scope: 'flow',
  stride: ['S'],
  cwe: 306,
  fix: 'Add `auth:` with a value chosen from the list of methods.',
  messages: {
    absent: '{flow} does not say how {from} authenticates to {to}, so no rule can judge it. Add `auth:` (for example `auth: {suggest}`, or `auth: none` if it really has none).',
  },
  docs: {
    checks: 'A flow without an `auth:` key. An absent `auth` is unknown, not `none`.',
    attack: 'A connection whose authentication nobody wrote down is one nobody reviewed: it is often the internal call that was left open "because it is inside the cluster".',
    fix: 'State the method on every flow: `mtls`, `jwt`, `oidc`, `iam`… or `none`, which other rules then judge.',
    falsePositives: 'None as such: the finding asks for the fact to be written down. Write `auth: none` where there truly is none.',
    practice: 'A threat model states how every connection is authenticated.',
    decisions: [
      'Every flow is checked, whatever its ends: a model that states `auth` everywhere lets the other authentication rules judge it.',
      'The fix offers every method, the likeliest first (`oidc` when a user calls, `mtls` otherwise), and `none` last.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.src.props.has('auth')) continue;
    const suggest = suggestedAuth(graph.caller(flow));
    const choices = [suggest, ...AUTH_METHODS.filter((m) => m !== suggest && m !== 'none'), 'none'];
    report({
      element: flow, at: 'auth', messageId: 'absent',
      args: { flow: flowName(flow), from: flow.from, to: flow.to, suggest },
      data: { prop: 'auth', value: suggest, choices },
    });
  }
});
