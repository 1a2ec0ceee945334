// Quick fixes for drift findings, as edits to the model's text (editor-free, like server/src/fix/):
// add the missing component or flow exactly as `moat import --update` adds it, set the runtime
// values the deployment runs, or add `deployed-as:`. Each fix is one edit that only adds or
// changes what the finding is about; every comment and edit of the user stays.

import { isMap } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { Analysis } from '../analysis/analyze.js';
import type { Finding } from '../model/types.js';
import { updateModel } from '../import/update.js';
import type { ImportedService } from '../import/imported.js';
import { removeFromMap, setInChildMap, setInMap } from '../fix/edits.js';
import { applyEdits, collectionAt, pairOf, parseAround } from '../fix/text.js';
import type { Fix, TextEdit } from '../fix/fixes.js';
import type { DriftView } from './view.js';

/** The fixes of a drift finding, against the deployment it was found with. */
export function driftFixes(analysis: Analysis, finding: Finding, view: DriftView): Fix[] {
  if (finding.accepted || !finding.rule.startsWith('drift/') || !finding.data) return [];
  try {
    switch (finding.rule) {
      case 'drift/missing-component': return 'imported' in finding.data ? addFromDeployment(analysis, view, finding.data.imported, undefined) : [];
      case 'drift/missing-flow': return 'from' in finding.data ? addFromDeployment(analysis, view, finding.data.from, finding.data.to) : [];
      case 'drift/runtime': return setRuntime(analysis, finding);
      case 'drift/unknown-component': return addDeployedAs(analysis, finding, view);
    }
  } catch {
    // A fix that cannot be computed is not offered.
  }
  return [];
}

/** One edit from `before` to `after`: what lies between their common start and common end. */
function diffEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function addFromDeployment(analysis: Analysis, view: DriftView, id: string, to: string | undefined): Fix[] {
  const file = analysis.model.rootFile;
  const text = analysis.model.files.get(file)?.text;
  const service = view.imported.services.find((s) => s.id === id);
  if (text === undefined || !service) return [];
  // A flow alone: the caller's other flows and runtime are not this fix's business.
  const only: ImportedService = to === undefined ? service : { ...service, runtime: undefined, calls: service.calls.filter((f) => f.to === to) };
  const { text: after } = updateModel(text, { ...view.imported, services: [only] });
  const edit = diffEdit(text, after);
  if (!edit) return [];
  const title = to === undefined ? `Add \`${id}\` from the deployment (as moat import --update)` : `Add the flow to \`${to}\` from the deployment (as moat import --update)`;
  return [{ title, edits: [{ file, ...edit }], safe: true, preferred: true }];
}

function serviceMap(text: string, finding: Finding, analysis: Analysis): YAMLMap | undefined {
  const s = analysis.model.services.get(finding.target);
  if (!s) return undefined;
  const map = collectionAt(parseAround(text, s.src.node.start), s.src.node.start, 'map');
  return isMap(map) ? map : undefined;
}

function setRuntime(analysis: Analysis, finding: Finding): Fix[] {
  if (!finding.data || !('set' in finding.data)) return [];
  const set = finding.data.set;
  const s = analysis.model.services.get(finding.target);
  const before = s && analysis.model.files.get(s.src.file)?.text;
  if (!s || before === undefined) return [];
  let text = before;
  // One key at a time, each against the text the previous one left.
  for (const [key, value] of Object.entries(set)) {
    const map = serviceMap(text, finding, analysis);
    if (!map) return [];
    let edit: TextEdit | undefined;
    if (value === null) {
      const runtime = pairOf(map, 'runtime')?.value;
      if (isMap(runtime)) edit = removeFromMap(text, runtime, key);
    } else {
      edit = setInChildMap(text, map, 'runtime', key, value);
    }
    if (edit) text = applyEdits(text, [edit]);
  }
  const edit = diffEdit(before, text);
  if (!edit) return [];
  return [{ title: 'Set the runtime values the deployment runs', edits: [{ file: s.src.file, ...edit }], safe: false, preferred: true }];
}

function addDeployedAs(analysis: Analysis, finding: Finding, view: DriftView): Fix[] {
  const s = analysis.model.services.get(finding.target);
  const text = s && analysis.model.files.get(s.src.file)?.text;
  if (!s || text === undefined) return [];
  const out: Fix[] = [];
  const candidates = finding.data && 'candidates' in finding.data ? finding.data.candidates : [];
  for (const id of candidates) {
    const names = view.imported.services.find((x) => x.id === id)?.deployedAs ?? [id];
    const map = serviceMap(text, finding, analysis);
    const edit = map && setInMap(text, map, 'deployed-as', names.length === 1 ? names[0] : names);
    if (edit) out.push({ title: `Set \`deployed-as: ${names.join(', ')}\``, edits: [{ file: s.src.file, ...edit }], safe: false });
  }
  return out;
}
