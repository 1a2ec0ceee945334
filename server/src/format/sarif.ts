// SARIF 2.1.0 as GitHub code scanning reads it: every rule described once (with the
// security-severity GitHub ranks alerts by), one result per finding, files relative to the
// repository root. Accepted findings are left out: an accepted risk is not an alert.

import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Severity } from '../model/types.js';
import { PROJECT_URL, helpMarkdown, helpText, ruleCatalogue, ruleDocUrl, strideNames } from './catalogue.js';
import type { RuleInfo } from './catalogue.js';
import { Locator } from './locate.js';
import type { Report } from './report.js';
import { displayPath, expiredNote, uniqueFindings } from './report.js';

export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0',
};

export function sarifLevel(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** `unencrypted-flow` → `UnencryptedFlow`, `model/syntax` → `ModelSyntax`. */
function ruleName(id: string): string {
  return id.split(/[^a-z0-9]+/i).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function descriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    helpUri: ruleDocUrl(rule.id),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ['security', ...(rule.cwe !== undefined ? [`CWE-${rule.cwe}`] : []), ...strideNames(rule.stride)],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      category: rule.category,
    },
  };
}

/** A relative path as a URI reference: each segment percent-encoded. */
function uriOf(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** A file relative to the repository root (`%SRCROOT%`), or its absolute URL when it lies outside. */
function artifactLocationOf(file: string, repoRoot: string): Sarif.ArtifactLocation {
  const relative = path.relative(repoRoot, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? { uri: uriOf(displayPath(file, repoRoot)), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(file).href };
}

/** The hex SHA-256 of a text: Node's one-shot `crypto.hash` where it has one (20.12), else a Hash. */
const sha256: (text: string) => string = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function toSarif(report: Report): Sarif.Log {
  const locator = new Locator(report.files);
  const catalogue = ruleCatalogue();
  const rules = catalogue.map(descriptor);
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  const results: Sarif.Result[] = [];
  const occurrences = new Map<string, number>();
  // Thousands of results name the same few files: each file's location is worked out once.
  const locations = new Map<string, Sarif.ArtifactLocation>();
  // A file included by two models yields the same finding twice: one alert.
  for (const f of uniqueFindings(report.models)) {
    if (f.accepted) continue;
    let ruleIndex = index.get(f.rule);
    if (ruleIndex === undefined) {
      // A rule missing from the catalogue still gets a descriptor, so every result has one.
      ruleIndex = rules.length;
      index.set(f.rule, ruleIndex);
      rules.push({ id: f.rule, shortDescription: { text: f.rule }, defaultConfiguration: { level: sarifLevel(f.severity) } });
    }
    let artifactLocation = locations.get(f.file);
    if (!artifactLocation) locations.set(f.file, (artifactLocation = artifactLocationOf(f.file, report.repoRoot)));
    // Several findings may share RULE@TARGET (two literal secrets of one service): each keeps
    // an alert of its own, numbered in file order.
    const base = `${artifactLocation.uri}\n${f.fingerprint}`;
    const occurrence = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, occurrence);
    const key = occurrence === 1 ? base : `${base}\n#${occurrence}`;
    const result: Sarif.Result = {
      ruleId: f.rule,
      ruleIndex,
      level: sarifLevel(f.severity),
      message: { text: f.message + expiredNote(f) },
      locations: [{ physicalLocation: { artifactLocation, region: locator.region(f.file, f.range) } }],
      partialFingerprints: { 'moat/v1': sha256(key) },
      properties: { target: f.target, fingerprint: f.fingerprint, severity: f.severity },
    };
    if (report.baseline) result.baselineState = f.known ? 'unchanged' : 'new';
    results.push(result);
  }
  const version = report.tool.version;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'Moat', version, semanticVersion: version, informationUri: PROJECT_URL, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.repoRoot + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

export function formatSarif(report: Report): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
