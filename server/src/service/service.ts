// The one way into the engine, in the spirit of vscode-markdown-languageservice's
// createLanguageService: the language server, the CLI and (through the server) the diagram
// panel hold a MoatService and translate its answers to their own positions and outputs. It
// owns the project (project.ts: documents over the disk, the include index, the `.moatrc.yaml`
// of each model, the parse cache, the incremental analyzer) and answers in offsets. Answers
// that depend only on a file's text (outline, folding, the ids written in it) are kept per text,
// so asking again for an unchanged document costs nothing.

import type { Analysis } from '../analysis/analyze.js';
import { todayUtc } from '../analysis/analyze.js';
import type { MoatConfig } from '../analysis/config.js';
import { acceptFix, fixAllOf, fixesFor } from '../fix/fixes.js';
import type { AcceptStyle, FileEdit, Fix } from '../fix/fixes.js';
import type { ModelHost, ReadResult } from '../model/host.js';
import type { Finding, Model, Severity } from '../model/types.js';
import { severityRank } from '../model/types.js';
import { buildDiagram } from '../render/diagram.js';
import type { Diagram } from '../render/diagram.js';
import { buildReport } from '../render/report.js';
import type { ReportDocument, ReportOptions } from '../render/report.js';
import { completionAt } from './completion.js';
import type { CompletionChoice } from './completion.js';
import { definitionOf, elementsAt, syntaxProblem } from './elements.js';
import { foldingSpans } from './folding.js';
import type { FoldingSpan } from './folding.js';
import { elementsMatching } from './workspace-symbols.js';
import type { ElementSymbol } from './workspace-symbols.js';
import { hoverAt } from './hover.js';
import type { HoverAnswer } from './hover.js';
import { definitionSpans, referenceSpans, renameEdits, renameTarget } from './navigation.js';
import type { Navigation, Span } from './navigation.js';
import { occurrenceAt, occurrencesIn } from './occurrences.js';
import type { Occurrence } from './occurrences.js';
import { Project } from './project.js';
import type { ConfigLookup, Document, ModelSettings, RootAnalysis } from './project.js';
import type { ElementRef } from './protocol.js';
import { DEFAULT_MAX_SYMBOLS, countOf, documentSymbols, limitSymbols, placeSymbol, withChildren } from './symbols.js';
import type { ModelSymbol } from './symbols.js';
import { perUnit } from './by-units.js';
import type { UnitReading } from './by-units.js';
import type { Unit } from '../model/units.js';
import { trimTrailing } from '../fix/text.js';
import type { LoadedDeployment } from '../drift/load.js';
import { driftFixes } from '../drift/fixes.js';
import { runImport } from '../import/run.js';
import type { ImportRun, RunImportOptions } from '../import/run.js';

export type { CompletionChoice, ConfigLookup, Document, ElementSymbol, FoldingSpan, HoverAnswer, ModelSettings, ModelSymbol, RootAnalysis, Span };
export { RenameError } from './navigation.js';

export interface MoatServiceOptions {
  /** The disk, or what stands for it; documents are laid over it. Default: the real disk. */
  host?: ModelHost;
  /** Settings over each model's `.moatrc.yaml`: the editor's `moat.rules`, the CLI's `--rule`. */
  settings?: (root: string) => ModelSettings | Promise<ModelSettings>;
  /** A config used for every model instead of the `.moatrc.yaml` found upward (the CLI's `--config`). */
  config?: MoatConfig;
  /** Reads files of a virtual workspace through the editor: those `isRemote` accepts. */
  fetch?: (file: string) => Promise<ReadResult>;
  isRemote?: (file: string) => boolean;
  /** A deployment every model is checked against instead of its config's `deployment:` (the CLI's `--deployment`). */
  deployment?: LoadedDeployment;
}

/** A finding as an edge names it back (an editor's diagnostic): its rule, where it is, what it said. */
export interface FindingRef {
  rule: string;
  start: number;
  end: number;
  /** The finding's target, as the diagnostic's `data` carries it. */
  target?: string;
}

/** The quick fixes of one finding. */
export interface FindingFixes {
  finding: Finding;
  fixes: Fix[];
  accept?: Fix;
  /** Other findings of the rule are in the file: "fix all" may be offered (fixAllOf works it out when chosen). */
  othersOfRule: boolean;
}

/** What a model's diagram is: drawn, or not readable (the panel keeps its last one). */
export type DiagramAnswer =
  | { analysis: Analysis; diagram: Diagram }
  | { broken: { file: string; start: number; message: string; text: string } };

export interface MoatService {
  /** How many times a file's text was read for the ids written in it, its outline or its folding (the tests count them). */
  readonly stats: { textsRead: number };
  // The documents an editor holds, over the disk.
  setDocument(file: string, text: string, version: number): void;
  closeDocument(file: string): void;
  document(file: string): Document | undefined;
  /** A file changed on disk (a config file's change drops the config read from it). */
  fileChanged(file: string): void;
  /** Files were created or deleted (or settings changed): indexes and configs are read again. */
  filesChanged(): void;
  /** The folders whose model files are indexed for includes. */
  setFolders(folders: readonly string[]): void;

  // Models.
  rootsOf(file: string): string[];
  configOf(root: string): ConfigLookup;
  model(root: string): Promise<Model>;
  analyze(root: string): Promise<RootAnalysis>;
  analysesOf(file: string): Promise<RootAnalysis[]>;
  /** The text a file was analysed with (undefined when no analysis read it). */
  analysedText(file: string, results: readonly RootAnalysis[]): string | undefined;
  /** A file's text as the service reads it: the editor's document, else the disk. */
  text(file: string): string;

  // Answers, in offsets of `file`.
  /** The findings (not accepted) in `file`, from every model it belongs to, each once. */
  findings(file: string, results?: readonly RootAnalysis[]): Promise<Finding[]>;
  hover(file: string, offset: number): Promise<HoverAnswer | undefined>;
  definition(file: string, offset: number): Promise<Span[]>;
  references(file: string, offset: number, includeDeclaration: boolean): Promise<Span[]>;
  /**
   * Where the id under the cursor is written in `file`, its declaration a write: `catalog` never
   * lights up inside `catalog-db`, as the editor's word highlighting would. Empty off an id.
   */
  highlights(file: string, offset: number): (Span & { write: boolean })[];
  prepareRename(file: string, offset: number): Promise<(Span & { placeholder: string }) | undefined>;
  /** Throws RenameError when the name is invalid or taken. */
  rename(file: string, offset: number, newName: unknown): Promise<FileEdit[] | undefined>;
  completion(file: string, offset: number): Promise<CompletionChoice[]>;
  /** The outline, within `maxSymbols` (DEFAULT_MAX_SYMBOLS): see limitSymbols. The same answer while the text is. */
  symbols(file: string, maxSymbols?: number): ModelSymbol[];
  folding(file: string): FoldingSpan[];
  /** The elements declared in every model file known whose name matches `query` (see elementsMatching). */
  workspaceSymbols(query: string): ElementSymbol[];
  /** The finding each ref stands for, with its fixes (cheap: "fix all" is left to fixAllOf). */
  quickFixes(file: string, refs: readonly FindingRef[], acceptStyle: AcceptStyle): Promise<(FindingFixes | undefined)[]>;
  /** The safe fixes of every finding of `rule` in `file` together, and the findings they fix. */
  fixAllOf(file: string, rule: string): Promise<{ edits: FileEdit[]; fixed: Finding[] }>;
  /** The safe fixes of every finding in `file`. */
  fixAll(file: string): Promise<FileEdit[]>;
  diagram(file: string): Promise<DiagramAnswer>;
  diagramElementsAt(file: string, offset: number): Promise<ElementRef[]>;
  diagramSource(file: string, element: ElementRef): Promise<Span | undefined>;
  report(root: string, options?: ReportOptions): Promise<ReportDocument>;
  /**
   * `moat import`: a model written from deployment files, or an existing model with what they
   * add (`update`); the files that model includes are read as the service sees them (an
   * editor's unsaved text included). Throws a DeploymentError or UpdateError (one line).
   */
  importDeployment(inputs: readonly string[], options: RunImportOptions): ImportRun;
}

/** Findings at or above `minSeverity` (all by default). */
export function atLeast(findings: readonly Finding[], minSeverity: Severity | undefined): Finding[] {
  if (!minSeverity || minSeverity === 'info') return [...findings];
  const min = severityRank(minSeverity);
  return findings.filter((f) => severityRank(f.severity) >= min);
}

/** The findings (not accepted ones) that point into `file`, from every model it belongs to. */
export function findingsIn(file: string, analyses: readonly RootAnalysis[]): Finding[] {
  const out: Finding[] = [];
  // A file in one model (nearly always) needs no keys: the same finding twice comes from two models.
  const seen = analyses.length > 1 ? new Set<string>() : undefined;
  for (const { analysis } of analyses) {
    for (const f of analysis.findings) {
      if (f.file !== file || f.accepted) continue;
      if (seen) {
        const key = `${f.fingerprint}|${f.range.start}|${f.range.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(f);
    }
  }
  return out;
}

export function createMoatService(options: MoatServiceOptions = {}): MoatService {
  const project = new Project(options);
  const stats = { textsRead: 0 };
  /** Per file: the last text (and argument) answered for, and what was worked out from it. */
  const byText = <T, A>(compute: (file: string, text: string, arg?: A) => T) => {
    const memo = new Map<string, { text: string; arg?: A; value: T }>();
    return (file: string, text: string, arg?: A): T => {
      const hit = memo.get(file);
      if (hit && hit.text === text && hit.arg === arg) return hit.value;
      const value = compute(file, text, arg);
      stats.textsRead++;
      memo.set(file, { text, arg, value });
      return value;
    };
  };
  const occurrencesOfText = byText(perFile(occurrencesByUnits));
  const symbolsOfText = byText(perFile(symbolsByUnits));
  const foldingOfText = byText(perFile(foldingByUnits));
  /** Every id written in the files of an analysis, kept with the analysis. */
  const allOccurrences = new WeakMap<readonly RootAnalysis[], Occurrence[]>();
  let lastResults: { key: Analysis[]; results: RootAnalysis[] } | undefined;

  const textOf = (file: string): string => {
    const doc = project.document(file);
    if (doc) return doc.text;
    for (const r of lastResults?.results ?? []) {
      const source = r.analysis.model.files.get(file);
      if (source) return source.text;
    }
    const read = project.host.read(file);
    return 'text' in read ? read.text : '';
  };

  /** The same array for the same analyses, so what is kept per array is found again. */
  const analysesOf = async (file: string): Promise<RootAnalysis[]> => {
    const results = await project.analysesOf(file);
    const key = results.map((r) => r.analysis);
    if (lastResults && lastResults.key.length === key.length && lastResults.key.every((a, i) => a === key[i])) return lastResults.results;
    lastResults = { key, results };
    return results;
  };

  const navigation = async (file: string, offset: number): Promise<{ nav: Navigation; results: RootAnalysis[] }> => {
    const results = await analysesOf(file);
    let all = allOccurrences.get(results);
    if (!all) {
      const files = new Map<string, string>();
      for (const r of results) for (const [f, source] of r.analysis.model.files) files.set(f, source.text);
      if (!files.has(file)) files.set(file, textOf(file));
      all = [];
      for (const [f, text] of files) for (const o of occurrencesOfText(f, text)) all.push(o);
      allOccurrences.set(results, all);
    }
    return { nav: { all, here: occurrenceAt(occurrencesOfText(file, textOf(file)), file, offset) }, results };
  };

  const analysisHolding = (results: readonly RootAnalysis[], f: Finding): Analysis =>
    (results.find((r) => r.analysis.findings.includes(f)) ?? results[0]).analysis;

  const service: MoatService = {
    stats,
    setDocument: (file, text, version) => project.setDocument(file, text, version),
    closeDocument: (file) => project.closeDocument(file),
    document: (file) => project.document(file),
    fileChanged: (file) => project.changed(file),
    filesChanged: () => project.filesChanged(),
    setFolders: (folders) => project.setFolders(folders),

    rootsOf: (file) => project.rootsOf(file),
    configOf: (root) => project.configOf(root),
    model: (root) => project.model(root),
    analyze: (root) => project.analyze(root),
    analysesOf,
    text: textOf,
    analysedText: (file, results) => results.find((r) => r.analysis.model.files.has(file))?.analysis.model.files.get(file)?.text,

    async findings(file, results) {
      return findingsIn(file, results ?? await analysesOf(file));
    },
    async hover(file, offset) {
      const { nav, results } = await navigation(file, offset);
      return hoverAt(nav, results, file, textOf(file) ?? '', offset);
    },
    async definition(file, offset) {
      return definitionSpans((await navigation(file, offset)).nav);
    },
    async references(file, offset, includeDeclaration) {
      return referenceSpans((await navigation(file, offset)).nav, includeDeclaration);
    },
    highlights(file, offset) {
      const all = occurrencesOfText(file, textOf(file));
      const here = occurrenceAt(all, file, offset);
      if (!here) return [];
      return all.filter((o) => o.ns === here.ns && o.id === here.id)
        .map((o) => ({ file: o.file, start: o.start, end: o.end, write: o.declaration === true }));
    },
    async prepareRename(file, offset) {
      const target = renameTarget((await navigation(file, offset)).nav);
      return target && { file: target.file, start: target.start, end: target.end, placeholder: target.placeholder };
    },
    async rename(file, offset, newName) {
      return renameEdits((await navigation(file, offset)).nav, newName);
    },
    async completion(file, offset) {
      return completionAt(textOf(file), offset, await analysesOf(file));
    },
    symbols(file, maxSymbols = DEFAULT_MAX_SYMBOLS) {
      return symbolsOfText(file, textOf(file), maxSymbols);
    },
    folding: (file) => foldingOfText(file, textOf(file)),
    workspaceSymbols(query) {
      const files = project.modelFiles();
      return elementsMatching(files.flatMap((f) => occurrencesOfText(f, textOf(f))), query);
    },

    async quickFixes(file, refs, acceptStyle) {
      const results = await analysesOf(file);
      const findings = findingsIn(file, results);
      const countOfRule = new Map<string, number>();
      for (const f of findings) countOfRule.set(f.rule, (countOfRule.get(f.rule) ?? 0) + 1);
      return refs.map((ref) => {
        const finding = findingOf(ref, findings);
        if (!finding) return undefined;
        const analysis = analysisHolding(results, finding);
        return {
          finding,
          fixes: [...fixesFor(analysis, finding), ...(analysis.deployment ? driftFixes(analysis, finding, analysis.deployment) : [])],
          accept: acceptFix(analysis, finding, acceptStyle),
          othersOfRule: (countOfRule.get(finding.rule) ?? 0) > 1,
        };
      });
    },
    async fixAllOf(file, rule) {
      const results = await analysesOf(file);
      const ofRule = findingsIn(file, results).filter((f) => f.rule === rule);
      if (ofRule.length === 0) return { edits: [], fixed: [] };
      return fixAllOf(analysisHolding(results, ofRule[0]), ofRule);
    },
    async fixAll(file) {
      const results = await analysesOf(file);
      if (results.length === 0) return [];
      const first = results[0].analysis;
      return fixAllOf(first, findingsIn(file, results).filter((f) => first.findings.includes(f))).edits;
    },

    async diagram(file) {
      const [result] = await analysesOf(file);
      const broken = syntaxProblem(result.analysis.model);
      if (broken) {
        return { broken: { file: broken.file, start: broken.range.start, message: broken.message, text: result.analysis.model.files.get(broken.file)?.text ?? textOf(broken.file) } };
      }
      return { analysis: result.analysis, diagram: buildDiagram(result.analysis) };
    },
    async diagramElementsAt(file, offset) {
      const [result] = await analysesOf(file);
      return elementsAt(result.analysis.model, file, offset);
    },
    async diagramSource(file, element) {
      const [result] = await analysesOf(file);
      const where = definitionOf(result.analysis.model, element);
      return where && { file: where.file, start: where.range.start, end: where.range.end };
    },
    async report(root, reportOptions) {
      const { analysis } = await project.analyze(root);
      return buildReport(analysis, { today: todayUtc(), ...reportOptions });
    },
    importDeployment(inputs, importOptions) {
      return runImport(inputs, { ...importOptions, host: project.host });
    },
  };
  return service;
}

/**
 * The finding a diagnostic stands for, in the analysis of the current text: the one of its rule
 * and target at its range, else the only one of its rule and target (the diagnostic was computed
 * for an earlier text). Never by message text.
 */
function findingOf(ref: FindingRef, findings: readonly Finding[]): Finding | undefined {
  const ours = findings.filter((f) => f.rule === ref.rule && (ref.target === undefined || f.target === ref.target));
  const here = ours.find((f) => f.range.start === ref.start && f.range.end === ref.end);
  if (here) return here;
  return ref.target !== undefined && ours.length === 1 ? ours[0] : undefined;
}

/** What an edge shows for a finding: its message, and why it shows again when its acceptance ran out. */
export function messageOf(finding: Finding): string {
  return finding.expired ? `${finding.message} (The acceptance of this finding expired on ${finding.expired.until}.)` : finding.message;
}

/** A per-unit reading with its memo, one per file. */
function perFile<T, A>(read: (file: string, text: string, memo: UnitReading<T>, arg?: A) => T[]): (file: string, text: string, arg?: A) => T[] {
  const memos = new Map<string, UnitReading<T>>();
  return (file, text, arg) => {
    let memo = memos.get(file);
    if (!memo) memos.set(file, (memo = { current: new Map() }));
    return read(file, text, memo, arg);
  };
}

export function occurrencesByUnits(file: string, text: string, memo: UnitReading<Occurrence> = { current: new Map() }): Occurrence[] {
  const pieces = perUnit(text, memo, (t) => occurrencesIn(file, t), (o, d) => ({ ...o, start: o.start + d, end: o.end + d }), (o, h) => o.start >= h);
  if (!pieces) return occurrencesIn(file, text);
  // Comments before the first key are in no unit; a `# moat-accept` there names a rule.
  const lead = pieces[0].unit.start > 0 ? occurrencesIn(file, text.slice(0, pieces[0].unit.start)) : [];
  return lead.concat(...pieces.map((p) => p.items));
}

export function foldingByUnits(_file: string, text: string, memo: UnitReading<FoldingSpan> = { current: new Map() }): FoldingSpan[] {
  const pieces = perUnit(text, memo, foldingSpans, (f, d) => ({ ...f, start: f.start + d, end: f.end + d }), (f, h) => f.start >= h);
  if (!pieces) return foldingSpans(text);
  // Comments before the first key are in no unit.
  const out: FoldingSpan[] = pieces[0].unit.start > 0 ? foldingSpans(text.slice(0, pieces[0].unit.start)) : [];
  for (const [i, piece] of pieces.entries()) {
    out.push(...piece.items);
    // A section's own fold runs from its key to the end of its last entry.
    const { unit } = piece;
    if (unit.section !== undefined || pieces[i + 1]?.unit.section !== unit.key) continue;
    let last = i + 1;
    while (pieces[last + 1]?.unit.section === unit.key) last++;
    out.push({ start: unit.start, end: trimTrailing(text, pieces[last].unit.end) });
  }
  return out;
}

/** What a file's last outline left to reuse: its units' symbols, and each unit's as placed in the text. */
export interface SymbolReading extends UnitReading<ModelSymbol> {
  placed?: Map<number, { local: ModelSymbol[]; delta: number; calls: boolean; items: ModelSymbol[] }>;
}

/**
 * The outline of `text` within `maxSymbols` (see limitSymbols), read per unit. The units' symbols
 * are counted before they are placed: past the limit the elements are placed without their calls,
 * and a unit that starts where it did keeps the symbols placed for it last time.
 */
export function symbolsByUnits(_file: string, text: string, memo: SymbolReading = { current: new Map() }, maxSymbols = Infinity): ModelSymbol[] {
  // An entry of a section reads as its section's symbol with the entry as its one child: the child is the answer.
  const read = (t: string, unit: Unit) => {
    const symbols = documentSymbols(t);
    return unit.section !== undefined ? symbols[0]?.children ?? [] : symbols;
  };
  const pieces = perUnit(text, memo, read, undefined, () => true);
  if (!pieces) return limitSymbols(documentSymbols(text), maxSymbols);
  // Counted as the outline below is put together: an entry goes under the section key before it.
  let total = 0;
  let lastName: string | undefined;
  for (const { unit, local } of pieces) {
    if (unit.section === undefined) {
      total += countOf(local);
      lastName = local.at(-1)?.name;
    } else if (unit.section === lastName) total += countOf(local);
  }
  const calls = total <= maxSymbols;
  const placed: NonNullable<SymbolReading['placed']> = new Map();
  for (const piece of pieces) {
    const { unit, local, delta } = piece;
    const last = memo.placed?.get(unit.start);
    piece.items =
      last && last.local === local && last.delta === delta && last.calls === calls
        ? last.items
        : local.map((s) => placeSymbol(s, delta, calls || unit.section === undefined));
    placed.set(unit.start, { local, delta, calls, items: piece.items });
  }
  memo.placed = placed;
  const out: ModelSymbol[] = [];
  let section: ModelSymbol | undefined;
  for (const piece of pieces) {
    if (piece.unit.section === undefined) {
      section = undefined;
      for (const s of piece.items) out.push(s);
      continue;
    }
    // The entries go under their section's symbol (a copy this answer owns), which ends where its last entry ends.
    if (!section) {
      const last = out.at(-1);
      if (!last || last.name !== piece.unit.section) continue;
      section = withChildren(last, [...(last.children ?? [])]);
      out[out.length - 1] = section;
    }
    for (const c of piece.items) section.children!.push(c);
    // As YAML reads it, a section's map runs to the next top-level key, comments included.
    section.end = Math.max(section.end, trimTrailing(text, piece.unit.end));
  }
  return limitSymbols(out, maxSymbols, total);
}
