// The `moat` command (bundled to dist/cli.js, run by bin/moat.js).

import { processIo, runCli } from './program.js';
import type { CliCommand } from './cli.js';
import { version } from '../../../package.json';
import check from './commands/check.js';
import init from './commands/init.js';
import rules from './commands/rules.js';
import lsp from './commands/lsp.js';
import diagram from './commands/diagram.js';
import report from './commands/report.js';
import paths from './commands/paths.js';
import importCommand from './commands/import.js';
import exportModel from './commands/export.js';

/** Every command: a module under commands/, registered with one line here. */
export const COMMANDS: readonly CliCommand[] = [
  check,
  init,
  rules,
  lsp,
  diagram,
  report,
  paths,
  importCommand,
  exportModel,
];

void runCli(COMMANDS, process.argv.slice(2), processIo(), version).then((code) => {
  process.exitCode = code;
});
