// The JSON Schema of the model (schemas/moat.schema.json) is generated from the vocabulary the
// reader uses, so the two cannot drift: the file is what a fresh generation writes, every model
// Moat reads without a type error validates, and models with a type error do not.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { fillReference, modelSchema, schemaText } from '../../server/src/model/schema.js';
import { analyzeYaml, yaml } from '../helpers.js';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, keywords: ['markdownEnumDescriptions'] });
const validate = ajv.compile(modelSchema());

function valid(text: string): boolean {
  let value: unknown;
  try {
    value = parse(text, { merge: true });
  } catch {
    return false;
  }
  return validate(value ?? {}) as boolean;
}

function modelFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return modelFiles(p);
    return /\.ya?ml$/.test(e.name) && !e.name.startsWith('.moatrc') ? [p] : [];
  });
}

describe('JSON Schema of the model', () => {
  it('schemas/moat.schema.json is what `npm run schema` generates now', () => {
    assert.equal(fs.readFileSync('schemas/moat.schema.json', 'utf8'), schemaText(), 'run `npm run schema`');
  });

  it("docs/language.md's reference tables are what `npm run schema` generates now", () => {
    const doc = fs.readFileSync('docs/language.md', 'utf8');
    assert.match(doc, /<!-- reference:service -->/);
    assert.equal(doc, fillReference(doc), 'run `npm run schema`');
  });

  for (const file of [...modelFiles('samples'), ...modelFiles('test/fixtures/systems'), ...modelFiles('test/fixtures/cli')]) {
    it(`${file}: valid exactly when Moat reads it without a type error`, () => {
      const text = fs.readFileSync(file, 'utf8');
      // Whether a file is the root (which needs `name:`) or an included part is not in the file:
      // the schema accepts both.
      const typeErrors = analyzeYaml(text).findings.filter((f) => (f.rule === 'model/type' || f.rule === 'model/syntax') && !f.message.startsWith('The model needs a `name:`'));
      const ok = valid(text);
      if (typeErrors.length === 0) assert.ok(ok, `${file}: ${ajv.errorsText(validate.errors)}`);
      else assert.ok(!ok, `${file} has ${typeErrors.map((f) => f.message).join('; ')} but validates`);
    });
  }

  const BASE = yaml`
    moat: 1
    name: shop
    boundaries: { cluster: { trust: internal } }
    data: { order: { classification: confidential } }
    services:
      api: { kind: service, boundary: cluster }
  `;
  const cases: [string, string][] = [
    ['a kind outside the list', '  web: { kind: webserver, boundary: cluster }\n'],
    ['a service without kind', '  web: { boundary: cluster }\n'],
    ['a service without boundary', '  web: { kind: service }\n'],
    ['a flow without protocol', '  web: { kind: service, boundary: cluster, calls: [{ to: api, auth: jwt }] }\n'],
    ['a flow without to', '  web: { kind: service, boundary: cluster, calls: [{ protocol: https }] }\n'],
    ['auth: mtls over http', '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: http, auth: mtls }] }\n'],
    ['auth: mtls with tls: none', '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: grpc, tls: none, auth: mtls }] }\n'],
    ['an unknown auth', '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: https, auth: magic }] }\n'],
    ['a port out of range', '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: https, auth: jwt, port: 70000 }] }\n'],
    ['a malformed digest', '  web: { kind: service, boundary: cluster, runtime: { image: "a@sha256:12" } }\n'],
    ['an unknown action', '  web: { kind: service, boundary: cluster }\nroles: { r: { grants: { api: [reed] } } }\n'],
  ];
  for (const [what, tail] of cases) {
    it(`a model with ${what}: a model/type error for Moat, invalid for the schema`, () => {
      const text = BASE + tail;
      assert.ok(analyzeYaml(text).findings.some((f) => f.rule === 'model/type' || f.rule === 'model/missing-boundary'), `Moat reports ${what}`);
      assert.equal(valid(text), false);
    });
  }

  it('unknown keys are invalid; any protocol word and `auth: mtls` over grpc are valid', () => {
    assert.equal(valid(BASE + '  web: { kind: service, boundary: cluster, contrls: {} }\n'), false);
    assert.equal(valid(BASE + '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: thrift, tls: tls, auth: jwt }] }\n'), true);
    assert.equal(valid(BASE + '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: grpc, auth: mtls, controls: { timeout: 2s } }] }\n'), true);
    assert.equal(valid(BASE + '  web: { kind: service, boundary: cluster, calls: [{ to: api, protocol: grpc, auth: mtls, controls: { rate-limit: 2 } }] }\n'), false);
  });

  it('describes keys and kinds for editors', () => {
    const schema = modelSchema() as { $defs: Record<string, { properties: Record<string, { description: string; enum?: string[]; markdownEnumDescriptions?: string[] }> }> };
    assert.equal(schema.$defs.flow.properties.access.description, 'Which way the data goes. Default: `read-write`.');
    const kind = schema.$defs.service.properties.kind;
    assert.equal(kind.markdownEnumDescriptions![kind.enum!.indexOf('queue')], 'a queue or event stream');
  });
});
