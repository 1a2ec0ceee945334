import { defineRule } from './rule.js';
import { acceptanceTarget } from './stale-acceptance.js';

/** The day after `until` (UTC), when the finding returns. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export default defineRule({
  id: 'expired-acceptance',
  title: 'Expired acceptance',
  category: 'completeness',
  severity: 'medium',
  target: 'acceptance',
  stride: [],
  phase: 'post',
  messages: {
    expired: 'This acceptance of `{rule}` on `{target}` was valid until {until}; since {returned} its finding is reported again. Fix the finding, or review the risk and set a new `until`.',
    superseded: 'This acceptance of `{rule}` on `{target}` expired on {until}; another acceptance still covers the finding. Remove this one.',
  },
  docs: {
    checks: 'An acceptance whose `until` date has passed (the finding returns the day after `until`, UTC) and that matches a finding. The finding itself is reported again, marked expired.',
    attack: 'An acceptance is a decision taken under the conditions of its day; past its date, the risk it accepted is unreviewed, and the system may have changed around it.',
    fix: 'Fix the finding, or review the risk again and move `until` forward, with the reason updated.',
    falsePositives: 'None: the date is the owners\' own. Review it.',
    practice: 'Risk acceptances expire and are reviewed.',
    decisions: [
      'An expired acceptance that matches no finding is `stale-acceptance`\'s: nothing returns, and it should be removed.',
      'When another, current acceptance still covers the finding, the expired one is reported with a message that says to remove it (the finding does not return).',
      'The finding points at the acceptance\'s `rule:` entry; its target is the acceptance\'s `RULE@TARGET`. Inline comments have no `until`, so they never expire.',
    ],
  },
}, ({ model, acceptances, report }) => {
  for (const outcome of acceptances) {
    if (!outcome.expired || outcome.matched.length === 0) continue;
    const a = outcome.acceptance;
    const returned = outcome.matched.some((f) => !f.accepted);
    report({
      element: 'system',
      location: { file: a.file, range: a.range },
      target: acceptanceTarget(model, outcome),
      messageId: returned ? 'expired' : 'superseded',
      args: { rule: a.rule, target: a.target ?? outcome.matched[0].target, until: a.until ?? '', returned: a.until ? dayAfter(a.until) : '' },
    });
  }
});
