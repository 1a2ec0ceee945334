import { defineRule } from './rule.js';
import { isManagedRuntime } from './util.js';

/** `root`, uid `0`, or either with a group (`0:0`, `root:docker`): the part before `:` is the user. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || /^0+$/.test(name);
}

export default defineRule({
  id: 'root-container',
  title: 'Container runs as root',
  category: 'containers',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['E'],
  cwe: 250,
  fix: 'Set `user: 10001` in the runtime.',
  messages: {
    absent: '{service} runs its image `{image}` as root: no `user` is set, and images default to root. Set `user: 10001` (a uid without privileges) in its `runtime:`.',
    root: '{service} runs its image `{image}` as root (`user: {user}`). Set `user: 10001` (a uid without privileges) in its `runtime:`.',
  },
  docs: {
    checks: 'A component whose `runtime` names an `image` and whose `user` is absent, `root` or `0` (a `USER:GROUP` pair counts by its user part: `0:0` and `root:root` are root).',
    attack: 'Inside a container root is the host\'s root, held back only by namespaces and dropped capabilities. A remote-code-execution bug then runs as root: it can rewrite the application\'s own files, install tools, and use any kernel or runtime escape (CVE-2019-5736 in runc needed root in the container) to take the node.',
    fix: 'Run as an unprivileged uid: `USER 10001` in the Dockerfile and `user: 10001` in the model (`runAsNonRoot: true` and `runAsUser` in Kubernetes).',
    falsePositives: 'An image that drops to an unprivileged user in its own entrypoint (su-exec, gosu) starts as root but does not serve as root; write that user in the model. A platform that chooses the user itself is handled by the rule (see decisions).',
    practice: 'Containers run as a non-root user (CIS Docker Benchmark 4.1; Kubernetes Pod Security Standards, restricted).',
    decisions: [
      'An absent `user` is root: the language says so for container images, and it is Docker\'s default.',
      'A runtime without an `image` (a VM, bare metal) is not a container and is not judged.',
      '`platform: lambda` is exempt: AWS Lambda runs every image as its own unprivileged user, whatever the image says.',
      'A uid written as `0` or `00`, or as `0:GROUP`, is root; `1000:0` (root group only) is not this rule\'s: the user is not root.',
      'The finding points at the `user` value when it is written, else at the `runtime:` key, where the fix adds `user: 10001`.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.containers()) {
    const runtime = service.runtime!;
    if (isManagedRuntime(service)) continue;
    const args = { service: service.id, image: runtime.image!, user: runtime.user ?? '' };
    const data = { prop: ['runtime', 'user'], value: 10001 };
    if (runtime.user === undefined) report({ element: service, at: { prop: 'runtime', part: 'key' }, messageId: 'absent', args, data });
    else if (isRootUser(runtime.user)) {
      report({ element: service, at: { prop: 'runtime', entry: 'user', entryPart: 'value' }, messageId: 'root', args, data });
    }
  }
});
