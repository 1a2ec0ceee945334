import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const GOOD_RUNTIME = 'image: r.example/app@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, user: 10001, read-only-fs: true, limits: { cpu: 1, memory: 1Gi }';

ruleTests('privileged-container', {
  fires: [
    {
      name: 'privileged: true, at the setting',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          builder:
            kind: service
            boundary: cluster
            runtime:
              image: docker:27-dind
              privileged: true
      `,
      expect: [{ target: 'builder', messageId: 'privileged', text: 'privileged', message: 'builder runs a privileged container' }],
    },
    {
      name: 'host namespaces: one finding per setting, in source order',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { nodes: { trust: internal } }
        services:
          agent:
            kind: service
            boundary: nodes
            runtime:
              host-pid: true
              image: agent:2.1
              host-network: true
      `,
      expect: [
        { target: 'agent', messageId: 'hostPid', text: 'host-pid', message: '`host-pid: true`' },
        { target: 'agent', messageId: 'hostNetwork', text: 'host-network', message: '`host-network: true`' },
      ],
    },
    {
      name: 'docker socket and host root mounts, at each mount (docker-style HOST:CONTAINER, read-only too)',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          ci-runner:
            kind: service
            boundary: cluster
            runtime:
              image: runner:16.1
              mounts:
                - /srv/cache:/cache
                - /var/run/docker.sock:/var/run/docker.sock
                - "/:/host:ro"
      `,
      expect: [
        { target: 'ci-runner', messageId: 'socket', text: '/var/run/docker.sock:/var/run/docker.sock', message: 'container runtime\'s socket' },
        { target: 'ci-runner', messageId: 'root', text: '"/:/host:ro"', message: 'root file system' },
      ],
    },
    {
      name: 'a directory that holds the socket, and the containerd socket',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: a:1, mounts: [/var/run] } }
          b: { kind: service, boundary: cluster, runtime: { image: b:1, mounts: [/run/containerd/containerd.sock] } }
      `,
      expect: [
        { target: 'a', messageId: 'socket', text: '/var/run' },
        { target: 'b', messageId: 'socket', text: '/run/containerd/containerd.sock' },
      ],
    },
    {
      name: 'the same mount written twice is reported at each item',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, runtime: { image: a:1, mounts: ["/", "/"] } }
      `,
      expect: [
        { target: 'a', messageId: 'root', text: '"/"' },
        { target: 'a', messageId: 'root', text: '"/"' },
      ],
    },
    {
      name: 'settings count without an image: they only exist for containers',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          legacy: { kind: service, boundary: cluster, runtime: { platform: kubernetes, privileged: true } }
      `,
      expect: [{ target: 'legacy', messageId: 'privileged', text: 'privileged' }],
    },
  ],
  silent: [
    {
      name: 'the settings written false',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          app:
            kind: service
            boundary: cluster
            runtime: { ${GOOD_RUNTIME}, privileged: false, host-network: false, host-pid: false }
      `,
    },
    {
      name: 'ordinary host paths: logs, data, /proc, the service-account tokens under /var/run',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          collector:
            kind: service
            boundary: cluster
            runtime:
              image: fluent-bit:3.1
              mounts: [/var/log:/var/log:ro, /data, /proc:/host/proc:ro, /var/run/secrets/kubernetes.io, ./docker.sock]
      `,
    },
    {
      name: 'a container running as root is root-container\'s, not this rule\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          app: { kind: service, boundary: cluster, runtime: { image: app:1.0, user: root } }
      `,
    },
    {
      name: 'a component without a runtime',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          app: { kind: service, boundary: cluster }
      `,
    },
  ],
});

describe('privileged-container: quick-fix data and ranges', () => {
  it('names the setting or the mount item to remove, and tells repeated mounts apart', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        a: { kind: service, boundary: cluster, runtime: { image: a:1, host-pid: true, mounts: [/data, "/", "/"] } }
    `;
    const found = analyzeYaml(model).findings.filter((f) => f.rule === 'privileged-container');
    assert.deepEqual(found.map((f) => f.data), [{ remove: ['runtime', 'host-pid'] }, { remove: ['runtime', 'mounts', 1] }, { remove: ['runtime', 'mounts', 2] }]);
    assert.notEqual(found[1].range.start, found[2].range.start);
  });
});
