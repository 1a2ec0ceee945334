// The `model/…` rules: problems with the model itself rather than with the system it describes.

import type { Finding, FixIntent, Severity, TextRange } from './types.js';

export interface ModelRuleMeta {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  mitigation: string;
}

export const MODEL_RULES: readonly ModelRuleMeta[] = [
  {
    id: 'model/syntax', title: 'YAML syntax error', severity: 'high',
    description: 'The file is not valid YAML (or holds more than one document). Moat reads what the parser could recover and reports the rest.',
    mitigation: 'Fix the YAML at the position shown: indentation, an unclosed quote or bracket, a tab.',
  },
  {
    id: 'model/version', title: 'Missing or unsupported language version', severity: 'high',
    description: 'A model starts with `moat: 1`, the version of the language it is written in.',
    mitigation: 'Add `moat: 1` as the first key.',
  },
  {
    id: 'model/type', title: 'Wrong type or value', severity: 'high',
    description: 'A key holds a value of the wrong type, a value outside the allowed ones, or a required key is missing.',
    mitigation: 'Use one of the allowed values named in the message.',
  },
  {
    id: 'model/unknown-key', title: 'Unknown key', severity: 'medium',
    description: 'A key that the Moat language does not define; usually a misspelling, which silently drops what it was meant to say.',
    mitigation: 'Rename it to the suggested key, or remove it.',
  },
  {
    id: 'model/unresolved-reference', title: 'Unresolved reference', severity: 'high',
    description: 'A reference (`to:`, `boundary:`, `data:`, `stores:`, `roles:`, a grant target, `within:`, `shared-with:`) names an id that no section declares.',
    mitigation: 'Use the suggested id, or declare the element.',
  },
  {
    id: 'model/duplicate-id', title: 'Duplicate id', severity: 'high',
    description: 'An id is declared twice in one section (possibly in two included files); ids must be unique so that every reference is unambiguous.',
    mitigation: 'Rename or remove one of the two.',
  },
  {
    id: 'model/include', title: 'Include problem', severity: 'high',
    description: 'An `include:` entry names a file that cannot be read, a pattern that matches nothing, or forms a cycle of includes.',
    mitigation: 'Fix the path, or break the cycle.',
  },
  {
    id: 'model/deployment', title: 'Deployment problem', severity: 'high',
    description: 'An entry of `deployment:` in `.moatrc.yaml` names a file or folder that does not exist, a pattern that matches nothing, or files that cannot be read as docker-compose or Kubernetes: drift is checked against the other entries only.',
    mitigation: 'Fix the path, or the file it names (the message gives the file and line that cannot be read).',
  },
  {
    id: 'model/missing-boundary', title: 'Component without a boundary', severity: 'high',
    description: 'Every component but users and externals sits in a trust boundary; without one, no rule can judge its exposure.',
    mitigation: 'Add `boundary:` with the id of the zone it runs in.',
  },
];

const SEVERITY_OF = new Map(MODEL_RULES.map((r) => [r.id, r.severity]));

export function modelProblem(rule: string, file: string, range: TextRange, message: string, data?: FixIntent): Finding {
  const severity = SEVERITY_OF.get(rule) ?? 'high';
  // Model errors have no element to name; the file and the message keep them apart across line moves.
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const target = `${base}:${hash(message)}`;
  return { rule, severity, message, file, range, target, fingerprint: `${rule}@${target}`, data };
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
