// Drift on real systems (../shared/corpus, skipped when absent): each system imported, then
// checked against the files it came from (no drift), then a copy of the model edited.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkText } from '../../server/src/engine.js';
import { runImport } from '../../server/src/import/run.js';
import { loadDeployment } from '../../server/src/drift/load.js';

const REPO = path.resolve(__dirname, '../..');
const CORPUS = path.join(REPO, '../shared/corpus');
const MODEL = path.join(REPO, 'corpus.moat.yaml');

const SYSTEMS: Record<string, string[]> = {
  'online-boutique': ['../shared/corpus/online-boutique/kubernetes-manifests', '../shared/corpus/online-boutique/istio-manifests', '../shared/corpus/online-boutique/kustomize/components/network-policies'],
  'sock-shop compose': ['../shared/corpus/sock-shop/deploy/docker-compose/docker-compose.yml'],
  'sock-shop kubernetes': ['../shared/corpus/sock-shop/deploy/kubernetes/complete-demo.yaml', '../shared/corpus/sock-shop/deploy/kubernetes/manifests-policy'],
  'robot-shop': ['../shared/corpus/robot-shop/docker-compose.yaml'],
  'retail-store': ['../shared/corpus/retail-store/src/app/docker-compose.yml', '../shared/corpus/retail-store/src/app/compose.override.yaml'],
};

function system(name: string) {
  const inputs = SYSTEMS[name];
  const text = runImport(inputs, { cwd: REPO }).text;
  const view = loadDeployment({ dir: REPO, paths: inputs.map((p) => ({ path: p })) }).view!;
  const drift = (model: string) => checkText(model, MODEL, { deployment: view, today: '2026-11-30' }).findings
    .filter((f) => f.rule.startsWith('drift/')).map((f) => ({ rule: f.rule, severity: f.severity, target: f.target, text: model.slice(f.range.start, f.range.end), message: f.message }));
  return { text, drift };
}

describe('drift on real systems (../shared/corpus)', { skip: fs.existsSync(CORPUS) ? false : 'skipped: ../shared/corpus is absent' }, () => {
  for (const name of Object.keys(SYSTEMS)) {
    it(`${name}: the imported model has no drift from the files it came from`, () => {
      const { text, drift } = system(name);
      assert.deepEqual(drift(text), []);
    });
  }

  it('online-boutique, edited: a component removed, a flow the NetworkPolicy blocks added', () => {
    const { text, drift } = system('online-boutique');
    const ad = /\n  # [^\n]*\n  adservice:\n(?: {4}[^\n]*\n|\n(?= {4}))*/.exec(text)![0];
    let edited = text.replace(ad, '\n').replace(/\n {6}# [^\n]*\n {6}# [^\n]*\n {6}- \{ to: adservice[^\n]*/, '');
    edited = edited.replace('  recommendationservice:\n', '  recommendationservice:\n    # the edit\n').replace(
      /( {2}recommendationservice:\n(?: {4}[^\n]*\n)*? {4}calls:\n)/, '$1      - { to: cartservice, protocol: grpc, port: 7070 }\n');
    assert.deepEqual(drift(edited), [
      {
        rule: 'drift/missing-component', severity: 'medium', target: 'adservice', text: 'services',
        message: 'The deployment runs `adservice` (../shared/corpus/online-boutique/kubernetes-manifests/adservice.yaml:15: Deployment adservice) but no component of the model stands for it: add it (`moat import --update` adds it) or name it in a component\'s `deployed-as:`.',
      },
      {
        rule: 'drift/missing-flow', severity: 'medium', target: 'frontend->adservice', text: 'calls',
        message: 'The deployment connects `frontend` to `adservice` (../shared/corpus/online-boutique/kubernetes-manifests/frontend.yaml:81: env AD_SERVICE_ADDR) but the model has no flow `frontend->adservice`: add it to `frontend`\'s `calls:`.',
      },
      {
        rule: 'drift/blocked-flow', severity: 'medium', target: 'recommendationservice->cartservice', text: 'to: cartservice',
        message: 'The model has the flow `recommendationservice->cartservice`, but the deployment\'s NetworkPolicy `deny-all` (../shared/corpus/online-boutique/kustomize/components/network-policies/network-policy-deny-all.yaml:15), `cartservice` (../shared/corpus/online-boutique/kustomize/components/network-policies/network-policy-cartservice.yaml:15) admits no traffic from `recommendationservice` into `cartservice` on port 7070.',
      },
    ]);
  });

  it('robot-shop, edited: read-only-fs claimed on a writable container', () => {
    const { text, drift } = system('robot-shop');
    const edited = text.replace('      image: redis:6.2-alpine\n', '      image: redis:6.2-alpine\n      read-only-fs: true\n');
    assert.deepEqual(drift(edited), [{
      rule: 'drift/runtime', severity: 'high', target: 'redis', text: 'read-only-fs',
      message: '`redis`\'s runtime differs from the deployment (../shared/corpus/robot-shop/docker-compose.yaml:14: services.redis): read-only-fs: the model says `true`, the deployment\'s root filesystem is writable.',
    }]);
  });

  it('sock-shop on Kubernetes, edited: read-only-fs claimed where the manifest leaves the root filesystem writable', () => {
    const { text, drift } = system('sock-shop kubernetes');
    const found = drift(text.replace('      image: weaveworksdemos/catalogue-db:0.3.0\n', '      image: weaveworksdemos/catalogue-db:0.3.0\n      read-only-fs: true\n'));
    assert.deepEqual(found.map((f) => [f.rule, f.severity, f.target, f.text]), [['drift/runtime', 'high', 'catalogue-db', 'read-only-fs']]);
  });

  it('drift on the 70-service size adds well under a second', () => {
    const { text } = system('online-boutique');
    const inputs = SYSTEMS['online-boutique'];
    const start = performance.now();
    const view = loadDeployment({ dir: REPO, paths: inputs.map((p) => ({ path: p })) }).view!;
    checkText(text, MODEL, { deployment: view, today: '2026-11-30' });
    assert.ok(performance.now() - start < 1000);
  });
});
