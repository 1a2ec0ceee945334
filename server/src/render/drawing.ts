// What one picture draws, as data (levels.ts makes it from the model's diagram; layout.ts and
// grid-layout.ts place it; svg.ts and mermaid.ts write it). Its own module so that the writers
// need not import the module that builds it.

import type { Severity, Trust } from '../model/types.js';

export const DIAGRAM_LEVELS = ['overview', 'full'] as const;
export type DiagramLevel = (typeof DIAGRAM_LEVELS)[number];

export type FlowStyle = 'plain' | 'unencrypted' | 'unauthenticated' | 'both';

export interface DrawNode {
  /** A component id, or a boundary id for a collapsed boundary. */
  id: string;
  role: 'component' | 'boundary';
  /** The component's kind; `boundary` for a collapsed boundary. */
  kind: string;
  /** The drawn group it sits in. */
  parent?: string;
  /** First line, bold. */
  title: string;
  /** Further lines. */
  lines: string[];
  trust?: Trust;
  worst?: Severity;
  /** A tooltip: description and findings. */
  tooltip: string;
}

export interface DrawGroup {
  id: string;
  trust: Trust;
  parent?: string;
  title: string;
  worst?: Severity;
  tooltip: string;
}

export interface DrawEdge {
  /** The flow's target for one flow; `A->B` (drawn node ids) for merged flows. */
  id: string;
  from: string;
  to: string;
  /** The flows it stands for (targets). */
  flows: string[];
  label: string;
  style: FlowStyle;
  worst?: Severity;
  tooltip: string;
}

export interface DrawModel {
  title: string;
  /** What was drawn: a level, or the boundary or focus view. */
  level: DiagramLevel;
  boundary?: string;
  focus?: string;
  groups: DrawGroup[];
  nodes: DrawNode[];
  edges: DrawEdge[];
}
