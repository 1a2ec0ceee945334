// Reading a large file on two threads. The yaml parser is most of `moat check`'s time on a large
// model, and a file's units (units.ts) read independently of each other: a worker reads the
// second half of them while this thread reads the first, and both go into the parse cache that
// loading the model then reads from. Whatever goes wrong on the worker's side leaves its units
// to the load, which reads them itself.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileModel } from './read.js';
import { cacheUnits, readUnit, unitTexts } from './units.js';
import type { ParseCache, UnitText } from './units.js';

/** Below this many characters a second thread costs more to start than it saves. */
export const PARALLEL_FROM_CHARS = 1_000_000;

/** What the worker is started with. */
export interface ParseRequest {
  moatParse: true;
  file: string;
  units: UnitText[];
}

export function isParseRequest(data: unknown): data is ParseRequest {
  return typeof data === 'object' && data !== null && (data as ParseRequest).moatParse === true;
}

/**
 * Reads the units of a large file into `cache`, half of them on a worker running `workerScript`
 * (a script that answers with serveParseRequest). Resolves with whether the worker's half came
 * back; a small file, one core or a text read in one piece is left to the load.
 */
export async function readInParallel(cache: ParseCache, file: string, text: string, workerScript: string): Promise<boolean> {
  if (text.length < PARALLEL_FROM_CHARS || availableParallelism() < 2) return false;
  const units = unitTexts(text);
  if (!units || units.length < 2) return false;
  // The worker takes the units of the second half of the text.
  let split = 0;
  for (let chars = 0; split < units.length - 1 && chars < text.length / 2; split++) chars += units[split].text.length;
  const mine = units.slice(0, split);
  const theirs = units.slice(split);
  let worker: Worker;
  try {
    worker = new Worker(workerScript, { workerData: { moatParse: true, file, units: theirs } satisfies ParseRequest });
  } catch {
    return false;
  }
  const answer = new Promise<FileModel[] | undefined>((resolve) => {
    worker.once('message', (parts: unknown) => resolve(Array.isArray(parts) && parts.length === theirs.length ? (parts as FileModel[]) : undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  cacheUnits(cache, file, mine, mine.map((u) => readUnit(file, u)));
  const parts = await answer;
  void worker.terminate();
  if (parts) cacheUnits(cache, file, theirs, parts);
  return parts !== undefined;
}

/** The worker's side: reads the units it was given and posts what they read to, in order. */
export function serveParseRequest(request: ParseRequest, post: (parts: FileModel[]) => void): void {
  post(request.units.map((u) => readUnit(request.file, u)));
}
