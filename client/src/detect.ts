// Is this YAML a Moat model? Its first key is `moat:` (after comments, blank lines and `---`).
export function isModelText(text: string): boolean {
  for (const raw of text.slice(0, 4096).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === '---' || line.startsWith('%')) continue;
    return /^moat\s*:/.test(line);
  }
  return false;
}
