// `moat diagram PATH [--format mermaid|markdown|html|svg] [--level overview|full] [--boundary ID]
// [--focus ID] [-o FILE]`: the model's diagram, the same one the editor's preview draws. Also the loading that `moat report` shares.

import * as path from 'node:path';
import { Option } from 'commander';
import type { Analysis } from '../../analysis/analyze.js';
import type { Model } from '../../model/types.js';
import { discoverModelFiles, selectRoots } from '../../analysis/discover.js';
import { MODEL_FILE_LIST } from '../../model/file-names.js';
import { createMoatService } from '../../service/index.js';
import type { MoatService } from '../../service/index.js';
import { displayPath } from '../../format/report.js';
import { buildDiagram } from '../../render/diagram.js';
import { drawingToMermaid, toMermaid } from '../../render/mermaid.js';
import { mermaidBlock } from '../../render/report.js';
import { diagramHtml, readWebviewScript } from '../../render/html.js';
import { DIAGRAM_LEVELS, diagramAt } from '../../render/levels.js';
import type { DiagramLevel } from '../../render/levels.js';
import { renderDiagram } from '../../render/svg.js';
import { closest, didYouMean } from '../../util/suggest.js';
import type { Cli, CliCommand } from '../cli.js';
import { CliError } from '../cli.js';
import { writeTextFile, WriteError } from '../../util/write-file.js';
import { configReader } from './check.js';

export const DIAGRAM_FORMATS = ['mermaid', 'markdown', 'html', 'svg'] as const;
type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

interface DiagramOptions {
  format: DiagramFormat;
  focus?: string;
  boundary?: string;
  level?: DiagramLevel;
  output?: string;
}

const command: CliCommand = {
  register(program, cli) {
    program
      .command('diagram')
      .description('print the model\'s diagram (Mermaid by default)')
      .argument('<path>', 'a model file, or a folder holding one model')
      .addOption(new Option('-f, --format <format>', 'mermaid, markdown (a fenced mermaid block), html (one page that renders offline) or svg (a static drawing)').choices(DIAGRAM_FORMATS).default('mermaid'))
      .option('--focus <id>', 'keep one component and its neighbours')
      .option('--boundary <id>', 'one boundary\'s components, with the components they talk to collapsed into their boundaries')
      .addOption(new Option('--level <level>', 'overview (one node per boundary) or full (every component); default: overview above 25 components (svg, html), every component (mermaid, markdown)').choices(DIAGRAM_LEVELS))
      .option('-o, --output <file>', 'write the diagram to FILE instead of standard output')
      .action(cli.action((target: string, options: DiagramOptions) => runDiagram(cli, target, options)));
  },
};
export default command;

export async function runDiagram(cli: Cli, target: string, options: DiagramOptions): Promise<number> {
  const { analysis } = await loadForRender(cli, target);
  const diagram = buildDiagram(analysis);
  if (options.focus !== undefined && !diagram.nodes.some((n) => n.id === options.focus)) {
    const suggestion = closest(options.focus, diagram.nodes.map((n) => n.id));
    throw new CliError(`--focus: the model has no component \`${options.focus}\`${didYouMean(suggestion)}`);
  }
  if (options.boundary !== undefined && !diagram.groups.some((g) => g.id === options.boundary)) {
    const suggestion = closest(options.boundary, diagram.groups.map((g) => g.id));
    throw new CliError(`--boundary: the model has no boundary \`${options.boundary}\` that holds components${didYouMean(suggestion)}`);
  }
  const view = { level: options.level, boundary: options.boundary, focus: options.focus };
  let text: string;
  if (options.format === 'svg') {
    text = (await renderDiagram(diagram, view)).svg;
  } else if (options.format === 'html') {
    const script = readWebviewScript();
    if ('error' in script) throw new CliError(`cannot write an HTML diagram: ${script.error}`);
    text = diagramHtml(diagram, { script: script.text, fileName: path.basename(analysis.model.rootFile), view });
  } else {
    // Without --level or --boundary, Mermaid of every component (or of the focus), as before.
    const mermaid = options.level === undefined && options.boundary === undefined
      ? toMermaid(diagram, { focus: options.focus }).text
      : drawingToMermaid(diagramAt(diagram, view));
    text = options.format === 'markdown' ? mermaidBlock(mermaid) : mermaid;
  }
  writeOutput(cli, text, options.output);
  return 0;
}

/**
 * The one model PATH names (a file, or a folder holding one root model), analysed with the
 * `.moatrc.yaml` that `moat check` would use, so both show the same severities. A model that
 * does not parse cannot be drawn (exit 2); one with other model errors is drawn as far as it
 * can be read, with a warning.
 */
export async function loadForRender(cli: Cli, target: string): Promise<{ analysis: Analysis; service: MoatService; root: string }> {
  const { io } = cli;
  const { service, file } = await readRootModel(cli, target);
  configReader(service, io.cwd)(file);
  const { analysis } = await service.analyze(file);
  const problems = analysis.findings.filter((f) => f.rule.startsWith('model/') && f.severity !== 'medium');
  if (problems.length > 0) {
    io.stderr.write(`moat: ${displayPath(file, io.cwd)} has ${problems.length} model ${problems.length === 1 ? 'error' : 'errors'}; drawn as far as it can be read (\`moat check\` lists them)\n`);
  }
  return { analysis, service, root: file };
}

/**
 * The one model PATH names (a file, or a folder holding one model), read through the service
 * without analysing it. A model that does not parse (or of another language version) is a
 * one-line error.
 */
export async function readRootModel(cli: Cli, target: string): Promise<{ service: MoatService; file: string; model: Model }> {
  const { io } = cli;
  const discovery = discoverModelFiles([target], io.cwd);
  if (discovery.unreadable.length > 0) {
    throw new CliError(discovery.unreadable.map((u) => `cannot read ${u.path}: ${u.reason}`).join('; '));
  }
  if (discovery.files.length === 0) {
    throw new CliError(`no model file in ${target} (looked for ${MODEL_FILE_LIST})`);
  }
  const service = createMoatService();
  const models = [];
  for (const file of discovery.files) models.push({ file, model: await service.model(file) });
  const roots = selectRoots(models.map((m) => ({ file: m.file, files: m.model.files.keys() })));
  if (roots.length > 1) {
    const names = roots.map((r) => displayPath(r, io.cwd));
    throw new CliError(`${target} holds ${roots.length} models (${names.join(', ')}); name one of them`);
  }
  const { file, model } = models.find((m) => m.file === roots[0])!;
  const broken = model.problems.filter((p) => p.rule === 'model/syntax' || p.rule === 'model/version');
  if (broken.length > 0) {
    throw new CliError(`${displayPath(file, io.cwd)} cannot be read as a model: ${broken[0].message} (\`moat check\` shows where)`);
  }
  return { service, file, model };
}

export function writeOutput(cli: Cli, text: string, output: string | undefined): void {
  if (output === undefined) {
    cli.io.stdout.write(text);
    return;
  }
  writeFileOutput(cli, text, output);
}

/**
 * A view given in pieces (one that may be larger than a string can hold), written as they come:
 * to standard output waiting for it to drain when a reader is slower than the view is made.
 */
export async function writePieces(cli: Cli, pieces: Iterable<string>, output: string | undefined): Promise<void> {
  if (output !== undefined) {
    writeFileOutput(cli, pieces, output);
    return;
  }
  const out = cli.io.stdout;
  for (const piece of pieces) {
    if (out.write(piece) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
  }
}

function writeFileOutput(cli: Cli, text: string | Iterable<string>, output: string): void {
  const file = path.resolve(cli.io.cwd, output);
  try {
    writeTextFile(file, text);
  } catch (err) {
    if (!(err instanceof WriteError)) throw err;
    throw new CliError(`cannot write ${output}: ${err.message}`);
  }
}
