// Offsets and line/character positions, both ways, against a count over the characters.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/util/lines.js';

describe('LineIndex', () => {
  it('puts every offset on the line and character a count over the text gives, and back', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', ' ', '\n', '\r\n', 'é', '😀'), { maxLength: 60 }).map((xs) => xs.join('')), (text) => {
      const index = new LineIndex(text);
      assert.equal(index.lineCount, text.split('\n').length);
      let line = 0;
      let character = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        assert.deepEqual(index.position(offset), { line, character });
        assert.equal(index.offset(line, character), offset);
        if (text.charCodeAt(offset) === 10) {
          line++;
          character = 0;
        } else character++;
      }
    }));
  });

  it('clamps what lies outside the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.position(-3), { line: 0, character: 0 });
    assert.deepEqual(index.position(99), { line: 1, character: 2 });
    assert.equal(index.offset(0, 99), 2);
    assert.equal(index.offset(7, 0), 5);
    assert.equal(index.lineStart(1), 3);
  });
});
