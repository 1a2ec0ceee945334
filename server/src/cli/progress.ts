// Progress for long runs, on a terminal only: one line on stderr, rewritten in place and erased
// at the end, so that nothing extra is left in the output or in a pipe.

import type { OutStream } from './cli.js';

/** Fewer models than this are checked too fast to be worth a progress line. */
export const PROGRESS_MIN_MODELS = 5;

export class Progress {
  private shown = false;

  constructor(private readonly stream: OutStream, private readonly enabled: boolean) {}

  static for(stream: OutStream, total: number, quiet: boolean): Progress {
    return new Progress(stream, stream.isTTY === true && !quiet && total >= PROGRESS_MIN_MODELS);
  }

  update(done: number, total: number, what: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\u001b[2KChecking ${done}/${total} ${what}`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }
}
