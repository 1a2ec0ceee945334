// The review report (`moat report`): a title block, an executive summary, a table of contents,
// the overview and one drawing per boundary, the findings grouped by rule (the rule's
// explanation and mitigation once, then each instance), the STRIDE threats per element and
// what covers them, and the accepted findings with their reasons and expiry.
//
// The report is built once as a small document (blocks of spans) and written as Markdown or
// HTML, so both say the same. Model text is only ever a text span: escaped for Markdown or
// HTML, never passed through as markup. Literal secrets are masked everywhere.

import * as path from 'node:path';
import type { Analysis } from '../analysis/analyze.js';

import type { Finding } from '../model/types.js';
import { KINDS, SEVERITIES, severityRank } from '../model/types.js';
import { ruleDocUrl } from '../format/catalogue.js';
import { ruleById } from '../rules/index.js';
import { STRIDE_NAMES } from '../rules/rule.js';
import type { Stride } from '../rules/rule.js';
import { LineIndex } from '../util/lines.js';
import { buildDiagram } from './diagram.js';
import type { Diagram } from './diagram.js';
import { LEGEND, drawingToMermaid, toMermaid } from './mermaid.js';
import { redactor } from '../model/secrets.js';
import { attackPathBlocks, blastRadiusBlocks } from '../paths/report-sections.js';
import { threatsPerElement } from './stride.js';
import { escapeHtml } from './page.js';
import { defaultLevel, diagramAt } from './levels.js';
import { renderDiagram } from './svg.js';
import type { Layout } from './layout.js';
import type { Block, Span } from './blocks.js';

export type { Block, ReportDiagram, Span } from './blocks.js';

export interface ReportOptions {
  /** Paths in the report are relative to this folder (the working directory). */
  cwd?: string;
  /** Today, YYYY-MM-DD, for the report's date. */
  today?: string;
  /** Moat's version, for the title block. */
  version?: string;
}

export interface ReportDocument {
  title: string;
  blocks: Block[];
  diagram: Diagram;
  /** The whole model's Mermaid text. */
  mermaid: string;
}

/** What a section is given to write from. */
export interface ReportContext {
  analysis: Analysis;
  diagram: Diagram;
  /** Masks literal secrets in free text. */
  redact: (text: string) => string;
  /** `file:line:column` of a finding or an acceptance, relative to the working folder. */
  where: (at: { file: string; range: { start: number } }) => string;
  /** Open findings (not accepted, not model problems). */
  open: Finding[];
  /** The owner (`owner:`) of a finding's element: a flow's is its caller's. */
  ownerOf: (f: Finding) => string | undefined;
}

/**
 * One section of the report: an anchor, a heading, and its blocks (none leaves the section
 * out). The report is REPORT_SECTIONS in order; a feature adds its section to the list.
 */
export interface ReportSection {
  anchor: string;
  title: string;
  blocks(ctx: ReportContext): Block[] | undefined;
}

const text = (t: string): Span => ({ text: t });
const code = (t: string): Span => ({ code: t });
const strong = (...spans: Span[]): Span => ({ strong: spans });
const link = (href: string, ...spans: Span[]): Span => ({ link: href, spans });

/** A message's `code` parts become code spans; the rest is text. */
export function messageSpans(message: string): Span[] {
  const spans: Span[] = [];
  const parts = message.split('`');
  // An odd backtick count leaves the last part as text.
  const unmatched = parts.length % 2 === 0;
  parts.forEach((part, i) => {
    if (part === '') return;
    const isCode = i % 2 === 1 && !(unmatched && i === parts.length - 1);
    spans.push(isCode ? code(part) : text(unmatched && i === parts.length - 1 ? `\`${part}` : part));
  });
  return spans;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function countBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Findings grouped by rule, the worst rule first (then the most instances, then by id). */
function byRule(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  const worst = (list: Finding[]) => Math.max(...list.map((f) => severityRank(f.severity)));
  return [...groups.entries()]
    .map(([rule, list]): [string, Finding[]] => [rule, list.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || byText(a.target, b.target))])
    .sort(([ra, a], [rb, b]) => worst(b) - worst(a) || b.length - a.length || byText(ra, rb));
}

/** Ids as code spans, the first few and how many more. */
function targetList(ids: string[], max = 6): Span[] {
  const spans: Span[] = ids.slice(0, max).flatMap((id, i) => [...(i ? [text(', ')] : []), code(id)]);
  if (ids.length > max) spans.push(text(` and ${ids.length - max} more`));
  return spans;
}

function listOf(items: string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

const summarySection: ReportSection = {
  anchor: 'summary',
  title: 'Summary',
  blocks({ analysis, open, ownerOf }) {
    const { model, graph } = analysis;
    const blocks: Block[] = [];
    const urgent = open.filter((f) => f.severity === 'critical' || f.severity === 'high');
    if (urgent.length === 0) {
      blocks.push({ paragraph: [strong(text('No open critical or high findings.'))] });
    } else {
      blocks.push({ paragraph: [strong(text(`${plural(urgent.length, 'open critical or high finding')} from ${plural(new Set(urgent.map((f) => f.rule)).size, 'rule')}:`))] });
      blocks.push({ table: { head: ['Severity', 'Rule', 'Open', 'Owners', 'Where'], rows: byRule(urgent).map(([rule, list]) => {
        const named = [...new Set(list.map(ownerOf).filter((o): o is string => o !== undefined))].sort(byText);
        const owners = list.some((f) => ownerOf(f) === undefined) ? [...named, 'no owner'] : named;
        return [
          [text(list[0].severity)],
          [link(`#rule-${anchorOf(rule)}`, text(ruleById(rule)?.meta.title ?? rule)), text(' '), code(rule)],
          [text(String(list.length))],
          [text(listOf(owners))],
          targetList([...new Set(list.map((f) => f.target))]),
        ];
      }) } });
    }
    const problems = analysis.findings.filter((f) => f.rule.startsWith('model/'));
    const accepted = analysis.findings.filter((f) => f.accepted);
    const services = [...model.services.values()];
    const kinds = countBy(services, (s) => s.kind);
    const kindList = KINDS.filter((k) => kinds.has(k)).map((k) => `${kinds.get(k)} ${k}`).join(', ');
    const boundaries = [...model.boundaries.values()].filter((b) => !b.implicit || services.some((s) => s.boundary === b.id));
    const plain = model.flows.filter((f) => f.effectiveTls === 'none').length;
    const anonymous = model.flows.filter((f) => f.auth === 'none').length;
    const sensitive = [...model.data.keys()].filter((id) => graph.isSensitive(id)).length;
    const bySeverity = countBy(open, (f) => f.severity);
    blocks.push({ table: { head: ['', ''], rows: [
      [[text('Components')], [text(`${services.length}${kindList ? ` (${kindList})` : ''}`)]],
      [[text('Trust boundaries')], [text(boundaries.length === 0 ? 'none' : boundaries.map((b) => `${b.id} (${b.trust})`).join(', '))]],
      [[text('Flows')], [text(`${model.flows.length}${plain || anonymous ? ` (${plain} unencrypted, ${anonymous} unauthenticated)` : ''}`)]],
      [[text('Data assets')], [text(`${model.data.size}${model.data.size ? ` (${sensitive} sensitive)` : ''}`)]],
      [[text('Open findings')], [text(open.length === 0 ? 'none' : SEVERITIES.filter((s) => bySeverity.has(s)).map((s) => `${bySeverity.get(s)} ${s}`).join(', '))]],
      [[text('Accepted findings')], [text(String(accepted.length))]],
      ...(problems.length ? [[[text('Model problems')], [text(String(problems.length))]]] : []),
    ] } });
    return blocks;
  },
};

const problemsSection: ReportSection = {
  anchor: 'model-problems',
  title: 'Model problems',
  blocks({ analysis, redact, where }) {
    const problems = analysis.findings.filter((f) => f.rule.startsWith('model/'));
    if (problems.length === 0) return undefined;
    return [
      { paragraph: [text('The model has errors; what follows describes the part of it that could be read.')] },
      { list: problems.map((f) => [code(where(f)), text(' '), code(f.rule), text(': '), ...messageSpans(redact(f.message))]) },
    ];
  },
};

const diagramsSection: ReportSection = {
  anchor: 'diagrams',
  title: 'Diagrams',
  blocks({ diagram }) {
    const level = defaultLevel(diagram);
    const blocks: Block[] = [{ legend: true }];
    blocks.push({ diagram: { title: level === 'overview' ? 'Overview: one node per trust boundary' : 'The whole system', anchor: 'diagram-overview', options: { level } } });
    // One drawing per boundary that holds components, when the first drawing does not show them.
    if (level === 'overview' || diagram.groups.length > 1) {
      for (const g of diagram.groups) {
        if (!diagram.nodes.some((n) => n.group === g.id)) continue;
        blocks.push({ diagram: { title: `Boundary ${g.id} (${g.trust})`, anchor: `diagram-${anchorOf(g.id)}`, options: { boundary: g.id }, ...(level === 'overview' ? { layout: 'grid' as const } : {}) } });
      }
    }
    return blocks;
  },
};

const findingsSection: ReportSection = {
  anchor: 'findings',
  title: 'Findings by rule',
  blocks({ open, redact, where, ownerOf }) {
    if (open.length === 0) return [{ paragraph: [text('No open findings.')] }];
    const blocks: Block[] = [];
    for (const [id, list] of byRule(open)) {
      const rule = ruleById(id);
      const severities = [...new Set(list.map((f) => f.severity))].join(', ');
      blocks.push({ heading: 3, anchor: `rule-${anchorOf(id)}`, spans: [text(`${severities}: ${rule?.meta.title ?? id} (${plural(list.length, 'finding')})`)] });
      const facts: Span[] = [text('Rule '), link(ruleDocUrl(id), code(id))];
      if (rule?.meta.cwe) facts.push(text(` · CWE-${rule.meta.cwe}`));
      if (rule?.meta.stride.length) facts.push(text(` · STRIDE: ${rule.meta.stride.map((s) => STRIDE_NAMES[s]).join(', ')}`));
      blocks.push({ paragraph: facts });
      if (rule) {
        blocks.push({ paragraph: [strong(text('Why it matters.')), text(' '), ...messageSpans(rule.meta.docs.attack)] });
        blocks.push({ paragraph: [strong(text('Mitigation.')), text(' '), ...messageSpans(rule.meta.docs.fix)] });
      }
      blocks.push({ table: { head: ['Element', 'Owner', 'Location', 'Finding'], rows: list.map((f) => [
        [code(f.target)],
        [text(ownerOf(f) ?? '—')],
        [code(where(f))],
        [...(list.some((o) => o.severity !== f.severity) ? [text(`${f.severity}: `)] : []), ...messageSpans(redact(f.message)),
          ...(f.expired ? [text(' '), strong(text('Acceptance expired')), text(` on ${f.expired.until}: `), text(redact(f.expired.reason))] : [])],
      ]) } });
    }
    return blocks;
  },
};

const strideSection: ReportSection = {
  anchor: 'stride',
  title: 'Threats per element (STRIDE)',
  blocks({ analysis }) {
    const blocks: Block[] = [{ paragraph: [text('For each component and flow, the STRIDE threats that apply to an element of its kind, and whether a control or property declared in the model covers it. An open finding in the category means it is not covered.')] }];
    const elements = threatsPerElement(analysis);
    const threatRows = (type: 'service' | 'flow') => elements.filter((e) => e.type === type).flatMap((e) =>
      e.threats.map((t, i): Span[][] => [
        i === 0 ? [code(e.id), ...(e.title.length > e.id.length ? [text(e.title.slice(e.id.length))] : [])] : [],
        [text(STRIDE_NAMES[t.threat as Stride])],
        [t.coverage === 'covered' ? text('✔ covered') : t.coverage === 'not covered' ? strong(text('✘ not covered')) : text('– not applicable')],
        messageSpans(t.by.join('; ')),
        t.findings.flatMap((r, j) => [...(j ? [text(', ')] : []), code(r)]),
      ]));
    blocks.push({ heading: 3, spans: [text('Components')] });
    blocks.push({ table: { head: ['Component', 'Threat', 'Status', 'Because', 'Open findings'], rows: threatRows('service'), className: 'stride' } });
    if (analysis.model.flows.length) {
      blocks.push({ heading: 3, spans: [text('Flows')] });
      blocks.push({ table: { head: ['Flow', 'Threat', 'Status', 'Because', 'Open findings'], rows: threatRows('flow'), className: 'stride' } });
    }
    return blocks;
  },
};

const acceptedSection: ReportSection = {
  anchor: 'accepted',
  title: 'Accepted findings',
  blocks({ analysis, redact, where }) {
    const outcomes = analysis.acceptances;
    if (outcomes.length === 0) return [{ paragraph: [text('None.')] }];
    return [{ table: { head: ['Rule', 'Target', 'Reason', 'Until', 'By', 'Status'], rows: outcomes.map((o) => {
      const a = o.acceptance;
      const targets = [...new Set(o.matched.map((f) => f.target))];
      const status = o.expired ? 'expired: the findings are open again' : o.matched.length === 0 ? 'matches no finding (stale)' : `accepts ${plural(o.matched.length, 'finding')}`;
      return [
        [code(a.rule)],
        targets.length ? targets.flatMap((t, j) => [...(j ? [text(', ')] : []), code(t)]) : a.target ? [code(a.target)] : [text(`inline at ${where({ file: a.file, range: a.range })}`)],
        [text(redact(a.reason))],
        [text(a.until ?? '—')],
        [a.by ? text(redact(a.by)) : text('—')],
        [text(status)],
      ];
    }) } }];
  },
};

/**
 * The report's sections, in order. Sections written elsewhere (attack paths, blast radius)
 * are added here, before the STRIDE table.
 */
/** Attack paths and blast radius (docs/paths.md); their blocks start with their own heading. */
const attackPathsSection: ReportSection = {
  anchor: 'attack-paths',
  title: 'Attack paths to sensitive data',
  blocks: ({ analysis }) => attackPathBlocks(analysis).slice(1),
};
const blastRadiusSection: ReportSection = {
  anchor: 'blast-radius',
  title: 'Blast radius',
  blocks: ({ analysis }) => blastRadiusBlocks(analysis).slice(1),
};

export const REPORT_SECTIONS: ReportSection[] = [
  summarySection,
  problemsSection,
  diagramsSection,
  findingsSection,
  attackPathsSection,
  blastRadiusSection,
  strideSection,
  acceptedSection,
];

/** An id for an HTML anchor: letters, digits and `-`. */
export function anchorOf(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

export function buildReport(analysis: Analysis, options: ReportOptions = {}, sections: readonly ReportSection[] = REPORT_SECTIONS): ReportDocument {
  const { model } = analysis;
  const cwd = options.cwd ?? process.cwd();
  const redact = redactor(model);
  const lineIndexes = new Map<string, LineIndex>();
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
  const where = (f: { file: string; range: { start: number } }) => {
    let index = lineIndexes.get(f.file);
    if (!index) lineIndexes.set(f.file, (index = new LineIndex(model.files.get(f.file)?.text ?? '')));
    const p = index.position(f.range.start);
    return `${relative(f.file)}:${p.line + 1}:${p.character + 1}`;
  };
  const diagram = buildDiagram(analysis);
  const title = model.name ? redact(model.name) : path.basename(model.rootFile);
  const open = analysis.findings.filter((f) => !f.accepted && !f.rule.startsWith('model/'));
  const ownerOf = (f: Finding) => {
    const element = ruleById(f.rule)?.meta.target === 'flow' || f.target.includes('->')
      ? model.flows.find((flow) => flow.target === f.target)?.from
      : f.target;
    const owner = element === undefined ? undefined : model.services.get(element)?.owner;
    return owner === undefined ? undefined : redact(owner);
  };
  const ctx: ReportContext = { analysis, diagram, redact, where, open, ownerOf };

  const blocks: Block[] = [];
  blocks.push({ heading: 1, spans: [text('Threat model review: '), text(title)] });
  if (model.description) blocks.push({ paragraph: [text(redact(model.description))] });
  const files = [model.rootFile, ...[...model.files.keys()].filter((f) => f !== model.rootFile).sort(byText)];
  blocks.push({ table: { className: 'title-block', head: ['', ''], rows: [
    [[text('System')], [text(title)]],
    ...(options.today ? [[[text('Date')], [text(options.today)]]] : []),
    [[text('Generated by')], [text(`Moat${options.version ? ` ${options.version}` : ''}`)]],
    [[text(files.length === 1 ? 'Model file' : 'Model files')], files.flatMap((f, i) => [...(i ? [text(', ')] : []), code(relative(f))])],
  ] } });
  blocks.push({ contents: true });
  for (const section of sections) {
    const body = section.blocks(ctx);
    if (body === undefined) continue;
    blocks.push({ heading: 2, anchor: section.anchor, spans: [text(section.title)] }, ...body);
  }
  return { title, blocks, diagram, mermaid: toMermaid(diagram).text };
}

/** The legend, said once per report. */
function legendSpans(): Span[] {
  return [strong(text('Legend.')), text(' Boundaries are groups, coloured by trust (untrusted red, dmz orange, internal blue, restricted purple); in an overview a boundary is one box with its trust, component count and worst open finding. '),
    text(`Shapes: ${LEGEND.kinds.map(([k, t]) => `${k}: ${t}`).join('; ')}. `),
    text('Flows are labelled protocol · TLS · auth ("?" where the model does not say); flows between the same two boxes are one edge, labelled with their count and how many are unencrypted or unauthenticated. Red long dashes: no TLS; orange dots: no auth; red dots: neither. '),
    text('An outline in a severity\'s colour and "⚠" mark open findings.')];
}

/** The table of contents: the report's second-level headings and the drawings. */
function contents(doc: ReportDocument): Span[][] {
  const items: Span[][] = [];
  for (const b of doc.blocks) {
    if ('heading' in b && b.heading === 2 && b.anchor) items.push([link(`#${b.anchor}`, ...b.spans)]);
  }
  return items;
}

// --- Markdown ---------------------------------------------------------------------------------

export function escapeMarkdown(t: string): string {
  return t
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]#|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

function codeMarkdown(t: string): string {
  const flat = t.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  // In a table, a bare `|` ends the cell even inside a code span (GitHub's rule).
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function spansMarkdown(spans: Span[]): string {
  return spans.map((s) => {
    if ('text' in s) return escapeMarkdown(s.text);
    if ('code' in s) return codeMarkdown(s.code);
    if ('strong' in s) return `**${spansMarkdown(s.strong)}**`;
    return `[${spansMarkdown(s.spans)}](${encodeURI(s.link)})`;
  }).join('');
}

export function reportMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if ('heading' in b) out.push(`${'#'.repeat(b.heading)} ${spansMarkdown(b.spans)}`);
    else if ('paragraph' in b) out.push(spansMarkdown(b.paragraph).replace(/^([-+]|\d+[.)])/, '\\$1'));
    else if ('list' in b) out.push(b.list.map((item) => `- ${spansMarkdown(item)}`).join('\n'));
    else if ('table' in b) {
      const { head, rows } = b.table;
      out.push([
        `| ${head.map(escapeMarkdown).join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map((cell) => spansMarkdown(cell) || ' ').join(' | ')} |`),
      ].join('\n'));
    } else if ('contents' in b) out.push(contents(doc).map((item) => `- ${spansMarkdown(item)}`).join('\n'));
    else if ('legend' in b) out.push(spansMarkdown(legendSpans()));
    else {
      out.push(`### ${escapeMarkdown(b.diagram.title)}`);
      out.push(mermaidBlock(drawingToMermaid(diagramAt(doc.diagram, b.diagram.options))).trimEnd());
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** A fenced `mermaid` block (GitHub and most Markdown viewers draw it). */
export function mermaidBlock(mermaid: string): string {
  return `\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\`\n`;
}

// --- HTML ------------------------------------------------------------------------------------------

function spansHtml(spans: Span[]): string {
  return spans.map((s) => {
    if ('text' in s) return escapeHtml(s.text);
    if ('code' in s) return `<code>${escapeHtml(s.code)}</code>`;
    if ('strong' in s) return `<strong>${spansHtml(s.strong)}</strong>`;
    return `<a href="${escapeHtml(s.link)}">${spansHtml(s.spans)}</a>`;
  }).join('');
}

// Screen: a readable column, drawings as wide as the column. Print: A4, each drawing alone on a
// landscape page, table rows kept whole and ids never broken.
const REPORT_CSS = `
:root { color-scheme: light; --border: #c8ccd0; --muted: #5f6b76; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 78em; padding: 1em 2em 4em; line-height: 1.45; font-family: system-ui, 'Liberation Sans', Arial, sans-serif; font-size: 15px; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.7em; margin-bottom: .3em; } h2 { margin-top: 1.8em; border-bottom: 1px solid var(--border); padding-bottom: .2em; }
h3 { margin-top: 1.3em; font-size: 1.08em; }
table { border-collapse: collapse; margin: .5em 0; font-size: .93em; }
th, td { border: 1px solid var(--border); padding: .25em .5em; text-align: left; vertical-align: top; }
table.title-block td:first-child { color: var(--muted); }
code { font-family: ui-monospace, 'Liberation Mono', monospace; font-size: .9em; white-space: nowrap; }
nav.contents ol { columns: 2; }
figure.diagram { margin: 1em 0 2em; }
figure.diagram figcaption { font-weight: 600; margin-bottom: .4em; }
figure.diagram .drawing { overflow: auto; border: 1px solid var(--border); border-radius: 4px; padding: 4px; }
figure.diagram svg { display: block; max-width: 100%; height: auto; }
figure.diagram-part { display: none; }
@page { size: A4; margin: 12mm; }
@page diagram { size: A4 landscape; margin: 10mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  figure.diagram { page: diagram; break-before: page; break-inside: avoid; margin: 0; }
  figure.diagram .drawing { overflow: visible; border: none; padding: 0; }
  figure.diagram svg { max-height: 175mm; width: 100%; }
  figure.diagram.tiled { break-before: auto; height: 0; overflow: hidden; }
  figure.diagram-part { display: block; page: diagram; break-before: page; break-inside: avoid; margin: 0; }
  figure.diagram-part figcaption { font-weight: 600; margin-bottom: .3em; }
  tr, td, th { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** What a drawing may take of a landscape A4 page (10 mm margins, a caption line), in CSS px: the print CSS's 100 % by 175 mm. */
const PRINT_PAGE = { width: Math.floor((277 / 25.4) * 96), height: Math.floor((175 / 25.4) * 96) };
/** 8 pt in CSS px: the smallest text a printed drawing may have. */
const PRINT_TEXT = (8 / 72) * 96;

/**
 * A drawing that would print below 8 pt when scaled to one page is printed in parts instead, one
 * page each, at the scale that prints its smallest text at 8 pt: each part shows a window of the
 * same picture (`<use>` of the drawing's group, nothing copied). Empty when one page holds it.
 */
function printTiles(layout: Layout, prefix: string, title: string): string {
  const sizes = [...layout.nodes.flatMap((n) => n.text.map((t) => t.size)), ...layout.groups.map((g) => g.text.size), ...layout.edges.flatMap((e) => (e.label ? [e.label.size] : []))];
  // A hair over 8 pt, so that rounding the parts' sizes never prints below it.
  const scale = (PRINT_TEXT * 1.01) / (sizes.length ? Math.min(...sizes) : 12);
  if (layout.width * scale <= PRINT_PAGE.width && layout.height * scale <= PRINT_PAGE.height) return '';
  // As many parts as it takes, of equal size.
  const cols = Math.ceil((layout.width * scale) / PRINT_PAGE.width);
  const rows = Math.ceil((layout.height * scale) / PRINT_PAGE.height);
  const tileW = layout.width / cols;
  const tileH = layout.height / rows;
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const w = Math.min(tileW, layout.width - c * tileW);
      const h = Math.min(tileH, layout.height - r * tileH);
      out.push(`<figure class="diagram-part"><figcaption>${escapeHtml(title)} (part ${r * cols + c + 1} of ${rows * cols}: row ${r + 1}, column ${c + 1})</figcaption>`
        + `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(w * scale)}" height="${Math.round(h * scale)}" viewBox="${Math.round(c * tileW)} ${Math.round(r * tileH)} ${Math.round(w)} ${Math.round(h)}"><use href="#${prefix}-drawing"/></svg></figure>`);
    }
  }
  return out.join('');
}

export interface HtmlReportOptions {
  /** Draws one diagram (default: renderDiagram); the report waits for each in turn. */
  render?: typeof renderDiagram;
}

/**
 * One HTML file that reads with no network and no script: the drawings are inline SVG, the
 * styles inline, and the Content Security Policy allows nothing else.
 */
export async function reportHtml(doc: ReportDocument, options: HtmlReportOptions = {}): Promise<string> {
  const render = options.render ?? renderDiagram;
  const parts: string[] = [];
  let drawings = 0;
  for (const b of doc.blocks) {
    if ('heading' in b) parts.push(`<h${b.heading}${b.anchor ? ` id="${escapeHtml(b.anchor)}"` : ''}>${spansHtml(b.spans)}</h${b.heading}>`);
    else if ('paragraph' in b) parts.push(`<p>${spansHtml(b.paragraph)}</p>`);
    else if ('list' in b) parts.push(`<ul>${b.list.map((i) => `<li>${spansHtml(i)}</li>`).join('')}</ul>`);
    else if ('table' in b) {
      const { head, rows, className } = b.table;
      const thead = head.some((h) => h !== '') ? `<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>` : '';
      parts.push(`<table${className ? ` class="${className}"` : ''}>${thead}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${spansHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if ('contents' in b) {
      parts.push(`<nav class="contents" aria-label="Contents"><h2>Contents</h2><ol>${contents(doc).map((i) => `<li>${spansHtml(i)}</li>`).join('')}</ol></nav>`);
    } else if ('legend' in b) parts.push(`<p class="legend">${spansHtml(legendSpans())}</p>`);
    else {
      const prefix = `d${++drawings}`;
      const { svg, layout } = await render(doc.diagram, { ...b.diagram.options, layout: b.diagram.layout, idPrefix: prefix });
      const tiles = printTiles(layout, prefix, b.diagram.title);
      parts.push(`<figure class="diagram${tiles ? ' tiled' : ''}" id="${escapeHtml(b.diagram.anchor)}"><figcaption>${escapeHtml(b.diagram.title)}</figcaption><div class="drawing">${svg}</div></figure>${tiles}`);
    }
  }
  const title = `Threat model review: ${doc.title}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main class="report">
${parts.join('\n')}
</main>
</body>
</html>
`;
}
