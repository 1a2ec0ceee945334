// A report built by hand, so that each format's output can be asserted exactly, whatever the
// rules' messages say today. Paths are absolute and virtual: formats never touch the disk.

import type { Finding, Severity } from '../../server/src/model/types.js';
import type { CheckedModel, Report, ReportedFinding } from '../../server/src/format/report.js';

export const REPO_ROOT = '/work/repo';
export const CWD = '/work/repo/models';
export const SHOP = '/work/repo/models/shop.moat.yaml';
export const PART = '/work/repo/models/parts/pay ments.moat.yaml';

export const SHOP_TEXT = [
  'moat: 1',
  'name: Shop',
  'services:',
  '  gateway:',
  '    kind: gateway',
  '    calls:',
  '      - { description: "😀", to: api, protocol: http }',
  '',
].join('\n');

export const PART_TEXT = [
  'moat: 1',
  'services:',
  '  payments: { kind: service, boundary: pci }',
  '',
].join('\n');

/** The range of the `nth` occurrence of `snippet` in `text`. */
export function rangeOf(text: string, snippet: string, nth = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) {
    start = text.indexOf(snippet, start + 1);
    if (start < 0) throw new Error(`no «${snippet}» #${nth}`);
  }
  return { start, end: start + snippet.length };
}

export function finding(file: string, text: string, snippet: string, f: { rule: string; severity: Severity; message: string; target: string } & Partial<ReportedFinding>): ReportedFinding {
  return { range: rangeOf(text, snippet), file, fingerprint: `${f.rule}@${f.target}`, ...f };
}

export const HTTP_FLOW = finding(SHOP, SHOP_TEXT, 'http', {
  rule: 'unencrypted-flow', severity: 'high', target: 'gateway->api',
  message: 'gateway → api is not encrypted (`http`). Use `https`.',
});
export const WAF = finding(SHOP, SHOP_TEXT, 'gateway', {
  rule: 'missing-waf', severity: 'low', target: 'gateway',
  message: 'The gateway takes web traffic without a `waf`.',
});
export const BOUNDARY = finding(PART, PART_TEXT, 'pci', {
  rule: 'model/unresolved-reference', severity: 'high', target: 'pay ments.moat.yaml:1a2b3c4d',
  message: 'No boundary is named `pci`; did you mean `cluster`?',
});
export const ACCEPTED: Finding = finding(SHOP, SHOP_TEXT, 'api', {
  rule: 'unauthenticated-flow', severity: 'medium', target: 'gateway->api',
  message: 'gateway → api has no authentication.',
  accepted: { reason: 'mTLS at the mesh | sidecar', until: '2999-01-01', by: 'ops', file: SHOP, range: { start: 0, end: 0 } },
});

export function report(models: CheckedModel[], extra: Partial<Report> = {}): Report {
  return {
    tool: { version: '1.2.3' },
    models,
    files: new Map([[SHOP, SHOP_TEXT], [PART, PART_TEXT]]),
    cwd: CWD,
    repoRoot: REPO_ROOT,
    failOn: 'high',
    ...extra,
  };
}

/** One model (shop, including the payments part) with an unencrypted flow, a missing WAF, an unresolved reference and an accepted finding. */
export function shopReport(extra: Partial<Report> = {}): Report {
  return report([{ file: SHOP, findings: [WAF, HTTP_FLOW, ACCEPTED, BOUNDARY] }], extra);
}
