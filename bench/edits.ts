// The edits the benchmarks type: bench/run.ts over LSP, bench/profile.ts --keystroke in process.

/**
 * Small edits as a user types them, in turn: a letter typed in the model's description (near the
 * top: every entry after it moves), a `tls: mtls` in the second half switched to `none`, and
 * switched back. Each is the whole new text.
 */
export function keystrokeEdits(text: string, count: number): string[] {
  const out: string[] = [];
  let current = text;
  const descAt = current.indexOf('description: A web shop');
  for (let k = 0; k < count; k++) {
    switch (k % 3) {
      case 0: {
        const at = descAt + 'description: A web shop'.length;
        current = current.slice(0, at) + 'x' + current.slice(at);
        break;
      }
      case 1: {
        const i = current.indexOf('tls: mtls', Math.floor(current.length / 2));
        if (i >= 0) current = current.slice(0, i) + 'tls: none' + current.slice(i + 'tls: mtls'.length);
        else current = current.replace('tls: none', 'tls: mtls');
        break;
      }
      case 2: {
        const i = current.indexOf('tls: none', Math.floor(current.length / 2));
        if (i >= 0) current = current.slice(0, i) + 'tls: mtls' + current.slice(i + 'tls: none'.length);
        break;
      }
    }
    out.push(current);
  }
  return out;
}
