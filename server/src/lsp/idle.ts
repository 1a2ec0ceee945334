// Memory given back while the editor is quiet. Every keystroke on a large model leaves a model's
// worth of objects behind (the last analysis, its findings, its report); V8 keeps the pages they
// lived in until its heap limit forces a full collection, which on a 1,000-service model leaves
// the server 50–90 MB larger than it needs to be. Once no analysis has run for a moment, one full,
// compacting collection returns them. V8's own memory reducer did not step in within 8 s here.

import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long the server must have been idle before it collects. */
export const IDLE_COLLECT_MS = 1000;
/** Growth of the heap since the last collection that is worth a collection. */
const WORTH_COLLECTING = 16 * 1024 * 1024;

type Collect = () => void;

let collect: Collect | null | undefined;

/** V8's full collection, exposed at run time; null where that is refused. */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as Collect) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export class IdleCollector {
  private timer?: NodeJS.Timeout;
  private heapAfterLast = getHeapStatistics().total_heap_size;
  /** How many collections ran, for the tests. */
  collections = 0;

  constructor(private readonly idleMs = IDLE_COLLECT_MS) {}

  /** Work was done: collect once nothing else has been done for a while, if the heap grew. */
  worked(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectIfGrown(), this.idleMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  private collectIfGrown(): void {
    if (getHeapStatistics().total_heap_size - this.heapAfterLast < WORTH_COLLECTING) return;
    const gc = collector();
    if (!gc) return;
    // Compacting moves what is left onto as few pages as it fills, so that the rest go back to the
    // system: without it the old generation keeps every page that still holds an object
    // (~65 MB for ~25 MB of objects on a 1,000-service model).
    setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      setFlagsFromString('--no-compact-on-every-full-gc');
    }
    this.collections++;
    this.heapAfterLast = getHeapStatistics().total_heap_size;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
