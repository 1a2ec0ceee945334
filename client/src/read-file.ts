// Answers the server's `moat/readFile`: in a virtual workspace (a remote repository, a web editor)
// the server has no disk, so the files a model includes are read here, through VS Code's file
// system. Only files of the open workspace folders are read: a model cannot make the editor
// hand over anything else.

import * as vscode from 'vscode';

import { READ_FILE_REQUEST } from '../../server/src/service/protocol.js';
import type { ReadFileResult } from '../../server/src/service/protocol.js';

export { READ_FILE_REQUEST };
export type { ReadFileResult };
/** The server holds models to the same limit. */
const MAX_BYTES = 8 * 1024 * 1024;

export async function readFileForServer(params: { uri?: unknown } | undefined): Promise<ReadFileResult> {
  if (typeof params?.uri !== 'string') return { error: 'no file was named' };
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return { error: 'it is not a valid URI' };
  }
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { error: 'it is outside the workspace folders' };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { error: 'it is a folder, not a file' };
    if (stat.size > MAX_BYTES) return { error: `it is over the ${MAX_BYTES / (1024 * 1024)} MB limit for a model file` };
    return { text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (err) {
    return { error: err instanceof vscode.FileSystemError && err.code === 'FileNotFound' ? 'no such file' : 'it cannot be read' };
  }
}
