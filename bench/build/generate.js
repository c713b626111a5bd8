"use strict";
// A generated TypeScript file with N tagged functions, for the build-scaling benchmark: four shapes in
// turn (an exported function declaration reading reassigned module state, a `const` arrow with
// `max`, a class method, a `key=json` function with a nested closure), so each front end takes every
// kind of rewrite and every finding path (MS101 warnings included) N/4 times. Deterministic.

/** The source of a file with `tags` tagged functions (and `tags` more untagged lines of state). */
function generate(tags) {
  const out = ["let rate = 1;", "export function setRate(r: number) { rate = r; }", "const table = new Map<string, number>();", ""];
  for (let i = 0; i < tags; i++) {
    switch (i % 4) {
      case 0:
        out.push("/** @memoize */", `export function f${i}(a: number, b: string): string {`, `  const local = a * rate + ${i};`, "  return b + local + table.size;", "}", "");
        break;
      case 1:
        out.push("/** @memoize max=10 */", `export const g${i} = (x: number): number => x * ${i} + table.size;`, "");
        break;
      case 2:
        out.push(`export class C${i} {`, "  constructor(private k: number) {}", "  /** @memoize */", "  m(v: number): number {", `    return v + this.k + ${i};`, "  }", "}", "");
        break;
      default:
        out.push("/** @memoize key=json */", `export function h${i}(o: { a: number }): number {`, `  const inner = () => o.a + ${i};`, "  return inner();", "}", "");
    }
  }
  return out.join("\n");
}

module.exports = { generate };
