import { analyzeSource } from "../dist/cli/scan";
import { stableStringify } from "../dist/core";

/**
 * The per-file summary (src/core/program/summary.ts, made by src/core/program/extract.ts in the
 * lowering's one walk): what each field holds for a small module that has every kind of entry.
 */

const code = `import def, { a as b } from "./a";
import * as ns from "./ns";
export { x as y } from "./x";
export * from "./all";
export let state = 0;
export function setState(v) { state = v; }
const pure = (n) => n + 1;
function helper(n) { return pure(n) + b() + ns.f() + def.g() + Date.now(); }
let swapped = () => 1;
swapped = () => 2;
class K {
  m() { return this.n() + this.gone(); }
  n() { return K.s(); }
  static s() { return state; }
}
/** @memoize */
export function main(n, cb) {
  const local = () => helper(n);
  [1].forEach(() => cb());
  import("./lazy");
  return local() + swapped() + new K().m();
}
export default () => 0;
`;

const { summary } = analyzeSource(code, "src/m.js");
const fn = (name: string) => summary.functions.find((f) => f.name === name)!;

test("imports, exports (declarations, lists, re-exports, default) and reassigned module state", () => {
  expect(summary.imports).toEqual([
    { local: "b", source: "./a", imported: "a" },
    { local: "def", source: "./a", imported: "default" },
    { local: "ns", source: "./ns", imported: "*" },
  ]);
  expect(summary.exports).toEqual([
    { exported: "*", source: "./all", imported: "*" },
    { exported: "default", local: "default" },
    { exported: "main", local: "main" },
    { exported: "setState", local: "setState" },
    { exported: "state", local: "state" },
    { exported: "y", source: "./x", imported: "x" },
  ]);
  expect(summary.state.map((s) => `${s.name}:${s.kind}`)).toEqual(["state:let", "swapped:let"]);
});

test("refs: top-level bindings, class members, the default export; a reassigned binding names nothing", () => {
  expect(summary.functions.map((f) => [f.name, f.ref ?? null, f.memoized])).toEqual([
    ["setState", "setState", false],
    ["pure", "pure", false],
    ["helper", "helper", false],
    ["K#m", "K#m", false],
    ["K#n", "K#n", false],
    ["K.s", "K.s", false],
    ["main", "main", true],
    // A function bound in another function: named by where its binding is declared (unique in the file).
    ["local", "local@18:8", false],
    ["default", "default", false],
  ]);
});

test("calls: local refs, this./C. members, imports and their members; effects; unresolved", () => {
  expect(fn("helper").calls.map((c) => c.target)).toEqual([
    { kind: "local", ref: "pure" },
    { kind: "import", local: "b" },
    { kind: "import", local: "ns", member: "f" },
    { kind: "import", local: "def", member: "g" },
  ]);
  expect(fn("helper").effects.map((e) => e.what)).toEqual(["reads-import", "reads-import", "reads-import", "calls"]);
  expect(fn("K#m").calls.map((c) => c.target)).toEqual([{ kind: "local", ref: "K#n" }]);
  expect(fn("K#m").unresolved.map((u) => u.callee)).toEqual(["this.gone"]);
  expect(fn("K#n").calls.map((c) => c.target)).toEqual([{ kind: "local", ref: "K.s" }]);
  expect(fn("K.s").effects).toEqual([{ what: "reads", name: "state", kind: "let", declared: { line: 5, column: 11 }, at: { line: 14, column: 22 } }]);
  expect(fn("setState").effects.map((e) => e.what)).toEqual(["writes"]);
  // Nested closures' calls count for main; `new K()` is not followed; the reassigned `swapped` and the parameter are unresolved.
  expect(fn("main").calls.map((c) => c.target)).toEqual([{ kind: "local", ref: "helper" }]);
  expect(fn("main").unresolved.map((u) => u.callee)).toEqual(["cb", "import()", "swapped"]);
});

test("the summary is plain, deterministic JSON", () => {
  expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  expect(stableStringify(analyzeSource(code, "src/m.js").summary)).toBe(stableStringify(summary));
});
