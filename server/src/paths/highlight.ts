// Paths drawn over a Mermaid diagram: the components and flows on them in bold, the rest dimmed.
// Pure and free of Node: `moat paths --format mermaid` and the diagram panel's webview share it.

/** What a view of paths marks: each component's part in it, and the flows on it (by target). */
export interface PathMarks {
  /** `on`: on a path (or the component a blast radius starts from); `taken`: taken over with it; `reach`: within reach. */
  components: Record<string, 'on' | 'taken' | 'reach'>;
  flows: string[];
}

/** Mermaid lines to append to a drawn diagram (its node ids and link order, from toMermaid). */
export function pathMarkLines(mermaid: { nodes: Map<string, string>; edges: { target: string }[] }, marks: PathMarks): string[] {
  const lines = [
    '  classDef pathDim opacity:0.3',
    '  classDef pathOn stroke:#b91c1c,stroke-width:3px',
    '  classDef pathTaken fill:#fecaca,stroke:#b91c1c,stroke-width:3px',
    '  classDef pathReach stroke:#ea580c,stroke-width:2px',
  ];
  const byClass: Record<string, string[]> = { pathDim: [], pathOn: [], pathTaken: [], pathReach: [] };
  const cls = { on: 'pathOn', taken: 'pathTaken', reach: 'pathReach' } as const;
  for (const [mermaidId, id] of mermaid.nodes) {
    const part = Object.prototype.hasOwnProperty.call(marks.components, id) ? marks.components[id] : undefined;
    byClass[part ? cls[part] : 'pathDim'].push(mermaidId);
  }
  for (const [name, ids] of Object.entries(byClass)) if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${name}`);
  const flows = new Set(marks.flows);
  const bold: number[] = [];
  const faint: number[] = [];
  mermaid.edges.forEach((e, i) => (flows.has(e.target) ? bold : faint).push(i));
  if (faint.length > 0) lines.push(`  linkStyle ${faint.join(',')} stroke:#d4d4d4,stroke-width:1px,color:#a3a3a3`);
  if (bold.length > 0) lines.push(`  linkStyle ${bold.join(',')} stroke:#b91c1c,stroke-width:4px`);
  return lines;
}
