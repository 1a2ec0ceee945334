// The cases the property test of quick fixes (fixes-properties.test.ts) found, each reduced to a
// model small enough to read, with the exact text after the fix.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeYaml, MODEL_FILE, yaml } from '../helpers.js';
import { applyEdits, fixesFor } from '../../server/src/fix/fixes.js';
import { createMoatService } from '../../server/src/service/index.js';
import { UriMap } from '../../server/src/lsp/uris.js';
import { codeActions, resolveCodeAction } from '../../server/src/lsp/actions.js';
import { diagnosticsFor } from '../../server/src/lsp/diagnostics.js';

function fixed(model: string, rule: string, title: string): string {
  const analysis = analyzeYaml(model);
  const finding = analysis.findings.find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding`);
  const fix = fixesFor(analysis, finding).find((f) => f.title === title);
  assert.ok(fix, `no fix «${title}»: ${fixesFor(analysis, finding).map((f) => f.title).join(' | ')}`);
  assert.ok(fix.edits.every((e) => e.file === MODEL_FILE));
  return applyEdits(model, fix.edits);
}

const HOLDER = 'services:\n  deployer:\n    kind: service\n    boundary: c\n    roles: [ops]\n    calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }]\n  db: { kind: database, boundary: c }\n';

describe('quick fixes: cases the property test found', () => {
  it('over-privileged-role: the broad grant is replaced by the used ones, not kept beside them', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { c: { trust: internal } }
      roles:
        ops:
          grants:
            # break-glass access, reviewed monthly
            "*": [read, execute]   # too broad
    ` + HOLDER;
    const after = fixed(model, 'over-privileged-role', 'Set `grants: { db: [read] }`');
    assert.equal(after, model.replace('      "*": [read, execute]   # too broad\n', '      db: [read]\n'));
    assert.deepEqual(analyzeYaml(after).findings.filter((f) => f.rule === 'over-privileged-role' || f.rule.startsWith('model/')), []);
  });

  it('over-privileged-role in a flow map: the broad grant gives way to the used ones', () => {
    const model = `moat: 1\nname: shop\nboundaries: { c: { trust: internal } }\nroles:\n  ops: { grants: { "*": [read, execute] } }\n${HOLDER}`;
    assert.equal(fixed(model, 'over-privileged-role', 'Set `grants: { db: [read] }`'),
      model.replace('{ grants: { "*": [read, execute] } }', '{ grants: { db: [read] } }'));
  });

  it('a comment line inside a block list that a fix narrows stays', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { c: { trust: internal } }
      roles:
        r:
          grants:
            db:
              - read
              # writes go through the migration job
              - write
      services:
        a: { kind: service, boundary: c, roles: [r], calls: [{ to: db, protocol: postgres, tls: tls, auth: password, access: read }] }
        db: { kind: database, boundary: c }
    `;
    assert.equal(fixed(model, 'unused-grant', 'Set `grants.db: [read]`'),
      model.replace('        - read\n        # writes go through the migration job\n        - write\n', '        - read\n        # writes go through the migration job\n'));
  });

  it('removing an unused element keeps the comment lines among its lines; the one at the end of a removed line goes', () => {
    const model = yaml`
      moat: 1
      name: shop
      data:
        order: { classification: internal }
        catalog:
          # the product catalogue, public since 2024
          classification: public   # was internal
      services:
        a: { kind: user }
        db: { kind: database, boundary: internet, stores: [order] }
    `;
    assert.equal(fixed(model, 'unused-data', 'Remove the unused data asset `catalog`'),
      model.replace('  catalog:\n    # the product catalogue, public since 2024\n    classification: public   # was internal\n', '    # the product catalogue, public since 2024\n'));
  });

  it('"Fix all … findings" names only the findings it fixes', async () => {
    // Two unused-grant findings: one narrows a grant (decided by the rule alone), one removes a
    // grant (offered one by one); a third narrows another grant.
    const text = yaml`
      moat: 1
      name: shop
      boundaries: { c: { trust: internal } }
      roles:
        r:
          grants:
            db: [read, write]
            cache: [read, write]
            logs: [read]
      services:
        a:
          kind: service
          boundary: c
          roles: [r]
          calls:
            - { to: db, protocol: postgres, tls: tls, auth: password, access: read }
            - { to: cache, protocol: redis, tls: tls, auth: password, access: read }
        db: { kind: database, boundary: c }
        cache: { kind: cache, boundary: c }
        logs: { kind: storage, boundary: c }
    `;
    const uri = 'file:///moat-robustness-nowhere/all.moat.yaml';
    const service = createMoatService();
    const uris = new UriMap();
    service.setDocument(uris.pathOf(uri), text, 1);
    const results = await service.analysesOf(uris.pathOf(uri));
    const diagnostics = diagnosticsFor(uris.pathOf(uri), results).filter((d) => d.code === 'unused-grant');
    assert.equal(diagnostics.length, 3);
    const ask = (resolveEdits: boolean) => codeActions({
      service, uris, acceptStyle: 'entry', clientCommands: new Set(), resolveEdits,
      params: { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } },
    });
    const title = 'Fix all unused-grant findings in this file';
    // Offered without its edit to a client that resolves it; the same action, once resolved, as one computed up front.
    const offered = (await ask(true)).find((a) => a.title === title);
    assert.ok(offered && offered.edit === undefined, 'offered unresolved');
    const resolved = await resolveCodeAction(service, uris, offered);
    const all = (await ask(false)).find((a) => a.title === title);
    assert.ok(all, 'computed up front without resolve support');
    assert.deepEqual(resolved.edit, all.edit);
    assert.deepEqual(resolved.diagnostics, all.diagnostics);
    const named = (all.diagnostics ?? []).map((d) => text.split('\n')[d.range.start.line].trim());
    assert.deepEqual(named, ['db: [read, write]', 'cache: [read, write]']);
  });
});
