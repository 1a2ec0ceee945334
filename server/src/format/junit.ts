// JUnit XML for CI dashboards: one test suite per model, one test case per rule. A rule's case
// fails when it has findings at or above `--fail-on`; `model/syntax` findings (a model that could
// not be read) are errors, as they make the run exit 2. Other findings of the rule (below the
// threshold, accepted, known from the baseline) are listed in the case's output.

import { Locator } from './locate.js';
import type { Report, ReportedFinding } from './report.js';
import { displayPath, expiredNote, isBroken, isFailing, plural } from './report.js';
import { ruleCatalogue } from './catalogue.js';

// XML 1.0 allows neither these control characters nor lone surrogates, escaped or not.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Whatever escapeXml or escapeText would change: most texts have none of it and are kept as they are.
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[\u0000-\u001F&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const TEXT_SPECIAL = /[\u0000-\u0008\u000B-\u001F&<>"'\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Attribute values would fold these into spaces; text keeps them either way.
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** Text content: newlines kept as they are, the rest escaped. */
function escapeText(text: string): string {
  if (!TEXT_SPECIAL.test(text)) return text;
  return escapeXml(text).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

export function formatJunit(report: Report): string {
  const locator = new Locator(report.files);
  const catalogue = ruleCatalogue();
  const line = (f: ReportedFinding) => {
    const r = locator.region(f.file, f.range);
    const state = f.accepted ? ` (accepted: ${f.accepted.reason})` : f.known ? ' (known from the baseline)' : expiredNote(f);
    return `${displayPath(f.file, report.cwd)}:${r.startLine}:${r.startColumn} ${f.severity} ${f.fingerprint}: ${f.message}${state}`;
  };
  // Line by line: escaping keeps line breaks, and most lines have nothing to escape.
  const lines = (findings: ReportedFinding[]) => findings.map((f) => escapeText(line(f))).join('\n');
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const model of report.models) {
    const name = displayPath(model.file, report.cwd);
    const byRule = new Map<string, ReportedFinding[]>();
    for (const f of model.findings) {
      const list = byRule.get(f.rule);
      if (list) list.push(f);
      else byRule.set(f.rule, [f]);
    }
    const ids = [...new Set([...catalogue.map((r) => r.id), ...byRule.keys()])].sort();
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteErrors = 0;
    let suiteSkipped = 0;
    for (const id of ids) {
      const findings = byRule.get(id) ?? [];
      const open = `    <testcase name="${escapeXml(id)}" classname="${escapeXml(name)}"`;
      if (findings.length === 0 && model.settings?.get(id) === 'off') {
        suiteSkipped++;
        cases.push(`${open}>\n      <skipped message="turned off"/>\n    </testcase>`);
        continue;
      }
      const broken: ReportedFinding[] = [];
      const failing: ReportedFinding[] = [];
      const other: ReportedFinding[] = [];
      for (const f of findings) (isBroken(f) ? broken : isFailing(f, report.failOn) ? failing : other).push(f);
      const body: string[] = [];
      if (broken.length > 0) {
        suiteErrors++;
        body.push(`      <error message="${escapeXml(`${plural(broken.length, 'model error')}: ${broken[0].message}`)}" type="${escapeXml(id)}">${lines(broken)}</error>`);
      } else if (failing.length > 0) {
        suiteFailures++;
        const worst = failing[0];
        body.push(`      <failure message="${escapeXml(`${plural(failing.length, 'finding')} at or above ${report.failOn}: ${worst.message}`)}" type="${escapeXml(id)}">${lines(failing)}</failure>`);
      }
      if (other.length > 0) body.push(`      <system-out>${lines(other)}</system-out>`);
      cases.push(body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`);
    }
    tests += ids.length;
    failures += suiteFailures;
    errors += suiteErrors;
    skipped += suiteSkipped;
    suites.push(`  <testsuite name="${escapeXml(name)}" tests="${ids.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="moat" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
