// The models behind the editor's documents: which model a file belongs to (a file that another
// model includes is analysed as part of it), analyses cached until something changes, open
// documents laid over the disk.

import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadModel } from '../engine.js';
import { IncrementalAnalyzer } from '../analysis/incremental.js';
import type { Analysis } from '../engine.js';
import { decodeModelText, nodeHost } from '../model/host.js';
import type { ModelHost, ReadResult } from '../model/host.js';
import { createParseCache, readModelFile, sweepParseCache } from '../model/units.js';
import { ConfigError, findConfigFile, readConfigFile } from '../analysis/config.js';
import type { RuleSetting } from '../analysis/config.js';
import { isVirtualPath, pathToUri, uriToPath } from './uris.js';
import type { MoatSettings } from './settings.js';

export const MODEL_FILE_GLOBS = ['**/*.moat.yaml', '**/*.moat.yml', '**/moat.yaml', '**/moat.yml'];
/** Parsed units no analysis used in this many runs are dropped (every open model runs far more often). */
const SWEEP_EVERY = 50;
/** A workspace with more model files than this is only partly indexed for includes. */
const MAX_INDEXED_FILES = 2000;

export interface DocumentSource {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/**
 * Reads a file the server cannot reach (a virtual workspace's) through the editor: the
 * `moat/readFile` request. Resolves with its text or why it cannot be read.
 */
export type RemoteReader = (uri: string) => Promise<unknown>;

export interface RootAnalysis {
  root: string;
  analysis: Analysis;
  /** Why the `.moatrc.yaml` found for the model was not applied, when it was not. */
  configError?: string;
}

export class ModelWorkspace {
  /** Bumped on every change to any document or file: cached analyses are valid for one generation. */
  private generation = 0;
  private readonly cache = new Map<string, { generation: number; key: string; result: RootAnalysis }>();
  /** file → the files it includes directly (for files read so far). */
  private readonly includesOf = new Map<string, string[]>();
  private indexed = false;
  private folders: string[] = [];
  private readonly uriByPath = new Map<string, string>();
  /** Parsed sections reused across keystrokes: an edit re-reads only what it touched. */
  private readonly parseCache = createParseCache();
  private analysesSinceSweep = 0;
  /** Set when the client reads files of virtual workspaces for the server. */
  private remote?: RemoteReader;
  /** Virtual files read through the client, kept until a file change or a document opens or closes. */
  private readonly fetched = new Map<string, ReadResult>();
  /** Virtual files an analysis asked for that have not been fetched yet. */
  private readonly wanted = new Set<string>();
  /** Per model: rule findings reused while an edit leaves the model's meaning as it was. */
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();

  constructor(private readonly documents: DocumentSource, private readonly disk: ModelHost = nodeHost) {}

  setRemoteReader(reader: RemoteReader | undefined): void {
    this.remote = reader;
    this.fetched.clear();
  }

  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map(uriToPath).filter((f) => !isVirtualPath(f));
    this.indexed = false;
  }

  pathOf(uri: string): string {
    const file = uriToPath(uri);
    this.uriByPath.set(file, uri);
    return file;
  }

  /** The URI the client knows a file by (the one it sent, when it sent one). */
  uriOf(file: string): string {
    return this.uriByPath.get(file) ?? pathToUri(file);
  }

  document(file: string): TextDocument | undefined {
    const uri = this.uriByPath.get(file);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  isOpen(file: string): boolean {
    return this.document(file) !== undefined;
  }

  /** Open documents over the disk; virtual files that are not open are read through the client, when it can. */
  readonly host: ModelHost = {
    read: (file): ReadResult => {
      const doc = this.document(file);
      if (doc) return { text: doc.getText() };
      if (isVirtualPath(file)) {
        const fetched = this.fetched.get(file);
        if (fetched) return fetched;
        if (this.remote) this.wanted.add(file);
        return { error: 'it is not open in the editor (a virtual workspace has no disk to read it from)' };
      }
      return this.disk.read(file);
    },
    glob: (pattern, dir) => (isVirtualPath(dir) ? [] : this.disk.glob(pattern, dir)),
  };

  /** Something changed: a document was edited, opened or closed, or a file changed on disk. */
  changed(file?: string): void {
    this.generation++;
    if (file !== undefined) {
      this.includesOf.delete(file);
      this.fetched.delete(file);
    }
  }

  /** A file on disk was created or deleted: the include index is rebuilt on next use. */
  filesChanged(): void {
    this.generation++;
    this.indexed = false;
    this.includesOf.clear();
    this.fetched.clear();
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

  private directIncludes(file: string): string[] {
    let list = this.includesOf.get(file);
    if (list) return list;
    list = [];
    const read = this.host.read(file);
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
        for (const pattern of MODEL_FILE_GLOBS) {
          for (const f of this.disk.glob(pattern, folder)) {
            if (known.size >= MAX_INDEXED_FILES) break;
            known.add(f);
          }
        }
      }
    }
    for (const doc of this.documents.all()) known.add(this.pathOf(doc.uri));
    for (const f of this.includesOf.keys()) known.add(f);
    for (const f of known) this.directIncludes(f);
  }

  /** The analyses of every model `file` belongs to. */
  async analysesOf(file: string, settingsOf: (rootUri: string) => Promise<MoatSettings>): Promise<RootAnalysis[]> {
    const out: RootAnalysis[] = [];
    for (const root of this.rootsOf(file)) out.push(await this.analyzeRoot(root, settingsOf));
    return out;
  }

  async analyzeRoot(root: string, settingsOf: (rootUri: string) => Promise<MoatSettings>): Promise<RootAnalysis> {
    const settings = await settingsOf(this.uriOf(root));
    const { rules, configError } = this.ruleSettings(root, settings);
    const key = JSON.stringify([...rules]);
    const cached = this.cache.get(root);
    if (cached && cached.generation === this.generation && cached.key === key) return cached.result;
    const generation = this.generation;
    this.wanted.clear();
    let model = loadModel(root, this.host, { cache: this.parseCache });
    // Includes of a virtual workspace come from the client, a level of includes per round.
    while (this.remote && this.wanted.size > 0) {
      const wanted = [...this.wanted];
      this.wanted.clear();
      await Promise.all(wanted.map(async (file) => this.fetched.set(file, await this.fetchRemote(file))));
      model = loadModel(root, this.host, { cache: this.parseCache });
    }
    if (++this.analysesSinceSweep >= SWEEP_EVERY) {
      this.analysesSinceSweep = 0;
      sweepParseCache(this.parseCache);
    }
    let analyzer = this.analyzers.get(root);
    if (!analyzer) this.analyzers.set(root, (analyzer = new IncrementalAnalyzer()));
    const analysis = analyzer.analyze(model, { rules });
    // What the model includes is now known exactly; the index follows it.
    for (const f of model.files.keys()) this.directIncludes(f);
    const result: RootAnalysis = { root, analysis, configError };
    // Valid for the texts it read: if something changed while files were fetched, the next ask re-runs.
    this.cache.set(root, { generation, key, result });
    return result;
  }

  private async fetchRemote(file: string): Promise<ReadResult> {
    let answer: unknown;
    try {
      answer = await this.remote!(this.uriOf(file));
    } catch (err) {
      return { error: `the editor could not read it (${(err as Error)?.message ?? 'no answer'})` };
    }
    const a = answer as { text?: unknown; error?: unknown } | null;
    if (typeof a?.text === 'string') return decodeModelText(Buffer.from(a.text, 'utf8'));
    return { error: typeof a?.error === 'string' && a.error !== '' ? a.error : 'the editor could not read it' };
  }

  /** The `.moatrc.yaml` next to (or above) the model, with the editor's settings over it. */
  private ruleSettings(root: string, settings: MoatSettings): { rules: Map<string, RuleSetting>; configError?: string } {
    const rules = new Map<string, RuleSetting>();
    let configError: string | undefined;
    if (!isVirtualPath(root)) {
      const configFile = findConfigFile(path.dirname(root));
      if (configFile) {
        try {
          for (const [id, s] of readConfigFile(configFile).rules) rules.set(id, s);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          configError = err.message;
        }
      }
    }
    for (const [id, s] of settings.rules) rules.set(id, s);
    return { rules, configError };
  }
}
