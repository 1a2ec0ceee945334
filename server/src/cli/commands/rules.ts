// `moat rules [RULE]`: the catalogue as a table, or one rule's documentation.

import { createColors } from 'picocolors';
import type { Severity } from '../../model/types.js';
import { ruleCatalogue } from '../../format/catalogue.js';
import { docMarkdownFor } from '../../rules/docs.js';
import type { Cli, CliCommand } from '../cli.js';
import { useColor } from '../cli.js';
import { unknownRule } from '../rule-ids.js';

interface RulesOptions {
  color?: boolean;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('rules')
      .description('list the rules, or print one rule\'s documentation')
      .argument('[rule]', 'a rule id')
      .option('--color', 'colour the output even when it is not a terminal')
      .option('--no-color', 'never colour the output')
      .action(cli.action((id: string | undefined, options: RulesOptions) => (id === undefined ? listRules(cli, options) : showRule(cli, id))));
  },
};
export default command;

function listRules(cli: Cli, options: RulesOptions): number {
  const c = createColors(useColor(options.color, cli.io.stdout, cli.io.env));
  const tint: Record<Severity, (s: string) => string> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.gray };
  const rules = ruleCatalogue();
  const header = ['RULE', 'SEVERITY', 'CATEGORY', 'TITLE'];
  const rows = rules.map((r) => [r.id, r.severity, r.category, r.title]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[], paint: (cell: string, i: number) => string) =>
    cells.map((cell, i) => (i === cells.length - 1 ? paint(cell, i) : paint(cell, i) + ' '.repeat(widths[i] - cell.length))).join('  ');
  const out = [line(header, (h) => c.bold(h))];
  rules.forEach((r, i) => out.push(line(rows[i], (cell, col) => (col === 1 ? tint[r.severity](cell) : cell))));
  out.push('', `${rules.length} rules. \`moat rules RULE\` prints one rule's documentation.`);
  cli.io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function showRule(cli: Cli, id: string): number {
  const page = docMarkdownFor(id);
  if (page === undefined) throw unknownRule(id);
  // The page's first line says how it was generated: a note for the repository, not for the reader.
  const text = page.replace(/^<!--[\s\S]*?-->\n+/, '');
  cli.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
