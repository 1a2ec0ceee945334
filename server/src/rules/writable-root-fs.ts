import { defineRule } from './rule.js';
import { isManagedRuntime } from './util.js';

export default defineRule({
  id: 'writable-root-fs',
  title: 'Writable root file system',
  category: 'containers',
  severity: 'low',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 732,
  fix: 'Set `read-only-fs: true` in the runtime.',
  messages: {
    absent: '{service} runs `{image}` with a writable root file system: code that gets in can change the application\'s files and leave tools behind. Set `read-only-fs: true` in its `runtime:` and mount a volume where it must write.',
    off: '{service} runs `{image}` with `read-only-fs: false`: code that gets in can change the application\'s files and leave tools behind. Set `read-only-fs: true` and mount a volume where it must write.',
  },
  docs: {
    checks: 'A component whose `runtime` names an `image` and does not set `read-only-fs: true`.',
    attack: 'An attacker who gains code execution in a container with a writable file system can replace the application\'s code or configuration, drop and run tools, and persist until the container is replaced.',
    fix: 'Run the container with a read-only root file system (`readOnlyRootFilesystem: true`, `docker run --read-only`) and mount `emptyDir`/`tmpfs` volumes only where the application writes (`/tmp`, caches).',
    falsePositives: 'Software that must write under its own tree and cannot be configured otherwise; accept the finding with the reason, and keep it as short-lived as possible.',
    practice: 'Immutable containers: the image is the code, and nothing rewrites it at run time (CIS Docker Benchmark 5.12; Kubernetes `readOnlyRootFilesystem`).',
    decisions: [
      'A runtime without an `image` is not a container and is not judged.',
      '`platform: lambda` is exempt: Lambda\'s file system is read-only except `/tmp`.',
      'The finding points at `read-only-fs` when it is written `false`, else at the `runtime:` key, where the fix adds it.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.containers()) {
    const runtime = service.runtime!;
    if (isManagedRuntime(service) || runtime.readOnlyFs === true) continue;
    const args = { service: service.id, image: runtime.image! };
    const data = { prop: ['runtime', 'read-only-fs'], value: true };
    if (runtime.readOnlyFs === false) {
      report({ element: service, at: { prop: 'runtime', entry: 'read-only-fs', entryPart: 'value' }, messageId: 'off', args, data });
    } else report({ element: service, at: { prop: 'runtime', part: 'key' }, messageId: 'absent', args, data });
  }
});
