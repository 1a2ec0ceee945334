// A pull-request comment: the verdict, counts by severity, and a table of findings linking to
// their lines. Accepted findings follow in a folded section with their reasons.

import { SEVERITIES } from '../model/types.js';
import { Locator } from './locate.js';
import type { Report, ReportedFinding } from './report.js';
import { displayPath, expiredNote, isProblem, notListed, plural, summarize, uniqueFindings } from './report.js';
import { severityRank } from '../model/types.js';

/** Text safe inside a table cell: no pipes or line breaks, no HTML. */
export function cell(text: string): string {
  if (!/[&<>|\n]/.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** An id as inline code in a table cell: entities are not decoded there, so only pipes are escaped. */
export function code(text: string): string {
  if (!/[|\n`]/.test(text)) return `\`${text}\``;
  const body = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return body.includes('`') ? `\`\` ${body} \`\`` : `\`${body}\``;
}

/** A link target's path: each segment percent-encoded (spaces, parentheses). */
function linkPath(relative: string): string {
  return relative.split('/').map((s) => encodeURIComponent(s).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

export function formatMarkdown(report: Report): string {
  const locator = new Locator(report.files);
  const s = summarize(report.models, report.failOn);
  // A report links to the same few files thousands of times: each path is encoded once.
  const paths = new Map<string, string>();
  const href = (relative: string, line: number) => {
    let encoded = paths.get(relative);
    if (encoded === undefined) paths.set(relative, (encoded = linkPath(relative)));
    return `${encoded}#L${line}`;
  };
  const where = (f: ReportedFinding) => {
    const r = locator.region(f.file, f.range);
    const rel = displayPath(f.file, report.cwd);
    const target = report.browseBase ? report.browseBase + href(displayPath(f.file, report.repoRoot), r.startLine) : href(rel, r.startLine);
    return `[${cell(rel)}:${r.startLine}](${target})`;
  };
  const findings = uniqueFindings(report.models);
  const problems = findings.filter(isProblem)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start - b.range.start));
  const out: string[] = [];
  const icon = s.exitCode === 0 ? ':white_check_mark:' : ':x:';
  const verdict = s.exitCode === 2
    ? `${plural(s.broken, 'model')} could not be read`
    : s.failing > 0 ? `${plural(s.failing, 'finding')} at or above \`${report.failOn}\`` : 'passed';
  // The counts are the whole run's, --quiet or not; the list below may leave some out.
  const all = report.quiet?.all ?? s;
  out.push(`## ${icon} Moat: ${plural(all.problems, 'problem')} in ${plural(s.models, 'model')} (${verdict})`, '');
  out.push(`| ${SEVERITIES.join(' | ')} | accepted | known |`);
  out.push(`| ${[...SEVERITIES, 'accepted', 'known'].map(() => '---:').join(' | ')} |`);
  out.push(`| ${[...SEVERITIES.map((sev) => all.bySeverity[sev]), all.accepted, all.known].join(' | ')} |`);
  const hidden = notListed(report, s);
  if (report.quiet && hidden.quiet > 0) out.push('', `Only findings at or above \`${report.quiet.below}\` are listed (\`--quiet\`): ${plural(hidden.quiet, 'problem')} below it ${hidden.quiet === 1 ? 'is' : 'are'} not.`);
  if (problems.length > 0) {
    out.push('', '| Severity | Rule | Finding | Location |', '| --- | --- | --- | --- |');
    for (const f of problems) {
      out.push(`| ${f.severity} | ${code(f.rule)} | ${cell(f.message + expiredNote(f))} | ${where(f)} |`);
    }
  }
  const accepted = findings.filter((f) => f.accepted);
  if (accepted.length > 0) {
    out.push('', `<details><summary>${plural(accepted.length, 'accepted finding')}</summary>`, '');
    out.push('| Rule | Target | Reason | Until | By | Location |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of accepted) {
      const a = f.accepted!;
      out.push(`| ${code(f.rule)} | ${code(f.target)} | ${cell(a.reason)} | ${cell(a.until ?? '')} | ${cell(a.by ?? '')} | ${where(f)} |`);
    }
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
