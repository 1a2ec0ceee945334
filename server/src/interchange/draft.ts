// A model as an importer builds it before it is written: plain data, each element with the
// source it came from, what could not be said in the language (notes) and what the user has to
// fill in (TODOs). The writer (emit.ts) turns it into a commented YAML model.

import type { Access, Auth, Classification, Tls, Trust } from '../model/types.js';

export interface Annotated {
  /** Where it comes from: `threagile.yaml: technical_assets.Load Balancer`. */
  source?: string;
  /** What the input says that the language has no key for, kept as comments. */
  notes: string[];
  /** What the user has to fill in or decide. */
  todos: string[];
}

export interface DraftBoundary extends Annotated {
  id: string;
  trust: Trust;
  within?: string;
  description?: string;
}

export interface DraftData extends Annotated {
  id: string;
  classification: Classification;
  pii?: boolean;
  description?: string;
}

export interface DraftFlow extends Annotated {
  to: string;
  id?: string;
  protocol: string;
  port?: number;
  tls?: Tls;
  auth?: Auth;
  access?: Access;
  data: string[];
  async?: boolean;
  description?: string;
}

export interface DraftService extends Annotated {
  id: string;
  /** A kind of the language (`repository`, `ci` and `registry` included). */
  kind: string;
  boundary?: string;
  description?: string;
  owner?: string;
  tech?: string;
  stores: string[];
  /** Controls in place: `true`, or a detail that means true. */
  controls: Record<string, true | string>;
  sharedWith: string[];
  calls: DraftFlow[];
}

export interface DraftModel {
  name: string;
  description?: string;
  /** Comment lines at the top of the model (what it was imported from). */
  header: string[];
  boundaries: DraftBoundary[];
  data: DraftData[];
  services: DraftService[];
  /** Comment blocks at the end: what the input holds that has no counterpart in the language. */
  trailer: { title: string; lines: string[] }[];
}

export function annotated(source?: string): Annotated {
  return { source, notes: [], todos: [] };
}

/** How many TODOs the draft leaves for the user. */
export function countTodos(model: DraftModel): number {
  let n = 0;
  for (const b of model.boundaries) n += b.todos.length;
  for (const d of model.data) n += d.todos.length;
  for (const s of model.services) {
    n += s.todos.length;
    for (const f of s.calls) n += f.todos.length;
  }
  return n;
}

/** What an import tells the user besides the model (printed on standard error). */
export interface ImportReport {
  /** `threagile.yaml (Threagile 1.0.0)` */
  input: string;
  /** Sections kept as comments, with how many entries each had. */
  keptAsComments: string[];
  /** What could not be read where it was expected (unknown or moved keys, wrong shapes, dangling references). */
  notRead: string[];
  /** Other things worth knowing (a version read as another). */
  notes: string[];
}

export function formatReport(model: DraftModel, report: ImportReport): string {
  const flows = model.services.reduce((n, s) => n + s.calls.length, 0);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const lines = [
    `imported ${report.input}: ${plural(model.services.length, 'component')}, ${plural(flows, 'flow')}, ${plural(model.boundaries.length, 'boundary', 'boundaries')}, ${plural(model.data.length, 'data asset')}`,
    ...report.notes.map((n) => `  ${n}`),
    ...(report.keptAsComments.length > 0 ? [`  kept as comments: ${report.keptAsComments.join(', ')}`] : []),
    ...(report.notRead.length > 0 ? [`  not read (${report.notRead.length}):`, ...report.notRead.map((n) => `    ${n}`)] : []),
    `  ${plural(countTodos(model), 'TODO')} left in the model`,
  ];
  return `${lines.join('\n')}\n`;
}
