import { defineRule } from './rule.js';
import { describeData, flowName, suggestedAuth } from './util.js';

export default defineRule({
  id: 'unauthenticated-flow',
  title: 'Unauthenticated flow',
  category: 'authentication',
  severity: 'high',
  target: 'flow',
  scope: 'flow',
  stride: ['S'],
  cwe: 306,
  fix: 'Set `auth` to `mtls` between services, or `oidc` when a user calls.',
  messages: {
    sensitive: '{flow} has `auth: none` but carries {data}; anyone who reaches {to} can read or change it. Set `auth: {suggest}`.',
    datastore: '{flow} has `auth: none` to the {kind} {to}; anyone on its network can read or change what it stores. Set `auth: {suggest}`.',
    lowerTrust: '{flow} has `auth: none` and enters {to} from a less trusted boundary ({fromBoundary} → {toBoundary}). Set `auth: {suggest}`.',
    internal: '{flow} has `auth: none`: {to} accepts calls without knowing who makes them. Set `auth: {suggest}`.',
  },
  docs: {
    checks: 'A flow that says `auth: none` and carries sensitive data, or reaches a datastore, or enters a workload from a boundary of lower trust (high); or reaches a workload from equal or higher trust (medium). Public entry points (`gateway`, `frontend`) reached without credentials and without sensitive data are not findings: serving the public is what they are for.',
    attack: 'Without authentication, anyone who can reach the callee on the network can call it as if they were a legitimate caller: read data, change it, or trigger actions. Inside a cluster, one compromised pod then reaches everything.',
    fix: 'Authenticate every connection: `mtls` (or signed tokens such as `jwt`) between services, `oidc` or `oauth2` when people call, database credentials from a secrets manager for datastores.',
    falsePositives: 'A health-check or metrics endpoint that carries no data and changes nothing. Leave `data` empty and accept the finding with the reason.',
    practice: 'Zero trust between services: authenticate every call, not only the ones from the internet.',
    decisions: [
      'Only an explicit `auth: none` fires; an absent `auth` is unknown and is `unspecified-auth`\'s.',
      'Calls to identity providers, secrets managers, monitoring, users and externals without sensitive data stay silent: the catalogue names workloads and datastores.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    if (flow.auth !== 'none') continue;
    const caller = graph.caller(flow);
    const callee = graph.callee(flow);
    const sensitive = graph.sensitiveData(flow.data);
    const args = {
      flow: flowName(flow), to: callee.id, kind: callee.kind, suggest: suggestedAuth(caller, flow),
      data: describeData(model, sensitive),
      fromBoundary: caller.boundary, toBoundary: callee.boundary,
    };
    const data = { prop: 'auth', value: args.suggest };
    const entryPoint = callee.kind === 'gateway' || callee.kind === 'frontend';
    if (sensitive.length > 0) report({ element: flow, at: 'auth', messageId: 'sensitive', args, data });
    else if (graph.isDatastore(callee)) report({ element: flow, at: 'auth', messageId: 'datastore', args, data });
    else if (graph.isWorkload(callee) && !entryPoint) {
      if (graph.entersFromLowerTrust(flow)) report({ element: flow, at: 'auth', messageId: 'lowerTrust', args, data });
      else report({ element: flow, at: 'auth', messageId: 'internal', args, data, severity: 'medium' });
    }
  }
});
