import { defineRule } from './rule.js';
import { controlAt, flowName } from './util.js';
import type { Flow } from '../model/types.js';

export default defineRule({
  id: 'missing-input-validation',
  title: 'Missing input validation',
  category: 'exposure',
  severity: 'medium',
  target: 'service',
  scope: 'component',
  stride: ['T'],
  cwe: 20,
  fix: 'Add `input-validation: true` to the component\'s controls.',
  messages: {
    missing: '{service} accepts input from a less trusted boundary ({flows}) without `input-validation`, on the component or the flow. Add `input-validation: true` to its `controls:`.',
    disabled: '{service} accepts input from a less trusted boundary ({flows}) with `input-validation` off. Set `input-validation: true`.',
  },
  docs: {
    checks: 'A workload (`service`, `function`, `gateway`, `frontend`) that is called by flows entering from a boundary of lower trust, where neither the workload nor the flow has `input-validation`.',
    attack: 'Input from a less trusted zone is attacker-controlled: without validation against a schema (types, lengths, formats, allowed values) it reaches parsers, queries and templates as is, the root of injection, deserialisation and mass-assignment attacks.',
    fix: 'Validate every request that crosses into higher trust against a strict schema (OpenAPI, JSON Schema, protobuf with validation rules) and reject what does not fit, then record it with `input-validation: true` on the workload, or on the flow when only that route is validated.',
    falsePositives: 'Validation done by a component in front that the model does not show: accept the finding naming it.',
    practice: 'Treat input from a lower-trust zone as hostile; validate it at the boundary.',
    decisions: [
      'As the catalogue says, either one is enough: a workload with `input-validation` in force covers all its flows, and a flow with `input-validation: true` is covered even when the workload has none. The caller\'s own controls do not count: validation is the receiver\'s job.',
      'One finding per workload, naming the flows that lack validation; it points at `input-validation: false` when written on the workload, else at its `controls:` key, else at its id.',
    ],
  },
}, ({ graph, report }) => {
  for (const service of graph.components()) {
    if (!graph.isWorkload(service)) continue;
    if (graph.controlInForce(service, 'input-validation')) continue;
    const validated = (f: Flow) => f.controls.get('input-validation')?.enabled === true;
    const unvalidated = graph.inbound(service.id).filter((f) => graph.entersFromLowerTrust(f) && !validated(f));
    if (unvalidated.length === 0) continue;
    report({
      element: service, at: controlAt(service, 'input-validation'),
      messageId: service.controls.has('input-validation') ? 'disabled' : 'missing',
      args: { service: service.id, flows: unvalidated.map(flowName).join(', ') },
      data: { addControl: 'input-validation', value: true, scope: 'service' },
    });
  }
});
