import { defineRule } from './rule.js';
import { reportContainerControlGaps } from './util.js';

export default defineRule({
  id: 'missing-image-signing',
  title: 'Container images are not signed',
  category: 'containers',
  severity: 'low',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.runtime?.image, c.controls],
  cwe: 347,
  fix: 'Add `image-signing: true` to the top-level `controls:` (or, for a component that switches it off, set it back to `true`).',
  messages: {
    system: 'No `image-signing` control covers the container images of {containers}{off}: nothing verifies that what runs is what your pipeline built. Add `image-signing: true` to the top-level `controls:`.',
    systemOff: 'The system-wide `image-signing` control is `false`, so nothing verifies that the container images of {containers}{off} are what your pipeline built. Sign images in the pipeline, verify them at admission, and set `image-signing: true`.',
    optedOut: '{containers} {verb} `image-signing` off, and the system-wide control cannot cover what a component switches off: {their} images run without their signatures being verified. Verify {them} like the others, or accept the finding with the reason.',
  },
  docs: {
    checks: 'Components that run container images (`runtime.image`) for which `image-signing` is not in force. When the system-wide control is not on, one finding on `system` lists the containers that do not set it themselves. Containers that set `image-signing: false` are named in that finding; when the system-wide control is on and only such containers are uncovered, the finding (still on `system`) points at the first one\'s `false`.',
    attack: 'Without signature verification the cluster runs whatever image a tag or digest resolves to in the registry. An attacker with push access to the registry, or in the path to it, substitutes an image with a backdoor, and it runs with the workload\'s credentials.',
    fix: 'Sign images in the pipeline (Sigstore cosign, Notation) and verify signatures at admission (Kyverno, Sigstore policy-controller, Connaisseur, ECR/ACR signing policies); then write `image-signing: true` in the top-level `controls:`.',
    falsePositives: 'Third-party images that are not signed by their publisher cannot be verified by signature; mirror them into your registry and sign the mirror, or accept the finding for that component with the reason.',
    practice: 'Supply-chain integrity: only images your pipeline built and signed may run (SLSA, Sigstore).',
    decisions: [
      'A *container* is a component whose `runtime` names an `image`; a model without one yields nothing.',
      'The system-wide finding is reported once, on `system`, when the system-wide control is absent or `false` and some container does not set the control itself; a container that sets it `true` is covered on its own.',
      'Every finding of this rule is on `system`, as the catalogue\'s target for it says: a container that sets `image-signing: false` is named in the system finding (and, when it is the only gap, the finding points at its `false`), so that the rule and the target are never ambiguous.',
    ],
  },
}, (ctx) => reportContainerControlGaps(ctx, 'image-signing'));
