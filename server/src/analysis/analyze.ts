// Runs the rules over a model and turns their reports into findings: ranges found, severities
// overridden, acceptances applied, fingerprints given.

import type { AcceptanceNote, Finding, Model, PropSource, Severity, Source, TextRange } from '../model/types.js';
import { literalSecrets, mayHoldSecretValue, redactor } from '../model/secrets.js';
import type { Redact } from '../model/secrets.js';
import { severityRank } from '../model/types.js';
import { ModelGraph } from './graph.js';
import { applyAcceptances } from './acceptances.js';
import type { AcceptanceOutcome } from './acceptances.js';
import type { RuleSetting } from './config.js';
import type { DriftView } from '../drift/view.js';
import { formatMessage } from '../rules/rule.js';
import type { At, Report, Reportable, Rule, RuleContext } from '../rules/rule.js';
import { RULES } from '../rules/index.js';
import { holdBack } from './held-back.js';
import { rankRootCauses } from './root-cause.js';
import { modelProblem } from '../model/problems.js';
import { closest, didYouMean } from '../util/suggest.js';

export interface AnalysisOptions {
  /** Severity overrides and `off`, by rule id. */
  rules?: ReadonlyMap<string, RuleSetting>;
  /** Today (UTC) for acceptance expiry; defaults to now. */
  today?: string;
  /** The rules to run; defaults to the whole catalogue. */
  catalogue?: readonly Rule[];
  /** The deployment the model describes (`deployment:` in `.moatrc.yaml`, `--deployment`): the `drift/` rules run against it. */
  deployment?: DriftView;
}

export interface Analysis {
  model: Model;
  graph: ModelGraph;
  /** Every finding, accepted ones included (marked), sorted by file and position. */
  findings: Finding[];
  acceptances: AcceptanceOutcome[];
  /** Findings held back while a file of the model does not parse (held-back.ts); not in `findings`. */
  heldBack: Finding[];
  /** The deployment the drift rules judged against, when the run read one (its quick fixes need it). */
  deployment?: DriftView;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function analyze(model: Model, options: AnalysisOptions = {}): Analysis {
  const graph = new ModelGraph(model);
  return finishAnalysis(model, graph, runRules(model, graph, options), options);
}

/** The findings of the catalogue's rules (all but the acceptance rules), as the rules report them. */
export function runRules(model: Model, graph: ModelGraph, options: AnalysisOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const today = options.today ?? todayUtc();
  for (const rule of rulesToRun(model, options)) runRule(rule, contextFor(model, graph, rule, [], today, findings, options.deployment));
  return findings;
}

/** The rules runRules runs: the catalogue's, but the acceptance rules and those switched off. */
export function rulesToRun(model: Model, options: AnalysisOptions = {}): Rule[] {
  return (model.analyzable ? options.catalogue ?? RULES : []).filter((rule) => rule.meta.phase !== 'post' && options.rules?.get(rule.meta.id) !== 'off');
}

/** One rule's findings, on a model or (for the editor) the part of one an edit reached. */
export function runOneRule(rule: Rule, model: Model, graph: ModelGraph, today: string, deployment?: DriftView): Finding[] {
  const findings: Finding[] = [];
  runRule(rule, contextFor(model, graph, rule, [], today, findings, deployment));
  return findings;
}

/** Overrides, acceptances and the acceptance rules, over the rules' findings. */
export function finishAnalysis(model: Model, graph: ModelGraph, ruleFindings: Finding[], options: AnalysisOptions = {}): Analysis {
  const today = options.today ?? todayUtc();
  const catalogue = options.catalogue ?? RULES;
  const overridden = applyOverrides([...model.problems, ...unknownAcceptedRules(model, catalogue), ...ruleFindings], options.rules);
  const outcomes = applyAcceptances(model, overridden, today);
  // Acceptances of unknown rules are already unresolved references, and those of rules switched
  // off cannot match anything: neither is stale.
  const known = new Set(catalogue.map((r) => r.meta.id));
  // Nor are acceptances of drift findings in a run that reads no deployment: drift was not judged.
  const judged = outcomes.filter((o) => known.has(o.acceptance.rule) && options.rules?.get(o.acceptance.rule) !== 'off'
    && (options.deployment !== undefined || !o.acceptance.rule.startsWith('drift/')));
  const post: Finding[] = [];
  for (const rule of model.analyzable ? catalogue : []) {
    if (rule.meta.phase !== 'post' || options.rules?.get(rule.meta.id) === 'off') continue;
    runRule(rule, contextFor(model, graph, rule, judged, today, post));
  }
  const all = [...overridden, ...applyOverrides(post, options.rules)].map(redactFinding(rememberedRedactor(model)));
  // A severity the user set for misspelt keys is theirs: it is not raised.
  if (!options.rules?.has('model/unknown-key')) all.splice(0, all.length, ...rankRootCauses(all, model));
  all.sort(compareFindings);
  const { kept, held } = holdBack(all, catalogue, model);
  return { model, graph, findings: kept, acceptances: outcomes, heldBack: held, ...(options.deployment ? { deployment: options.deployment } : {}) };
}

/** Texts redacted by the last analyses, while the model's literal secrets stay the same ones. */
let redacted: { literals: string; byText: Map<string, string> } | undefined;
/** Past this many texts the memory is started afresh. */
const MAX_REDACTED = 100_000;

/**
 * The model's redactor, remembering what each text became: an editor's analyses after a keystroke
 * redact the very same messages again (thousands on a large model), and a message's words decide
 * its redaction once the secrets to mask are known.
 */
function rememberedRedactor(model: Model): Redact {
  const secrets = literalSecrets(model);
  const literals = secrets.join('\0');
  if (redacted?.literals !== literals || redacted.byText.size > MAX_REDACTED) redacted = { literals, byText: new Map() };
  const { byText } = redacted;
  const redact = redactor(model, secrets);
  return (text) => {
    // The same message strings come back after every keystroke: what each became is looked up
    // (a text with no sign of a secret, nearly every message, became itself).
    let out = byText.get(text);
    if (out === undefined) byText.set(text, (out = secrets.length === 0 && !mayHoldSecretValue(text) ? text : redact(text)));
    return out;
  };
}

/**
 * Findings leave the engine with no secret in their words: a model problem may quote a value, an
 * acceptance's reason is free text. The finding itself when there was nothing to mask.
 */
function redactFinding(redact: Redact): (f: Finding) => Finding {
  const note = (n: AcceptanceNote | undefined) => {
    if (!n) return n;
    const reason = redact(n.reason);
    const by = n.by === undefined ? undefined : redact(n.by);
    return reason === n.reason && by === n.by ? n : { ...n, reason, by };
  };
  return (f) => {
    const message = redact(f.message);
    const accepted = note(f.accepted);
    const expired = note(f.expired);
    if (message === f.message && accepted === f.accepted && expired === f.expired) return f;
    return { ...f, message, ...(accepted ? { accepted } : {}), ...(expired ? { expired } : {}) };
  };
}

function contextFor(model: Model, graph: ModelGraph, rule: Rule, acceptances: AcceptanceOutcome[], today: string, into: Finding[], deployment?: DriftView): RuleContext {
  return { model, graph, acceptances, today, deployment, report: (r) => into.push(toFinding(model, rule, r)) };
}

/** An acceptance naming a rule that does not exist would silently accept nothing. */
function unknownAcceptedRules(model: Model, catalogue: readonly Rule[]): Finding[] {
  const ids = catalogue.map((r) => r.meta.id);
  const known = new Set(ids);
  return model.acceptances
    .filter((a) => !known.has(a.rule))
    .map((a) => {
      const suggestion = closest(a.rule, ids);
      return modelProblem('model/unresolved-reference', a.file, a.ruleRange ?? a.range,
        `No rule is named \`${a.rule}\`${didYouMean(suggestion) || '.'}`, suggestion ? { suggestion, id: a.rule } : { id: a.rule });
    });
}

function runRule(rule: Rule, ctx: RuleContext): void {
  try {
    rule.check(ctx);
  } catch (err) {
    // One rule's bug must not take the editor's diagnostics down with it.
    process.emitWarning(`moat: rule ${rule.meta.id} failed: ${(err as Error)?.stack ?? err}`);
  }
}

function applyOverrides(findings: Finding[], rules?: ReadonlyMap<string, RuleSetting>): Finding[] {
  if (!rules || rules.size === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = rules.get(f.rule);
    if (setting === undefined) out.push(f);
    else if (setting === 'off') {
      // A broken model cannot be silenced, only a misspelt key can.
      if (!f.rule.startsWith('model/') || f.rule === 'model/unknown-key') continue;
      out.push(f);
    } else {
      const severity: Severity = f.rule.startsWith('model/') && f.rule !== 'model/unknown-key' && severityRank(setting) < severityRank('high')
        ? f.severity : setting;
      out.push({ ...f, severity });
    }
  }
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  // A file's syntax errors come first: they are the cause of much else.
  const syntax = Number(b.rule === 'model/syntax') - Number(a.rule === 'model/syntax');
  if (syntax !== 0) return syntax;
  return a.range.start - b.range.start || a.range.end - b.range.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

export function targetOf(element: Reportable): string {
  if (element === 'system') return 'system';
  switch (element.type) {
    case 'flow': return element.target;
    default: return element.id;
  }
}

function sourceOf(element: Reportable): Source | undefined {
  if (element === 'system') return undefined;
  return element.src;
}

/** The range a report points at: the property it names, else the element's key. */
export function rangeOf(src: Source, at: At | undefined): TextRange {
  if (at === undefined) return src.key;
  const spec = typeof at === 'string' ? { prop: at } : at;
  const prop: PropSource | undefined = src.props.get(spec.prop);
  if (!prop) return src.key;
  if (spec.entry !== undefined) {
    const entry = prop.entries?.get(spec.entry);
    if (entry && spec.item !== undefined && entry.items?.[spec.item]) return entry.items[spec.item];
    if (entry) return spec.entryPart === 'value' || spec.item !== undefined ? entry.value : entry.key;
  }
  if (spec.item !== undefined && prop.items?.[spec.item]) return prop.items[spec.item];
  return spec.part === 'key' ? prop.key : prop.value;
}

function toFinding(model: Model, rule: Rule, r: Report): Finding {
  const template = rule.meta.messages[r.messageId as keyof typeof rule.meta.messages] ?? r.messageId;
  const target = r.target ?? targetOf(r.element);
  const src = sourceOf(r.element);
  let file: string;
  let range: TextRange;
  if (r.location) ({ file, range } = r.location);
  else if (src) {
    file = src.file;
    range = rangeOf(src, r.at);
  } else ({ file, range } = model.systemAnchor);
  return {
    rule: rule.meta.id,
    severity: r.severity ?? rule.meta.severity,
    message: formatMessage(template, r.args),
    messageId: r.messageId,
    file,
    range,
    target,
    fingerprint: `${rule.meta.id}@${target}`,
    elementRange: src?.key,
    data: r.data,
  };
}
