// `moat import` of an OTM document: the specification's own example, our mapping of trust
// ratings, kinds, parents and dataflow ids, and the round trip (export, import back) over the
// samples and the reference systems, which keeps boundaries, components, kinds, data and flows.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel } from '../../server/src/engine.js';
import { selectRoots } from '../../server/src/analysis/discover.js';
import { toOtm } from '../../server/src/interchange/otm/export.js';
import { importInterchange } from '../../server/src/interchange/import.js';
import { ImportError } from '../../server/src/interchange/input.js';
import type { Model } from '../../server/src/model/types.js';
import { analyzeYaml } from '../helpers.js';
import { OTM_EXAMPLE_FILE, needs } from './otm-schema.js';

function importOtmText(text: string, file = '/virtual/model.otm.json') {
  const result = importInterchange(text, file, { cwd: '/virtual' })!;
  assert.equal(result.format, 'otm');
  return { ...result, analysis: analyzeYaml(result.text) };
}

function modelErrors(model: { findings: { rule: string; message: string }[] }): string[] {
  return model.findings.filter((f) => f.rule.startsWith('model/')).map((f) => `${f.rule}: ${f.message}`);
}

/** What the round trip must keep, element by element. */
function essentials(model: Model) {
  return {
    boundaries: [...model.boundaries.values()].map((b) => `${b.id} ${b.trust} ${b.within ?? '-'}`).sort(),
    components: [...model.services.values()].map((s) => `${s.id} ${s.kind} ${s.boundary} ${s.tech ?? '-'} [${s.stores.join(',')}]`),
    data: [...model.data.values()].map((d) => `${d.id} ${d.classification} ${d.pii}`),
    flows: model.flows.map((f) => [f.target, f.from, f.to, f.protocol, f.port ?? '-', f.tls ?? '-', f.auth ?? '-', f.access, f.async, f.data.join(',')].join(' ')),
  };
}

function modelFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)([^/]+\.moat\.ya?ml|moat\.ya?ml)$/.test(f) && !f.includes('parts/'))
    .map((f) => path.join(dir, f));
}

describe('moat import of an OTM document', () => {
  it('reads the specification\'s own example into a valid model', needs(OTM_EXAMPLE_FILE), () => {
    const { analysis, text, summary } = importOtmText(fs.readFileSync(OTM_EXAMPLE_FILE, 'utf8'), OTM_EXAMPLE_FILE);
    assert.deepEqual(modelErrors(analysis), []);
    assert.equal(analysis.model.name, 'Test project');
    assert.deepEqual(essentials(analysis.model), {
      boundaries: ['internet untrusted -', 'private restricted -'],
      components: [
        'web-client service internet - []', 'web-service service private - [public-info]',
        'customer-database database private - []', 'class-customerdatabase service private - []',
      ],
      data: ['cc-data restricted false', 'public-info public false'],
      flows: [
        'webclient-to-webservice web-client web-service unknown - - - read-write false ',
        'cc-store-in-db web-service customer-database unknown - - - read-write false cc-data',
      ],
    });
    assert.match(text, /# TODO: protocol: the OTM dataflow says none\n {6}- \{ to: customer-database, id: cc-store-in-db, protocol: unknown, data: \[ cc-data \] \}\n/);
    assert.match(text, /\n# The OTM document's threats, as it wrote them:\n# threats:\n# {3}- name: Threat 1\n/);
    assert.match(text, /\n# The OTM document's mitigations, as it wrote them:\n# mitigations:\n/);
    assert.match(summary, /^imported .*otm-example\.yaml \(OTM 0\.2\.0\): 4 components, 2 flows, 2 boundaries, 2 data assets\n/);
    // The example is not strict YAML 1.2 (a quoted code snippet's lines are under-indented): read as other tools read it, and said.
    assert.match(summary, /\n {2}not strict YAML 1\.2 \(line 132: not valid YAML: Missing closing 'quote\); read as the lenient parsers of other tools read it\n/);
    assert.match(summary, /\n {2}kept as comments: threats \(1\), mitigations \(2\)\n/);
  });

  it('maps trust ratings, kinds from type or tag, a component\'s parent component, and dataflow ids (ids kept where they are Moat ids, names where they are UUIDs)', () => {
    const document = {
      otmVersion: '0.2.0',
      project: { name: 'Mapped', id: 'mapped' },
      trustZones: [
        { id: 'z1', name: 'Outside World', risk: { trustRating: 20 } },
        { id: 'z2', name: 'Edge', risk: { trustRating: 21 } },
        { id: 'z3', name: 'Apps', risk: { trustRating: 80 }, parent: { trustZone: 'z4' } },
        { id: 'z4', name: 'Core', risk: { trustRating: 81 } },
      ],
      assets: [{ id: 'pii', name: 'PII', risk: { confidentiality: 10, integrity: 0, availability: 0 }, attributes: { classification: 'confidential', pii: true } }],
      components: [
        { id: 'c1', name: 'Browser', type: 'user', parent: { trustZone: 'z1' } },
        { id: 'c2', name: 'API', type: 'api-gateway', tags: ['moat:kind=gateway', 'moat:tech=envoy', 'edge'], parent: { trustZone: 'z2' } },
        { id: 'c3', name: 'Orders', type: 'message-queue', parent: { trustZone: 'z3' } },
        { id: 'c4', name: 'Orders Lib', type: 'library', parent: { component: 'c3' } },
        { id: 'c5', name: 'Stray', type: 'vault', parent: { trustZone: 'nope' } },
      ],
      dataflows: [
        { id: 'c1->c2', name: 'in', source: 'c1', destination: 'c2', attributes: { protocol: 'https', auth: 'oidc' } },
        { id: 'c2->c3#2', name: 'on', source: 'c2', destination: 'c3', assets: ['pii'], attributes: { protocol: 'amqp', tls: 'tls', access: 'write', async: true, port: 5671 } },
        { id: 'Flow Nr 7', name: 'odd', source: 'c4', destination: 'c3', attributes: { protocol: 'TCP', auth: 'magic' } },
      ],
    };
    const { analysis, text, report } = importOtmText(JSON.stringify(document));
    assert.deepEqual(modelErrors(analysis), []);
    assert.deepEqual(essentials(analysis.model), {
      boundaries: ['internet untrusted -', 'unassigned internal -', 'z1 untrusted -', 'z2 dmz -', 'z3 internal z4', 'z4 restricted -'],
      components: [
        'c1 user z1 - []', 'c2 gateway z2 envoy []', 'c3 queue z3 - []', 'c4 service z3 - []', 'c5 secrets-manager unassigned - []',
      ],
      data: ['pii confidential true'],
      flows: [
        'c1->c2 c1 c2 https - - oidc read-write false ',
        'c2->c3 c2 c3 amqp 5671 tls - write true pii',
        'flow-nr-7 c4 c3 tcp - - - read-write false ',
      ],
    });
    assert.match(text, /# OTM auth: magic \(no value of the language; left out\)\n/);
    assert.match(text, /# OTM tags: edge\n/);
    assert.deepEqual(report.notRead, ['components[4].parent: no trust zone or component that is in one']);
  });

  it('fails on a document it cannot read with one line', () => {
    assert.throws(() => importInterchange('otmVersion: 0.2.0\nproject: { name: x, id: x }\ncomponents: { a: 1 }\n', '/virtual/x.otm.yaml', { cwd: '/virtual' }),
      (err: unknown) => err instanceof ImportError && err.message === 'x.otm.yaml:3: `components` must be a list');
    assert.throws(() => importInterchange('{"otmVersion": "0.2.0", "project": ', '/virtual/x.otm.json', { cwd: '/virtual' }),
      (err: unknown) => err instanceof ImportError && /^x\.otm\.json:1: not valid YAML: /.test(err.message));
  });
});

describe('OTM round trip: exported and imported back', () => {
  // Root models only: a file that another includes is not a model on its own.
  const files = selectRoots([...modelFiles('samples'), ...modelFiles('test/fixtures/systems')].map((file) => ({ file: path.resolve(file), files: checkModel(file).model.files.keys() })));

  it('keeps boundaries (nesting included), components, kinds, data and flows of every sample and reference system', () => {
    assert.ok(files.length >= 12);
    for (const file of files) {
      const original = checkModel(file);
      const otm = JSON.stringify(toOtm(original));
      const back = importOtmText(otm);
      assert.deepEqual(modelErrors(back.analysis), [], file);
      const before = essentials(original.model);
      // The implicit internet comes back declared: the same boundary.
      assert.deepEqual(essentials(back.analysis.model), before, file);
      assert.equal(back.analysis.model.name, original.model.name, file);
    }
  });
});
