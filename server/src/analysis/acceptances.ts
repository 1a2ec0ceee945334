// Matching findings with the acceptances the owners wrote (`accept:` entries and
// `# moat-accept` comments), and telling which have expired or match nothing.

import type { Acceptance, AcceptanceNote, Finding, Model } from '../model/types.js';
import { LineIndex } from '../util/lines.js';

export interface AcceptanceOutcome {
  acceptance: Acceptance;
  /** The findings it matched. */
  matched: Finding[];
  /** Past its `until` date: the findings it matched are reported again. */
  expired: boolean;
}

/** The day an acceptance runs out is the day after `until`, UTC. */
export function isExpired(a: Acceptance, today: string): boolean {
  return a.until !== undefined && today > a.until;
}

/**
 * Marks the findings that acceptances match, in `findings`: a matched finding is replaced there
 * by a marked copy (the findings themselves may be shared with an earlier analysis, see
 * incremental.ts).
 */
export function applyAcceptances(model: Model, findings: Finding[], today: string): AcceptanceOutcome[] {
  const outcomes: AcceptanceOutcome[] = model.acceptances.map((acceptance) => ({
    acceptance, matched: [], expired: isExpired(acceptance, today),
  }));
  if (outcomes.length === 0) return outcomes;
  const byFingerprint = new Map<string, AcceptanceOutcome[]>();
  const inlineByFile = new Map<string, AcceptanceOutcome[]>();
  for (const o of outcomes) {
    if (o.acceptance.inline) {
      const list = inlineByFile.get(o.acceptance.file) ?? [];
      list.push(o);
      inlineByFile.set(o.acceptance.file, list);
    } else {
      const key = `${o.acceptance.rule}@${o.acceptance.target}`;
      const list = byFingerprint.get(key) ?? [];
      list.push(o);
      byFingerprint.set(key, list);
    }
  }
  const lineIndexes = new Map<string, LineIndex>();
  const lineOf = (file: string, offset: number) => {
    let index = lineIndexes.get(file);
    if (!index) lineIndexes.set(file, (index = new LineIndex(model.files.get(file)?.text ?? '')));
    return index.position(offset).line;
  };

  findings.forEach((finding, i) => {
    if (finding.rule.startsWith('model/')) return;
    const explicit = byFingerprint.get(finding.fingerprint);
    const inline = inlineByFile.get(finding.file);
    if (!explicit && !inline) return;
    const candidates = explicit ? [...explicit] : [];
    if (inline) {
      const lines = new Set([lineOf(finding.file, finding.range.start)]);
      if (finding.elementRange) lines.add(lineOf(finding.file, finding.elementRange.start));
      for (const o of inline) {
        if (o.acceptance.rule === finding.rule && o.acceptance.lines!.some((l) => lines.has(l))) candidates.push(o);
      }
    }
    if (candidates.length === 0) return;
    const live = candidates.find((o) => !o.expired);
    const marked: Finding = live ? { ...finding, accepted: note(live.acceptance) } : { ...finding, expired: note(candidates[0].acceptance) };
    findings[i] = marked;
    for (const o of candidates) o.matched.push(marked);
  });
  return outcomes;
}

function note(a: Acceptance): AcceptanceNote {
  return { reason: a.reason, until: a.until, by: a.by, file: a.file, range: a.range };
}
