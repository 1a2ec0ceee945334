// Rule ids as users write them on the command line and in `.moatrc.yaml`: checked against the
// catalogue, with the closest id named when one is wrong.

import { closest } from '../util/suggest.js';
import { RULES } from '../rules/index.js';
import { SEVERITIES } from '../model/types.js';
import type { RuleSetting } from '../analysis/config.js';
import { parseRuleSetting } from '../analysis/config.js';
import { ruleIds } from '../format/catalogue.js';
import { CliError } from './cli.js';

/** The catalogue id `id` is probably a slip of, when one is close enough to be what was meant. */
export function closestRuleId(id: string, ids: readonly string[] = ruleIds()): string | undefined {
  return closest(id, ids);
}

/** The families of the catalogue (its categories, and the model rules), as `moat rules` groups them. */
function families(): string {
  const categories = [...new Set(RULES.map((r) => r.meta.category))].sort();
  return [...categories, 'model/…'].join(', ');
}

export function unknownRule(id: string, where?: string): CliError {
  const near = closestRuleId(id);
  const hint = near ? `did you mean \`${near}\`?` : `\`moat rules\` lists them all, with their categories: ${families()}`;
  return new CliError(`${where ? `${where}: ` : ''}unknown rule \`${id}\`; ${hint}`);
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
