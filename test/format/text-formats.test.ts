// The human formats (stylish, github, markdown) and JUnit, asserted line by line on a report
// built by hand.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatStylish } from '../../server/src/format/stylish.js';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/format/github.js';
import { formatMarkdown } from '../../server/src/format/markdown.js';
import { githubBrowseBase } from '../../server/src/format/report.js';
import { escapeXml, formatJunit } from '../../server/src/format/junit.js';
import { ruleCatalogue } from '../../server/src/format/catalogue.js';
import { ACCEPTED, HTTP_FLOW, PART, PART_TEXT, SHOP, WAF, finding, report, shopReport } from './sample.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

describe('stylish', () => {
  it('is ESLint\'s layout: file header, aligned rows without the final period, summary, then what is not shown', () => {
    assert.equal(formatStylish(shopReport()), [
      '',
      'parts/pay ments.moat.yaml',
      '  3:40  high  No boundary is named `pci`; did you mean `cluster`?  model/unresolved-reference',
      '',
      'shop.moat.yaml',
      '  4:3   low   The gateway takes web traffic without a `waf`         missing-waf',
      '  7:49  high  gateway → api is not encrypted (`http`). Use `https`  unencrypted-flow',
      '',
      '\u2716 3 problems (0 critical, 2 high, 0 medium, 1 low, 0 info)',
      '  1 finding not shown: 1 accepted',
      '',
    ].join('\n'));
  });

  it('colours severities, positions and the summary when asked, and only that', () => {
    const coloured = formatStylish(shopReport({ color: true }));
    assert.match(coloured, /\u001b\[31mhigh\u001b\[39m/);
    assert.match(coloured, /\u001b\[4mshop\.moat\.yaml\u001b\[24m/);
    assert.equal(coloured.replace(ANSI, ''), formatStylish(shopReport()));
  });

  it('says a clean run is clean, with the note when findings are accepted or known', () => {
    assert.equal(formatStylish(report([{ file: SHOP, findings: [] }])), '\u2714 1 model checked, no problems\n');
    assert.equal(formatStylish(report([{ file: SHOP, findings: [] }, { file: PART, findings: [] }, { file: SHOP, findings: [] }])), '\u2714 3 models checked, no problems\n');
    assert.equal(formatStylish(report([{ file: SHOP, findings: [ACCEPTED, { ...WAF, known: true }, { ...HTTP_FLOW, known: true }] }])),
      '\u2714 1 model checked, no problems\n  3 findings not shown: 1 accepted, 2 known from the baseline\n');
  });

  it('shows one problem in the singular, and a finding in a file that two models include once', () => {
    assert.equal(formatStylish(report([{ file: SHOP, findings: [WAF] }, { file: PART, findings: [WAF] }])), [
      '', 'shop.moat.yaml', '  4:3  low  The gateway takes web traffic without a `waf`  missing-waf', '',
      '\u2716 1 problem (0 critical, 0 high, 0 medium, 1 low, 0 info)', '',
    ].join('\n'));
  });

  it('adds the expired acceptance to the message', () => {
    const expired = { ...WAF, expired: { reason: 'CDN', until: '2020-01-01', file: SHOP, range: { start: 0, end: 0 } } };
    assert.match(formatStylish(report([{ file: SHOP, findings: [expired] }])), / {2}4:3 {2}low {2}The gateway takes web traffic without a `waf`\. \(its acceptance expired on 2020-01-01: CDN\) {2}missing-waf\n/);
  });
});

describe('github', () => {
  it('annotates each problem at its range with the rule as title, by severity, then sums up', () => {
    assert.equal(formatGithub(shopReport()), [
      '::notice file=models/shop.moat.yaml,line=4,col=3,endLine=4,endColumn=10,title=missing-waf::The gateway takes web traffic without a `waf`.',
      '::error file=models/shop.moat.yaml,line=7,col=49,endLine=7,endColumn=53,title=unencrypted-flow::gateway → api is not encrypted (`http`). Use `https`.',
      '::error file=models/parts/pay ments.moat.yaml,line=3,col=40,endLine=3,endColumn=43,title=model/unresolved-reference::No boundary is named `pci`; did you mean `cluster`?',
      'Moat: 3 problems (2 high, 1 low) in 1 model; 1 accepted; 2 findings at or above high fail the run.',
      '',
    ].join('\n'));
  });

  it('uses warning for medium and notice for low and info', () => {
    const levels = (['critical', 'high', 'medium', 'low', 'info'] as const).map((severity) =>
      formatGithub(report([{ file: SHOP, findings: [{ ...WAF, severity }] }])).split('::')[1].split(' ')[0]);
    assert.deepEqual(levels, ['error', 'error', 'warning', 'notice', 'notice']);
  });

  it('escapes workflow-command data (%, CR, LF) and properties (also : and ,)', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
    const odd = finding('/work/repo/models/a,b:c.moat.yaml', PART_TEXT, 'pci', { rule: 'missing-waf', severity: 'medium', target: 'x', message: 'two\nlines, 50%' });
    const out = formatGithub(report([{ file: odd.file, findings: [odd] }], { files: new Map([[odd.file, PART_TEXT]]) }));
    assert.equal(out.split('\n')[0], '::warning file=models/a%2Cb%3Ac.moat.yaml,line=3,col=40,endLine=3,endColumn=43,title=missing-waf::two%0Alines, 50%25');
  });

  it('says the run passes when nothing fails it', () => {
    assert.equal(formatGithub(report([{ file: SHOP, findings: [] }])), 'Moat: 0 problems in 1 model; the run passes.\n');
  });
});

describe('markdown', () => {
  it('is a pull-request comment: verdict, counts, findings worst first with links to their lines, accepted ones folded', () => {
    assert.equal(formatMarkdown(shopReport()), [
      '## :x: Moat: 3 problems in 1 model (2 findings at or above `high`)',
      '',
      '| critical | high | medium | low | info | accepted | known |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| 0 | 2 | 0 | 1 | 0 | 1 | 0 |',
      '',
      '| Severity | Rule | Finding | Location |',
      '| --- | --- | --- | --- |',
      '| high | `model/unresolved-reference` | No boundary is named `pci`; did you mean `cluster`? | [parts/pay ments.moat.yaml:3](parts/pay%20ments.moat.yaml#L3) |',
      '| high | `unencrypted-flow` | gateway → api is not encrypted (`http`). Use `https`. | [shop.moat.yaml:7](shop.moat.yaml#L7) |',
      '| low | `missing-waf` | The gateway takes web traffic without a `waf`. | [shop.moat.yaml:4](shop.moat.yaml#L4) |',
      '',
      '<details><summary>1 accepted finding</summary>',
      '',
      '| Rule | Target | Reason | Until | By | Location |',
      '| --- | --- | --- | --- | --- | --- |',
      '| `unauthenticated-flow` | `gateway->api` | mTLS at the mesh \\| sidecar | 2999-01-01 | ops | [shop.moat.yaml:7](shop.moat.yaml#L7) |',
      '',
      '</details>',
      '',
    ].join('\n'));
  });

  it('keeps table cells whole: no raw pipes, line breaks or HTML from messages', () => {
    const nasty = { ...WAF, message: 'a | b\nc <script>' };
    assert.match(formatMarkdown(report([{ file: SHOP, findings: [nasty] }])), /\| low \| `missing-waf` \| a \\\| b c &lt;script&gt; \| /);
  });

  it('says it passed when nothing fails the run', () => {
    assert.match(formatMarkdown(report([{ file: SHOP, findings: [WAF] }])), /^## :white_check_mark: Moat: 1 problem in 1 model \(passed\)\n/);
  });

  it('links to the commit on GitHub in GitHub Actions, so the links work in a pull-request comment', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123' };
    const base = githubBrowseBase(env);
    assert.equal(base, 'https://github.com/acme/shop/blob/abc123/');
    const text = formatMarkdown(shopReport({ browseBase: base }));
    assert.ok(text.includes(`| [parts/pay ments.moat.yaml:3](https://github.com/acme/shop/blob/abc123/models/parts/pay%20ments.moat.yaml#L3) |`), text);
    assert.ok(text.includes(`| [shop.moat.yaml:7](https://github.com/acme/shop/blob/abc123/models/shop.moat.yaml#L7) |`), text);
    assert.equal(githubBrowseBase({ ...env, GITHUB_ACTIONS: undefined }), undefined);
    assert.equal(githubBrowseBase({ ...env, GITHUB_SHA: '' }), undefined);
  });
});

describe('junit', () => {
  const cases = (xml: string) => [...xml.matchAll(/<testcase name="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];

  it('has one test case per rule and model; failures carry the findings at or above --fail-on, the rest go to the output', () => {
    const xml = formatJunit(shopReport());
    const all = cases(xml);
    assert.equal(all.length, ruleCatalogue().length);
    assert.match(xml, new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\n<testsuites name="moat" tests="${all.length}" failures="2" errors="0" skipped="0">\n  <testsuite name="shop.moat.yaml" tests="${all.length}" failures="2" errors="0" skipped="0">\n`));
    const body = (id: string) => all.find((c) => c[1] === id)?.[3]?.trim();
    assert.equal(body('unencrypted-flow'), '<failure message="1 finding at or above high: gateway → api is not encrypted (`http`). Use `https`." type="unencrypted-flow">shop.moat.yaml:7:49 high unencrypted-flow@gateway-&gt;api: gateway → api is not encrypted (`http`). Use `https`.</failure>');
    assert.equal(body('missing-waf'), '<system-out>shop.moat.yaml:4:3 low missing-waf@gateway: The gateway takes web traffic without a `waf`.</system-out>');
    assert.equal(body('unauthenticated-flow'), '<system-out>shop.moat.yaml:7:34 medium unauthenticated-flow@gateway-&gt;api: gateway → api has no authentication. (accepted: mTLS at the mesh | sidecar)</system-out>');
    assert.equal(body('missing-mfa'), undefined);
  });

  it('reports a model that does not parse as an error, and rules turned off as skipped', () => {
    const syntax = finding(SHOP, 'moat: [', '[', { rule: 'model/syntax', severity: 'high', target: 'shop.moat.yaml:0', message: 'YAML syntax error: unclosed [' });
    const xml = formatJunit(report([{ file: SHOP, findings: [syntax], settings: new Map([['missing-waf', 'off']]) }], { files: new Map([[SHOP, 'moat: [']]) }));
    assert.match(xml, /<testsuites name="moat" tests="\d+" failures="0" errors="1" skipped="1">/);
    assert.match(xml, /<testcase name="model\/syntax" classname="shop.moat.yaml">\n {6}<error message="1 model error: YAML syntax error: unclosed \[" type="model\/syntax">shop.moat.yaml:1:7 high model\/syntax@shop.moat.yaml:0: YAML syntax error: unclosed \[<\/error>/);
    assert.match(xml, /<testcase name="missing-waf" classname="shop.moat.yaml">\n {6}<skipped message="turned off"\/>\n {4}<\/testcase>/);
  });

  it('escapes markup, quotes and characters XML cannot hold', () => {
    assert.equal(escapeXml('a&b<c>"d"\'e\''), 'a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
    assert.equal(escapeXml('bell\u0007 nul\u0000 ok\ttab'), 'bell\uFFFD nul\uFFFD ok&#9;tab');
    assert.equal(escapeXml('lone \uD800 pair \uD83D\uDE00'), 'lone \uFFFD pair \uD83D\uDE00');
    const nasty = { ...WAF, message: 'x]]></system-out><evil a="1"/>\u0001' };
    const xml = formatJunit(report([{ file: SHOP, findings: [nasty] }], { failOn: 'low' }));
    assert.match(xml, /<failure message="1 finding at or above low: x\]\]&gt;&lt;\/system-out&gt;&lt;evil a=&quot;1&quot;\/&gt;\uFFFD" type="missing-waf">/);
    assert.doesNotMatch(xml, /<evil/);
  });
});

describe('formats and the models they are given', () => {
  it('name the model file and the part a finding is in, each relative to the working directory', () => {
    assert.match(formatStylish(report([{ file: SHOP, findings: [{ ...WAF, file: PART, range: { start: 0, end: 4 } }] }])), /^\nparts\/pay ments\.moat\.yaml\n {2}1:1 {2}low/);
  });
});
