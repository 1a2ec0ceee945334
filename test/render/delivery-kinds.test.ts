// The delivery pipeline in the diagram: each of its kinds has its own shape, and all three share
// one fill so what builds and ships the code stands out; the legend names them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, yaml } from '../helpers.js';
import { buildDiagram } from '../../server/src/render/diagram.js';
import { LEGEND, PIPELINE_FILL, toMermaid } from '../../server/src/render/mermaid.js';
import { KINDS } from '../../server/src/model/vocabulary.js';

const PIPELINE = yaml`
  moat: 1
  name: Delivery
  boundaries: { tools: { trust: internal } }
  services:
    git: { kind: repository, boundary: tools }
    build: { kind: ci, boundary: tools, calls: [{ to: git, protocol: ssh, auth: token, access: read }, { to: images, protocol: https, auth: token, access: write }] }
    images: { kind: registry, boundary: tools }
`;

describe('the delivery pipeline in the diagram', () => {
  // No rules: the labels show only names and kinds.
  const { text } = toMermaid(buildDiagram(analyzeYaml(PIPELINE, { catalogue: [] })));

  it('draws a repository as a cylinder, a ci as a left-leaning parallelogram, a registry as a circle', () => {
    assert.match(text, /s_git\[\("git<br>repository"\)\]/);
    assert.match(text, /s_build\[\\"build<br>ci"\\\]/);
    assert.match(text, /s_images\(\("images<br>registry"\)\)/);
  });

  it('fills all three in the pipeline colour', () => {
    for (const kind of ['repository', 'ci', 'registry']) {
      assert.ok(text.includes(`  classDef kind_${kind} fill:${PIPELINE_FILL},color:#3e2723\n`), kind);
    }
    assert.match(text, /class s_git kind_repository\n/);
    assert.match(text, /class s_build kind_ci\n/);
  });

  it('has a legend entry for every kind of the vocabulary', () => {
    const named = new Set(LEGEND.kinds.flatMap(([kinds]) => kinds.split(', ')));
    assert.deepEqual(KINDS.filter((k) => !named.has(k)), []);
  });
});
