// `moat init [DIR]`: a commented starter model to begin from. It never overwrites a model.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { STARTER_FILE, STARTER_MODEL } from '../starter.js';
import { displayPath } from '../../format/report.js';

const EXISTING = ['moat.yaml', 'moat.yml'];

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
        io.stdout.write(`Wrote ${displayPath(file, io.cwd)}. Edit it to describe your system, then run: moat check ${dir === '.' ? '' : dir}`.trimEnd() + '\n');
        return 0;
      }));
  },
};
export default command;
