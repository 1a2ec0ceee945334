import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, MODEL_FILE } from '../helpers.js';
import { definitionOf, elementsAt, syntaxProblem } from '../../server/src/service/elements.js';
import { SHOP } from '../render/fixtures.js';

const { model } = analyzeYaml(SHOP);
const at = (needle: string, delta = 0) => SHOP.indexOf(needle) + delta;

describe('elementsAt', () => {
  it('finds the flow under the cursor and the component that opens it', () => {
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('to: orders-db', 4)), [{ type: 'flow', id: 'orders->orders-db' }, { type: 'service', id: 'orders' }]);
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('id: charge', 4)), [{ type: 'flow', id: 'charge' }, { type: 'service', id: 'payments' }]);
  });

  it('finds a component from its id or anywhere in its block, and a boundary', () => {
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('  orders-db:\n', 4)), [{ type: 'service', id: 'orders-db' }]);
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('tech: go', 2)), [{ type: 'service', id: 'orders' }]);
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('pci: {', 1)), [{ type: 'boundary', id: 'pci' }]);
  });

  it('finds nothing outside elements or in another file', () => {
    assert.deepEqual(elementsAt(model, MODEL_FILE, at('name: Shop', 2)), []);
    assert.deepEqual(elementsAt(model, '/elsewhere.moat.yaml', at('tech: go', 2)), []);
  });
});

describe('definitionOf', () => {
  it('points at the id of a component, the entry of a flow, the key of a boundary', () => {
    const text = (ref: Parameters<typeof definitionOf>[1]) => {
      const d = definitionOf(model, ref)!;
      return SHOP.slice(d.range.start, d.range.end);
    };
    assert.equal(text({ type: 'service', id: 'orders-db' }), 'orders-db');
    assert.equal(text({ type: 'boundary', id: 'pci' }), 'pci');
    assert.match(SHOP.slice(definitionOf(model, { type: "flow", id: "charge" })!.range.start), /^to: stripe\.api/);
    assert.equal(definitionOf(model, { type: 'service', id: 'nope' }), undefined);
  });
});

describe('syntaxProblem', () => {
  it('tells a model that does not parse from one that merely has errors', () => {
    assert.equal(syntaxProblem(model), undefined);
    assert.equal(syntaxProblem(analyzeYaml('moat: 1\nname: [broken\n').model)?.file, MODEL_FILE);
    assert.equal(syntaxProblem(analyzeYaml('moat: 1\nname: x\nservices:\n  a: { kind: service, boundary: nowhere }\n').model), undefined);
  });
});
