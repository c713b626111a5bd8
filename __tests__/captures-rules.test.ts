import { analyzeSource } from "../dist/cli/scan";
import type { ClosureRecord } from "../dist/core";

/**
 * The capture rules of SPEC §5, one small program each, checked field by field. Where Babel's own
 * scope tracker differs from ECMAScript the test says which way is right.
 */

function closures(code: string, file = "input.js"): ClosureRecord[] {
  return analyzeSource(code, file).entry.closures;
}

function closure(code: string, name: string, file?: string): ClosureRecord {
  const found = closures(code, file).filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`expected one closure named ${name}, got ${found.length}: ${closures(code, file).map((c) => c.name).join(", ")}`);
  return found[0];
}

/** `name:binding` pairs, sorted, with flags when asked. */
function captured(c: ClosureRecord): string[] {
  return c.captures.map((k) => `${k.name}:${k.binding}`);
}

describe("what is a capture", () => {
  it("own parameters and locals are not captures; enclosing ones and module ones are", () => {
    const c = closure("const m = 1; function outer(p) { let l = 2; return function inner(q) { let own = q; return m + p + l + own; }; }", "inner");
    expect(captured(c)).toEqual(["l:let", "m:const", "p:param"]);
    expect(c.captures.find((k) => k.name === "p")!.scope).toEqual({ name: "outer", line: 1, column: 13 });
    expect(c.captures.find((k) => k.name === "m")!.scope).toBe("module");
  });

  it("unresolved names are globals, sorted, and never captures", () => {
    const c = closure("const a = 1; function f() { return [zeta, alpha, Math.max(a), undefined]; }", "f");
    expect(c.globals).toEqual(["Math", "alpha", "undefined", "zeta"]);
    expect(captured(c)).toEqual(["a:const"]);
  });

  it("reports every binding kind", () => {
    const code = `import def, { named } from "m";
      var v = 1; let l = 1; const c = 1; function fn() {} class K {}
      try {} catch (err) { var viaCatch = () => err; }
      function f(p) { return () => [def, named, v, l, c, fn, K, p]; }`;
    expect(captured(closures(code).find((x) => x.loc.line === 4 && x.kind === "arrow")!)).toEqual(["K:class", "c:const", "def:import", "fn:function", "l:let", "named:import", "p:param", "v:var"]);
    expect(captured(closure(code, "viaCatch"))).toEqual(["err:catch"]);
  });

  it("typeof x in a value position is a capture; a member write does not write the object", () => {
    const c = closure("const o = {}; let t = 1; function f() { o.x = 1; return typeof t; }", "f");
    expect(c.captures.map((k) => [k.name, k.reassigned, k.writtenHere])).toEqual([["o", false, false], ["t", false, false]]);
  });

  it("functions that capture nothing and are not memoized are left out", () => {
    expect(closures("function f(a) { return a + Math.PI; }")).toEqual([]);
  });
});

describe("parameter environments (ECMAScript, not Babel)", () => {
  it("a default parameter and a same-named body var are two bindings", () => {
    const code = "function f(x = 1, early = () => x) { var x = 2; const late = () => x; return [early, late]; }";
    const early = closure(code, "early").captures[0];
    const late = closure(code, "late").captures[0];
    expect([early.binding, early.declared]).toEqual(["param", { line: 1, column: 11 }]);
    expect([late.binding, late.declared, late.reassigned]).toEqual(["var", { line: 1, column: 41 }, false]);
  });

  it("destructuring defaults also split the environments", () => {
    const code = "function f({ a } = {}) { var a; return () => a; }";
    expect(closures(code)[0].captures[0].binding).toBe("var");
  });

  it("without parameter expressions the parameter and the var are one binding, reassigned by the initialiser", () => {
    const k = closures("function f(y) { var y = 2; return () => y; }")[0].captures[0];
    expect([k.binding, k.reassigned]).toEqual(["param", true]);
  });

  it("arguments in a parameter default is the function's own, even with a body `var arguments`", () => {
    const code = "function f(a = arguments, g = () => arguments) { var arguments = 1; return g; }";
    expect(closures(code).map((c) => [c.name, c.lexical, captured(c)])).toEqual([["g", ["arguments"], []]]);
  });
});

describe("Annex B block functions", () => {
  const code = "function outer(c) { if (c) { function helper() {} } return () => helper; }";

  it("bind a var in the enclosing function in sloppy scripts", () => {
    const k = closures(code)[0].captures[0];
    expect([k.name, k.binding, k.scope]).toEqual(["helper", "function", { name: "outer", line: 1, column: 0 }]);
  });

  it("do not in strict code, modules or class bodies", () => {
    expect(closures(`"use strict"; ${code}`)).toEqual([]);
    expect(closures(`export {}; ${code}`)).toEqual([]);
    expect(closures(`function outer(c) { "use strict"; if (c) { function helper() {} } return () => helper; }`)).toEqual([]);
  });

  it("do not for generators, async functions, or when a parameter has the name", () => {
    expect(closures("function outer(c) { if (c) { async function helper() {} } return () => helper; }")).toEqual([]);
    expect(closures("function outer(c) { if (c) { function* helper() {} } return () => helper; }")).toEqual([]);
    const k = closures("function outer(helper) { { function helper() {} } return () => helper; }")[0].captures[0];
    expect(k.binding).toBe("param");
  });
});

describe("named function expressions and classes", () => {
  it("a named function expression that calls itself captures its own name", () => {
    const c = closure("const f = function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };", "fib");
    expect(c.captures).toEqual([{ name: "fib", binding: "function", scope: "module", declared: { line: 1, column: 19 }, reassigned: false, writtenHere: false, via: "direct" }]);
  });

  it("its name's scope is where the expression stands", () => {
    const c = closure("function outer() { return function self() { return self; }; }", "self");
    expect(c.captures[0].scope).toEqual({ name: "outer", line: 1, column: 0 });
  });

  it("a parameter of the same name shadows it", () => {
    expect(closures("const f = function g(g) { return g; };")).toEqual([]);
  });

  it("in parameter defaults the name is the function's, in the body a var shadows it", () => {
    const code = "const f = function g(a = () => g) { var g = 1; const b = () => g; return [a, b]; };";
    expect(closure(code, "a").captures[0].binding).toBe("function");
    expect(closure(code, "b").captures[0].binding).toBe("var");
  });

  it("a method naming its own class captures the immutable inner binding", () => {
    const code = "class A { m() { return A; } } A = 1; const B = class Inner { m() { return Inner; } };";
    expect(closure(code, "A#m").captures[0]).toMatchObject({ name: "A", binding: "class", reassigned: false, scope: "module", declared: { line: 1, column: 6 } });
    expect(closure(code, "Inner#m").captures[0]).toMatchObject({ name: "Inner", binding: "class", reassigned: false });
  });

  it("outside the class the outer binding is the one reassigned", () => {
    expect(closure("class A {} A = 1; function f() { return A; }", "f").captures[0]).toMatchObject({ binding: "class", reassigned: true });
  });
});

describe("reassigned and writtenHere", () => {
  it("every assignment form reassigns", () => {
    const code = "let a, b, c = 0, d = 0, e, g; function f(l) { [a] = l; ({ b } = l); c += 1; d--; e ||= 1; for (g in l); }";
    expect(closure(code, "f").captures.every((k) => k.reassigned && k.writtenHere)).toBe(true);
  });

  it("a var initialiser in a loop body reassigns; let and const in a loop do not; a for-init var does not", () => {
    const code = "function f(n) { for (var i = 0; n > 1;) break; while (n--) { var v = n; let w = n; const x = n; var fn = () => v + w + x + i; } return fn; }";
    const flags = Object.fromEntries(closure(code, "fn").captures.map((k) => [k.name, k.reassigned]));
    expect(flags).toEqual({ i: false, v: true, w: false, x: false });
  });

  it("a redeclaration with an initialiser reassigns", () => {
    expect(closure("var a = 1; var a = 2; function f() { return a; }", "f").captures[0].reassigned).toBe(true);
    expect(closure("var a = 1; var a; function f() { return a; }", "f").captures[0].reassigned).toBe(false);
  });

  it("writtenHere is true only when the unit's own code writes, not through a nested function", () => {
    const code = "let n = 0; function outer() { const inner = () => { n++; }; return inner; } function reader() { return n; }";
    expect(closure(code, "outer").captures[0]).toMatchObject({ writtenHere: false, via: "nested", reassigned: true });
    expect(closure(code, "inner").captures[0]).toMatchObject({ writtenHere: true, via: "direct", reassigned: true });
    expect(closure(code, "reader").captures[0]).toMatchObject({ writtenHere: false, reassigned: true });
  });

  it("direct wins over nested", () => {
    const c = closure("const k = 1; function f() { const g = () => k; return k + g(); }", "f");
    expect(c.captures[0].via).toBe("direct");
  });
});

describe("TypeScript", () => {
  const ts = (code: string) => closures(code, "input.ts");

  it("type-only references are never captures", () => {
    const code = `import type { T } from "t"; import { type U } from "u"; interface I { a: number } type A = I;
      const z = 1; class Impl implements I { a = 1; }
      export function f(a: T, b: U, c: typeof z, d: A): I { const x: I = { a: 1 }; return x as unknown as I; }`;
    expect(ts(code).filter((c) => c.name === "f")).toEqual([]);
  });

  it("enums, namespaces and import-equals are value bindings; declare is ambient (a global)", () => {
    const code = `enum E { A } const enum C { B } namespace N { export const x = 1; } import fs = require("fs"); declare const amb: number;
      export function f() { return [E.A, C.B, N.x, fs, amb]; }`;
    const c = ts(code).find((x) => x.name === "f")!;
    expect(captured(c)).toEqual(["C:enum", "E:enum", "N:namespace", "fs:import"]);
    expect(c.globals).toEqual(["amb"]);
  });

  it("non-null, as and satisfies keep the value reference", () => {
    const c = ts("let v: number | undefined; export function f() { return (v! as number) satisfies number; }").find((x) => x.name === "f")!;
    expect(captured(c)).toEqual(["v:let"]);
  });
});

describe("JSX", () => {
  it("capitalised and member tags are references, intrinsic tags are not", () => {
    const code = "import Card from 'c'; import * as ns from 'n'; const span = 1; function V() { return <div><Card /><ns.Item /><span /></div>; }";
    expect(captured(closure(code, "V", "input.jsx"))).toEqual(["Card:import", "ns:import"]);
  });
});

describe("lexical keywords and units", () => {
  it("arrows take this/arguments/new.target/super from the nearest non-arrow unit", () => {
    const code = "class A extends B { m() { return () => () => [this, arguments, new.target, super.x]; } }";
    const arrows = closures(code).filter((c) => c.kind === "arrow");
    expect(arrows.map((a) => a.lexical)).toEqual([["arguments", "new.target", "super", "this"], ["arguments", "new.target", "super", "this"]]);
  });

  it("field initialisers and static blocks own their this", () => {
    const code = "const k = 1; class A { f = this.x + k; static { this.y = k; } g = () => this; }";
    const byName = Object.fromEntries(closures(code).map((c) => [`${c.name}:${c.kind}`, c.lexical]));
    expect(byName).toEqual({ "A#f:field": [], "A.<static>:static-block": [], "A#g:arrow": ["this"] });
  });

  it("a member's computed key and decorators belong to the enclosing unit", () => {
    const code = "function outer() { const k = 'a'; return class { [k]() { return 1; } }; }";
    expect(closures(code)).toEqual([]);
  });

  it("a class member starts at its first decorator or modifier", () => {
    const code = "const t = 1; class A {\n  @dec static m() { return t; }\n  private static async n() { return t; }\n}";
    expect(closures(code, "input.ts").map((c) => [c.name, c.loc])).toEqual([["A.m", { line: 2, column: 2 }], ["A.n", { line: 3, column: 2 }]]);
  });
});

describe("dynamic", () => {
  it("direct eval inside or around a unit, or a with around it, makes it dynamic; indirect eval does not", () => {
    const code = "let s = 0; function a(x) { eval(x); return () => s; } function b(o) { with (o) { var w = () => s; } return w; } function c(x) { (0, eval)(x); return () => s; }";
    expect(closures(code).map((c) => [c.name, c.dynamic])).toEqual([["a", true], ["<anonymous>", true], ["b", true], ["w", true], ["c", false], ["<anonymous>", false]]);
  });
});

describe("memoized functions", () => {
  it("are always reported, and carry the tag's options", () => {
    const c = closures("/** @memoize max=5 ttl=2s */\nfunction f(a) { return a; }")[0];
    expect(c).toMatchObject({ name: "f", memoized: { max: 5, ttlMs: 2000, key: "identity" }, captures: [], diagnostics: [] });
  });

  it("the tutorial counter is flagged MS101 and MS102", () => {
    const code = "let count = 0;\n/** @memoize */\nfunction increment() { count += 1; return count; }";
    expect(closures(code)[0].diagnostics.map((d) => [d.code, d.severity, d.at])).toEqual([
      ["MS101", "warning", { line: 3, column: 23 }],
      ["MS102", "warning", { line: 3, column: 23 }],
    ]);
  });

  it("MS103 for each non-deterministic global, not for local look-alikes", () => {
    const code = "/** @memoize */\nfunction f(a) { const Math = { random: () => 1 }; return [Math.random(), Date.now(), new Date(), new Date(a), performance.now(), crypto.randomUUID(), globalThis.Math.random()]; }";
    const messages = closures(code)[0].diagnostics.map((d) => d.message.match(/calls (.+?), which/)![1]);
    expect(messages).toEqual(["Date.now()", "new Date()", "performance.now()", "crypto.randomUUID()", "Math.random()"]);
  });

  it("MS104 only without max, ttl or weak, and only for string or object parameters", () => {
    const diag = (tag: string, params: string) => closures(`/** @memoize ${tag} */\nfunction f(${params}) { return 1; }`, "input.ts")[0].diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(diag("", "a: string")).toEqual(["MS104:info"]);
    expect(diag("", "{ a }: { a: number }")).toEqual(["MS104:info"]);
    expect(diag("", "a: number, b: boolean")).toEqual([]);
    expect(diag("max=10", "a: string")).toEqual([]);
    expect(diag("weak", "a: object")).toEqual([]);
    expect(diag("", "a")).toEqual([]);
  });
});
