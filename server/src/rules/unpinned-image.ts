import { defineRule } from './rule.js';

/** The tag of an image reference, or undefined. A colon before the last `/` is a registry port. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : undefined;
}

export default defineRule({
  id: 'unpinned-image',
  title: 'Unpinned container image',
  category: 'containers',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 494,
  messages: {
    latest: '{service} runs `{image}`, tagged `latest`: each pull may bring a different image. Pin it by digest (`@sha256:…`), or at least to a version tag.',
    untagged: '{service} runs `{image}` with no tag and no digest, which means `latest`: each pull may bring a different image. Pin it by digest (`@sha256:…`), or at least to a version tag.',
  },
  docs: {
    checks: 'A component whose `runtime.image` has no digest (`@sha256:…`) and whose tag is `latest` or absent.',
    attack: 'A moving tag lets whatever is pushed under it next run in production: a compromised registry account or upstream project, a typo-squatted base image, or simply an untested release. Nobody can tell afterwards which code ran, and a rollback may pull the same bad image again.',
    fix: 'Reference images by digest (`registry.example.com/orders@sha256:…`), updated by a bot (Renovate, Dependabot) that opens a reviewed change for each new version; a version tag (`orders:1.4.2`) is the least.',
    falsePositives: 'An image built and deployed by the same pipeline run, where the tag is only a label, is still pulled by tag by the cluster; there is no false positive for `latest` in production. For local development models, accept the finding with that reason.',
    practice: 'Supply-chain integrity: deploy immutable, reviewed artefacts (SLSA; Kubernetes configuration best practices advise against `latest` in production).',
    decisions: [
      'Only `latest` and a missing tag fire, as the catalogue says. Other tags (`1.4`, `stable`) are mutable too, but they name a release line that someone chose; flagging them would make the rule fire on nearly every image.',
      'A colon in the registry part (`localhost:5000/app`) is a port, not a tag: only a colon in the last path part starts a tag.',
      'A malformed digest is a `model/type` error, not this rule\'s; an image with any `@` is treated as pinned here.',
      'A `platform: lambda` image counts: Lambda pins the digest when the function is published, but the model says what is deployed.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.containers()) {
    const image = service.runtime!.image!;
    if (image.includes('@')) continue;
    const tag = imageTag(image);
    if (tag !== undefined && tag !== 'latest') continue;
    report({
      element: service, at: { prop: 'runtime', entry: 'image', entryPart: 'value' },
      messageId: tag === undefined ? 'untagged' : 'latest', args: { service: service.id, image },
    });
  }
});
