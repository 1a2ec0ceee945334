import { defineRule } from './rule.js';
import { everyWorkloadHas } from './util.js';

export default defineRule({
  id: 'missing-sbom',
  title: 'No software bill of materials',
  category: 'pipeline',
  severity: 'low',
  target: 'system',
  stride: ['T'],
  reads: (c) => [c.kind, c.controls],
  cwe: 1104,
  fix: 'Add `sbom: true` to the top-level `controls:`.',
  messages: {
    absent: 'No `sbom` control: when the next critical library vulnerability is published, nobody can tell quickly which components ship it. Generate an SBOM for each build and add `sbom: true` to the top-level `controls:`.',
    off: 'The system-wide `sbom` control is `false`: when the next critical library vulnerability is published, nobody can tell quickly which components ship it. Generate an SBOM for each build and set it to `true`.',
  },
  docs: {
    checks: 'The model has no system-wide `sbom` control that is on (absent, or `false`). Reported once, on `system`.',
    attack: 'On the day a vulnerability like log4shell is published, attackers scan for it within hours. Without a bill of materials for every build, finding which services ship the library takes days of searching repositories and images, and the ones forgotten stay exploitable.',
    fix: 'Generate an SBOM (CycloneDX or SPDX, with Syft, cdxgen or the build tool\'s plugin) for every artefact, store it with the artefact (an OCI attestation), and query it when advisories appear (Dependency-Track, GUAC); then write `sbom: true` in the top-level `controls:`.',
    falsePositives: 'SBOMs that exist but are not written in the model; write them.',
    practice: 'Know what you ship: software bills of materials (US EO 14028, NTIA minimum elements, SLSA provenance).',
    decisions: [
      'Setting `sbom: true` on every workload counts as in place, the same as the system-wide control; a model without workloads needs the system-wide control.',
    ],
  },
}, ({ graph, report }) => {
  const control = 'sbom';
  if (graph.systemControl(control) || everyWorkloadHas(graph, control)) return;
  report({ element: 'system', messageId: graph.model.controls.has(control) ? 'off' : 'absent', data: { addControl: control, value: true, scope: 'system' } });
});
