// `moat/importDeployment`: the editor's "Moat: Import from Deployment Files…" asks the engine
// service for `moat import` here, in the server, so the client bundle carries no engine. The
// deployment files are read from disk (the command is offered for `file:` workspaces only).

import { RequestType } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { summaryLines } from '../import/run.js';
import type { MoatService } from '../service/index.js';
import { DeploymentError } from '../deployment/types.js';

export const IMPORT_REQUEST = 'moat/importDeployment';

export interface ImportParams {
  /** Absolute paths of the files and folders picked. */
  paths: string[];
  /** The folder that names are relative to (where the model will be written). */
  cwd: string;
  name?: string;
}

/** The model's text and the summary lines, or the one line that says why nothing was imported. */
export type ImportResult = { text: string; summary: string[] } | { error: string };

export function importForEditor(service: MoatService, params: ImportParams): ImportResult {
  if (!Array.isArray(params?.paths) || params.paths.length === 0 || typeof params.cwd !== 'string') return { error: 'no files or folders were picked' };
  try {
    const run = service.importDeployment(params.paths.map(String), { cwd: params.cwd, name: typeof params.name === 'string' ? params.name : undefined });
    return { text: run.text, summary: summaryLines(run.summary) };
  } catch (err) {
    if (err instanceof DeploymentError) return { error: err.message };
    throw err;
  }
}

export function registerImportRequest(connection: Connection, service: MoatService): void {
  connection.onRequest(new RequestType<ImportParams, ImportResult, void>(IMPORT_REQUEST), (params) => importForEditor(service, params));
}
