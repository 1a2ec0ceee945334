// The `moat` program: commander set up so that every way of failing is one line on stderr and
// exit 2 (commander's own errors included), help and version exit 0, and nothing prints a stack
// trace unless MOAT_DEBUG is set.

import { Command } from 'commander';
import type { Cli, CliCommand, Io } from './cli.js';
import { CliError, EXIT_USAGE, isCommanderError, oneLine } from './cli.js';

export function createProgram(commands: readonly CliCommand[], io: Io, version: string): { program: Command; cli: Cli & { exitCode: number } } {
  const program = new Command('moat');
  const cli = {
    io,
    version,
    exitCode: 0,
    action<A extends unknown[]>(body: (...args: A) => number | Promise<number>) {
      return async (...args: A) => {
        cli.exitCode = await body(...args);
      };
    },
  };
  program
    .description('Threat modeling for microservices: check YAML models of services, flows and trust boundaries.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`moat: ${oneLine(text)}\n`),
    });
  for (const command of commands) command.register(program, cli);
  return { program, cli };
}

/** Runs `moat` with `args` (without the node and script paths); resolves to the exit code. */
export async function runCli(commands: readonly CliCommand[], args: readonly string[], io: Io, version: string): Promise<number> {
  const { program, cli } = createProgram(commands, io, version);
  if (args.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return cli.exitCode;
  } catch (err) {
    if (isCommanderError(err)) {
      // Help and version asked for are a success; any other commander error was printed already.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      io.stderr.write(`moat: ${oneLine(err.message)}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`moat: internal error: ${oneLine(message)} (please report it; MOAT_DEBUG=1 shows the details)\n`);
    if (io.env.MOAT_DEBUG) io.stderr.write(`${(err as Error)?.stack ?? err}\n`);
    return EXIT_USAGE;
  }
}

/** The process's own streams and environment. */
export function processIo(): Io {
  // `moat check | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}
