// `moat init [DIR]`: a commented starter model to begin from. It never overwrites a model.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { STARTER_FILE, STARTER_MODEL } from '../starter.js';
import { displayPath } from '../../format/report.js';

const EXISTING = ['moat.yaml', 'moat.yml'];

/**
 * How the user can run Moat again from where they stand: `moat` when one is on the PATH,
 * `npx moat` when this run came through npx, else node with this install's bin/moat.js.
 */
export function moatCommand(env: Readonly<Record<string, string | undefined>>, cwd: string, script = process.argv[1] ?? ''): string {
  const onPath = (env.PATH ?? '').split(path.delimiter).some((dir) => {
    if (dir === '') return false;
    try {
      fs.accessSync(path.join(dir, process.platform === 'win32' ? 'moat.cmd' : 'moat'), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (onPath) return 'moat';
  if (env.npm_command === 'exec') return 'npx moat';
  // This install's bin/moat.js (the script is bin/moat.js or dist/cli.js); else the script itself.
  const beside = path.join(path.dirname(script), '..', 'bin', 'moat.js');
  const bin = fs.existsSync(beside) ? beside : script;
  const rel = path.relative(cwd, bin);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? bin : rel;
  return `node ${shown.split(path.sep).join('/')}`;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('init')
      .description('write a commented starter model (moat.yaml) to begin from')
      .argument('[dir]', 'the folder to write it in', '.')
      .action(cli.action((dir: string) => {
        const { io } = cli;
        const folder = path.resolve(io.cwd, dir);
        for (const name of EXISTING) {
          const existing = path.join(folder, name);
          if (fs.existsSync(existing)) throw new CliError(`${displayPath(existing, io.cwd)} already exists; moat init does not overwrite a model`);
        }
        const file = path.join(folder, STARTER_FILE);
        try {
          fs.mkdirSync(folder, { recursive: true });
          // `wx`: fail rather than overwrite, should the file appear after the check above.
          fs.writeFileSync(file, STARTER_MODEL, { flag: 'wx' });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new CliError(code === 'EEXIST'
            ? `${displayPath(file, io.cwd)} already exists; moat init does not overwrite a model`
            : `cannot write ${displayPath(file, io.cwd)} (${code ?? (err as Error).message})`);
        }
        const where = folder === path.resolve(io.cwd) ? '' : ` ${displayPath(folder, io.cwd)}`;
        io.stdout.write(`Wrote ${displayPath(file, io.cwd)}. Edit it to describe your system, then run: ${moatCommand(io.env, io.cwd)} check${where}\n`);
        return 0;
      }));
  },
};
export default command;
