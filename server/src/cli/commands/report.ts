// `moat report PATH [--format markdown|html] [-o FILE]`: the review report of one model.

import { Option } from 'commander';
import { reportHtml, reportMarkdown } from '../../render/report.js';
import { newNonce, readWebviewScript } from '../../render/html.js';
import type { Cli, CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { loadForRender, writeOutput } from './diagram.js';

export const REPORT_FORMATS = ['markdown', 'html'] as const;

interface ReportOptions {
  format: (typeof REPORT_FORMATS)[number];
  output?: string;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('report')
      .description('write a review report: findings, threats per element, the diagram')
      .argument('<path>', 'a model file, or a folder holding one model')
      .addOption(new Option('-f, --format <format>', 'markdown, or html (one page that renders offline)').choices(REPORT_FORMATS).default('markdown'))
      .option('-o, --output <file>', 'write the report to FILE instead of standard output')
      .action(cli.action((target: string, options: ReportOptions) => runReport(cli, target, options)));
  },
};
export default command;

export async function runReport(cli: Cli, target: string, options: ReportOptions): Promise<number> {
  const { service, root } = await loadForRender(cli, target);
  const doc = await service.report(root, { cwd: cli.io.cwd });
  let text: string;
  if (options.format === 'html') {
    const script = readWebviewScript();
    if ('error' in script) throw new CliError(`cannot write an HTML report: ${script.error}`);
    text = reportHtml(doc, { nonce: newNonce(), script: script.text });
  } else {
    text = reportMarkdown(doc);
  }
  writeOutput(cli, text, options.output);
  return 0;
}
