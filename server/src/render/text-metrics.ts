// How wide a line of text is drawn, without a browser: the static SVG is laid out in Node.
// Widths are Helvetica's (Arial and Liberation Sans share them), in thousandths of the font
// size; the SVG asks for those fonts first, so boxes fit their text wherever it is opened.

/** The font stack every drawing uses; its metrics are the ones below. */
export const FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif";

// ASCII 32..126.
const WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

function charWidth(code: number): number {
  if (code >= 32 && code <= 126) return WIDTHS[code - 32];
  if (code === 0xb7) return 278; // ·
  if (code < 0x2000) return 600; // accented Latin, Greek, Cyrillic
  return 1000; // symbols (⚠, →), CJK: a full em, which fallback fonts may take
}

/** The drawn width of one line, in px, at `size` px; bold is about a tenth wider. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!);
  // A margin for fonts that fall back to wider metrics (DejaVu Sans is ~8 % wider).
  return (units / 1000) * size * (bold ? 1.1 : 1) * 1.08;
}

/** Shortens a line to `max` px with an ellipsis (the tooltip keeps the whole text). */
export function truncate(text: string, size: number, max: number, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size, bold) > max) chars.pop();
  return `${chars.join('')}…`;
}
