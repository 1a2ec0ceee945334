// `moat export PATH --format otm [-o FILE]`: the model in another tool's format (interchange.md).
// OTM is written as JSON, or as YAML when FILE ends in `.yaml`/`.yml`.

import * as path from 'node:path';
import { Option } from 'commander';
import { stringify } from 'yaml';
import { toOtm } from '../../interchange/otm/export.js';
import type { Cli, CliCommand } from '../cli.js';
import { loadForRender, writeOutput } from './diagram.js';

export const EXPORT_FORMATS = ['otm'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportOptions {
  format: ExportFormat;
  output?: string;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('export')
      .description('write the model in another tool\'s format: Open Threat Model (OTM 0.2.0)')
      .argument('<path>', 'a model file, or a folder holding one model')
      .addOption(new Option('-f, --format <format>', 'otm: Open Threat Model 0.2.0, as JSON (YAML when -o names a .yaml file)').choices(EXPORT_FORMATS).makeOptionMandatory())
      .option('-o, --output <file>', 'write the document to FILE instead of standard output')
      .action(cli.action((target: string, options: ExportOptions) => runExport(cli, target, options)));
  },
};
export default command;

export async function runExport(cli: Cli, target: string, options: ExportOptions): Promise<number> {
  const { analysis } = await loadForRender(cli, target);
  const document = toOtm(analysis, path.basename(analysis.model.rootFile).replace(/\.ya?ml$/, '').replace(/\.moat$/, ''));
  const asYaml = options.output !== undefined && /\.ya?ml$/i.test(options.output);
  const text = asYaml ? stringify(document, { lineWidth: 0 }) : `${JSON.stringify(document, null, 2)}\n`;
  writeOutput(cli, text, options.output);
  return 0;
}
