// A model as the Threagile and OTM importers build it: the model writer's input
// (import/imported.ts), with the lists they fill in always present.

import type { ImportedBoundary, ImportedData, ImportedFlow, ImportedModel, ImportedService } from '../import/imported.js';
import { countTodos } from '../import/imported.js';

export interface Annotated {
  /** Where it comes from: `threagile.yaml: technical_assets.Load Balancer`. */
  source?: string;
  /** What the input says that the language has no key for, kept as comments. */
  notes: string[];
  /** What the user has to fill in or decide. */
  todos: string[];
}

export type DraftBoundary = ImportedBoundary & Annotated;
export type DraftData = ImportedData & Annotated;
export type DraftFlow = ImportedFlow & Annotated & { data: string[] };

export type DraftService = ImportedService & Annotated & {
  stores: string[];
  controls: Record<string, unknown>;
  calls: DraftFlow[];
};

export type DraftModel = ImportedModel & {
  boundaries: DraftBoundary[];
  data: DraftData[];
  services: DraftService[];
  footer: string[];
};

export function annotated(source?: string): Annotated {
  return { source, notes: [], todos: [] };
}

/** Comment blocks for the end of the model: a title line, then the lines, blocks apart. */
export function footerBlock(footer: string[], title: string, lines: readonly string[]): void {
  if (footer.length > 0) footer.push('');
  footer.push(title, ...lines);
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
