import fs from "node:fs";
import path from "node:path";
import { analyzeSource } from "../dist/cli/scan";
import { compileFileWithTs } from "./support/compile-ts";
import { OUT } from "./support/fixtures";
import { storedReport } from "./support/store";

/**
 * The capture rules of SPEC §5 (the programs of captures-rules.test.ts and the ECMAScript corners
 * the core resolver applies), through both front ends: the TypeScript path's report entry must
 * equal the Babel path's (`memoscope scan` runs it) for the same source. A difference fails.
 */

const dir = path.join(OUT, "captures-ts-rules");

function both(name: string, code: string): { babel: unknown; ts: unknown } {
  const file = path.join(dir, name);
  const store = path.join(dir, `${name}.store`);
  fs.rmSync(store, { recursive: true, force: true });
  const result = compileFileWithTs(file, { report: store, root: dir }, { source: code });
  expect(result.errors).toEqual([]);
  const written = storedReport(store).files[name];
  return { babel: analyzeSource(code, name).entry, ts: written ?? { closures: [] } };
}

const PROGRAMS: Record<string, string> = {
  "captures.js": "const m = 1; function outer(p) { let l = 2; return function inner(q) { let own = q; return m + p + l + own; }; }",
  "globals.js": "const a = 1; function f() { return [zeta, alpha, Math.max(a), undefined]; }",
  "binding-kinds.js": `import def, { named } from "m";
      var v = 1; let l = 1; const c = 1; function fn() {} class K {}
      try {} catch (err) { var viaCatch = () => err; }
      function f(p) { return () => [def, named, v, l, c, fn, K, p]; }`,
  "param-env.js": "function f(x = 1, early = () => x) { var x = 2; const late = () => x; return [early, late]; } function g({ a } = {}) { var a; return () => a; } function h(y) { var y = 2; return () => y; }",
  "arguments.js": "function f(a = arguments, g = () => arguments) { var arguments = 1; return g; } function q() { var arguments; return () => arguments; }",
  "annex-b.js": "function outer(c) { if (c) { function helper() {} } return () => helper; } function o2() { for (;;) { function step() {} } { function step() {} } return () => step; } function o3() { lbl: function inner() {} return () => inner; }",
  "annex-b-strict.js": '"use strict"; function outer(c) { if (c) { function helper() {} } return () => helper; }',
  "annex-b-blocked.js": "function outer(helper) { { function helper() {} } return () => helper; } function o(c) { if (c) { async function h() {} } return () => h; }",
  "nfe.js": "const f = function g(g) { return g; }; const k = function g2(a = () => g2) { var g2 = 1; const b = () => g2; return [a, b]; }; function w() { return function self() { let self = 1; return () => self; }; }",
  "classes.js": "class A { m() { return A; } } A = 1; const B = class Inner { m() { return Inner; } }; const C = class { m() { return C; } }; let a = 1; const D = class E extends (a ? Object : Object) { [a] = a; };",
  "writes.js": "let a, b, c = 0, d = 0, e, g; function f(l) { [a] = l; ({ b } = l); c += 1; d--; e ||= 1; for (g in l); [a = 1] = []; ({ b: a, ...a } = {}); for ({ a } of []) {} }",
  "loops.js": "function f(n) { for (var i = 0; n > 1;) break; while (n--) { var v = n; let w = n; const x = n; var fn = () => v + w + x + i; } for (var h of [1]) {} do { var d = n; } while (0); return () => [fn, h, d]; }",
  "redeclare.js": "var a = 1; var a = 2; function f() { return a; } var m = 1; function m() {} function n() {} var n = 1; function u() { return [m, n]; }",
  "ts.ts": `enum E { A } const enum C { B } namespace N { export const x = 1; } declare const amb: number; import type { T } from "t";
      export function f(t: T) { return [E.A, C.B, N.x, amb, (t! as unknown) satisfies unknown]; }
      function g() { enum L { X = 1, Y = X } namespace M { export const q = 1; } return () => [L.X, M.q]; }
      function over(a: string): void; function over(a: any) {} export function h() { return over; }`,
  "jsx.jsx": "import Card from 'c'; import * as ns from 'n'; const span = 1; let Foo = 1; function V(props) { return <div><Card /><ns.Item /><span /><Foo.Bar x={Foo}><Foo /></Foo.Bar></div>; } class L { render() { return [1].map(() => <this.Item />); } }",
  "lexical.js": "class A extends B { m() { return () => () => [this, arguments, new.target, super.x]; } } const k = 1; class Q { f = this.x + k; static { this.y = k; } g = () => this; }",
  "names.ts": `let z = 0; const o = { get v() { return z; }, set v(n) { z = n; }, async *gen() { yield z; }, ["lit"]() { return z; }, 1: function() { return z; } };
      obj.prop = function() { return z; }; obj["k"] = () => z; obj[key] = () => z; export default function () { return z; }
      class K { static #p = () => z; static m() { return K.#p; } get [Symbol.iterator]() { return z; } }
      const t = 1; class D {\n  @dec static m() { return t; }\n  private static async n() { return t; }\n}`,
  "dynamic.js": "let s = 0; function a(x) { eval(x); return () => s; } function b(o) { with (o) { var w = () => s; } return w; } function c(x) { (0, eval)(x); return () => s; } function d(x) { eval?.(x); return () => s; }",
  "memoized.ts": `/** @memoize */\nfunction f(a: string) { const Math = { random: () => 1 }; return [Math.random(), Date.now(), new Date(), new Date(a), performance.now(), crypto.randomUUID(), globalThis.Math.random()]; }
/** @memoize */\nfunction g(this: Foo, a: Map<string, number> | null, b = "s", { c } = {}, ...r: number[]) { return 1; }
let count = 0;\n/** @memoize max=3 */\nexport const h = (o: { a: number }) => count++;`,
  "lines.js": "let z = 0;\r\nfunction f() {\r\n  const s = \"é😀\";\r\n  return () => [s, z];\r\n}\r\nz = 1;",
};

describe("ts capture rules: same report as the Babel path", () => {
  beforeAll(() => fs.mkdirSync(dir, { recursive: true }));
  test.each(Object.entries(PROGRAMS))("%s", (name, code) => {
    const { babel, ts } = both(name, code);
    expect(ts).toEqual(babel);
  });

  // Babel's scope tracker does not register TypeScript parameter properties (`constructor(private a:
  // number)`); both lowerings declare them as parameters, so both paths bind `a` as a parameter.
  test("parameter properties are parameters on both paths", () => {
    const { babel, ts } = both("param-property.ts", "class C { constructor(private a: number, public b = 2) { const f = () => a + b; } }");
    expect(ts).toEqual(babel);
    const arrow = (babel as any).closures.find((c: any) => c.kind === "arrow");
    expect(arrow.captures.map((c: any) => [c.name, c.binding])).toEqual([["a", "param"], ["b", "param"]]);
    expect(arrow.globals).toEqual([]);
  });
});
