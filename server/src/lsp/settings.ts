// Editor settings (`moat.*`), read per resource on every use: a folder's settings may differ
// from another's, and a change must apply without a restart.

import type { Connection } from 'vscode-languageserver';
import { parseRuleSetting } from '../analysis/config.js';
import type { RuleSetting } from '../analysis/config.js';

export type AcceptStyle = 'entry' | 'comment';

export interface MoatSettings {
  /** Severity overrides (or `off`) by rule id; they apply over the `.moatrc.yaml` next to the model. */
  rules: Map<string, RuleSetting>;
  /** How long after the last keystroke the model is analysed, in milliseconds. */
  delay: number;
  /** How "Accept this finding…" records the acceptance. */
  acceptStyle: AcceptStyle;
}

/**
 * At most 10 ms, and no longer than the document's last analysis took: long enough to gather the
 * bursts an editor sends at once (a paste, a multi-cursor edit) when analysing costs something,
 * short enough that every keystroke shows its diagnostics at once. Analysis is incremental and a
 * stale request is cancelled, so there is no need to wait for the typist to pause.
 */
export const DEFAULT_DELAY = 10;
export const MAX_DELAY = 10_000;

export function defaultSettings(): MoatSettings {
  return { rules: new Map(), delay: DEFAULT_DELAY, acceptStyle: 'entry' };
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
  const accept = r.accept as Record<string, unknown> | undefined;
  const style = typeof accept === 'object' && accept !== null ? accept.style : r['accept.style'];
  if (style === 'comment' || style === 'entry') settings.acceptStyle = style;
  return settings;
}

export class SettingsReader {
  /** Set from the client's capabilities: without `workspace/configuration`, defaults apply. */
  supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  async forResource(uri: string): Promise<MoatSettings> {
    if (!this.supportsConfiguration) return defaultSettings();
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'moat' });
      return parseSettings(raw);
    } catch {
      return defaultSettings();
    }
  }
}
