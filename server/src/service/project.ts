// The project behind every edge: the documents an editor holds laid over the disk, which model
// each file belongs to (the include index), the `.moatrc.yaml` of each model (read once, dropped
// when it changes), the parsed sections reused across edits and an incremental analyzer per
// model open in an editor. The service (service.ts) answers from it; nothing here knows an
// editor, a terminal or a position in lines.

import * as path from 'node:path';
import { loadModel } from '../model/load.js';
import { analyze } from '../analysis/analyze.js';
import type { Analysis } from '../analysis/analyze.js';
import { IncrementalAnalyzer } from '../analysis/incremental.js';
import { nodeHost } from '../model/host.js';
import type { ModelHost, ReadResult } from '../model/host.js';
import type { Model } from '../model/types.js';
import { createParseCache, readModelFile, sweepParseCache } from '../model/units.js';
import { CONFIG_FILES, ConfigError, emptyConfig, findConfigFile, readConfigFile } from '../analysis/config.js';
import type { MoatConfig, RuleSetting } from '../analysis/config.js';
import { MODEL_FILE_GLOBS } from '../model/file-names.js';
import { loadDeployment } from '../drift/load.js';
import type { LoadedDeployment } from '../drift/load.js';

/** Parsed units no analysis used in this many runs are dropped (every open model runs far more often). */
const SWEEP_EVERY = 50;
/** A workspace with more model files than this is only partly indexed for includes. */
const MAX_INDEXED_FILES = 2000;

/** What the edge says about a model beyond its `.moatrc.yaml`: the editor's `moat.rules`, the CLI's `--rule`. */
export interface ModelSettings {
  rules?: ReadonlyMap<string, RuleSetting>;
}

export interface ProjectOptions {
  /** The disk (or what stands for it); the documents are laid over it. Default: the real disk. */
  host?: ModelHost;
  /** Settings over each model's `.moatrc.yaml` (asked for once per analysis; may be async). */
  settings?: (root: string) => ModelSettings | Promise<ModelSettings>;
  /** Used for every model instead of the `.moatrc.yaml` found upward from it (the CLI's `--config`). */
  config?: MoatConfig;
  /**
   * Reads a file the host cannot (a virtual workspace's, through the editor). A file the host
   * reports as unreadable and `isRemote` accepts is fetched through it, a level of includes per round.
   */
  fetch?: (file: string) => Promise<ReadResult>;
  isRemote?: (file: string) => boolean;
  /** A deployment read for every model instead of the `deployment:` of its config (the CLI's `--deployment`). */
  deployment?: LoadedDeployment;
}

export interface Document {
  text: string;
  version: number;
}

export interface RootAnalysis {
  root: string;
  analysis: Analysis;
  /** Why the `.moatrc.yaml` found for the model was not applied, when it was not. */
  configError?: string;
}

export interface ConfigLookup {
  config: MoatConfig;
  /** Why the config file found could not be read (the config is then empty). */
  error?: string;
}

export class Project {
  /** Bumped on every change to any document or file: cached analyses are valid for one generation. */
  private generation = 0;
  private readonly analyses = new Map<string, { generation: number; key: string; result: RootAnalysis }>();
  private readonly models = new Map<string, { generation: number; model: Model }>();
  /** file → the files it includes directly (for files read so far). */
  private readonly includesOf = new Map<string, string[]>();
  private indexed = false;
  private folders: string[] = [];
  private readonly documents = new Map<string, Document>();
  /** Parsed sections reused across keystrokes: an edit re-reads only what it touched. */
  private readonly parseCache = createParseCache();
  private analysesSinceSweep = 0;
  /** Files read through `fetch`, kept until that file changes or documents open or close. */
  private readonly fetched = new Map<string, ReadResult>();
  /** Remote files an analysis asked for that have not been fetched yet. */
  private readonly wanted = new Set<string>();
  /** Per model open in an editor: rule findings reused while an edit leaves the model's meaning as it was. */
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  /** Config file → what it says; folder → the config file found from it. Dropped when a config file changes. */
  private readonly configs = new Map<string, ConfigLookup>();
  private readonly configFileOf = new Map<string, string | undefined>();
  /**
   * Config file → the deployment its `deployment:` names, read once and again only when one of its
   * files (or the config) changes on disk: never on a keystroke in the model.
   */
  private readonly deployments = new Map<string, LoadedDeployment>();
  private readonly disk: ModelHost;

  constructor(private readonly options: ProjectOptions = {}) {
    this.disk = options.host ?? nodeHost;
  }

  // ---- documents and files -------------------------------------------------------------

  /** A document opened or changed in the editor: its text is read instead of the disk's. */
  setDocument(file: string, text: string, version: number): void {
    this.documents.set(file, { text, version });
    this.changed(file);
  }

  closeDocument(file: string): void {
    this.documents.delete(file);
    this.analyzers.delete(file);
    this.changed(file);
  }

  document(file: string): Document | undefined {
    return this.documents.get(file);
  }

  openFiles(): string[] {
    return [...this.documents.keys()];
  }

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
    this.indexed = false;
  }

  /** A file changed on disk (or a document changed): what was read from it is read again. */
  changed(file?: string): void {
    this.generation++;
    if (file === undefined) return;
    this.includesOf.delete(file);
    this.fetched.delete(file);
    if (CONFIG_FILES.includes(path.basename(file))) this.dropConfigs();
    // A model file typed in is never a deployment file: only a change of one drops the reading.
    for (const [config, loaded] of this.deployments) if (loaded.files.includes(file)) this.deployments.delete(config);
  }

  /** The deployment a model's config names (read once; see `deployments`), or the edge's. */
  deploymentOf(config: MoatConfig): LoadedDeployment | undefined {
    if (this.options.deployment) return this.options.deployment;
    if (config.deployment.length === 0 || config.file === undefined || config.dir === undefined) return undefined;
    let loaded = this.deployments.get(config.file);
    if (!loaded) this.deployments.set(config.file, (loaded = loadDeployment({ dir: config.dir, file: config.file, paths: config.deployment })));
    return loaded;
  }

  /** Files were created or deleted: the include index and the configs are rebuilt on next use. */
  filesChanged(): void {
    this.generation++;
    this.indexed = false;
    this.includesOf.clear();
    this.fetched.clear();
    this.dropConfigs();
  }

  private dropConfigs(): void {
    this.configs.clear();
    this.configFileOf.clear();
    this.deployments.clear();
  }

  /** Open documents over the disk; remote files come from what was fetched. */
  readonly host: ModelHost = {
    read: (file): ReadResult => {
      const doc = this.documents.get(file);
      if (doc) return { text: doc.text };
      if (this.options.isRemote?.(file)) {
        const fetched = this.fetched.get(file);
        if (fetched) return fetched;
        if (this.options.fetch) this.wanted.add(file);
        return { error: 'it is not open in the editor (a virtual workspace has no disk to read it from)' };
      }
      return this.disk.read(file);
    },
    glob: (pattern, dir) => (this.options.isRemote?.(dir) ? [] : this.disk.glob(pattern, dir)),
  };

  // ---- configuration -------------------------------------------------------------------

  /** The `.moatrc.yaml` that applies to a model (or the one the edge forces), read once. */
  configOf(root: string): ConfigLookup {
    if (this.options.config) return { config: this.options.config };
    if (this.options.isRemote?.(root)) return { config: emptyConfig() };
    const dir = path.dirname(root);
    let file: string | undefined;
    if (this.configFileOf.has(dir)) file = this.configFileOf.get(dir);
    else this.configFileOf.set(dir, (file = findConfigFile(dir)));
    if (file === undefined) return { config: emptyConfig() };
    let lookup = this.configs.get(file);
    if (!lookup) {
      try {
        lookup = { config: readConfigFile(file) };
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        lookup = { config: { ...emptyConfig(), file }, error: err.message };
      }
      this.configs.set(file, lookup);
    }
    return lookup;
  }

  // ---- models --------------------------------------------------------------------------

  /** The model rooted at `root`, loaded through the parse cache; the same object until something changes. */
  async model(root: string): Promise<Model> {
    const cached = this.models.get(root);
    if (cached && cached.generation === this.generation) return cached.model;
    const generation = this.generation;
    this.wanted.clear();
    // Parses are kept for reuse while someone edits; a model read once (the CLI's) is read unit by unit in place, nothing kept.
    const cache = this.documents.size > 0 ? this.parseCache : undefined;
    let model = loadModel(root, this.host, { cache });
    while (this.options.fetch && this.wanted.size > 0) {
      const wanted = [...this.wanted];
      this.wanted.clear();
      await Promise.all(wanted.map(async (file) => this.fetched.set(file, await this.options.fetch!(file))));
      model = loadModel(root, this.host, { cache });
    }
    // What the model includes is now known exactly; the index follows it.
    for (const [f, source] of model.files) this.directIncludes(f, source.text);
    this.models.set(root, { generation, model });
    return model;
  }

  /** The model rooted at `root` analysed with its config and the edge's settings; cached until something changes. */
  async analyze(root: string): Promise<RootAnalysis> {
    const { config, error } = this.configOf(root);
    const settings = (await this.options.settings?.(root)) ?? {};
    const rules = new Map<string, RuleSetting>([...config.rules, ...(settings.rules ?? [])]);
    const key = JSON.stringify([...rules]);
    const cached = this.analyses.get(root);
    if (cached && cached.generation === this.generation && cached.key === key) return cached.result;
    const generation = this.generation;
    const model = await this.model(root);
    if (++this.analysesSinceSweep >= SWEEP_EVERY) {
      this.analysesSinceSweep = 0;
      sweepParseCache(this.parseCache);
    }
    let analysis: Analysis;
    const loaded = this.deploymentOf(config);
    const deployment = loaded?.view;
    // A model someone is editing is analysed incrementally; one read once (the CLI's) is not worth the bookkeeping.
    if ([...model.files.keys()].some((f) => this.documents.has(f))) {
      let analyzer = this.analyzers.get(root);
      if (!analyzer) this.analyzers.set(root, (analyzer = new IncrementalAnalyzer()));
      analysis = analyzer.analyze(model, { rules, deployment });
    } else {
      this.analyzers.delete(root);
      analysis = analyze(model, { rules, deployment });
    }
    // A `deployment:` entry that cannot be read is a finding at the entry, in the config file.
    const problems = (loaded?.problems ?? []).flatMap((p) => (p.finding ? [p.finding] : []));
    if (problems.length > 0) analysis = { ...analysis, findings: [...problems, ...analysis.findings] };
    const result: RootAnalysis = { root, analysis, configError: error };
    // Valid for the texts it read: if something changed while files were fetched, the next ask re-runs.
    this.analyses.set(root, { generation, key, result });
    return result;
  }

  /** The analyses of every model `file` belongs to. */
  async analysesOf(file: string): Promise<RootAnalysis[]> {
    const out: RootAnalysis[] = [];
    for (const root of this.rootsOf(file)) out.push(await this.analyze(root));
    return out;
  }

  // ---- the include index ---------------------------------------------------------------

  /** Every model file known: those found in the folders, those read for includes, the open documents. */
  modelFiles(): string[] {
    this.ensureIndexed();
    return [...new Set([...this.includesOf.keys(), ...this.documents.keys()])].sort();
  }

  /** The model files that include `file`, directly or not, and are included by none: its models. */
  rootsOf(file: string): string[] {
    this.ensureIndexed();
    const includers = new Map<string, Set<string>>();
    for (const [from, targets] of this.includesOf) {
      for (const t of targets) {
        let set = includers.get(t);
        if (!set) includers.set(t, (set = new Set()));
        set.add(from);
      }
    }
    const roots = new Set<string>();
    const seen = new Set<string>();
    const climb = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const up = [...(includers.get(f) ?? [])].filter((u) => u !== f);
      if (up.length === 0) roots.add(f);
      for (const u of up) climb(u);
    };
    climb(file);
    // An include cycle has no top: the file is its own model then.
    return roots.size === 0 ? [file] : [...roots].sort();
  }

  private directIncludes(file: string, text?: string): string[] {
    let list = this.includesOf.get(file);
    if (list) return list;
    list = [];
    const read = text !== undefined ? { text } : this.host.read(file);
    if ('text' in read && /^include\s*:/m.test(read.text)) {
      const fm = readModelFile(file, read.text, this.parseCache);
      const dir = path.dirname(file);
      for (const inc of fm.includes) {
        if (/[*?[\]{}]/.test(inc.path)) list.push(...this.host.glob(inc.path, dir).filter((t) => t !== file));
        else list.push(path.resolve(dir, inc.path));
      }
    }
    this.includesOf.set(file, list);
    return list;
  }

  private ensureIndexed(): void {
    const known = new Set<string>();
    if (!this.indexed) {
      this.indexed = true;
      for (const folder of this.folders) {
        if (this.options.isRemote?.(folder)) continue;
        for (const pattern of MODEL_FILE_GLOBS) {
          for (const f of this.disk.glob(pattern, folder)) {
            if (known.size >= MAX_INDEXED_FILES) break;
            known.add(f);
          }
        }
      }
    }
    for (const f of this.documents.keys()) known.add(f);
    for (const f of this.includesOf.keys()) known.add(f);
    for (const f of known) this.directIncludes(f);
  }
}
