import fc from "fast-check";
import { analyzeSource } from "../dist/cli/scan";

/**
 * Issue 12, as a property over random call graphs within one file: functions f0…fN-1, each calling a
 * random set of the others (cycles and self-calls included), some of them impure in their own way
 * (reading their own reassigned `let sI`, writing it, or calling Date.now()); f0 is memoized. The
 * memoized f0 gets one MS105 per impure function it reaches at depth ≥ 1 (each end is distinct), at a
 * call of f0 that leads there, and none when everything it reaches is pure; its own impurity is
 * MS101–MS103, never MS105.
 */

type Impurity = "none" | "reads" | "writes" | "random";

const graph = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.record({
    impurity: fc.array(fc.constantFrom<Impurity>("none", "none", "reads", "writes", "random"), { minLength: n, maxLength: n }),
    calls: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
  }),
);

function source(impurity: Impurity[], calls: number[][]): string {
  const lines: string[] = [];
  impurity.forEach((kind, i) => {
    lines.push(`let s${i} = 0;`);
    lines.push(`export function set${i}(v) { s${i} = v; }`);
  });
  impurity.forEach((kind, i) => {
    const body = calls[i].map((j) => `f${j}(n - 1)`);
    if (kind === "reads") body.push(`s${i}`);
    if (kind === "writes") lines.push(`// f${i} writes s${i}`);
    if (kind === "random") body.push("Date.now()");
    const pre = kind === "writes" ? `s${i} += 1; ` : "";
    if (i === 0) lines.push("/** @memoize */");
    lines.push(`function f${i}(n) { ${pre}if (n <= 0) return 0; return ${body.length ? body.join(" + ") : "n"}; }`);
  });
  lines.push("export { f0 };");
  return lines.join("\n");
}

/** Functions reachable from f0 through at least one call. */
function reachable(calls: number[][]): Set<number> {
  const seen = new Set<number>();
  const queue = [...calls[0]];
  while (queue.length) {
    const v = queue.shift()!;
    if (seen.has(v)) continue;
    seen.add(v);
    queue.push(...calls[v]);
  }
  return seen;
}

test("MS105 on f0 exactly for each impure function it reaches at depth ≥ 1", () => {
  fc.assert(
    fc.property(graph, ({ impurity, calls }) => {
      const code = source(impurity, calls);
      const f0 = analyzeSource(code, "graph.js").entry.closures.find((c) => c.name === "f0")!;
      const ms105 = f0.diagnostics.filter((d) => d.code === "MS105");
      const expected = [...reachable(calls)].filter((v) => v !== 0 && impurity[v] !== "none").sort();
      // Each finding's chain ends at the impure function's own effect, and starts at f0.
      const ends = ms105.map((d) => d.chain![d.chain!.length - 2].name).sort();
      expect(ends).toEqual(expected.map((v) => `f${v}`));
      for (const d of ms105) {
        expect(d.chain![0]).toMatchObject({ name: "f0", what: "memoized" });
        // At one of f0's calls (line of f0's declaration: the last function line).
        expect(d.at.line).toBe(f0.loc.line);
      }
    }),
    { numRuns: 150 },
  );
});
