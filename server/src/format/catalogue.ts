// The rules as the outputs describe them: the catalogue's rules and the `model/…` rules in one
// list, with the help text that SARIF, JUnit and `moat rules` show.

import type { Severity } from '../model/types.js';
import { MODEL_RULES } from '../model/problems.js';
import { RULES } from '../rules/index.js';
import { STRIDE_NAMES } from '../rules/rule.js';
import type { RuleMeta, Stride } from '../rules/rule.js';

/** Where the project lives; rule documentation is under docs/rules/ there. */
export const PROJECT_URL = 'https://github.com/moat-security/moat';

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  /** One paragraph: what the rule checks. */
  description: string;
  /** What to do about a finding. */
  fix: string;
  cwe?: number;
  stride: Stride[];
  /** The rule's full metadata, for rules of the catalogue (not the `model/…` ones). */
  meta?: RuleMeta;
}

export function ruleCatalogue(): RuleInfo[] {
  const rules: RuleInfo[] = RULES.map(({ meta }) => ({
    id: meta.id, title: meta.title, severity: meta.severity, category: meta.category,
    description: meta.docs.checks, fix: meta.docs.fix, cwe: meta.cwe, stride: [...meta.stride], meta,
  }));
  for (const m of MODEL_RULES) {
    rules.push({ id: m.id, title: m.title, severity: m.severity, category: 'model', description: m.description, fix: m.mitigation, stride: [] });
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function ruleIds(): string[] {
  return ruleCatalogue().map((r) => r.id);
}

/** docs/rules/unencrypted-flow.md; docs/rules/model/syntax.md for the model rules. */
export function ruleDocUrl(id: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${id}.md`;
}

export function strideNames(stride: readonly Stride[]): string[] {
  return stride.map((s) => STRIDE_NAMES[s]);
}

interface HelpSection {
  heading: string;
  text: string;
}

function helpSections(rule: RuleInfo): HelpSection[] {
  const docs = rule.meta?.docs;
  const sections: HelpSection[] = docs
    ? [
        { heading: 'What it checks', text: docs.checks },
        { heading: 'Why it matters', text: docs.attack },
        { heading: 'How to fix it', text: docs.fix },
        { heading: 'False positives', text: docs.falsePositives },
        { heading: 'Practice', text: docs.practice },
      ]
    : [
        { heading: 'What it checks', text: rule.description },
        { heading: 'How to fix it', text: rule.fix },
      ];
  const classes = [
    ...(rule.stride.length > 0 ? [`STRIDE: ${strideNames(rule.stride).join(', ')}`] : []),
    ...(rule.cwe !== undefined ? [`CWE-${rule.cwe}`] : []),
  ];
  if (classes.length > 0) sections.push({ heading: 'Classification', text: classes.join('. ') });
  return sections.filter((s) => s.text.trim() !== '');
}

/** The rule's help as plain text. */
export function helpText(rule: RuleInfo): string {
  return [`${rule.title} (${rule.severity})`, ...helpSections(rule).map((s) => `${s.heading}: ${s.text}`)].join('\n\n');
}

/** The rule's help as Markdown. */
export function helpMarkdown(rule: RuleInfo): string {
  const parts = [`**${rule.title}** (default severity: ${rule.severity})`];
  for (const s of helpSections(rule)) parts.push(`### ${s.heading}\n\n${s.text}`);
  parts.push(`[Documentation](${ruleDocUrl(rule.id)})`);
  return parts.join('\n\n');
}
