// A fix finds the collection or scalar that starts at an offset by going down the nodes that hold
// the offset, not by visiting every node of the document: the same node as a visit of all of
// them, in the same order, finds first.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import { collectionAt, parseYaml, scalarAt } from '../../server/src/fix/text.js';
import { generateDenseModel } from '../../bench/generate.js';

/** Every collection and scalar, depth first: what the fixes searched before. */
function* everyNode(node: unknown, parent?: Pair): Generator<{ node: YamlNode; parent?: Pair }> {
  if (isMap(node)) {
    yield { node, parent };
    for (const pair of node.items) {
      if (isScalar(pair.key)) yield { node: pair.key, parent: pair };
      yield* everyNode(pair.value, pair);
    }
  } else if (isSeq(node)) {
    yield { node, parent };
    for (const item of node.items) yield* everyNode(item);
  } else if (isScalar(node)) yield { node, parent };
}

const collectionByVisit = (doc: Document, start: number, kind: 'map' | 'seq') =>
  [...everyNode(doc.contents)].find(({ node }) => node.range?.[0] === start && (kind === 'map' ? isMap(node) : isSeq(node)))?.node;
const scalarByVisit = (doc: Document, start: number) =>
  [...everyNode(doc.contents)].find(({ node }) => isScalar(node) && node.range?.[0] === start);

const TEXTS = [
  fs.readFileSync('samples/web-shop.moat.yaml', 'utf8'),
  fs.readFileSync('samples/saas-platform.moat.yaml', 'utf8'),
  generateDenseModel(8),
  'a: { b: [1, { c: d }], e: "f # g" }   # h\nlist:\n  - - x\n    - y\n  - k: v\n    m: |\n      text\n',
];

describe('the node that starts at an offset', () => {
  for (const [i, text] of TEXTS.entries()) {
    it(`is the one a visit of every node finds first: text ${i + 1}`, () => {
      const doc = parseYaml(text);
      const starts = new Set<number>();
      for (const { node } of everyNode(doc.contents)) if (node.range) starts.add(node.range[0]);
      for (const start of starts) {
        assert.equal(collectionAt(doc, start, 'map'), collectionByVisit(doc, start, 'map'), `map at ${start}`);
        assert.equal(collectionAt(doc, start, 'seq'), collectionByVisit(doc, start, 'seq'), `list at ${start}`);
        const hit = scalarAt(doc, start);
        const expected = scalarByVisit(doc, start);
        assert.equal(hit?.node, expected?.node, `scalar at ${start}`);
        assert.equal(hit?.parent, expected?.parent, `parent of the scalar at ${start}`);
      }
      fc.assert(fc.property(fc.nat(text.length), (offset) => {
        assert.equal(collectionAt(doc, offset, 'map'), collectionByVisit(doc, offset, 'map'));
        assert.equal(scalarAt(doc, offset)?.node, scalarByVisit(doc, offset)?.node);
      }), { numRuns: 200 });
    });
  }
});
