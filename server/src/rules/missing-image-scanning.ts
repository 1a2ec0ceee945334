import { defineRule } from './rule.js';
import { reportContainerControlGaps } from './util.js';

export default defineRule({
  id: 'missing-image-scanning',
  title: 'Container images are not scanned',
  category: 'containers',
  severity: 'low',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.runtime?.image, c.controls],
  cwe: 1104,
  fix: 'Add `image-scanning: true` to the top-level `controls:` (or, for a component that switches it off, set it back to `true`).',
  messages: {
    system: 'No `image-scanning` control covers the container images of {containers}{off}: known vulnerabilities in their packages go unnoticed. Add `image-scanning: true` to the top-level `controls:`.',
    systemOff: 'The system-wide `image-scanning` control is `false`, so known vulnerabilities in the container images of {containers}{off} go unnoticed. Scan images in the pipeline and the registry, and set `image-scanning: true`.',
    optedOut: '{containers} {verb} `image-scanning` off, and the system-wide control cannot cover what a component switches off: known vulnerabilities in {their} images go unnoticed. Scan {them} like the others, or accept the finding with the reason.',
  },
  docs: {
    checks: 'Components that run container images (`runtime.image`) for which `image-scanning` is not in force. When the system-wide control is not on, one finding on `system` lists the containers that do not set it themselves. Containers that set `image-scanning: false` are named in that finding; when the system-wide control is on and only such containers are uncovered, the finding (still on `system`) points at the first one\'s `false`.',
    attack: 'Base images and OS packages age: an image built a year ago carries every vulnerability published since (OpenSSL, glibc, log4j in a bundled JAR). Without scanning nobody learns that a running image is exploitable until it is exploited.',
    fix: 'Scan images in the pipeline before they are pushed, and continuously in the registry (Trivy, Grype, Clair, the registry\'s own scanner), failing builds on fixable high-severity issues; then write `image-scanning: true` in the top-level `controls:`.',
    falsePositives: 'Distroless or scratch images with a single static binary have little to scan, but the binary\'s own dependencies still need scanning (`dependency-scanning`); accept only with that reason.',
    practice: 'Know and patch the vulnerable components you ship (OWASP Top 10 A06: vulnerable and outdated components).',
    decisions: [
      'A *container* is a component whose `runtime` names an `image`; a model without one yields nothing.',
      'The system-wide finding is reported once, on `system`, when the system-wide control is absent or `false` and some container does not set the control itself; a container that sets it `true` is covered on its own.',
      'Every finding of this rule is on `system`, as the catalogue\'s target for it says: a container that sets `image-scanning: false` is named in the system finding (and, when it is the only gap, the finding points at its `false`), so that the rule and the target are never ambiguous.',
    ],
  },
}, (ctx) => reportContainerControlGaps(ctx, 'image-scanning'));
