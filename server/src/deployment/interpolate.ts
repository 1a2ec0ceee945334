// docker compose's variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
// `${VAR:?error}`, `${VAR:+alternative}`, `$VAR`, and `$$` for a dollar sign. A variable that is
// set nowhere and has no default stays as written, so the model shows what the user must set.

export type Variables = ReadonlyMap<string, string>;

export function interpolate(text: string, vars: Variables): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') { out += c; i++; continue; }
    const next = text[i + 1];
    if (next === '$') { out += '$'; i += 2; continue; }
    if (next === '{') {
      const end = closing(text, i + 2);
      if (end < 0) { out += text.slice(i); break; }
      out += substitute(text.slice(i + 2, end), text.slice(i, end + 1), vars);
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) { out += c; i++; continue; }
    out += vars.get(m[0]) ?? text.slice(i, i + 1 + m[0].length);
    i += 1 + m[0].length;
  }
  return out;
}

function closing(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function substitute(inner: string, written: string, vars: Variables): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(inner);
  if (!m) return written;
  const [, name, op, arg = ''] = m;
  const value = vars.get(name);
  const unsetOrEmpty = value === undefined || (op?.startsWith(':') && value === '');
  switch (op) {
    case undefined: return value ?? written;
    case ':-': case '-': return unsetOrEmpty ? interpolate(arg, vars) : value!;
    case ':+': case '+': return unsetOrEmpty ? '' : interpolate(arg, vars);
    default: return unsetOrEmpty ? written : value!; // `:?` / `?`: compose fails the run; we keep what is written.
  }
}

/** `.env` and `env_file` contents: `KEY=VALUE` lines, `export ` prefixes, quotes, comments. */
export function readEnvFile(text: string): { name: string; value: string | undefined; line: number }[] {
  const out: { name: string; value: string | undefined; line: number }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!m) return;
    let value = m[2];
    if (value !== undefined) {
      const quoted = /^(['"])(.*)\1$/.exec(value);
      value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
    }
    out.push({ name: m[1], value, line: index + 1 });
  });
  return out;
}
