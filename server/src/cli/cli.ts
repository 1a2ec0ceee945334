// What every command is given: where to write, the environment, and one way to fail.
// A command module registers itself on the program; its action returns the exit code.

import type { Command } from 'commander';
import { CommanderError } from 'commander';

export interface OutStream {
  /** False when the stream holds more than it wants (a pipe read slowly): wait for `drain`. */
  write(text: string): unknown;
  isTTY?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
}

export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutStream;
  stderr: OutStream;
}

export interface Cli {
  io: Io;
  version: string;
  /** Runs a command's body: its result is the exit code; a CliError is one line on stderr and exit 2. */
  action<A extends unknown[]>(body: (...args: A) => number | Promise<number>): (...args: A) => Promise<void>;
}

/** A command: one module under commands/, registered in main.ts. */
export interface CliCommand {
  register(program: Command, cli: Cli): void;
}

/** The run cannot be done as asked: one line on stderr, exit 2. */
export class CliError extends Error {}

export const EXIT_USAGE = 2;

/** Colour on a terminal only: `--no-color` and `NO_COLOR` turn it off, `--color` forces it. */
export function useColor(flag: boolean | undefined, stream: OutStream, env: Io['env']): boolean {
  if (flag === false) return false;
  if (flag === true) return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** One line, whatever the error was: messages from commander and the engine may span several. */
export function oneLine(message: string): string {
  return message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
}

export function isCommanderError(err: unknown): err is CommanderError {
  return err instanceof CommanderError;
}
