// The bench sends an edit as VS Code does to a server that syncs incrementally: the one changed
// range. Applied to the text before, it must give the text after, whatever the edit.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changeBetween } from '../../bench/lsp.js';

describe('bench: the change an edit is sent as', () => {
  it('is the changed range and its new text', () => {
    assert.deepEqual(changeBetween('a: 1\nb: 2\n', 'a: 1\nb: 23\n'), { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: '3' });
    assert.deepEqual(changeBetween('tls: mtls\n', 'tls: none\n'), { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } }, text: 'none' });
    assert.deepEqual(changeBetween('x\ny\n', 'x\n'), { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' });
  });

  it('turns the text before into the text after when applied, for any edit', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ', 'é'), maxLength: 40 });
    fc.assert(fc.property(text, text, (before, after) => {
      const doc = TextDocument.create('file:///x', 'yaml', 1, before);
      TextDocument.update(doc, [changeBetween(before, after)], 2);
      assert.equal(doc.getText(), after);
    }), { numRuns: 500 });
  });
});
