import { defineRule } from './rule.js';

/** Host paths whose mount hands the container the host: the root, and the container runtime's control sockets. */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock', '/run/docker.sock',
  '/var/run/containerd/containerd.sock', '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock', '/run/crio/crio.sock',
];

/** The host side of a mount written as `HOST`, `HOST:CONTAINER` or `HOST:CONTAINER:MODE`, normalised. */
export function hostPath(mount: string): string {
  const host = mount.trim().split(':')[0];
  const parts = host.split('/').filter((p) => p !== '' && p !== '.');
  return host.startsWith('/') ? `/${parts.join('/')}` : parts.join('/');
}

/** Why mounting this host path gives the container the host, or undefined when it does not. */
export function hostAccess(mount: string): 'root' | 'socket' | undefined {
  const host = hostPath(mount);
  if (host === '/') return 'root';
  // Mounting a directory that holds the socket (`/var/run`, `/run`) mounts the socket too.
  if (RUNTIME_SOCKETS.some((s) => s === host || s.startsWith(`${host}/`))) return 'socket';
  return undefined;
}

export default defineRule({
  id: 'privileged-container',
  title: 'Privileged container',
  category: 'containers',
  severity: 'high',
  target: 'service',
  scope: 'component',
  stride: ['E'],
  cwe: 250,
  fix: 'Remove the setting (`privileged`, `host-network`, `host-pid`, or the mount).',
  messages: {
    privileged: '{service} runs a privileged container: a process that escapes it owns the host. Remove `privileged: true` and grant only the capabilities it needs.',
    hostNetwork: '{service} shares the host\'s network namespace (`host-network: true`): it can bind host ports and reach what only the host should. Remove `host-network`.',
    hostPid: '{service} shares the host\'s process namespace (`host-pid: true`): it can see and signal every process on the host. Remove `host-pid`.',
    socket: '{service} mounts the container runtime\'s socket (`{mount}`): whoever controls {service} can start a privileged container and own the host. Remove the mount.',
    root: '{service} mounts the host\'s root file system (`{mount}`): it can read and change every file on the host. Remove the mount, or mount only the directory it needs.',
  },
  docs: {
    checks: 'A component whose `runtime` sets `privileged: true`, `host-network: true` or `host-pid: true`, or mounts the host\'s `/` or the Docker socket (`/var/run/docker.sock`). Each setting is one finding, at the setting.',
    attack: 'Each of these removes the wall between the container and the host. A privileged container can load kernel modules and mount the host\'s disks; the Docker socket lets its holder start a privileged container; host namespaces expose the host\'s network and processes. One exploited bug in the application becomes control of the node and of every other workload on it.',
    fix: 'Remove the setting. Grant the specific Linux capabilities the workload needs (`NET_BIND_SERVICE`, …) instead of `privileged`; expose ports instead of sharing the host network; mount only the directories the application needs, read-only; build images with a rootless builder (Kaniko, BuildKit rootless) instead of mounting the Docker socket.',
    falsePositives: 'Node agents that must see the host by design (a CNI plugin, a log or metrics collector, a CSI driver) need some of these settings. Accept the finding with the reason and keep such agents in their own boundary.',
    practice: 'Least privilege for containers: no privileged mode, no host namespaces, no host-level mounts (CIS Docker Benchmark 5.4, 5.9, 5.15, 5.31; Kubernetes Pod Security Standards, baseline).',
    decisions: [
      'The settings are reported whatever the runtime: they only mean something for containers, so writing them says the component runs in one.',
      'A mount is written as a host path, or docker-style `HOST:CONTAINER[:MODE]`; the host side decides. A read-only mount still counts: a read-only socket still accepts API calls, and a read-only `/` still exposes every secret on the host.',
      'The sockets of containerd and CRI-O (`/run/containerd/containerd.sock`, `/run/crio/crio.sock`) give the same control as Docker\'s and count as the Docker socket; so does mounting a directory that holds one (`/var/run`, `/run`).',
      'Other host paths (`/proc`, `/etc`, `/var/log`) are not findings: the catalogue names `/` and the socket, and log collectors mount such paths by design.',
      'Each offending setting is its own finding, so each has its own range and quick fix; they share the fingerprint `privileged-container@SERVICE`, so one acceptance covers the component.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.components()) {
    const runtime = service.runtime;
    if (!runtime) continue;
    const args = { service: service.id };
    const flags = [
      ['privileged', runtime.privileged, 'privileged'],
      ['host-network', runtime.hostNetwork, 'hostNetwork'],
      ['host-pid', runtime.hostPid, 'hostPid'],
    ] as const;
    for (const [key, on, messageId] of flags) {
      if (on === true) report({ element: service, at: { prop: 'runtime', entry: key }, messageId, args, data: { remove: ['runtime', key] } });
    }
    runtime.mounts.forEach((mount, i) => {
      const access = hostAccess(mount);
      if (!access) return;
      report({
        element: service, at: { prop: 'runtime', entry: 'mounts', item: i },
        messageId: access, args: { ...args, mount }, data: { remove: ['runtime', 'mounts', i] },
      });
    });
  }
});
