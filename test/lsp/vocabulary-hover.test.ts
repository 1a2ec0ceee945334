// Hover over the language's own words: what a kind, a control or a protocol means.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { vocabularyMarkdown } from '../../server/src/service/hover.js';
import { yaml } from '../helpers.js';

const MODEL = yaml`
  moat: 1
  name: shop
  controls: { secret-scanning: true }
  services:
    git:
      kind: repository
      boundary: tools
      controls:
        hardening: cis-level-1
    build: { kind: ci, boundary: tools, controls: { image-scanning: true }, calls: [{ to: git, protocol: ssh, auth: token }] }
`;

/** The hover at the first occurrence of `needle`, `into` characters in. */
function hoverAt(needle: string, into = 1) {
  const at = MODEL.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = vocabularyMarkdown(MODEL, at + into);
  return h && { markdown: h.markdown, word: MODEL.slice(h.start, h.end) };
}

describe('hover on the vocabulary', () => {
  it('says what a kind means, new delivery-pipeline kinds included', () => {
    assert.deepEqual(hoverAt('repository'), { word: 'repository', markdown: '**repository** (kind): source code hosting: a Git server (delivery pipeline)' });
    assert.equal(hoverAt('kind: ci', 7)?.markdown, '**ci** (kind): a build and deployment pipeline: a CI/CD server and its agents (delivery pipeline)');
  });

  it('says what a control means and where it stands, in block and flow style', () => {
    assert.deepEqual(hoverAt('hardening'), {
      word: 'hardening',
      markdown: '**hardening** (control): a hardened baseline for the host or platform, such as a CIS benchmark. Stands on a component, system-wide.',
    });
    assert.equal(hoverAt('image-scanning')?.markdown,
      '**image-scanning** (control): container images are scanned for known vulnerabilities. Stands on a component, system-wide; meant for `ci`.');
    assert.equal(hoverAt('secret-scanning')?.word, 'secret-scanning');
  });

  it('says what a protocol implies about encryption', () => {
    assert.equal(hoverAt('ssh')?.markdown, '**ssh** (protocol): encrypted (`tls`) unless `tls:` says otherwise');
  });

  it('is silent on ids and free text', () => {
    assert.equal(hoverAt('git:'), undefined);
    assert.equal(hoverAt('cis-level-1'), undefined);
    assert.equal(hoverAt('name: shop', 7), undefined);
  });
});
