// Reads the deployment named on the command line (files, folders, `-` for standard input) into
// one Deployment. A named input that cannot be read is an error that names it; inside a folder,
// files that cannot be read are skipped, counted and named.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkComposeTopLevel, isComposeDocument, readCompose } from './compose.js';
import type { ComposeFile } from './compose.js';
import { nodeFiles } from './files.js';
import type { InputFiles } from './files.js';
import { finishKubernetes, isKubernetesDocument, newKubeContext, readKubernetesDocument } from './kubernetes.js';
import type { KubeContext } from './kubernetes.js';
import { DeploymentError, emptyDeployment } from './types.js';
import type { Deployment } from './types.js';
import { isPlainMap, readDocuments, sourceOf } from './yaml.js';
import { shown } from './show.js';

export interface ReadOptions {
  cwd: string;
  /** Standard input's text, for `-`. */
  stdin?: () => string;
}

export const STDIN_NAME = '<stdin>';

const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

interface Reading {
  d: Deployment;
  io: InputFiles;
  kube: KubeContext;
  compose: ComposeFile[];
  stdin?: () => string;
}

/** Reads every input; throws a DeploymentError (one line) when nothing can be imported. */
export function readDeployment(inputs: readonly string[], options: ReadOptions): Deployment {
  const d = emptyDeployment();
  const r: Reading = { d, io: nodeFiles(options.cwd, d.notes), kube: newKubeContext(), compose: [], stdin: options.stdin };
  for (const input of inputs) {
    if (input === '-') {
      readText(r, options.stdin ? options.stdin() : '', STDIN_NAME, undefined);
      continue;
    }
    const absolute = path.resolve(options.cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new DeploymentError(`${input}: no such file or folder`);
    }
    if (stat.isDirectory()) readFolder(r, absolute, input);
    else readFile(r, absolute);
  }
  if (r.compose.length > 0) readCompose(r.compose, d, r.io);
  finishKubernetes(d, r.kube);
  if (d.workloads.length === 0) {
    const what = inputs.map((i) => (i === '-' ? 'standard input' : i)).join(', ');
    throw new DeploymentError(`${what}: nothing to import: no compose services and no Kubernetes workloads${skippedText(d)}`);
  }
  return d;
}

function skippedText(d: Deployment): string {
  if (d.skipped.size === 0) return '';
  return ` (skipped: ${[...d.skipped].map(([k, n]) => `${n} ${k}`).join(', ')})`;
}

function skip(d: Deployment, kind: string, note?: string): void {
  d.skipped.set(kind, (d.skipped.get(kind) ?? 0) + 1);
  if (note) d.notes.push(`skipped ${note}`);
}

function readFolder(r: Reading, absolute: string, named: string): void {
  const kustomization = KUSTOMIZATION.map((k) => path.join(absolute, k)).find((k) => fs.existsSync(k));
  if (kustomization) { readKustomization(r, kustomization, new Set()); return; }
  const files = overridesLast(yamlFiles(absolute));
  if (files.length === 0) throw new DeploymentError(`${named}: no YAML files (*.yaml, *.yml) in this folder`);
  for (const f of files) {
    try {
      readFile(r, f);
    } catch (err) {
      if (!(err instanceof DeploymentError)) throw err;
      skip(r.d, 'unreadable files', err.message);
    }
  }
}

/** In a folder, `docker-compose.override.yml` merges after `docker-compose.yml`, as docker compose merges them. */
function overridesLast(files: string[]): string[] {
  const isOverride = (f: string) => /\.override\.ya?ml$/i.test(f);
  const out: string[] = [];
  for (const f of files) {
    if (isOverride(f)) continue;
    out.push(f);
    const dir = path.dirname(f);
    const base = path.basename(f).replace(/\.ya?ml$/i, '');
    out.push(...files.filter((o) => isOverride(o) && path.dirname(o) === dir && path.basename(o).startsWith(`${base}.override.`)));
  }
  out.push(...files.filter((o) => isOverride(o) && !out.includes(o)));
  return out;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (!SKIPPED_FOLDERS.has(e.name)) walk(p); }
      else if (/\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A kustomization's local `resources:` and `components:`; what it would change is not applied. */
function readKustomization(r: Reading, file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const name = r.io.display(file);
  const { documents, error } = readDocuments(r.io.readText(file), name);
  if (error) throw new DeploymentError(`${name}:${error.line}: ${error.message}`);
  const k = documents[0]?.value;
  if (!isPlainMap(k)) return;
  r.d.files.push(name);
  const unapplied = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator', 'images', 'namePrefix', 'nameSuffix', 'namespace', 'replicas', 'helmCharts']
    .filter((key) => key in k);
  if (unapplied.length > 0) r.d.notes.push(`${name}: ${unapplied.join(', ')} not applied (moat import reads the resources as written; pipe \`kustomize build\` to apply them)`);
  for (const section of ['resources', 'components', 'bases']) {
    const entries = Array.isArray(k[section]) ? k[section] : [];
    entries.forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const at = sourceOf(entries, i, { file: name, line: 1 });
      if (/^[a-z]+:\/\/|^github\.com\/|\?ref=|^git@/.test(entry)) {
        r.d.notes.push(`${at.file}:${at.line}: remote ${section.replace(/s$/, '')} ${shown(entry)} not fetched`);
        return;
      }
      const target = path.resolve(path.dirname(file), entry);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(target);
      } catch {
        throw new DeploymentError(`${at.file}:${at.line}: ${section} entry ${shown(entry)} not found`);
      }
      if (stat.isDirectory()) {
        const nested = KUSTOMIZATION.map((x) => path.join(target, x)).find((x) => fs.existsSync(x));
        if (nested) readKustomization(r, nested, seen);
        else for (const f of yamlFiles(target)) readFile(r, f);
      } else {
        readFile(r, target);
      }
    });
  }
}

function readFile(r: Reading, absolute: string): void {
  const text = r.io.readText(absolute);
  readText(r, text, r.io.display(absolute), absolute);
}

const HELM_TEMPLATE = /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\b|template\b|toYaml\b|if\b|range\b|with\b|end\b|define\b|\$)/;

function readText(r: Reading, text: string, file: string, absolute: string | undefined): void {
  const lines = text.split('\n');
  const template = lines.findIndex((l) => !/^\s*#/.test(l) && HELM_TEMPLATE.test(l));
  if (template >= 0) {
    throw new DeploymentError(`${file}:${template + 1}: an unrendered Helm template ({{ … }}); render it first: helm template CHART | moat import -`);
  }
  const { documents, error } = readDocuments(text, file);
  if (error) throw new DeploymentError(`${file}:${error.line}: ${error.message}`);
  if (documents.length === 0) throw new DeploymentError(`${file}: empty: no YAML document`);
  const first = documents[0].value;
  if (isPlainMap(first) && Object.keys(first)[0] === 'moat') {
    skip(r.d, 'Moat models', `${file}: a Moat model, not a deployment file`);
    return;
  }
  lines.forEach((l, i) => {
    const m = /^#\s*Source:\s*(\S+)/.exec(l);
    if (!m) return;
    // A Source comment names the document it stands in, up to the next `---`.
    const next = lines.findIndex((x, j) => j > i && /^---/.test(x));
    r.d.templates.push({ file, line: i + 1, until: next < 0 ? Infinity : next + 1, template: m[1] });
  });
  const compose = documents.find((doc) => isComposeDocument(doc.value));
  if (compose) {
    checkComposeTopLevel({ file, value: compose.value as ComposeFile['value'], line: compose.line });
    r.compose.push({ file, absolute, value: compose.value as ComposeFile['value'], line: compose.line });
    r.d.files.push(file);
    return;
  }
  let read = 0;
  for (const doc of documents) {
    if (isKubernetesDocument(doc.value)) {
      readKubernetesDocument(doc.value, { file, line: doc.line }, r.d, r.kube, (kind, note) => skip(r.d, kind, note));
      read++;
    } else if (doc.value !== null) {
      skip(r.d, 'documents that are neither compose nor Kubernetes', `${file}:${doc.line}: neither a compose file nor a Kubernetes document (no apiVersion and kind)`);
    }
  }
  if (read === 0) {
    throw new DeploymentError(`${file}:${documents[0].line}: neither a docker-compose file (no top-level services:) nor Kubernetes manifests (no apiVersion and kind)`);
  }
  r.d.files.push(file);
}
