// Which component of a model stands for which component of the deployment: the one whose id is
// the imported id, else the one whose `deployed-as:` names one of its workloads (`NAME` or
// `NAMESPACE/NAME`). `moat import --update` and the drift check both match this way.

/** What matching reads of a model's component. */
export interface MatchableComponent {
  id: string;
  deployedAs?: readonly string[];
}

/** What matching reads of an imported component. */
export interface ImportedIdentity {
  id: string;
  /** Its workloads' names where they differ from its id. */
  deployedAs?: readonly string[];
}

/** Imported id → the model's id, for each imported component some component of the model stands for. */
export function matchComponents(model: readonly MatchableComponent[], imported: readonly ImportedIdentity[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const c of model) byName.set(c.id, c.id);
  for (const c of model) {
    for (const n of c.deployedAs ?? []) {
      byName.set(n, c.id);
      // `NAMESPACE/NAME` also answers for NAME, unless another component already does.
      const bare = n.split('/').pop()!;
      if (!byName.has(bare)) byName.set(bare, c.id);
    }
  }
  const out = new Map<string, string>();
  for (const s of imported) {
    const found = [s.id, ...(s.deployedAs ?? [])].map((c) => byName.get(c)).find((x) => x !== undefined);
    if (found !== undefined) out.set(s.id, found);
  }
  return out;
}
