// `moat import PATH... [-o FILE] [--name NAME] [--update MODEL] [--no-published-ports]`:
// a first model from docker-compose files and Kubernetes manifests (deployment.md), or from
// another tool's model: Threagile or OTM (interchange.md, cli/interchange.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { summaryLines } from '../../import/run.js';
import { createMoatService } from '../../service/index.js';
import { DeploymentError } from '../../deployment/types.js';
import { UpdateError } from '../../import/update.js';
import { importForeignModel } from '../interchange.js';

interface ImportFlags {
  output?: string;
  name?: string;
  update?: string;
  publishedPorts: boolean;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('import')
      .description('write a first model from docker-compose files and Kubernetes manifests, or from a Threagile or OTM model (- reads standard input)')
      .argument('<paths...>', 'compose files, manifests or folders of them; - for standard input (helm template … | moat import -)')
      .option('-o, --output <file>', 'write the model to a new file instead of standard output (with --update: the updated model)')
      .option('--name <name>', 'the system\'s name (default: the compose project or the first input\'s name)')
      .option('--update <model>', 'add what the deployment has and the model lacks, keeping every comment and edit')
      .option('--no-published-ports', 'leave compose\'s published ports out of the model (a comment lists them)')
      .action(cli.action((paths: string[], flags: ImportFlags) => {
        const { io } = cli;
        let input: string | undefined;
        const stdin = () => (input ??= fs.readFileSync(0, 'utf8'));
        const foreign = importForeignModel(cli, paths, flags, stdin);
        if (foreign !== undefined) return foreign;
        let existing: string | undefined;
        if (flags.update !== undefined) {
          try {
            existing = fs.readFileSync(path.resolve(io.cwd, flags.update), 'utf8');
          } catch (err) {
            throw new CliError(`${flags.update}: cannot read the model to update (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
          }
        }
        let run;
        try {
          run = createMoatService().importDeployment(paths, {
            cwd: io.cwd, name: flags.name, publishedPorts: flags.publishedPorts, update: existing,
            updatePath: flags.update === undefined ? undefined : path.resolve(io.cwd, flags.update),
            stdin,
          });
        } catch (err) {
          if (err instanceof DeploymentError) throw new CliError(err.message);
          if (err instanceof UpdateError) throw new CliError(`${flags.update}: ${err.message}`);
          throw err;
        }
        if (flags.output !== undefined) {
          // `wx`: a model already there holds the user's edits; --update is the way to add to it.
          writeModelFile(path.resolve(io.cwd, flags.output), flags.output, run.text, 'wx');
        } else if (flags.update !== undefined) {
          if (run.added!.length > 0) writeModelFile(path.resolve(io.cwd, flags.update), flags.update, run.text, 'w');
        } else {
          io.stdout.write(run.text);
        }
        io.stderr.write(summaryLines(run.summary, run.added).join('\n') + '\n');
        return 0;
      }));
  },
};
export default command;

function writeModelFile(file: string, shown: string, text: string, flag: 'w' | 'wx'): void {
  try {
    fs.writeFileSync(file, text, { flag });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EEXIST'
      ? `${shown} already exists; moat import does not overwrite a model: add to it with --update ${shown}`
      : `cannot write ${shown} (${code ?? (err as Error).message})`);
  }
}
