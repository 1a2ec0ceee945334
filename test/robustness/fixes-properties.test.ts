// Quick fixes never lose anything. Every code action the language server offers for a generated
// model (with comments on random lines, written in block style, flow style or the generator's
// mix) is computed through the server's own code path (ModelWorkspace → diagnosticsFor →
// codeActions) and applied as an editor would; the result must parse, keep every comment, change
// only lines of what the fix targets, end the finding, and bring no model error with it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { generateModel, prng } from '../../bench/generate.js';
import { createMoatService } from '../../server/src/service/index.js';
import type { MoatService, RootAnalysis } from '../../server/src/service/index.js';
import { UriMap } from '../../server/src/lsp/uris.js';
import { diagnosticsFor } from '../../server/src/lsp/diagnostics.js';
import { codeActions } from '../../server/src/lsp/actions.js';
import type { AcceptStyle } from '../../server/src/fix/fixes.js';
import { ACCEPT_TITLE } from '../../server/src/fix/fixes.js';
import { LineIndex } from '../../server/src/util/lines.js';
import { trimTrailing } from '../../server/src/fix/text.js';
import type { Finding } from '../../server/src/model/types.js';

/** Not a `file:` path a disk could hold a `.moatrc.yaml` for. */
const URI = 'file:///moat-robustness-nowhere/fixes.moat.yaml';
const BOUND = { timeout: 180_000 };

/** One editor session over one document: the language server's workspace, without the wire. */
class Session {
  doc: TextDocument;
  readonly service: MoatService = createMoatService();
  readonly uris = new UriMap();
  constructor(text: string) {
    this.doc = TextDocument.create(URI, 'moat', 1, text);
    this.service.setDocument(this.uris.pathOf(URI), text, 1);
  }
  /** The user replaced the text (as after applying a fix): re-read through the session's parse cache. */
  set(text: string): this {
    this.doc = TextDocument.create(URI, 'moat', this.doc.version + 1, text);
    this.service.setDocument(this.uris.pathOf(URI), text, this.doc.version);
    return this;
  }
  async results(): Promise<RootAnalysis[]> {
    return this.service.analysesOf(this.uris.pathOf(URI));
  }
  async findings(): Promise<Finding[]> {
    return (await this.results())[0].analysis.findings;
  }
  async diagnostics(): Promise<Diagnostic[]> {
    return diagnosticsFor(this.uris.pathOf(URI), await this.results());
  }
  async actions(d: Diagnostic, style: AcceptStyle): Promise<CodeAction[]> {
    return codeActions({
      service: this.service, uris: this.uris, acceptStyle: style, clientCommands: new Set(),
      params: { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } },
    });
  }
}

interface OffsetEdit { start: number; end: number; newText: string }

function offsetEdits(text: string, action: CodeAction): OffsetEdit[] {
  const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  assert.equal(changes.length, 1, `${action.title}: edits one document`);
  assert.equal(changes[0].textDocument.uri, URI);
  assert.equal(changes[0].textDocument.version, 1, `${action.title}: names the version it was computed for`);
  const lines = new LineIndex(text);
  return (changes[0].edits as TextEdit[]).map((e) => ({
    start: lines.offset(e.range.start.line, e.range.start.character),
    end: lines.offset(e.range.end.line, e.range.end.character),
    newText: e.newText,
  }));
}

function apply(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].end <= sorted[i - 1].start, 'edits do not overlap');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

// --- the models ---------------------------------------------------------------------------

type Style = 'mixed' | 'block' | 'flow';

/** The generated model re-written with every element in block style, or each on one flow line. */
function restyle(text: string, style: Style): string {
  if (style === 'mixed') return text;
  const doc = parseDocument(text);
  visit(doc, {
    Map(_, node, path) {
      // path: document, root map, section pair, section map, element pair, …
      node.flow = style === 'flow' && path.length >= 5;
    },
    Seq(_, node, path) {
      node.flow = style === 'flow' && path.length >= 5;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** Whole-line comments on random lines (at the indentation of what follows) and trailing ones. */
function withComments(text: string, seed: number, count: number): string {
  const rand = prng(seed);
  const lines = text.split('\n');
  for (let k = 0; k < count; k++) {
    const at = Math.floor(rand() * lines.length);
    const line = lines[at];
    if (rand() < 0.5) {
      const next = lines.slice(at).find((l) => l.trim() !== '') ?? '';
      lines.splice(at, 0, `${/^ */.exec(next)![0]}# note ${seed}-${k}: keep me`);
    } else if (line.trim() !== '' && !line.includes('#')) {
      lines[at] = `${line}  # trailing ${seed}-${k}`;
    }
  }
  return lines.join('\n');
}

function commentLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trimStart().startsWith('#'));
}

function trailingComments(text: string): string[] {
  return [...text.matchAll(/ # trailing [\d-]+/g)].map((m) => m[0]);
}

function parseErrors(text: string): string[] {
  return parseDocument(text, { uniqueKeys: false }).errors.map((e) => e.message);
}

// --- what a fix may touch -------------------------------------------------------------------

/** Inclusive line spans of the places a fix for `finding` may edit, in the original text. */
function allowedLines(text: string, finding: Finding, results: RootAnalysis[], title: string): [number, number][] {
  const model = results[0].analysis.model;
  const lines = new LineIndex(text);
  const line = (offset: number) => lines.position(offset).line;
  const spans: [number, number][] = [];
  const spanOf = (src: { key: { start: number }; node: { end: number } }) =>
    spans.push([line(src.key.start), line(Math.max(src.key.start, trimTrailing(text, src.node.end)))]);
  const ends = finding.target.split(/->|#/);
  const elements = [...model.services.values(), ...model.data.values(), ...model.roles.values(),
    ...[...model.boundaries.values()].filter((b) => b.src)];
  for (const el of elements) {
    const src = el.src!;
    const holds = src.key.start <= finding.range.start && finding.range.start <= src.node.end;
    if (holds || el.id === finding.target || (el.type === 'service' && ends[0] === el.id)) spanOf(src);
  }
  const gateway = /through the gateway `([^`]+)`/.exec(title)?.[1];
  if (gateway) spanOf(model.services.get(gateway)!.src);
  spans.push(...topLevelSpans(text, lines));
  return spans;
}

const topLevel = new Map<string, [number, number][]>();
/** System controls and acceptances live in top-level keys, created at the end of the file when absent. */
function topLevelSpans(text: string, lines: LineIndex): [number, number][] {
  let spans = topLevel.get(text);
  if (spans) return spans;
  spans = [];
  const line = (offset: number) => lines.position(offset).line;
  const doc = parseDocument(text);
  if (isMap(doc.contents)) {
    const pairs = doc.contents.items as Pair<YamlNode, YamlNode | null>[];
    for (const pair of pairs) {
      if (isScalar(pair.key) && (pair.key.value === 'controls' || pair.key.value === 'accept') && pair.value?.range) {
        spans.push([line(pair.key.range![0]), line(trimTrailing(text, pair.value.range[1]))]);
      }
    }
    const last = pairs.at(-1)?.value?.range;
    if (last) spans.push([line(trimTrailing(text, last[1])), line(trimTrailing(text, last[1]))]);
  }
  topLevel.clear();
  topLevel.set(text, spans);
  return spans;
}

/** The original lines one edit changes, by a line diff of before and after (common head and tail). */
function changedLines(before: string, after: string): { from: number; to: number } {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { from: head, to: a.length - tail - 1 };
}

// --- the property ---------------------------------------------------------------------------

/** The finding a diagnostic shows: its rule, at its range. */
function findingAt(findings: readonly Finding[], text: string, d: Diagnostic): Finding {
  const lines = new LineIndex(text);
  const start = lines.offset(d.range.start.line, d.range.start.character);
  const end = lines.offset(d.range.end.line, d.range.end.character);
  const found = findings.find((f) => f.rule === d.code && f.range.start === start && f.range.end === end && !f.accepted);
  assert.ok(found, `no finding of ${String(d.code)} at ${JSON.stringify(d.range)}`);
  return found;
}

interface Checked { actions: number; accepts: number; byTitle: Map<string, number> }

async function checkEveryFix(text: string, checked: Checked): Promise<void> {
  const session = new Session(text);
  const scratch = new Session(text);
  const before = await session.findings();
  assert.deepEqual(before.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), [], 'the model starts clean');
  assert.deepEqual(parseErrors(text), [], 'the model parses');
  const comments = commentLines(text);
  const trailing = trailingComments(text);
  const results = await session.results();
  for (const d of await session.diagnostics()) {
    const finding = findingAt(before, text, d);
    const data = { rule: finding.rule, fingerprint: finding.fingerprint };
    for (const style of ['entry', 'comment'] as const) {
      for (const action of await session.actions(d, style)) {
        if (!action.edit) continue;
        const isAccept = action.title === ACCEPT_TITLE;
        // Each fix once; "Accept…" in both styles.
        if (style === 'comment' && !isAccept) continue;
        const what = `${action.title} for ${data.fingerprint} (${style})`;
        const edits = offsetEdits(text, action);
        const after = apply(text, edits);
        checked.actions++;
        checked.byTitle.set(action.title.replace(/`[^`]*`/g, '…'), (checked.byTitle.get(action.title.replace(/`[^`]*`/g, '…')) ?? 0) + 1);

        const kept = commentLines(after);
        for (const c of comments) assert.ok(kept.includes(c), `${what}: the comment line «${c}» is lost`);
        for (const c of trailing) {
          if (after.includes(c)) continue;
          // A comment at the end of a removed entry goes with it; nowhere else may one go.
          const line = text.split('\n').find((l) => l.includes(c))!;
          const entry = line.slice(0, line.indexOf(c)).trim();
          const holding = (t: string) => t.split('\n').filter((l) => l.replace(/\s+#.*$/, '').trim() === entry).length;
          assert.ok(holding(after) < holding(text), `${what}: the comment «${c}» is lost, its line «${entry}» is not`);
        }

        const fixesAll = action.title.startsWith('Fix all');
        if (!fixesAll) {
          for (const e of edits) {
            const { from, to } = changedLines(text, apply(text, [e]));
            const allowed = allowedLines(text, finding, results, action.title);
            const inside = (l: number) => allowed.some(([a, b]) => a <= l && l <= b);
            const ok = to < from ? inside(from - 1) || inside(from) : inside(from) && inside(to);
            assert.ok(ok, `${what}: changes lines ${from + 1}-${to + 1}, outside what it targets ${JSON.stringify(allowed.map(([a, b]) => [a + 1, b + 1]))}\n${JSON.stringify(e)}`);
          }
        }

        const found = await scratch.set(after).findings();
        const newModel = found.filter((f) => f.rule.startsWith('model/'));
        assert.deepEqual(newModel.filter((f) => f.rule === 'model/syntax').map((f) => f.message), [], `${what}: the result parses`);
        const targeted = fixesAll ? (action.diagnostics ?? []).map((x) => findingAt(before, text, x).fingerprint) : [data.fingerprint];
        if (isAccept) {
          checked.accepts++;
          // The reason is left to write: the model says so, and the finding stays until it is.
          assert.deepEqual(newModel.map((f) => f.rule), ['model/type'], `${what}: an empty reason is reported`);
          assert.match(newModel[0].message, /reason/);
          assert.ok(found.some((f) => f.fingerprint === data.fingerprint && !f.accepted), `${what}: accepted without a reason`);
          const reasoned = style === 'entry'
            ? apply(after, [{ ...reasonAt(after, edits, 'reason: ""'), newText: 'reason: checked by the robustness test' }])
            : apply(after, [{ ...reasonAt(after, edits, `# moat-accept ${data.rule}:`), newText: `# moat-accept ${data.rule}: checked by the robustness test` }]);
          const final = await scratch.set(reasoned).findings();
          assert.deepEqual(final.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), [], `${what}: no model error once the reason is written`);
          const same = final.filter((f) => f.fingerprint === data.fingerprint);
          assert.ok(same.length > 0 && same.every((f) => f.accepted), `${what}: the finding is reported as accepted`);
        } else {
          assert.deepEqual(newModel.map((f) => `${f.rule}: ${f.message}`), [], `${what}: no model error appears`);
          // A fingerprint names the element (`unused-grant@ROLE`): one of its findings goes per fix.
          const live = (list: readonly Finding[], fp: string) => list.filter((f) => f.fingerprint === fp && !f.accepted).length;
          for (const fp of new Set(targeted)) {
            const expected = live(before, fp) - targeted.filter((t) => t === fp).length;
            assert.ok(live(found, fp) <= Math.max(0, expected), `${what}: ${fp} is still reported (${live(found, fp)} of ${live(before, fp)})\n${after}`);
          }
        }
      }
    }
  }
}

/** Where, in the text after an accept fix, the text `needle` it inserted is. */
function reasonAt(after: string, edits: readonly OffsetEdit[], needle: string): { start: number; end: number } {
  const from = Math.min(...edits.map((e) => e.start));
  const start = after.indexOf(needle, from);
  assert.ok(start >= 0, `the accept fix wrote «${needle}»`);
  return { start, end: start + needle.length };
}

describe('quick fixes never lose anything', () => {
  const checked: Checked = { actions: 0, accepts: 0, byTitle: new Map() };
  for (const style of ['mixed', 'block', 'flow'] as const) {
    it(`every fix offered for a generated model in ${style} style, with comments on random lines`, BOUND, async () => {
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 25 }),
        async (services, seed, comments) => {
          const text = withComments(restyle(generateModel(services, { seed }), style), seed, comments);
          await checkEveryFix(text, checked);
        }), { numRuns: Number(process.env.MOAT_FIX_RUNS ?? 6) });
      assert.ok(checked.actions > 0);
    });
  }
  it('covered every kind of fix', () => {
    // Not a property: a record of what the runs above went through, so a generator change that
    // stops producing some finding shows here.
    for (const kind of ['Add … to the controls of …', 'Set …', 'Remove …', ACCEPT_TITLE]) {
      assert.ok([...checked.byTitle.keys()].some((t) => t.startsWith(kind.split(' …')[0])), `no «${kind}» fix was tried: ${[...checked.byTitle.keys()].join(' | ')}`);
    }
    assert.ok(checked.accepts > 0);
  });
});
