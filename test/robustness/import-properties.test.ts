// `moat import` on whatever a deployment file may hold: every field of a compose service or a
// Kubernetes workload replaced by arbitrary YAML values. The import either succeeds with a model
// that `moat check` reads without a `model/…` error, or fails with a one-line DeploymentError;
// it never throws anything else, and never writes a secret it was given.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { runImport } from '../../server/src/import/run.js';
import { DeploymentError } from '../../server/src/deployment/types.js';
import { checkText } from '../../server/src/engine.js';

const SECRET = 'Zq8-never-in-the-model';
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.constantFrom('', 'host', 'db:5432', `postgres://u:${SECRET}@db/x`, '${VAR}', '0.0.0.0:80:80', 'ALL', '/'),
    fc.string({ maxLength: 12 }), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('name', 'image', 'value', 'port', 'target', 'condition', 'key', 'mode'), tie('any'), { maxKeys: 3 })),
})).any;

const serviceKeys = ['image', 'user', 'privileged', 'read_only', 'ports', 'environment', 'env_file', 'depends_on', 'links', 'networks', 'volumes', 'deploy', 'cap_add', 'secrets', 'network_mode', 'extends', 'profiles', 'hostname'];
const composeService = fc.dictionary(fc.constantFrom(...serviceKeys), value, { maxKeys: 6 });
const podKeys = ['containers', 'securityContext', 'volumes', 'hostNetwork', 'serviceAccountName'];
const containerKeys = ['name', 'image', 'env', 'envFrom', 'securityContext', 'resources', 'ports', 'volumeMounts'];
const container = fc.dictionary(fc.constantFrom(...containerKeys), value, { maxKeys: 5 });
const workload = fc.record({
  apiVersion: fc.constant('apps/v1'),
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'CronJob', 'Pod', 'Service', 'Ingress', 'NetworkPolicy', 'Secret', 'ConfigMap', 'PeerAuthentication', 'VirtualService', 'ClusterRoleBinding', 'List'),
  metadata: fc.oneof(fc.record({ name: fc.constantFrom('api', 'db', 'web'), namespace: fc.constantFrom('a', 'b') }), value),
  spec: fc.oneof(value, fc.record({ template: fc.record({ metadata: value, spec: fc.record({ containers: fc.array(container, { maxLength: 2 }) }) }) }),
    fc.dictionary(fc.constantFrom(...podKeys, 'selector', 'ports', 'type', 'rules', 'ingress', 'podSelector', 'mtls', 'http'), value, { maxKeys: 4 })),
  items: value, data: value, stringData: value, roleRef: value, subjects: value,
}, { requiredKeys: ['apiVersion', 'kind', 'metadata'] });

function importText(text: string): string | undefined {
  try {
    return runImport(['-'], { cwd: path.resolve('/nonexistent-moat-cwd'), stdin: () => text }).text;
  } catch (err) {
    if (err instanceof DeploymentError) {
      assert.ok(!err.message.includes('\n'), `one line: ${err.message}`);
      assert.ok(!err.message.includes(SECRET));
      return undefined;
    }
    throw err;
  }
}

function checked(text: string | undefined): void {
  if (text === undefined) return;
  assert.ok(!text.includes(SECRET), 'a secret was copied');
  const errors = checkText(text, path.resolve('imported.moat.yaml'), { today: '2026-11-30' }).findings
    .filter((f) => f.rule.startsWith('model/') && !(f.rule === 'model/unknown-key' && f.message.includes('`deployed-as`')));
  assert.deepEqual(errors.map((f) => `${f.rule}: ${f.message}`), [], text);
}

describe('moat import on arbitrary deployment files', { timeout: 180_000 }, () => {
  it('compose services with arbitrary fields', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('api', 'db', 'web', 'Web_1', 'cache'), composeService, { minKeys: 1, maxKeys: 4 }), (services) => {
      checked(importText(stringify({ services })));
    }), { numRuns: 300 });
  });

  it('a published port no connection can use (65536) is not written as the flow\'s port (found by the property above)', () => {
    const text = importText(stringify({ services: { api: { ports: [`postgres://u:${SECRET}@db/x`, 65536] } } }))!;
    checked(text);
    assert.match(text, /^ {6}- \{ to: api, protocol: unknown \}$/m);
  });

  it('Kubernetes documents with arbitrary fields', () => {
    fc.assert(fc.property(fc.array(workload, { minLength: 1, maxLength: 4 }), (docs) => {
      checked(importText(docs.map((d) => stringify(d)).join('---\n')));
    }), { numRuns: 300 });
  });
});
