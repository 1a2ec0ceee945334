// `moat lsp --stdio`: the language server, for editors other than VS Code (Neovim, Helix, Zed…).
// Loaded only when asked for, so `moat check` does not pay for it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../cli.js';

const command: CliCommand = {
  register(program, cli) {
    program
      .command('lsp')
      .description('run the language server over standard input and output')
      .option('--stdio', 'talk over standard input and output (the only transport; accepted for editors that pass it)')
      .action(cli.action(async () => {
        // The built CLI starts the built server beside it (dist/server.js), so that `moat check`
        // does not parse the language server's half of the code; from source, the module itself.
        const bundled = path.join(__dirname, 'server.js');
        if (path.basename(__filename) === 'cli.js' && fs.existsSync(bundled)) {
          require(bundled);
          return 0;
        }
        const source = '../../lsp/server.js';
        const { startLanguageServer } = (await import(source)) as typeof import('../../lsp/server.js');
        startLanguageServer();
        return 0;
      }));
  },
};
export default command;
