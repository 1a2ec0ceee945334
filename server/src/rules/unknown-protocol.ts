import { defineRule } from './rule.js';
import { KNOWN_PROTOCOLS } from '../model/vocabulary.js';
import { flowName } from './util.js';

/**
 * The known protocol a word was meant to be, when it is one slip away: a letter missing, one
 * too many, two swapped (`htps`, `httpss`, `grcp`), or a known name with letters added or cut
 * (`postgresql`, `mongo`). Digits are never the slip: `http2` is not a misspelt `http`, and
 * short words (`nfs`, `smb`) are real protocols of their own, not misspellings.
 */
export function meantProtocol(word: string): string | undefined {
  if (word.length < 4 || KNOWN_PROTOCOLS.includes(word) || word === 'unknown') return undefined;
  for (const known of KNOWN_PROTOCOLS) {
    if (known === 'unknown' || known.length < 3) continue;
    if (oneSlip(word, known)) return known;
  }
  for (const known of KNOWN_PROTOCOLS) {
    if (known === 'unknown' || known.length < 4) continue;
    const [shorter, longer] = word.length < known.length ? [word, known] : [known, word];
    if (longer.startsWith(shorter) && !/\d/.test(longer.slice(shorter.length)) && longer.length - shorter.length <= 2) return known;
  }
  return undefined;
}

/** One letter inserted, deleted or two neighbours swapped (never a digit). */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return !/\d/.test(long[i]) && short.slice(i) === long.slice(i + 1);
}

export default defineRule({
  id: 'unknown-protocol',
  title: 'Misspelt protocol',
  category: 'completeness',
  severity: 'info',
  target: 'flow',
  scope: 'flow',
  stride: [],
  fix: 'Replace the protocol with the suggestion.',
  messages: {
    meant: '{flow} uses the protocol `{protocol}`, which Moat does not know; did you mean `{suggestion}`? A known protocol tells the rules what it implies.',
  },
  docs: {
    checks: 'A flow whose `protocol` is not one of the language\'s and is one slip away from one that is: a letter missing, one too many or two swapped (`htps`, `grcp`), or a known name with up to two letters added or cut (`postgresql`, `mongo`).',
    attack: 'A misspelt protocol implies nothing: `htps` is not known to be encrypted, so the encryption rules cannot judge the flow, and a later `http` typo would go unnoticed the same way. The gap is in the model, not the system, but it hides real ones.',
    fix: 'Use the protocol the finding suggests (the quick fix applies it), or, for a protocol Moat does not know, leave the word as it is: words far from every known protocol are left alone.',
    falsePositives: 'A real protocol whose name is one letter away from a known one: accept the finding, naming the protocol.',
    practice: 'The model says what it means: protocols the tools understand.',
    decisions: [
      'Digits are never taken for a slip (`http2`, `amqp1` are left alone), nor are words shorter than four letters (`nfs`, `smb`, `sip` are real protocols).',
      '`unknown`, which importers write where the files do not say, is left alone.',
      'The finding points at the `protocol` value; fix data `{ prop: \'protocol\', value: SUGGESTION }`.',
    ],
  },
}, ({ model, report }) => {
  for (const flow of model.flows) {
    const suggestion = meantProtocol(flow.protocol);
    if (!suggestion) continue;
    report({
      element: flow, at: 'protocol', messageId: 'meant',
      args: { flow: flowName(flow), protocol: flow.protocol, suggestion },
      data: { prop: 'protocol', value: suggestion },
    });
  }
});
