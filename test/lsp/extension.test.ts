// The extension's declarative parts: every file package.json names exists, the grammar's
// patterns compile and mark what they should, YAML files are recognised as models by their
// first key.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isModelText } from '../../client/src/detect.js';
import {
  ACCESS_MODES, AUTH_METHODS, CLASSIFICATIONS, KINDS, TLS_MODES, TRUST_LEVELS,
} from '../../server/src/model/vocabulary.js';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes/moat.tmLanguage.json'), 'utf8'));

describe('extension manifest', () => {
  it('names files that exist', () => {
    const c = pkg.contributes;
    const files = [
      pkg.icon, ...c.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
      ...c.grammars.map((g: { path: string }) => g.path), ...c.snippets.map((s: { path: string }) => s.path),
    ];
    for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), `${f} is missing`);
  });

  it('activates only on model files and for a diagram panel VS Code restores (and its own commands, which VS Code implies), and declares the diagram and import commands', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:moat', 'onWebviewPanel:moat.diagram']);
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command),
      ['moat.openDiagramToSide', 'moat.exportDiagramSvg', 'moat.exportDiagramMarkdown', 'moat.importDeployment']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces, true);
  });

  it('contributes editor defaults for models, as the YAML extension does: suggestions in strings, none from words', () => {
    assert.deepEqual(pkg.contributes.configurationDefaults['[moat]'], {
      'editor.insertSpaces': true,
      'editor.tabSize': 2,
      'editor.quickSuggestions': { other: true, comments: false, strings: true },
      'editor.wordBasedSuggestions': 'off',
      'editor.autoIndent': 'keep',
    });
  });

  it('reads the settings the server reads', () => {
    const props = Object.keys(pkg.contributes.configuration.properties).sort();
    assert.deepEqual(props, ['moat.accept.style', 'moat.diagnostics.delay', 'moat.diagnostics.minSeverity', 'moat.outline.maxSymbols', 'moat.rules']);
  });
});

describe('grammar', () => {
  const rules: Record<string, { match: string }> = grammar.repository;
  const match = (rule: string, line: string) => new RegExp(rules[rule].match).exec(line);

  it('embeds YAML', () => assert.deepEqual(grammar.patterns, [{ include: 'source.yaml' }]));

  it('compiles every pattern', () => {
    for (const [name, rule] of Object.entries(rules)) assert.doesNotThrow(() => new RegExp(rule.match), name);
  });

  it('marks kinds, `none`, references and acceptance comments', () => {
    assert.equal(match('kind', '  web: { kind: gateway, boundary: edge }')?.[3], 'gateway');
    assert.equal(match('kind', '    kind: gateways'), null);
    assert.equal(match('none', '- { to: db, auth: none }')?.[3], 'none');
    assert.equal(match('reference', '      - to: orders-db')?.[3], 'orders-db');
    assert.equal(match('secret-reference', '  DB_PASSWORD: vault:secret/orders/db')?.[0], 'vault:secret/orders/db');
    assert.equal(match('accept-comment', '  # moat-accept missing-waf: the CDN filters')?.[2], 'missing-waf');
    assert.equal(match('version', 'moat: 1')?.[3], '1');
  });

  /** The words of a pattern's `(a|b|c)` alternation after `key:`. */
  const words = (rule: string) => /\(\?<!\[\\w-\]\)\([^)]*\)\(:\)\[ \\t\]\+\(([^)]*)\)/.exec(rules[rule].match)![1].split('|').sort();

  it('gives protocols and enum values scopes the default themes colour apart from plain strings', () => {
    // Dark+/Light+ colour `constant.language` and `support.type`; a scope they do not know falls
    // back to the YAML string around it, which is what a protocol looked like before.
    const valueScope = (rule: string) => (rules[rule] as unknown as { captures: Record<string, { name: string }> }).captures['3'].name;
    assert.deepEqual(['protocol', 'modes', 'levels', 'kind'].map(valueScope), [
      'constant.language.protocol.moat', 'constant.language.mode.moat', 'constant.language.level.moat', 'support.type.kind.moat',
    ]);
    assert.equal(match('protocol', '      - { to: orders, protocol: grpc, auth: jwt }')?.[3], 'grpc');
  });

  it('marks the words of the model vocabulary, and only those', () => {
    assert.deepEqual(words('kind'), [...KINDS].sort());
    assert.deepEqual(words('levels'), [...new Set([...TRUST_LEVELS, ...CLASSIFICATIONS])].sort());
    // `none` has its own pattern, which flags it.
    assert.deepEqual(words('modes'), [...new Set([...TLS_MODES, ...AUTH_METHODS, ...ACCESS_MODES])].filter((w) => w !== 'none').sort());
  });
});

describe('model detection', () => {
  it('recognises a model by its first key, after comments and a document marker', () => {
    assert.equal(isModelText('moat: 1\nname: x\n'), true);
    assert.equal(isModelText('# Our system\n\n---\nmoat: 1\n'), true);
    assert.equal(isModelText('name: x\nmoat: 1\n'), false);
    assert.equal(isModelText('apiVersion: v1\nkind: Pod\n'), false);
    assert.equal(isModelText(''), false);
  });
});
