export let runs = 0;

/** @memoize */
export function square(n: number): number {
  runs++;
  return n * n;
}

interface Point {
  x: number;
  y: number;
}

/** @memoize max=10 */
export function norm(x: number, y: number): Point & { length: number } {
  runs++;
  return { x, y, length: Math.hypot(x, y) };
}

/** @memoize */
export function explode(n: number): number {
  if (n > 0) throw new Error(`boom ${n}`);
  return n;
}
