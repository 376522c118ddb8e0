/**
 * Dependency arrows. A link leaves its predecessor from the end its type names first (F: the
 * finish, the bar's right end; S: the start, its left end) and enters its successor at the end named
 * second (S: from the left, pointing right; F: from the right, pointing left). Paths are orthogonal.
 */

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** A bar's ends and vertical middle, in timeline pixels; `half` is half its height (0 when unknown). */
export interface Anchor {
  start: number;
  finish: number;
  y: number;
  half?: number;
}

export type Point = [number, number];

export interface RouteOptions {
  /** How far a link runs straight out of and into a bar. */
  stub: number;
  rowHeight: number;
}

/** The corner points of the link, from the predecessor's end to the successor's. */
export function linkPoints(type: LinkType, from: Anchor, to: Anchor, { stub, rowHeight }: RouteOptions): Point[] {
  const fromFinish = type[0] === 'F';
  const toStart = type[1] === 'S';
  const x1 = fromFinish ? from.finish : from.start;
  const y1 = from.y;
  const x2 = toStart ? to.start : to.finish;
  const y2 = to.y;
  // Leaving direction (+1 right) and the arrow's direction at the end.
  const out = fromFinish ? 1 : -1;
  const into = toStart ? 1 : -1;
  if (out !== into) {
    // SS and FF: one vertical run beyond both ends.
    const xm = out > 0 ? Math.max(x1, x2) + stub : Math.min(x1, x2) - stub;
    return [[x1, y1], [xm, y1], [xm, y2], [x2, y2]];
  }
  if ((x2 - x1) * out >= 2 * stub) {
    // Room enough: out, down (or up), and in.
    const xm = x1 + out * stub;
    return [[x1, y1], [xm, y1], [xm, y2], [x2, y2]];
  }
  // Too close to turn in: when the successor's bar is right below (or above) the stub, drop onto
  // its edge, as Microsoft Project draws it.
  const xa = x1 + out * stub;
  if (xa > to.start && xa < to.finish && y2 !== y1) {
    const edge = y2 > y1 ? y2 - (to.half ?? 0) : y2 + (to.half ?? 0);
    return [[x1, y1], [xa, y1], [xa, edge]];
  }
  // The successor's end is behind the predecessor's: go out, along the gap between the rows, back and in.
  const xb = x2 - into * stub;
  const ym = y1 + (y2 >= y1 ? 1 : -1) * (rowHeight / 2);
  return [[x1, y1], [xa, y1], [xa, ym], [xb, ym], [xb, y2], [x2, y2]];
}

/** SVG path data through the points. */
export function pathOf(points: Point[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

/** An arrowhead at the end of a link, pointing the way the last segment runs. */
export function arrowHead(points: Point[], size = 5): string {
  const [x, y] = points[points.length - 1]!;
  const [px, py] = points[points.length - 2]!;
  const w = size * 0.8;
  if (x === px) {
    const dir = y >= py ? 1 : -1;
    return `M${round(x)} ${round(y)} L${round(x - w)} ${round(y - dir * size)} L${round(x + w)} ${round(y - dir * size)} Z`;
  }
  const dir = x >= px ? 1 : -1;
  return `M${round(x)} ${round(y)} L${round(x - dir * size)} ${round(y - w)} L${round(x - dir * size)} ${round(y + w)} Z`;
}

const round = (n: number) => Math.round(n * 10) / 10;
