// The outline the language server sends after a series of edits equals the outline of the same
// text sent by a server that never saw the earlier ones: what is kept from one answer to the next
// (per unit in the service, per symbol in the LSP conversion) never shows a stale position.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMoatService } from '../../server/src/service/index.js';
import { documentSymbols } from '../../server/src/lsp/features.js';
import { UriMap, pathToUri } from '../../server/src/lsp/uris.js';
import { generateDenseModel } from '../../bench/generate.js';

const FILE = '/m/outline.moat.yaml';

function fresh(text: string, max: number) {
  const service = createMoatService();
  service.setDocument(FILE, text, 1);
  return documentSymbols(service, new UriMap(), pathToUri(FILE), max);
}

describe('the outline after edits', () => {
  it('equals a fresh server\'s, whatever the edits, within the limit or not', () => {
    const base = generateDenseModel(4);
    const edit = fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 12 }),
      // Some the same length as what they replace, with line breaks: every unit after stays at its offset but not at its line.
      text: fc.constantFrom('', 'x', '\n', '\n\n', '  ', '\n  extra:\n    kind: service\n', '    calls: [{ to: svc-1 }]\n', '# c\n', ':'),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), fc.constantFrom(5000, 12), (edits, max) => {
      const service = createMoatService();
      const uris = new UriMap();
      const uri = pathToUri(FILE);
      let text = base;
      service.setDocument(FILE, text, 1);
      assert.deepEqual(documentSymbols(service, uris, uri, max), fresh(text, max));
      for (const [k, e] of edits.entries()) {
        const at = e.at % (text.length + 1);
        // Half the time the edit replaces exactly as many characters as it writes.
        const del = k % 2 === 0 ? e.text.length : e.del;
        text = text.slice(0, at) + e.text + text.slice(at + del);
        service.setDocument(FILE, text, k + 2);
        assert.deepEqual(documentSymbols(service, uris, uri, max), fresh(text, max));
      }
    }), { numRuns: 80 });
  });
});
