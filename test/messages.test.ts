// Every message of the catalogue as a user reads it, with real values: the findings of the
// samples, of every fixture model, and of two models crafted so that the rules the others leave
// silent fire (test/fixtures/messages/), with names that tempt a template into doubling a word (a
// user called `admin`, a boundary `dmz` of trust `dmz`, a frontend called `frontend`); and the
// drift rules' findings, from the drift fixtures changed against their deployments.
//
// Each class of mistake found once by reading them all is a check here, over every message.
// To read them yourself: MOAT_PRINT_MESSAGES=1 npm test -- test/messages

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkModel, checkText, RULES } from '../server/src/engine.js';
import { loadDeployment } from '../server/src/drift/load.js';
import { redactor, secretKind } from '../server/src/model/secrets.js';
import type { Finding } from '../server/src/model/types.js';

const ROOT = path.resolve(__dirname, '..');

function models(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return models(p);
    return /(^|\.)moat\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

const FILES = [...models(path.join(ROOT, 'samples')), ...models(path.join(ROOT, 'test/fixtures'))];

interface Seen { finding: Finding; file: string }
const seen: Seen[] = [];
for (const file of FILES) {
  const analysis = checkModel(file, { today: '2026-11-25' });
  const redact = redactor(analysis.model);
  for (const finding of analysis.findings) seen.push({ finding: { ...finding, message: redact(finding.message) }, file: path.relative(ROOT, file) });
}

// The drift rules need a deployment: the drift fixtures (test/fixtures/drift/), each changed the
// way one of test/drift/drift.test.ts's cases changes it, so that every drift rule fires.
const DRIFT: [fixture: string, deployment: string, edits: Record<string, [string, string][]>][] = [
  ['compose', 'docker-compose.yml', { 'shop.moat.yaml': [['    deployed-as: db\n', '']] }],
  ['compose', 'docker-compose.yml', { 'docker-compose.yml': [['    user: "10001"\n    read_only: true\n', '    user: "0"\n    privileged: true\n']] }],
  ['compose', 'docker-compose.yml', { 'docker-compose.yml': [['    image: redis:7.2\n    user: "999"\n', '    image: redis:7.4\n    user: "999"\n']] }],
  ['compose', 'docker-compose.yml', { 'shop.moat.yaml': [['protocol: postgres, port: 5432, tls: none,', 'protocol: postgres, port: 5432, tls: tls,']] }],
  ['compose', 'docker-compose.yml', { 'docker-compose.yml': [['    image: postgres:16\n', '    image: postgres:16\n    ports:\n      - "5432:5432"\n']] }],
  ['compose', 'docker-compose.yml', { 'docker-compose.yml': [['      DB_PASSWORD: ${DB_PASSWORD}', '      DB_PASSWORD: s3cr3t-Passw0rd-x9']] }],
  ['k8s', 'shop.yaml', { 'shop.moat.yaml': [['  reports:\n    kind: service\n    boundary: shop\n', '  reports:\n    kind: service\n    boundary: shop\n    calls:\n      - { to: cart, protocol: grpc, port: 7070, tls: mtls, auth: mtls }\n']] }],
  ['k8s', 'shop.yaml', { 'shop.yaml': [['    mode: STRICT', '    mode: PERMISSIVE'], ['  selector: { app: frontend }\n  ports:', '  type: LoadBalancer\n  selector: { app: frontend }\n  ports:']] }],
];
for (const [fixture, deployment, edits] of DRIFT) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moat-messages-drift-'));
  try {
    for (const name of fs.readdirSync(path.join(ROOT, 'test/fixtures/drift', fixture))) {
      let text = fs.readFileSync(path.join(ROOT, 'test/fixtures/drift', fixture, name), 'utf8');
      for (const [before, after] of edits[name] ?? []) {
        assert.ok(text.includes(before), `${fixture}/${name} has no ${JSON.stringify(before)}`);
        text = text.replace(before, after);
      }
      fs.writeFileSync(path.join(dir, name), text);
    }
    const file = path.join(dir, 'shop.moat.yaml');
    const analysis = checkText(fs.readFileSync(file, 'utf8'), file, { deployment: loadDeployment({ dir, paths: [{ path: deployment }] }).view, today: '2026-11-25' });
    const redact = redactor(analysis.model);
    for (const finding of analysis.findings) {
      if (finding.rule.startsWith('drift/')) seen.push({ finding: { ...finding, message: redact(finding.message) }, file: `test/fixtures/drift/${fixture} (changed)` });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.MOAT_PRINT_MESSAGES) {
  const byRule = new Map<string, Set<string>>();
  for (const { finding } of seen) byRule.set(finding.rule, (byRule.get(finding.rule) ?? new Set()).add(finding.message));
  for (const [rule, messages] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${rule} (${messages.size})`);
    for (const m of messages) console.log(`  ${m}`);
  }
}

/** The text outside backticks: what is prose, not a quoted value. */
const prose = (m: string) => m.replace(/`[^`]*`/g, '`…`');

/** Each class of mistake, as a test over every message: [what it is, whether `message` makes it]. */
const MISTAKES: [string, (message: string) => boolean][] = [
  ['an empty name in backticks', (m) => /``/.test(m)],
  ['an empty end of a flow or range', (m) => /\( ?→|→ ?\)|→ *(,|:|$)|(^|\(|, ) *→/.test(m)],
  ['a word written twice in a row', (m) => /(?<![\w-])([a-z][\w-]*) \1(?![\w-])/i.test(prose(m))],
  ['a name followed by itself in parentheses (`frontend (frontend)`)', (m) => /(?<![\w-])`?([\w-]+)`? \(`?\1`?[,)]/.test(m)],
  ['"1" with a plural noun', (m) => /(?<![\d.,])1 (?!more\b)[a-z]+s\b/.test(prose(m))],
  ['a plural pronoun for one component (`a` switches it off … their images)', (m) => /^`[^`]+` (switches|turns)\b[^.]*\b(their images|them like)\b/.test(m)],
  ['"first" of a list of one (`1 flow … first web → api`)', (m) => /\b1 [a-z]+\b[^.]*\bfirst\b/.test(prose(m))],
  ['an undefined, null or NaN value, or an object', (m) => /\b(undefined|null|NaN)\b|\[object /.test(prose(m))],
  ['"its controls" without saying the key (`controls:`)', (m) => /\bits controls\b/.test(prose(m))],
  ['doubled or stray spaces and punctuation', (m) => /\S {2,}\S| [.,;:](?!\S)|\.\.(?!\.)|,,/.test(prose(m))],
  ['no full stop (or question mark) at its end', (m) => !/[.?)]$/.test(m)],
  ['an unbalanced parenthesis or backtick', (m) => (m.match(/`/g) ?? []).length % 2 === 1
    || (prose(m).match(/\(/g) ?? []).length !== (prose(m).match(/\)/g) ?? []).length],
];

describe('every message of the catalogue, with real values', () => {
  it('reads models enough that every rule fires at least once, drift\'s included', () => {
    const fired = new Set(seen.map((s) => s.finding.rule));
    const silent = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id));
    assert.deepEqual(silent, []);
    // And the model's own problems, each kind but those that need two files or a deployment.
    const problems = ['model/include', 'model/missing-boundary', 'model/syntax', 'model/type', 'model/unknown-key', 'model/unresolved-reference', 'model/version'];
    assert.deepEqual(problems.filter((id) => !fired.has(id)), []);
    assert.ok(seen.length > 500, `${seen.length} findings`);
  });

  for (const [mistake, makes] of MISTAKES) {
    it(`no message has ${mistake}`, () => {
      const wrong = [...new Set(seen.filter((s) => makes(s.finding.message)).map((s) => `${s.finding.rule}: ${s.finding.message}`))];
      assert.deepEqual(wrong, []);
    });
  }

  it('no message says "add" without saying where: a key written with `to`, `under` or `in` the place that holds it', () => {
    const wrong = new Set<string>();
    for (const { finding } of seen) {
      for (const sentence of prose(finding.message).split(/(?<=[.:;])\s+/)) {
        const add = /\b[Aa]dd (.*)/.exec(sentence);
        if (add && !/\b(to|under|in|on)\b/.test(add[1])) wrong.add(`${finding.rule}: ${sentence}`);
      }
    }
    assert.deepEqual([...wrong], []);
  });

  it('no message repeats a secret', () => {
    assert.ok(seen.some((s) => s.finding.rule === 'hardcoded-secret'), 'the corpus holds literal secrets');
    assert.deepEqual(seen.filter((s) => secretKind(s.finding.message) !== undefined).map((s) => s.finding.message), []);
  });

  it('the checks catch what they are for', () => {
    const caught = (message: string) => MISTAKES.filter(([, makes]) => makes(message)).map(([what]) => what);
    assert.deepEqual(caught('crosses boundaries ( → data)'), ['an empty end of a flow or range']);
    assert.deepEqual(caught('No service is named ``.'), ['an empty name in backticks']);
    assert.deepEqual(caught('Role `ops` grants `admin` on every service, held by the the user `admin`.'), ['a word written twice in a row']);
    assert.deepEqual(caught('frontend (frontend) has no scanning.'), ['a name followed by itself in parentheses (`frontend (frontend)`)']);
    assert.deepEqual(caught('to `dmz` (dmz).'), ['a name followed by itself in parentheses (`frontend (frontend)`)']);
    assert.deepEqual(caught('The model authenticates 1 flows with tokens.'), ['"1" with a plural noun']);
    assert.deepEqual(caught('`a` and 1 more.'), []);
    assert.deepEqual(caught('Add `audit-log: true` to its controls.'), ['"its controls" without saying the key (`controls:`)']);
    assert.deepEqual(caught('`orders` switches `image-scanning` off: their images go unnoticed.'), ['a plural pronoun for one component (`a` switches it off … their images)']);
    assert.deepEqual(caught('web runs undefined.'), ['an undefined, null or NaN value, or an object']);
    assert.deepEqual(caught('Set `x: null` in its `controls:`.'), []);
  });
});
