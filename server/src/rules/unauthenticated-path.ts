import { defineRule } from './rule.js';
import { describeData, nameList } from './util.js';
import { attackPaths } from '../paths/attack.js';
import { andList, locksText, openCallees, pathText } from '../paths/describe.js';

export default defineRule({
  id: 'unauthenticated-path',
  title: 'Anonymous path to sensitive data',
  category: 'authentication',
  severity: 'high',
  target: 'service',
  stride: ['S', 'I'],
  // The attack paths: origins by boundary, locks by `auth`, targets by kind and what they store.
  reads: (c) => [c.kind, c.boundary, c.stores, c.calls.map((f) => [f.target, f.to, f.auth])],
  cwe: 306,
  messages: {
    data: '{data} in {service} is reached from the internet by {path} with {locks}: {open} {verb} `auth: none`. Authenticate the callers on the way, so that an anonymous visitor stops at the first service.',
    component: 'The {kind} `{service}` is reached from the internet by {path} with {locks}: {open} {verb} `auth: none`. Authenticate the callers on the way, so that an anonymous visitor stops at the first service.',
    direct: 'The {kind} `{service}` is called from the internet by {callers} with `auth: none`: {consequence}. Authenticate the flow.',
  },
  docs: {
    checks: 'Every path along the flows (following who opens each connection) from a component in an `untrusted` boundary to a *judged* component: one that stores sensitive data (confidential, restricted or personal), a `secrets-manager` or a `monitoring` component. A flow is a lock when its `auth` is anything but `none`; the rule fires when some path of two or more flows reaches the component with no lock at all. A `secrets-manager` or `monitoring` component called straight from an untrusted boundary with `auth: none` is a finding too. The finding names the data, the weakest path (fewest locks, then fewest flows) and the flows on it that take `auth: none`.',
    attack: 'An anonymous visitor walks in through a public service that forwards whatever it is asked to an internal one that trusts its network: an admin dashboard behind the public proxy, a cache or a search index behind an open API, a metrics pipeline fed by the storefront. No credential has to be stolen and no check bypassed; each hop looked harmless on its own, the route as a whole is open.',
    fix: 'Put a lock on the way: authenticate users at the entry point (`oidc`, `oauth2`, `session`) when the data behind it is not for everyone, and authenticate each service-to-service call (`mtls`, `jwt`), so that a request that enters anonymously cannot travel on. When the entry point is public on purpose, make sure the service behind it authenticates it rather than trusting the network.',
    falsePositives: 'Paths follow who opens the connection, and the model cannot say what a service forwards: a public website that calls an internal service only for fixed, public content does not give its visitors the service\'s data. Accept the finding with that reason. A `monitoring` component reached only by anonymous telemetry pushes is reported (anonymous writes into the telemetry pipeline), which owners may accept with that reason.',
    practice: 'Defence in depth: sensitive data is never reachable from the internet without a single credential being asked for.',
    decisions: [
      'Origins are the components in `untrusted` boundaries (users and externals, unless the model places them elsewhere); a path passes through no other origin: one that would is counted from the last origin on it, so a webhook from a payment provider starts at the provider.',
      'An absent `auth` counts as a lock (the rules assume the best of what the model leaves out; `unspecified-auth` reports it).',
      'Other than for secrets managers and monitoring, a component called straight from an untrusted boundary is left to `exposed-datastore` and `unauthenticated-flow`: only paths of two or more flows are judged.',
      'Paths do not follow a consumer that pulls from a queue: a poisoned message is not a path (a false negative in event-driven systems). Mesh mTLS written as `auth: mtls` counts as a lock on every hop it covers, though every workload in the mesh holds an identity.',
      'One finding per component, at its id, with the weakest path of two or more flows.',
    ],
  },
}, ({ model, graph, report }) => {
  const paths = attackPaths(graph);
  for (const target of paths.judged) {
    const c = target.component;
    if (target.depth === undefined) continue;
    const long = target.depth === 0 ? target.long : undefined;
    if (long && long.depth === 0) {
      const sensitive = graph.sensitiveData(c.stores);
      const open = openCallees(long);
      report({
        element: c, messageId: sensitive.length > 0 ? 'data' : 'component',
        args: {
          data: describeData(model, sensitive), service: c.id, kind: c.kind, path: pathText(long), locks: locksText(0),
          open: andList(open), verb: open.length === 1 ? 'takes' : 'take',
        },
      });
      continue;
    }
    if (c.kind !== 'secrets-manager' && c.kind !== 'monitoring') continue;
    const callers = [...new Set(graph.inbound(c.id).filter((f) => f.auth === 'none' && paths.search.origins.has(f.from)).map((f) => f.from))];
    if (callers.length === 0) continue;
    report({
      element: c, messageId: 'direct',
      args: {
        kind: c.kind, service: c.id, callers: nameList(callers),
        consequence: c.kind === 'secrets-manager' ? 'anyone can ask it for the secrets it keeps' : 'anyone can write into the telemetry pipeline, and bury or forge the record of an attack',
      },
    });
  }
});
