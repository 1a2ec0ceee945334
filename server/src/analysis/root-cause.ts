// A misspelt key silently drops what it was meant to say, and rules then report what is missing:
// `contrls:` leaves a gateway without its `waf`, and `missing-waf` (high) would outrank the
// misspelling (medium) that caused it. A misspelt key inside an element is ranked at least as
// high as the worst finding on that element, so the cause is read first.

import type { Finding, Model, Severity, TextRange } from '../model/types.js';
import { severityRank } from '../model/types.js';

export function rankRootCauses(findings: readonly Finding[], model: Model): Finding[] {
  const misspelt = findings.filter((f) => f.rule === 'model/unknown-key');
  if (misspelt.length === 0) return [...findings];
  // Where each element and flow is written, and which targets its findings carry.
  const places: { file: string; node: TextRange; targets: Set<string> }[] = [];
  for (const s of model.services.values()) {
    places.push({ file: s.src.file, node: s.src.node, targets: new Set([s.id]) });
    for (const f of s.calls) places.push({ file: f.src.file, node: f.src.node, targets: new Set([f.target]) });
  }
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    if (f.rule.startsWith('model/') || f.accepted) continue;
    const was = worst.get(f.target);
    if (!was || severityRank(f.severity) > severityRank(was)) worst.set(f.target, f.severity);
  }
  return findings.map((f) => {
    if (f.rule !== 'model/unknown-key') return f;
    // The innermost place the key is written in: a flow inside a service is the flow.
    let inner: (typeof places)[number] | undefined;
    for (const p of places) {
      if (p.file !== f.file || f.range.start < p.node.start || f.range.end > p.node.end) continue;
      if (!inner || p.node.end - p.node.start < inner.node.end - inner.node.start) inner = p;
    }
    if (!inner) return f;
    let severity = f.severity;
    for (const t of inner.targets) {
      const w = worst.get(t);
      if (w && severityRank(w) > severityRank(severity)) severity = w;
    }
    return severity === f.severity ? f : { ...f, severity };
  });
}
