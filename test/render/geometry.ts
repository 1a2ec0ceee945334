// Plane geometry the drawing tests measure with: rectangles as { x, y, w, h }, points as [x, y].

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Whether a segment passes through the inside of a rectangle (its outline shrunk by `inset`). */
export function crossesBox(a: [number, number], b: [number, number], r: Rect, inset = 2): boolean {
  const x0 = r.x + inset, x1 = r.x + r.w - inset, y0 = r.y + inset, y1 = r.y + r.h - inset;
  // Liang–Barsky clipping of the segment against the box.
  let t0 = 0, t1 = 1;
  const dx = b[0] - a[0], dy = b[1] - a[1];
  for (const [p, q] of [[-dx, a[0] - x0], [dx, x1 - a[0]], [-dy, a[1] - y0], [dy, y1 - a[1]]] as [number, number][]) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return t1 - t0 > 1e-6;
}

/** Whether two rectangles share more than a pixel's width in both directions. */
export function overlaps(a: Rect, b: Rect): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
}
