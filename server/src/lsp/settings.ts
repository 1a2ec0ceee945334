// Editor settings (`moat.*`), read per resource: a folder's settings may differ from another's.
// They are asked for once per resource and kept until the editor says they changed
// (`workspace/didChangeConfiguration`), so a keystroke costs no round trip to the editor.

import type { Connection } from 'vscode-languageserver';
import { parseRuleSetting } from '../analysis/config.js';
import type { RuleSetting } from '../analysis/config.js';
import { SEVERITIES } from '../model/types.js';
import { DEFAULT_MAX_SYMBOLS } from '../service/index.js';
import type { Severity } from '../model/types.js';
import type { AcceptStyle } from '../fix/fixes.js';

export interface MoatSettings {
  /** Severity overrides (or `off`) by rule id; they apply over the `.moatrc.yaml` next to the model. */
  rules: Map<string, RuleSetting>;
  /** How long after the last keystroke the model is analysed, in milliseconds. */
  delay: number;
  /** How "Accept this finding…" records the acceptance. */
  acceptStyle: AcceptStyle;
  /** The lowest severity shown in the editor (the CLI and the status bar count every finding). */
  minSeverity: Severity;
  /** Past this many symbols the outline leaves out calls, then entries of every section (see limitSymbols). */
  maxSymbols: number;
}

/**
 * No wait: analysis is incremental, and bursts are gathered without one. The server reads what
 * the editor has already sent before it analyses (a change behind the request cancels it), and
 * VS Code keeps one diagnostics request in flight per document, cancelling a stale one. A
 * positive delay (no longer than the document's last analysis took) is for editors that do
 * neither.
 */
export const DEFAULT_DELAY = 0;
export const MAX_DELAY = 10_000;

export function defaultSettings(): MoatSettings {
  return { rules: new Map(), delay: DEFAULT_DELAY, acceptStyle: 'entry', minSeverity: 'info', maxSymbols: DEFAULT_MAX_SYMBOLS };
}

/** Turns whatever the client sent into settings; anything malformed falls back to the default. */
export function parseSettings(raw: unknown): MoatSettings {
  const settings = defaultSettings();
  if (typeof raw !== 'object' || raw === null) return settings;
  const r = raw as Record<string, unknown>;
  if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) {
    for (const [id, value] of Object.entries(r.rules)) {
      const setting = parseRuleSetting(value);
      if (setting) settings.rules.set(id, setting);
    }
  }
  const diagnostics = r.diagnostics as Record<string, unknown> | undefined;
  const delay = typeof diagnostics === 'object' && diagnostics !== null ? diagnostics.delay : r['diagnostics.delay'];
  if (typeof delay === 'number' && Number.isFinite(delay)) settings.delay = Math.min(MAX_DELAY, Math.max(0, Math.round(delay)));
  const minSeverity = typeof diagnostics === 'object' && diagnostics !== null ? diagnostics.minSeverity : r['diagnostics.minSeverity'];
  if (typeof minSeverity === 'string' && (SEVERITIES as readonly string[]).includes(minSeverity)) settings.minSeverity = minSeverity as Severity;
  const outline = r.outline as Record<string, unknown> | undefined;
  const maxSymbols = typeof outline === 'object' && outline !== null ? outline.maxSymbols : r['outline.maxSymbols'];
  if (typeof maxSymbols === 'number' && Number.isFinite(maxSymbols) && maxSymbols >= 1) settings.maxSymbols = Math.floor(maxSymbols);
  const accept = r.accept as Record<string, unknown> | undefined;
  const style = typeof accept === 'object' && accept !== null ? accept.style : r['accept.style'];
  if (style === 'comment' || style === 'entry') settings.acceptStyle = style;
  return settings;
}

export class SettingsReader {
  /** Set from the client's capabilities: without `workspace/configuration`, defaults apply. */
  supportsConfiguration = false;

  private readonly known = new Map<string, Promise<MoatSettings>>();

  constructor(private readonly connection: Connection) {}

  forResource(uri: string): Promise<MoatSettings> {
    if (!this.supportsConfiguration) return Promise.resolve(defaultSettings());
    let settings = this.known.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'moat' })
        .then((raw: unknown) => parseSettings(raw), () => {
          // Asked again next time: the editor may answer then.
          this.known.delete(uri);
          return defaultSettings();
        });
      this.known.set(uri, settings);
    }
    return settings;
  }

  /** The editor's settings changed: each resource's are asked for again. */
  changed(): void {
    this.known.clear();
  }
}
