// `moat paths PATH [--to ID|data:ID] [--from ID] [--format text|json|markdown|mermaid] [--all] [-o FILE]`:
// the weakest paths from the internet to the sensitive data, or the blast radius of one component.

import * as path from 'node:path';
import { Option } from 'commander';
import type { Model } from '../../model/types.js';
import { ModelGraph } from '../../analysis/graph.js';
import { displayPath } from '../../format/report.js';
import { buildDiagram } from '../../render/diagram.js';
import { toMermaid } from '../../render/mermaid.js';
import { blastRadius } from '../../paths/blast-radius.js';
import { blastJson, blastMarkdown, blastMarks, blastText, pathsJsonPieces, pathsMarkdownPieces, pathsMarks, pathsReport, pathsTextPieces } from '../../paths/views.js';
import type { PathsSelection } from '../../paths/views.js';
import { pathMarkLines } from '../../paths/highlight.js';
import type { PathMarks } from '../../paths/highlight.js';
import { closest, didYouMean } from '../../util/suggest.js';
import type { Cli, CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { readRootModel, writePieces } from './diagram.js';

export const PATHS_FORMATS = ['text', 'json', 'markdown', 'mermaid'] as const;

interface PathsOptions {
  to?: string;
  from?: string;
  format: (typeof PATHS_FORMATS)[number];
  all?: boolean;
  output?: string;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('paths')
      .description('the weakest paths from the internet to sensitive data, or the blast radius of one component')
      .argument('<path>', 'a model file, or a folder holding one model')
      .option('--to <id>', 'only the paths to one component, or with data:ID to every component that stores that data')
      .option('--from <id>', 'the blast radius of this component: what its takeover exposes, takes over and reaches')
      .addOption(new Option('-f, --format <format>', 'text, json, markdown, or mermaid (the diagram with the paths in bold)').choices(PATHS_FORMATS).default('text'))
      .option('--all', 'every path up to 12 flows long, weakest first (at most 20 per target)')
      .option('-o, --output <file>', 'write to FILE instead of standard output')
      .action(cli.action((target: string, options: PathsOptions) => runPaths(cli, target, options)));
  },
};
export default command;

export async function runPaths(cli: Cli, target: string, options: PathsOptions): Promise<number> {
  if (options.from !== undefined && (options.to !== undefined || options.all)) {
    throw new CliError(`--from shows a blast radius; it does not go with ${options.to !== undefined ? '--to' : '--all'}`);
  }
  const model = await loadRootModel(cli, target, options.format !== 'json');
  const graph = new ModelGraph(model);
  // Each format is worked out alone: a path view of a large model runs to megabytes.
  const mermaid = () => toMermaid(buildDiagram({ model, graph, findings: [], acceptances: [], heldBack: [] }));
  let text: string | Iterable<string>;
  if (options.from !== undefined) {
    const radius = blastRadius(graph, knownComponent(model, options.from, '--from'));
    if (!radius) throw new CliError(`--from: the model has no component \`${options.from}\``);
    if (options.format === 'json') text = `${JSON.stringify(blastJson(radius), null, 2)}\n`;
    else if (options.format === 'markdown') text = blastMarkdown(radius);
    else if (options.format === 'mermaid') text = withMarks(mermaid(), blastMarks(graph, radius));
    else text = blastText(radius);
  } else {
    const report = pathsReport(graph, { to: selection(model, options.to), all: options.all });
    if (options.format === 'json') text = pathsJsonPieces(report);
    else if (options.format === 'markdown') text = pathsMarkdownPieces(graph, report);
    // The picture needs no findings: what it shows is the paths.
    else if (options.format === 'mermaid') text = withMarks(mermaid(), pathsMarks(report));
    else text = pathsTextPieces(graph, report);
  }
  await writePieces(cli, typeof text === 'string' ? [text] : text, options.output);
  return 0;
}

function withMarks(mermaid: ReturnType<typeof toMermaid>, marks: PathMarks): string {
  return `${mermaid.text}${pathMarkLines(mermaid, marks).join('\n')}\n`;
}

function knownComponent(model: Model, id: string, flag: string): string {
  if (model.services.has(id)) return id;
  throw new CliError(`${flag}: the model has no component \`${id}\`${didYouMean(closest(id, model.services.keys()))}`);
}

function selection(model: Model, to: string | undefined): PathsSelection['to'] {
  if (to === undefined) return undefined;
  if (to.startsWith('data:')) {
    const id = to.slice('data:'.length);
    if (model.data.has(id)) return { data: id };
    const suggestion = closest(id, model.data.keys());
    throw new CliError(`--to: the model has no data \`${id}\`${suggestion === undefined ? '' : `; did you mean \`data:${suggestion}\`?`}`);
  }
  return { component: knownComponent(model, to, '--to') };
}

/**
 * The one model PATH names, read without running the rules (the paths need only the graph, and
 * 5,000 services must answer in under a second). A model with model errors other than syntax is
 * followed as far as it can be read, with a warning unless `warn` is false.
 */
async function loadRootModel(cli: Cli, target: string, warn: boolean): Promise<Model> {
  const { io } = cli;
  const { file, model } = await readRootModel(cli, target);
  if (!model.analyzable) {
    throw new CliError(`${displayPath(file, io.cwd)} cannot be read as a model: it is not a Moat model (\`moat check\` shows where)`);
  }
  const problems = model.problems.filter((p) => p.severity !== 'medium');
  if (warn && problems.length > 0) {
    io.stderr.write(`moat: ${displayPath(path.resolve(file), io.cwd)} has ${problems.length} model ${problems.length === 1 ? 'error' : 'errors'}; paths followed as far as it can be read (\`moat check\` lists them)\n`);
  }
  return model;
}
