// `moat lsp --stdio`: the language server, for editors other than VS Code (Neovim, Helix, Zed…).
// Loaded only when asked for, so `moat check` does not pay for it.

import type { CliCommand } from '../cli.js';

const command: CliCommand = {
  register(program, cli) {
    program
      .command('lsp')
      .description('run the language server over standard input and output')
      .option('--stdio', 'talk over standard input and output (the only transport; accepted for editors that pass it)')
      .action(cli.action(async () => {
        const { startLanguageServer } = await import('../../lsp/server.js');
        startLanguageServer();
        return 0;
      }));
  },
};
export default command;
