import { defineRule } from './rule.js';
import { flowName } from './util.js';

export default defineRule({
  id: 'push-deployment',
  title: 'Pipeline pushes into the runtime',
  category: 'delivery',
  severity: 'medium',
  target: 'flow',
  scope: 'flow',
  stride: ['E'],
  cwe: 269,
  messages: {
    push: '{flow}: the pipeline `{from}` holds write credentials into the {kind} `{to}` in `{toBoundary}` (`access: {access}`): whoever takes the pipeline changes production. Prefer pull-based delivery, where the runtime fetches signed artifacts from the registry.',
  },
  docs: {
    checks: 'A flow that a `ci` opens, with `access: write` or `read-write` (the default), to a workload (`service`, `function`, `gateway`, `frontend`) or a datastore (`database`, `cache`, `queue`, `storage`) in another boundary than the `ci`\'s.',
    attack: 'A push-based pipeline keeps credentials that can change production (a kubeconfig, SSH keys, cloud keys, database passwords) on the build servers, next to every pull request\'s code. Anyone who compromises a build (a malicious dependency, a poisoned pull request, a stolen CI token) inherits those credentials and can deploy or change anything, bypassing review.',
    fix: 'Turn delivery around: the pipeline only publishes signed artifacts to a `registry`, and an agent inside the runtime (Argo CD, Flux, an ECS or Lambda deployment role scoped to one artifact) pulls and verifies them. Model the flow from the runtime side, and the `ci` flow to the `registry`.',
    falsePositives: 'A pipeline whose deployment credentials are short-lived, scoped to one service and issued per run (OIDC federation to the cloud, with approval gates): set `access: read` if the flow only triggers a pull, or accept the finding with that reason.',
    practice: 'Pull-based delivery: the pipeline holds no standing write access to production.',
    decisions: [
      'The finding points at the flow\'s `access` when it is written, else at the flow (its `to:`).',
      'A `ci` writing within its own boundary (a build cache, a test database beside the agents) is left alone: it is not the runtime.',
      'Flows to a `registry`, `repository`, `monitoring`, `identity-provider`, `secrets-manager` or `external` are not deployments and are not judged.',
    ],
  },
}, ({ model, graph, report }) => {
  for (const flow of model.flows) {
    const from = graph.caller(flow);
    if (from.kind !== 'ci' || !graph.writes(flow)) continue;
    const to = graph.callee(flow);
    if (!(graph.isWorkload(to) || graph.isDatastore(to)) || !graph.crossesBoundary(flow)) continue;
    report({
      element: flow, at: flow.src.props.has('access') ? 'access' : undefined, messageId: 'push',
      args: { flow: flowName(flow), from: from.id, to: to.id, kind: to.kind, toBoundary: to.boundary, access: flow.access },
    });
  }
});
