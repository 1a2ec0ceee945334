import { defineRule } from './rule.js';
import type { AcceptanceOutcome } from '../analysis/acceptances.js';
import { LineIndex } from '../util/lines.js';
import type { Model, Source } from '../model/types.js';

/**
 * `RULE@TARGET` of an acceptance: its own for an `accept:` entry; for an inline comment, the target of the
 * finding it matched, else that of the one element written on the lines it covers, else `RULE@line-N`
 * (N the comment's line, from 1).
 */
export function acceptanceTarget(model: Model, outcome: AcceptanceOutcome): string {
  const a = outcome.acceptance;
  if (a.target !== undefined) return `${a.rule}@${a.target}`;
  if (outcome.matched.length > 0) return `${a.rule}@${outcome.matched[0].target}`;
  const index = new LineIndex(model.files.get(a.file)?.text ?? '');
  const covered = new Set(a.lines ?? [index.position(a.range.start).line]);
  const onCovered = (src: Source | undefined) => !!src && src.file === a.file && covered.has(index.position(src.key.start).line);
  const elements: string[] = [
    ...[...model.services.values()].filter((c) => onCovered(c.src)).map((c) => c.id),
    ...model.flows.filter((f) => onCovered(f.src)).map((f) => f.target),
    ...[...model.roles.values()].filter((r) => onCovered(r.src)).map((r) => r.id),
    ...[...model.data.values()].filter((d) => onCovered(d.src)).map((d) => d.id),
    ...[...model.boundaries.values()].filter((b) => onCovered(b.src)).map((b) => b.id),
  ];
  // A target that names an element survives edits above it, which a line number does not (baselines).
  if (elements.length === 1) return `${a.rule}@${elements[0]}`;
  const line = a.lines?.[0] ?? index.position(a.range.start).line;
  return `${a.rule}@line-${line + 1}`;
}

export default defineRule({
  id: 'stale-acceptance',
  title: 'Stale acceptance',
  category: 'completeness',
  severity: 'medium',
  target: 'acceptance',
  stride: [],
  phase: 'post',
  fix: 'Remove the acceptance.',
  messages: {
    entry: 'This acceptance of `{rule}` on `{target}` matches no finding: the finding is gone (fixed, or the element renamed). Remove it, so it cannot silence a future finding unseen.',
    entryExpired: 'This acceptance of `{rule}` on `{target}` matches no finding, and it expired on {until}. Remove it.',
    inline: 'This `# moat-accept {rule}` comment matches no finding on its line or the next. Remove it, or move it to the element whose finding it accepts.',
  },
  docs: {
    checks: 'An `accept:` entry, or a `# moat-accept` comment, that matches no finding (an entry matches by rule and target; a comment by rule, on its own line, or on the next when it stands alone on its line).',
    attack: 'Acceptances that outlive their finding rot: nobody re-reads them, and one with a broad target silently accepts the next, different finding on the same element.',
    fix: 'Remove the acceptance. If the finding moved (a flow renamed, an element moved), point the acceptance at its new target.',
    falsePositives: 'An acceptance of a rule switched off in the configuration matches nothing while the rule is off. Remove one or the other.',
    practice: 'Risk acceptances are reviewed and kept current.',
    decisions: [
      'The finding points at the acceptance (its `rule:` entry, or the comment) and its target is the acceptance\'s own `RULE@TARGET` (`stale-acceptance@missing-rate-limit@gateway`). A comment has no target of its own: it takes that of the one element whose id is written on the lines it covers (`stale-acceptance@exposed-datastore@web-bucket` for a comment above `web-bucket:`), which survives edits above it; where no element or several are on those lines (a one-line service with its flows), it is named `RULE@line-N`, N the comment\'s line counted from 1.',
      'An acceptance that has expired and matches nothing is stale, not expired: no finding returns, and the fix is the same (remove it). Its message says it has also expired.',
      'Fix data `{ removeAcceptance: true, inline }`: the range is the entry\'s `rule:` or the comment; the fix removes the whole list item, or the comment.',
      'Acceptances of `model/…` problems, and of the acceptance rules themselves, never match: model problems cannot be accepted.',
    ],
  },
}, ({ model, acceptances, report }) => {
  for (const outcome of acceptances) {
    if (outcome.matched.length > 0) continue;
    const a = outcome.acceptance;
    const target = acceptanceTarget(model, outcome);
    report({
      element: 'system',
      location: { file: a.file, range: a.range },
      target,
      messageId: a.inline ? 'inline' : outcome.expired ? 'entryExpired' : 'entry',
      args: { rule: a.rule, target: a.target ?? '', until: a.until ?? '' },
      data: { removeAcceptance: true, inline: a.inline },
    });
  }
});
