// Rule ids as users write them on the command line and in `.moatrc.yaml`: checked against the
// catalogue, with the closest id named when one is wrong.

import { closest as nearest } from 'fastest-levenshtein';
import { SEVERITIES } from '../model/types.js';
import type { RuleSetting } from '../analysis/config.js';
import { parseRuleSetting } from '../analysis/config.js';
import { ruleIds } from '../format/catalogue.js';
import { CliError } from './cli.js';

/** The catalogue id nearest to `id` (there is always one). */
export function closestRuleId(id: string, ids: readonly string[] = ruleIds()): string {
  return nearest(id.toLowerCase(), [...ids]);
}

export function unknownRule(id: string, where?: string): CliError {
  return new CliError(`${where ? `${where}: ` : ''}unknown rule \`${id}\`; the closest is \`${closestRuleId(id)}\` (moat rules lists them all)`);
}

/** `--rule ID=SEVERITY|off`, repeatable. */
export function parseRuleFlags(flags: readonly string[]): Map<string, RuleSetting> {
  const ids = new Set(ruleIds());
  const settings = new Map<string, RuleSetting>();
  for (const flag of flags) {
    const eq = flag.lastIndexOf('=');
    if (eq <= 0) throw new CliError(`--rule ${flag}: expected ID=SEVERITY, e.g. --rule unspecified-tls=off`);
    const id = flag.slice(0, eq).trim();
    const setting = parseRuleSetting(flag.slice(eq + 1));
    if (!ids.has(id)) throw unknownRule(id, `--rule ${flag}`);
    if (!setting) throw new CliError(`--rule ${flag}: the severity should be one of ${[...SEVERITIES, 'off'].join(', ')}`);
    settings.set(id, setting);
  }
  return settings;
}

/** Every id a config names must be in the catalogue. */
export function checkRuleIds(settings: ReadonlyMap<string, RuleSetting>, where: string): void {
  const ids = new Set(ruleIds());
  for (const id of settings.keys()) if (!ids.has(id)) throw unknownRule(id, where);
}
