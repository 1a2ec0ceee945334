// `moat import PATH... [-o FILE] [--name NAME]`: a model from another tool's model (Threagile,
// OTM: interchange.md). TODO(import): the deployment importer (docker-compose, Kubernetes:
// deployment.md) is being built on the `import` branch with this same command; when the two
// meet, this dispatch moves into its command and this file goes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { importInterchange } from '../../interchange/import.js';
import { ImportError } from '../../interchange/input.js';
import type { Cli, CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { writeOutput } from './diagram.js';

interface ImportOptions {
  output?: string;
  name?: string;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('import')
      .description('write a model from another tool\'s model: Threagile (threagile_version:) or Open Threat Model (otmVersion:)')
      .argument('<paths...>', 'the file to import')
      .option('-o, --output <file>', 'write the model to FILE instead of standard output')
      .option('--name <name>', 'the system\'s name (default: the one the input gives)')
      .action(cli.action((paths: string[], options: ImportOptions) => runImport(cli, paths, options)));
  },
};
export default command;

export function runImport(cli: Cli, paths: string[], options: ImportOptions): number {
  const texts = paths.map((p) => ({ path: p, text: readInput(cli, p) }));
  const [first] = texts;
  try {
    const result = importInterchange(first.text, path.resolve(cli.io.cwd, first.path), { name: options.name, cwd: cli.io.cwd });
    if (!result) throw new CliError(`${first.path}: not a model moat import reads (a Threagile model starts with threagile_version:, an OTM document has otmVersion:)`);
    if (texts.length > 1) throw new CliError(`${first.path} is a ${result.format === 'otm' ? 'OTM document' : 'Threagile model'}: import it on its own`);
    writeOutput(cli, result.text, options.output);
    cli.io.stderr.write(result.summary);
    return 0;
  } catch (err) {
    if (err instanceof ImportError) throw new CliError(err.message);
    throw err;
  }
}

function readInput(cli: Cli, file: string): string {
  try {
    if (file === '-') return fs.readFileSync(0, 'utf8');
    const full = path.resolve(cli.io.cwd, file);
    if (fs.statSync(full).isDirectory()) throw new CliError(`${file} is a folder: name the Threagile or OTM file to import`);
    return fs.readFileSync(full, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
