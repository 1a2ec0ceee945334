// What a report is made of, before it is written as Markdown or HTML: blocks of spans. Its own
// module so that the sections other modules add (attack paths, blast radius) need not import the
// report that lists them.

import type { LevelOptions } from './levels.js';
import type { DiagramLayout } from './svg.js';

export type Span = { text: string } | { code: string } | { strong: Span[] } | { link: string; spans: Span[] };

/** A drawing the report shows: inline SVG in HTML, a Mermaid block in Markdown. */
export interface ReportDiagram {
  title: string;
  anchor: string;
  options: LevelOptions;
  /** The report of a large model draws every drawing as a grid: compact on paper, and no ELK to load. */
  layout?: DiagramLayout;
}

export type Block =
  | { heading: 1 | 2 | 3; spans: Span[]; anchor?: string }
  | { paragraph: Span[] }
  | { list: Span[][] }
  | { table: { head: string[]; rows: Span[][][]; className?: string } }
  | { diagram: ReportDiagram }
  | { legend: true }
  | { contents: true };
