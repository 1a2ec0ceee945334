// Hover: on an element or a reference to one (its kind, boundary, flows in and out, findings),
// on a rule id (its documentation), and on a finding (its rule in one line, with a link).

import type { Analysis } from '../analysis/analyze.js';
import type { Finding, Flow, Model } from '../model/types.js';
import { MODEL_RULES } from '../model/problems.js';
import { ruleById } from '../rules/index.js';
import { maskSecrets, redactor } from '../model/secrets.js';
import { STRIDE_NAMES } from '../rules/rule.js';
import { ruleDocUrl as ruleDocsUrl } from '../format/catalogue.js';
import type { Navigation } from './navigation.js';
import type { Namespace } from './occurrences.js';
import { CONTROLS, KIND_MEANINGS, PROTOCOLS } from '../model/vocabulary.js';
import type { Kind } from '../model/vocabulary.js';
import { cursorContext } from './yaml-path.js';
import { pathsHover } from '../paths/hover.js';
import type { RootAnalysis } from './project.js';

/** What a hover shows: Markdown, and the id it is about (in offsets of the hovered file). */
export interface HoverAnswer {
  markdown: string;
  start?: number;
  end?: number;
}

const code = (s: string) => `\`${s}\``;

function flowLine(f: Flow, other: 'from' | 'to'): string {
  const how = [f.protocol, f.effectiveTls && f.effectiveTls !== 'none' ? f.effectiveTls : f.effectiveTls === 'none' ? 'unencrypted' : undefined, f.auth ? `auth ${f.auth}` : undefined]
    .filter(Boolean).join(', ');
  const data = f.data.length > 0 ? ` carrying ${f.data.map(code).join(', ')}` : '';
  return `- ${other === 'to' ? `→ ${code(f.to)}` : `← ${code(f.from)}`} (${how})${data}`;
}

/** Each finding's message, with a link to its rule's documentation. */
function findingLines(findings: Finding[]): string[] {
  return findings.map((f) => `- **${f.severity}** [${code(f.rule)}](${ruleDocsUrl(f.rule)}): ${f.message}`);
}

/** A rule in one line: its title, a link to its documentation, and how to fix what it finds. */
function ruleLine(id: string): string | undefined {
  const rule = ruleById(id);
  if (rule) return `**${rule.meta.title}** ([${code(id)}](${ruleDocsUrl(id)})): ${rule.meta.docs.fix}`;
  const m = MODEL_RULES.find((r) => r.id === id);
  return m && `**${m.title}** ([${code(id)}](${ruleDocsUrl(id)})): ${m.mitigation}`;
}

function live(analysis: Analysis, match: (f: Finding) => boolean): Finding[] {
  return analysis.findings.filter((f) => !f.accepted && !f.rule.startsWith('model/') && match(f));
}

export function elementMarkdown(analysis: Analysis, ns: Namespace, id: string): string | undefined {
  const model: Model = analysis.model;
  const trust = (b: string) => model.boundaries.get(b)?.trust;
  const parts: string[] = [];
  switch (ns) {
    case 'service': {
      const s = model.services.get(id);
      if (!s) return undefined;
      parts.push(`**${s.id}**: ${s.kind} in boundary ${code(s.boundary)}${trust(s.boundary) ? ` (${trust(s.boundary)})` : ''}`);
      if (s.description) parts.push(s.description);
      const into = analysis.graph.inbound(s.id);
      if (into.length > 0) parts.push(`Flows in:\n${into.map((f) => flowLine(f, 'from')).join('\n')}`);
      if (s.calls.length > 0) parts.push(`Flows out:\n${s.calls.map((f) => flowLine(f, 'to')).join('\n')}`);
      parts.push(...pathsHover(analysis, s.id));
      const targets = new Set([s.id, ...s.calls.map((f) => f.target)]);
      const findings = live(analysis, (f) => targets.has(f.target));
      if (findings.length > 0) parts.push(`Findings:\n${findingLines(findings).join('\n')}`);
      break;
    }
    case 'boundary': {
      const b = model.boundaries.get(id);
      if (!b) return undefined;
      parts.push(`**${b.id}**: trust boundary, ${b.trust}${b.within ? `, within ${code(b.within)}` : ''}${b.implicit ? ' (implicit)' : ''}`);
      const members = [...model.services.values()].filter((s) => s.boundary === b.id).map((s) => code(s.id));
      parts.push(members.length > 0 ? `Holds ${members.join(', ')}` : 'Holds nothing');
      break;
    }
    case 'data': {
      const d = model.data.get(id);
      if (!d) return undefined;
      parts.push(`**${d.id}**: data, ${d.classification}${d.pii ? ', personal' : ''}${analysis.graph.isSensitive(d.id) ? ' (sensitive)' : ''}`);
      const stores = [...model.services.values()].filter((s) => s.stores.includes(d.id)).map((s) => code(s.id));
      if (stores.length > 0) parts.push(`Stored in ${stores.join(', ')}`);
      const carried = model.flows.filter((f) => f.data.includes(d.id)).map((f) => code(`${f.from} → ${f.to}`));
      if (carried.length > 0) parts.push(`Carried by ${carried.join(', ')}`);
      break;
    }
    case 'role': {
      const r = model.roles.get(id);
      if (!r) return undefined;
      parts.push(`**${r.id}**: role`);
      if (r.grants.length > 0) parts.push(`Grants:\n${r.grants.map((g) => `- ${code(g.target)}: ${g.actions.join(', ')}`).join('\n')}`);
      const holders = [...model.services.values()].filter((s) => s.roles.includes(r.id)).map((s) => code(s.id));
      parts.push(holders.length > 0 ? `Held by ${holders.join(', ')}` : 'Held by nobody');
      const findings = live(analysis, (f) => f.target === r.id && ruleById(f.rule)?.meta.target === 'role');
      if (findings.length > 0) parts.push(`Findings:\n${findingLines(findings).join('\n')}`);
      break;
    }
    case 'flow': {
      const f = model.flows.find((x) => x.id === id);
      if (!f) return undefined;
      parts.push(`**${f.id}**: flow ${code(f.from)} → ${code(f.to)}`, flowLine(f, 'to').slice(2));
      const findings = live(analysis, (x) => x.target === f.target);
      if (findings.length > 0) parts.push(`Findings:\n${findingLines(findings).join('\n')}`);
      break;
    }
    case 'rule':
      return ruleMarkdown(id);
  }
  return parts.join('\n\n');
}

/** The language's own words under the cursor: a kind, a control, a protocol. */
export function vocabularyMarkdown(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  const ctx = cursorContext(text, offset);
  const word = text.slice(ctx.wordStart, ctx.wordEnd);
  if (!word) return undefined;
  const at = (markdown: string) => ({ markdown, start: ctx.wordStart, end: ctx.wordEnd });
  if (ctx.mode === 'value' && ctx.key === 'kind' && Object.hasOwn(KIND_MEANINGS, word)) {
    return at(`**${word}** (kind): ${KIND_MEANINGS[word as Kind]}`);
  }
  if (ctx.mode === 'value' && ctx.key === 'protocol' && Object.hasOwn(PROTOCOLS, word)) {
    const tls = PROTOCOLS[word];
    return at(`**${word}** (protocol): ${tls === 'tls' ? 'encrypted (`tls`) unless `tls:` says otherwise' : tls === 'none' ? 'unencrypted (`tls: none`) unless `tls:` says otherwise' : 'implies nothing about encryption: say `tls:`'}`);
  }
  const inControls = ctx.path[ctx.path.length - 1] === 'controls';
  const key = ctx.mode === 'key' ? word : ctx.key;
  if (ctx.mode === 'key' && word === 'deployed-as' && ctx.path.length === 2 && ctx.path[0] === 'services') {
    return at('**deployed-as**: the deployment\'s workloads this component stands for, where their names differ from its id: a name, `NAMESPACE/NAME`, or a list. The drift check and `moat import --update` match by it.');
  }
  if (inControls && key !== undefined && Object.hasOwn(CONTROLS, key) && (ctx.mode === 'key' || word === key)) {
    const c = CONTROLS[key];
    const where = c.on.map((p) => (p === 'system' ? 'system-wide' : p === 'service' ? 'on a component' : 'on a flow')).join(', ');
    return at(`**${key}** (control): ${c.means}. Stands ${where}${c.for ? `; meant for ${c.for.map(code).join(', ')}` : ''}.`);
  }
  return undefined;
}

export function ruleMarkdown(id: string): string | undefined {
  const rule = ruleById(id);
  if (rule) {
    const { meta } = rule;
    const facts = [
      `severity ${meta.severity}`,
      meta.stride.map((s) => STRIDE_NAMES[s]).join(', '),
      meta.cwe !== undefined ? `[CWE-${meta.cwe}](https://cwe.mitre.org/data/definitions/${meta.cwe}.html)` : undefined,
    ].filter(Boolean).join(' · ');
    return [
      `### ${meta.title} (${code(meta.id)})`,
      facts,
      `**What it checks.** ${meta.docs.checks}`,
      `**Why it matters.** ${meta.docs.attack}`,
      `**How to fix it.** ${meta.docs.fix}`,
      `**False positives.** ${meta.docs.falsePositives}`,
      `[Documentation](${ruleDocsUrl(meta.id)})`,
    ].join('\n\n');
  }
  const m = MODEL_RULES.find((r) => r.id === id);
  if (m) return [`### ${m.title} (${code(m.id)})`, `severity ${m.severity}`, m.description, `**How to fix it.** ${m.mitigation}`, `[Documentation](${ruleDocsUrl(m.id)})`].join('\n\n');
  return undefined;
}

export function hoverAt(nav: Navigation, results: readonly RootAnalysis[], file: string, text: string, offset: number): HoverAnswer | undefined {
  const sections: string[] = [];
  let start: number | undefined;
  let end: number | undefined;
  const analysis = results[0]?.analysis;
  if (nav.here && analysis) {
    const md = elementMarkdown(analysis, nav.here.ns, nav.here.id);
    if (md) {
      sections.push(md);
      start = nav.here.start;
      end = nav.here.end;
    }
  }
  if (sections.length === 0) {
    const words = vocabularyMarkdown(text, offset);
    if (words) {
      sections.push(words.markdown);
      start = words.start;
      end = words.end;
    }
  }
  // Each rule with a finding here, in one line: the editor's own hover already shows the
  // finding's message with its link, and the element above lists its findings.
  const shown = sections.join('\n');
  const rules = new Set<string>();
  for (const r of results) {
    for (const f of r.analysis.findings) {
      if (f.file === file && !f.accepted && f.range.start <= offset && offset <= f.range.end) rules.add(f.rule);
    }
  }
  for (const rule of rules) {
    if ((nav.here?.ns === 'rule' && nav.here.id === rule) || shown.includes(`[${code(rule)}]`)) continue;
    const line = ruleLine(rule);
    if (line) sections.push(line);
  }
  if (sections.length === 0) return undefined;
  // A description may repeat a secret of the model: no hover shows one.
  const redact = analysis ? redactor(analysis.model) : maskSecrets;
  return { markdown: redact(sections.join('\n\n---\n\n')), start, end };
}
