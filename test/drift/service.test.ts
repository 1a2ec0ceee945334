// Drift in the editor, through the engine service the language server goes through: the same
// findings as you type, the deployment read once and again only when one of its files changes,
// the quick fixes, completion of `deployed-as:` and its hover.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMoatService } from '../../server/src/service/index.js';
import { applyEdits } from '../../server/src/fix/fixes.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/drift/compose');

function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-drift-service-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const model = path.join(dir, 'shop.moat.yaml');
  return { dir, model, text: fs.readFileSync(model, 'utf8'), compose: path.join(dir, 'docker-compose.yml') };
}

const driftIn = async (service: ReturnType<typeof createMoatService>, file: string) =>
  (await service.findings(file)).filter((f) => f.rule.startsWith('drift/')).map((f) => f.fingerprint);

describe('drift through the service (the editor)', () => {
  it('reports drift as you type, without reading the deployment again on a keystroke; reads it when it changes', async () => {
    const { model, text, compose } = workspace();
    const service = createMoatService();
    service.setDocument(model, text, 1);
    const first = await service.analyze(model);
    assert.deepEqual(await driftIn(service, model), []);
    const edited = text.replace('      - { to: cache, protocol: redis, port: 6379, tls: tls, auth: password }\n', '');
    service.setDocument(model, edited, 2);
    const second = await service.analyze(model);
    assert.deepEqual(await driftIn(service, model), ['drift/missing-flow@api->cache']);
    assert.ok(first.analysis.deployment && second.analysis.deployment === first.analysis.deployment, 'the keystroke read the deployment again');

    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('    user: "10001"\n', '    user: "0"\n'));
    service.setDocument(model, edited + '\n', 3);
    assert.equal((await service.analyze(model)).analysis.deployment, first.analysis.deployment, 'a model edit never re-reads it');
    service.fileChanged(compose);
    const third = await service.analyze(model);
    assert.notEqual(third.analysis.deployment, first.analysis.deployment);
    assert.deepEqual(await driftIn(service, model), ['drift/runtime@api', 'drift/missing-flow@api->cache']);
  });

  it('offers the drift quick fix beside the others', async () => {
    const { model, text } = workspace();
    const service = createMoatService();
    const edited = text.replace('      - { to: cache, protocol: redis, port: 6379, tls: tls, auth: password }\n', '');
    service.setDocument(model, edited, 1);
    const finding = (await service.findings(model)).find((f) => f.rule === 'drift/missing-flow')!;
    const [answer] = await service.quickFixes(model, [{ rule: finding.rule, start: finding.range.start, end: finding.range.end }], 'entry');
    const fix = answer!.fixes.find((f) => f.title.startsWith('Add the flow'))!;
    const after = applyEdits(edited, fix.edits);
    assert.match(after, /\n {6}- \{ to: cache, protocol: redis, port: 6379, tls: tls \}\n/);
    service.setDocument(model, after, 2);
    assert.deepEqual(await driftIn(service, model), []);
  });

  it('completes deployed-as: with the deployment\'s workload names, and explains the key on hover', async () => {
    const { model, text } = workspace();
    const service = createMoatService();
    const edited = text.replace('    deployed-as: db\n', '    deployed-as: \n');
    service.setDocument(model, edited, 1);
    const at = edited.indexOf('deployed-as: ') + 'deployed-as: '.length;
    const labels = (await service.completion(model, at)).map((c) => c.label);
    assert.deepEqual(labels, ['web', 'api', 'cache', 'db']);
    const hover = await service.hover(model, edited.indexOf('deployed-as') + 2);
    assert.match(hover!.markdown, /^\*\*deployed-as\*\*: the deployment's workloads this component stands for/);
  });
});
