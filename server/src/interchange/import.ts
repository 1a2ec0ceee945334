// `moat import` of another tool's model: which format a file is, and the model it gives.
// The deployment files of deployment.md are recognised by the import command itself; this
// answers for Threagile (`threagile_version:`) and OTM (`otmVersion:`).

import { writeModel } from '../import/write.js';
import type { ImportedFlow, ImportedModel, ImportedService } from '../import/imported.js';
import type { DraftModel, ImportReport } from './draft.js';
import { formatReport } from './draft.js';
import { topLevelKeys } from './input.js';
import { importThreagile, isThreagile } from './threagile.js';
import { importOtm, isOtm } from './otm/import.js';

export type InterchangeFormat = 'threagile' | 'otm';

/** The keys that say which tool a file is from, written at the start of a line or of a JSON object's member. */
const SIGNATURE = /(?:^|[{,])\s*"?(?:threagile_version|otmVersion)"?\s*:/m;

/** The tool whose model `text` is, from its top-level keys; undefined for anything else. */
export function interchangeFormat(text: string): InterchangeFormat | undefined {
  // Deployment files (rendered charts of megabytes) are not parsed here only to be parsed again.
  if (!SIGNATURE.test(text)) return undefined;
  const keys = topLevelKeys(text);
  if (isThreagile(keys)) return 'threagile';
  if (isOtm(keys)) return 'otm';
  return undefined;
}

export interface InterchangeImport {
  format: InterchangeFormat;
  draft: DraftModel;
  report: ImportReport;
  /** The model, as YAML. */
  text: string;
  /** The summary for standard error. */
  summary: string;
}

/** Imports `text` (the contents of `file`) when it is a Threagile or OTM document; throws ImportError when it cannot be read. */
export function importInterchange(text: string, file: string, options: { name?: string; cwd?: string } = {}): InterchangeImport | undefined {
  const format = interchangeFormat(text);
  if (!format) return undefined;
  const { model, report } = format === 'threagile' ? importThreagile(text, file, options.cwd) : importOtm(text, file, options.cwd);
  if (options.name !== undefined) model.name = options.name;
  return { format, draft: model, report, text: writeModel(withoutEmptyLists(model)), summary: formatReport(model, report) };
}

/** The writer writes what it is given: a flow that carries no data known to the model says nothing about data. */
function withoutEmptyLists(model: DraftModel): ImportedModel {
  return {
    ...model,
    services: model.services.map((s): ImportedService => ({
      ...s,
      calls: s.calls.map((f): ImportedFlow => ((f.data?.length ?? 0) > 0 ? f : { ...f, data: undefined })),
    })),
  };
}
