// `moat check` end to end: the built command on fixture models, as CI runs it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ANSI, FIXTURES, REPO, cleanEnv, cliBundle, moat, scratch } from './run.js';
import type { JsonReport } from '../../server/src/format/json.js';

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const brief = (r: JsonReport) => r.models.map((m) => ({
  file: m.file,
  findings: m.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.fingerprint}${f.accepted ? ' accepted' : ''}${f.known ? ' known' : ''}${f.expired ? ' expired' : ''}`),
}));

const SHOP = [
  'shop/shop.moat.yaml:18:5 low missing-waf@gateway',
  'shop/shop.moat.yaml:27:70 high unencrypted-flow@api->db',
];

describe('moat check: stylish (ESLint\'s format)', () => {
  it('groups findings under the file, aligned, then the summary line', () => {
    const run = moat(['check', 'shop']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    const messages = json(moat(['check', 'shop', '--format', 'json']).stdout).models[0].findings.map((f) => f.message.replace(/\.$/, ''));
    const lines = run.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 2), ['', 'shop/shop.moat.yaml']);
    // Columns as ESLint aligns them: line:col padded to the widest, severity padded, message padded.
    const width = Math.max(...messages.map((m) => m.length));
    assert.equal(lines[2], `  18:5   low   ${messages[0].padEnd(width)}  missing-waf`);
    assert.equal(lines[3], `  27:70  high  ${messages[1].padEnd(width)}  unencrypted-flow`);
    assert.deepEqual(lines.slice(4), ['', '\u2716 2 problems (0 critical, 1 high, 0 medium, 1 low, 0 info)', '']);
  });

  it('says a clean model is clean, and exits 0', () => {
    const run = moat(['check', 'clean']);
    assert.deepEqual(run, { code: 0, stdout: '\u2714 1 model checked, no problems\n', stderr: '' });
  });

  it('counts accepted findings apart and leaves them out; an expired acceptance brings its finding back with a note', () => {
    const run = moat(['check', 'accepted']);
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[2], /^ {2}18:5 {2}low {5}.*\(its acceptance expired on 2001-01-31: The CDN filters requests\.\) {2}missing-waf$/);
    assert.match(lines[3], /^ {2}\d+:5 {2}medium {2}.* {2}expired-acceptance$/);
    assert.deepEqual(lines.slice(4), ['', '\u2716 2 problems (0 critical, 0 high, 1 medium, 1 low, 0 info)', '  1 finding not shown: 1 accepted', '']);
  });

  it('names paths relative to the working directory', () => {
    assert.match(moat(['check', '.'], { cwd: path.join(FIXTURES, 'shop') }).stdout, /^\nshop\.moat\.yaml\n/);
    assert.match(moat(['check', 'test/fixtures/cli/shop'], { cwd: REPO }).stdout, /^\ntest\/fixtures\/cli\/shop\/shop\.moat\.yaml\n/);
    assert.match(moat(['check', '../includes'], { cwd: path.join(FIXTURES, 'shop') }).stdout, /^\n\.\.\/includes\/parts\/services\.moat\.yaml\n/);
  });
});

describe('moat check: exit codes, the same in every format', () => {
  const cases: { args: string[]; code: number }[] = [
    { args: ['clean'], code: 0 },
    { args: ['shop'], code: 1 },
    { args: ['shop', '--fail-on', 'critical'], code: 0 },
    { args: ['shop', '--fail-on', 'low'], code: 1 },
    { args: ['shop', '--fail-on', 'none'], code: 0 },
    { args: ['accepted'], code: 0 },
    { args: ['broken'], code: 2 },
    { args: ['broken', '--fail-on', 'none'], code: 2 },
    { args: ['shop', 'broken'], code: 2 },
  ];
  for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) {
    it(format, () => {
      for (const c of cases) {
        const run = moat(['check', ...c.args, '--format', format]);
        assert.equal(run.code, c.code, `moat check ${c.args.join(' ')} --format ${format}: ${run.stderr}`);
        assert.equal(run.stderr, '', `${c.args.join(' ')} --format ${format}`);
      }
    });
  }
});

describe('moat check: json', () => {
  it('gives every finding with 1-based ranges, fingerprint, target, CWE and STRIDE', () => {
    const report = json(moat(['check', 'shop', '-f', 'json']).stdout);
    assert.equal(report.version, JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    assert.deepEqual(brief(report), [{ file: 'shop/shop.moat.yaml', findings: SHOP }]);
    const flow = report.models[0].findings[1];
    assert.deepEqual(
      { rule: flow.rule, range: flow.range, target: flow.target, cwe: flow.cwe, stride: flow.stride, accepted: flow.accepted },
      { rule: 'unencrypted-flow', range: { start: { line: 27, column: 70 }, end: { line: 27, column: 74 } }, target: 'api->db', cwe: 319, stride: ['I', 'T'], accepted: undefined },
    );
    assert.deepEqual(report.summary, {
      models: 1, problems: 2, bySeverity: { critical: 0, high: 1, medium: 0, low: 1, info: 0 },
      accepted: 0, known: 0, failing: 1, broken: 0, exitCode: 1, failOn: 'high',
    });
  });

  it('counts columns in UTF-16 code units, as editors and SARIF do', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'shop/shop.moat.yaml'), 'utf8');
    const line = text.split('\n')[26];
    // `😀` is one code point but two UTF-16 units: the column is 70, not 69.
    assert.equal([...line.slice(0, line.indexOf('none'))].length + 1, 69);
    const report = json(moat(['check', 'shop', '-f', 'json']).stdout);
    assert.deepEqual(report.models[0].findings[1].range.start, { line: 27, column: 70 });
  });

  it('marks accepted findings with the acceptance, and expired ones as normal findings with a note', () => {
    const report = json(moat(['check', 'accepted', '-f', 'json']).stdout);
    const findings = report.models[0].findings;
    const accepted = findings.find((f) => f.rule === 'unencrypted-flow')!;
    assert.deepEqual(accepted.accepted, { reason: 'The database runs as a sidecar & never leaves the pod <really>.', until: '2999-12-31', by: 'platform-team' });
    const waf = findings.find((f) => f.rule === 'missing-waf')!;
    assert.equal(waf.accepted, undefined);
    assert.deepEqual(waf.expired, { reason: 'The CDN filters requests.', until: '2001-01-31' });
    assert.deepEqual([report.summary.accepted, report.summary.problems, report.summary.exitCode], [1, 2, 0]);
  });

  it('reports a model that does not parse (model/syntax) with its location, checks the next model, and exits 2', () => {
    const run = moat(['check', 'broken', 'shop', '-f', 'json']);
    assert.equal(run.code, 2);
    const report = json(run.stdout);
    assert.deepEqual(report.models.map((m) => m.file), ['broken/bad.moat.yaml', 'shop/shop.moat.yaml']);
    const syntax = report.models[0].findings.filter((f) => f.rule === 'model/syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 'high');
    assert.deepEqual(brief(report)[1].findings, SHOP);
    assert.equal(report.summary.broken, 1);
  });

  it('checks a binary file or a folder named like a model without crashing', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'blob.moat.yaml'), Buffer.from([0, 1, 2, 3, 0, 255]));
    fs.mkdirSync(path.join(dir, 'folder.moat.yaml'));
    const run = moat(['check', '.', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, '');
    assert.deepEqual(json(run.stdout).models.map((m) => [m.file, m.findings.map((f) => `${f.rule}: ${f.message}`)]), [
      ['blob.moat.yaml', ['model/syntax: Cannot read the model: it is a binary file, not YAML.']],
    ]);
  });
});

describe('moat check: finding models', () => {
  it('searches folders for model files, skipping node_modules and .git', () => {
    const dir = scratch('shop');
    for (const skipped of ['node_modules/pkg', '.git/x']) {
      fs.mkdirSync(path.join(dir, skipped), { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, 'broken/bad.moat.yaml'), path.join(dir, skipped, 'moat.yaml'));
    }
    fs.mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'clean/moat.yaml'), path.join(dir, 'a/b/moat.yml'));
    fs.copyFileSync(path.join(FIXTURES, 'clean/moat.yaml'), path.join(dir, 'a/other.moat.yml'));
    fs.writeFileSync(path.join(dir, 'a/config.yaml'), 'not: a model\n');
    const report = json(moat(['check', '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(report.models.map((m) => m.file), ['a/b/moat.yml', 'a/other.moat.yml', 'shop/shop.moat.yaml']);
  });

  it('checks a file that another model includes as part of that model, not twice', () => {
    for (const args of [['includes'], ['includes/parts/services.moat.yaml', 'includes/root.moat.yaml']]) {
      const report = json(moat(['check', ...args, '-f', 'json']).stdout);
      assert.deepEqual(brief(report), [{ file: 'includes/root.moat.yaml', findings: ['includes/parts/services.moat.yaml:8:44 high unencrypted-flow@worker->db'] }]);
    }
  });

  it('checks a file named on the command line whatever its name', () => {
    const dir = scratch();
    fs.copyFileSync(path.join(FIXTURES, 'shop/shop.moat.yaml'), path.join(dir, 'system.yaml'));
    const report = json(moat(['check', 'system.yaml', '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(report.models.map((m) => m.findings.length), [2]);
  });

  it('refuses a path that does not exist, and a folder without models, in one line with exit 2', () => {
    assert.deepEqual(moat(['check', 'shop', 'nope']), { code: 2, stdout: '', stderr: 'moat: cannot read nope: no such file or folder\n' });
    const empty = scratch();
    assert.deepEqual(moat(['check'], { cwd: empty }), {
      code: 2, stdout: '', stderr: 'moat: no model files in . (looked for *.moat.yaml, *.moat.yml, moat.yaml, moat.yml)\n',
    });
  });
});

describe('moat check: rules and configuration', () => {
  it('reads .moatrc.yaml upward from the model: severities, `off`, and `ignore:` globs', () => {
    const run = moat(['check', 'configured', '-f', 'json']);
    assert.equal(run.code, 0);
    assert.deepEqual(brief(json(run.stdout)), [{ file: 'configured/shop.moat.yaml', findings: ['configured/shop.moat.yaml:27:70 medium unencrypted-flow@api->db'] }]);
  });

  it('says so when a file named on the command line is ignored, and passes', () => {
    const run = moat(['check', 'configured/ignored/bad.moat.yaml']);
    assert.deepEqual(run, {
      code: 0, stdout: '',
      stderr: 'moat: configured/ignored/bad.moat.yaml is skipped: it matches `ignore:` in configured/.moatrc.yaml\n',
    });
  });

  it('takes --config FILE instead, and --rule over both', () => {
    const dir = scratch('shop');
    fs.writeFileSync(path.join(dir, 'strict.yaml'), 'rules:\n  missing-waf: critical\n');
    let report = json(moat(['check', 'shop', '--config', 'strict.yaml', '-f', 'json'], { cwd: dir }).stdout);
    assert.deepEqual(brief(report)[0].findings, ['shop/shop.moat.yaml:18:5 critical missing-waf@gateway', SHOP[1]]);
    const run = moat(['check', 'configured', '--rule', 'unencrypted-flow=critical', '--rule', 'missing-waf=info', '-f', 'json']);
    assert.equal(run.code, 1);
    report = json(run.stdout);
    assert.deepEqual(brief(report)[0].findings, ['configured/shop.moat.yaml:18:5 info missing-waf@gateway', 'configured/shop.moat.yaml:27:70 critical unencrypted-flow@api->db']);
    assert.deepEqual(brief(json(moat(['check', 'shop', '--rule', 'unencrypted-flow=off', '-f', 'json']).stdout))[0].findings, [SHOP[0]]);
  });

  it('names the closest rule when --rule or a config names one that does not exist', () => {
    assert.deepEqual(moat(['check', 'shop', '--rule', 'unencrypted-flwo=off']), {
      code: 2, stdout: '',
      stderr: 'moat: --rule unencrypted-flwo=off: unknown rule `unencrypted-flwo`; did you mean `unencrypted-flow`?\n',
    });
    const dir = scratch('shop');
    fs.writeFileSync(path.join(dir, '.moatrc.yaml'), 'rules:\n  missing-wafs: "off"\n');
    assert.deepEqual(moat(['check'], { cwd: dir }), {
      code: 2, stdout: '', stderr: 'moat: .moatrc.yaml: unknown rule `missing-wafs`; did you mean `missing-waf`?\n',
    });
  });

  it('refuses bad flags in one line with exit 2, never a stack trace', () => {
    const bad: [string[], string][] = [
      [['check', 'shop', '--rule', 'missing-waf'], 'moat: --rule missing-waf: expected ID=SEVERITY, e.g. --rule unspecified-tls=off\n'],
      [['check', 'shop', '--rule', 'missing-waf=loud'], 'moat: --rule missing-waf=loud: the severity should be one of critical, high, medium, low, info, off\n'],
      [['check', 'shop', '--format', 'xml'], 'moat: option \'-f, --format <format>\' argument \'xml\' is invalid. Allowed choices are stylish, json, sarif, junit, github, markdown.\n'],
      [['check', 'shop', '--fail-on', 'severe'], 'moat: option \'--fail-on <severity>\' argument \'severe\' is invalid. Allowed choices are critical, high, medium, low, info, none.\n'],
      [['check', 'shop', '--formt', 'json'], 'moat: unknown option \'--formt\' (Did you mean --format?)\n'],
      [['chek'], 'moat: unknown command \'chek\' (Did you mean check?)\n'],
      [['check', 'shop', '--output'], 'moat: option \'-o, --output <file>\' argument missing\n'],
      [['check', 'shop', '--config', 'missing.yaml'], 'moat: cannot read the config file missing.yaml\n'],
      [['check', 'shop', '--baseline', 'missing.json'], 'moat: cannot read the baseline missing.json: no such file\n'],
    ];
    for (const [args, stderr] of bad) assert.deepEqual(moat(args), { code: 2, stdout: '', stderr }, args.join(' '));
  });
});

describe('moat check: baselines', () => {
  const REORDERED = fs.readFileSync(path.join(FIXTURES, 'shop-reordered.yaml'), 'utf8');

  it('writes today\'s fingerprints, per model, relative to the baseline, and the run passes', () => {
    const dir = scratch('shop');
    const run = moat(['check', 'shop', '--write-baseline', 'moat-baseline.json', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'moat-baseline.json'), 'utf8'), `${JSON.stringify({
      version: 1, models: { 'shop/shop.moat.yaml': ['missing-waf@gateway', 'unencrypted-flow@api->db'] },
    }, null, 2)}\n`);
    assert.deepEqual(brief(json(run.stdout))[0].findings, SHOP.map((f) => `${f} known`));
  });

  it('survives reordering and reformatting the model; new findings still fail the run', () => {
    const dir = scratch('shop');
    fs.mkdirSync(path.join(dir, 'ci'));
    assert.equal(moat(['check', 'shop', '--write-baseline', 'ci/baseline.json'], { cwd: dir }).code, 0);
    fs.writeFileSync(path.join(dir, 'shop/shop.moat.yaml'), REORDERED);
    let run = moat(['check', '--baseline', 'ci/baseline.json', '-f', 'json'], { cwd: dir });
    assert.equal(run.code, 0, run.stdout);
    const report = json(run.stdout);
    assert.deepEqual(report.models[0].findings.map((f) => `${f.fingerprint}${f.known ? ' known' : ''}`), ['unencrypted-flow@api->db known', 'missing-waf@gateway known']);
    assert.deepEqual([report.summary.known, report.summary.problems], [2, 0]);
    // From a sub-folder too: the baseline names models relative to itself.
    assert.equal(moat(['check', '.', '--baseline', '../ci/baseline.json'], { cwd: path.join(dir, 'shop') }).code, 0);

    fs.writeFileSync(path.join(dir, 'shop/shop.moat.yaml'), REORDERED.replace('protocol: grpc\n        tls: mtls', 'protocol: http'));
    run = moat(['check', '--baseline', 'ci/baseline.json'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /gateway → api .* {2}unencrypted-flow\n/);
    assert.match(run.stdout, / {2}2 findings not shown: 2 known from the baseline\n$/);
  });

  it('refuses a baseline that is not one, in one line', () => {
    const dir = scratch('shop');
    fs.writeFileSync(path.join(dir, 'b.json'), '["missing-waf@gateway"]');
    assert.deepEqual(moat(['check', 'shop', '--baseline', 'b.json'], { cwd: dir }), {
      code: 2, stdout: '',
      stderr: 'moat: the baseline b.json should be {"version": 1, "models": {"<model path>": ["RULE@TARGET", …]}}\n',
    });
  });
});

describe('moat check: output and terminal', () => {
  it('writes the report to -o FILE (creating its folder), and nothing to standard output', () => {
    const dir = scratch('shop');
    const run = moat(['check', 'shop', '-o', 'reports/moat.sarif', '--format', 'sarif', '--color'], { cwd: dir });
    assert.deepEqual([run.code, run.stdout, run.stderr], [1, '', '']);
    const written = fs.readFileSync(path.join(dir, 'reports/moat.sarif'), 'utf8');
    assert.equal(JSON.parse(written).runs[0].results.length, 2);
    assert.doesNotMatch(written, ANSI);
    const stylish = moat(['check', 'shop', '--output', 'out.txt', '--color'], { cwd: dir });
    assert.equal(stylish.stdout, '');
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), ANSI);
    assert.match(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8'), /\u2716 2 problems/);
  });

  it('colours only on a terminal, never with NO_COLOR or --no-color; --color forces it', () => {
    const tty = (args: string, env: Record<string, string | undefined> = {}) => inTerminal(`check shop ${args}`, env);
    assert.match(tty(''), ANSI);
    assert.doesNotMatch(tty('', { NO_COLOR: '1' }), ANSI);
    assert.doesNotMatch(tty('--no-color'), ANSI);
    assert.doesNotMatch(moat(['check', 'shop']).stdout, ANSI);
    assert.match(moat(['check', 'shop', '--color']).stdout, ANSI);
    // Colour changes nothing but colour.
    assert.equal(tty('').replace(new RegExp(ANSI.source, 'g'), ''), tty('--no-color'));
  });

  it('shows progress on a terminal for many models, erased afterwards, and nothing extra when piped', () => {
    const dir = scratch();
    for (let i = 0; i < 6; i++) {
      fs.mkdirSync(path.join(dir, `m${i}`));
      fs.copyFileSync(path.join(FIXTURES, 'clean/moat.yaml'), path.join(dir, `m${i}/moat.yaml`));
    }
    const raw = inTerminal('check', {}, dir, true);
    assert.match(raw, /\r\u001b\[2KChecking 0\/6 models read/);
    assert.match(raw, /\r\u001b\[2KChecking 5\/6 models checked\r\u001b\[2K\u001b\[32m\u001b\[1m\u2714 6 models checked, no problems\u001b\[22m\u001b\[39m\r?\n$/);
    assert.deepEqual(moat(['check'], { cwd: dir }), { code: 0, stdout: '\u2714 6 models checked, no problems\n', stderr: '' });
    assert.doesNotMatch(inTerminal('check --quiet', {}, dir, true), /Checking/);
  });

  it('markdown links to the commit on GitHub when run in GitHub Actions, relative elsewhere', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123' };
    const inActions = moat(['check', 'shop', '-f', 'markdown'], { env }).stdout;
    assert.match(inActions, /\| \[shop\/shop\.moat\.yaml:27\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc123\/test\/fixtures\/cli\/shop\/shop\.moat\.yaml#L27\) \|/);
    assert.match(moat(['check', 'shop', '-f', 'markdown']).stdout, /\| \[shop\/shop\.moat\.yaml:27\]\(shop\/shop\.moat\.yaml#L27\) \|/);
  });

  it('--quiet reports only what fails the run', () => {
    const report = json(moat(['check', 'shop', '-q', '-f', 'json']).stdout);
    assert.deepEqual(brief(report)[0].findings, [SHOP[1]]);
    assert.equal(report.summary.exitCode, 1);
    assert.equal(moat(['check', 'shop', '--quiet']).code, 1);
    assert.deepEqual(brief(json(moat(['check', 'shop', '-q', '--fail-on', 'low', '-f', 'json']).stdout))[0].findings, SHOP);
    assert.deepEqual(brief(json(moat(['check', 'shop', '-q', '--fail-on', 'none', '-f', 'json']).stdout))[0].findings, [SHOP[1]]);
  });

  it('--quiet says nothing false of what it hid: no "no problems" while some are left out, in every format with a summary', () => {
    // `accepted` has a low and a medium problem and an accepted finding: --quiet lists none of them.
    const stylish = moat(['check', 'accepted', '-q']);
    assert.deepEqual(stylish, { code: 0, stderr: '', stdout: '\u2714 1 model checked, no problems at or above high\n  3 findings not shown: 2 below high (--quiet), 1 accepted\n' });
    assert.equal(moat(['check', 'accepted', '-q', '-f', 'github']).stdout, 'Moat: 0 problems at or above high in 1 model; 2 below high (--quiet), 1 accepted; the run passes.\n');
    const markdown = moat(['check', 'accepted', '-q', '-f', 'markdown']).stdout.split('\n');
    assert.deepEqual(markdown.slice(0, 7), [
      '## :white_check_mark: Moat: 2 problems in 1 model (passed)', '',
      '| critical | high | medium | low | info | accepted | known |', '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |', '| 0 | 0 | 1 | 1 | 0 | 1 | 0 |', '',
      'Only findings at or above `high` are listed (`--quiet`): 2 problems below it are not.',
    ]);
    assert.doesNotMatch(markdown.join('\n'), /\| (missing-waf|expired-acceptance) \|/);
    const report = json(moat(['check', 'accepted', '-q', '-f', 'json']).stdout);
    assert.deepEqual(report.models[0].findings, []);
    assert.deepEqual(report.summary.quiet, { below: 'high', notListed: 2 });
    // With --fail-on, the threshold is its severity; shown problems still get the not-shown line.
    assert.equal(moat(['check', 'shop', '-q', '--fail-on', 'medium']).stdout.split('\n').slice(-3).join('\n'), '\u2716 1 problem (0 critical, 1 high, 0 medium, 0 low, 0 info)\n  1 finding not shown: 1 below medium (--quiet)\n');
    // Nothing hidden: the plain clean line, and no `quiet` count in JSON but the threshold.
    assert.equal(moat(['check', 'clean', '-q']).stdout, '\u2714 1 model checked, no problems\n');
    assert.deepEqual(json(moat(['check', 'clean', '-q', '-f', 'json']).stdout).summary.quiet, { below: 'high', notListed: 0 });
    assert.equal(json(moat(['check', 'clean', '-f', 'json']).stdout).summary.quiet, undefined);
  });
});

describe('moat check: SARIF and GitHub paths', () => {
  it('names files relative to the git repository root, found upward from the working directory', () => {
    const dir = scratch('shop');
    fs.mkdirSync(path.join(dir, '.git'));
    const cwd = path.join(dir, 'shop');
    const sarif = JSON.parse(moat(['check', '.', '-f', 'sarif'], { cwd }).stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: unknown } }[] }) => r.locations[0].physicalLocation.artifactLocation), [
      { uri: 'shop/shop.moat.yaml', uriBaseId: '%SRCROOT%' }, { uri: 'shop/shop.moat.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    assert.match(moat(['check', '.', '-f', 'github'], { cwd }).stdout, /^::notice file=shop\/shop.moat.yaml,line=18,col=5,endLine=18,endColumn=13,title=missing-waf::/);
    // Without a repository, the working directory is the root.
    assert.match(moat(['check', '.', '-f', 'github'], { cwd: path.join(scratch('shop'), 'shop') }).stdout, /^::notice file=shop.moat.yaml,/);
  });
});

/** Runs `moat ARGS` on a pseudo-terminal (util-linux `script`); returns what the terminal showed. */
function inTerminal(args: string, env: Record<string, string | undefined> = {}, cwd = FIXTURES, raw = false): string {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliBundle())} ${args}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env: cleanEnv({ TERM: 'xterm', ...env }), encoding: 'utf8' });
  assert.equal(result.error, undefined, 'util-linux `script` runs the command on a terminal');
  return raw ? result.stdout : result.stdout.replace(/\r\n/g, '\n');
}
