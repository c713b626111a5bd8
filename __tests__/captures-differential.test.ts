import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import * as espree from "espree";
import * as eslintScope from "eslint-scope";
import ts from "typescript";
import { collectFacts as tsFacts } from "../dist/ts/lower";
import type { FileReport } from "../dist/core";
import {
  analyserClosures,
  babelReportOf,
  Differential,
  EcmaResolver,
  installed,
  NODE_MODULES,
  readInstalled,
  reportOf,
  UNIT_SCOPES,
  type Closure,
  type Node,
  type SourceType,
} from "./support/differential";

/**
 * Differential test of the capture analysis (SPEC §5) against an independent scope analyser,
 * eslint-scope, on real JavaScript from node_modules and on hand-written edge cases.
 *
 * For every closure (function, arrow, method, accessor, constructor, class field initialiser, static
 * block) both sides give: the captured names with their binding kinds, whether the closure writes
 * each (`writtenHere`) and whether it uses it directly or only through a nested function (`via`),
 * the unresolved names it uses (`globals`), and whether it takes `arguments` lexically. Closures are
 * matched by position: memoscope's `loc` against the start of the function node (of the method or
 * property definition for a class or object member, of the property definition for a field).
 *
 * eslint-scope's answer is taken as is, except where it deviates from ECMAScript in a way memoscope
 * deliberately corrects (the rules in src/core/scope/resolve.ts). Each such deviation is an explicit
 * correction in `EcmaResolver` (numbered 1–3, in __tests__/support/differential.ts), applied only to
 * the references it concerns, with the rule of the specification it follows:
 *   1. `arguments` in a parameter list whose function body declares `var arguments`;
 *   2. a body `var`/function named like a parameter, when the parameter list has expressions;
 *   3. Annex B vars of sloppy-mode block functions.
 * Where eslint-scope is right, only its vocabulary is translated: the implicit `arguments` variable
 * is memoscope's lexical `arguments`, a script's global-scope declarations are "module" captures,
 * and a closure memoscope marks `dynamic` (direct eval, `with`) is not compared, its captures being
 * unknowable (SPEC §5). The named function expression's name and the class's inner name need no
 * correction: eslint-scope binds both in a scope of their own, as ECMAScript does. Every other
 * difference fails the test. The TypeScript lowering must give exactly the Babel lowering's report
 * for every input (all units listed).
 */

// ---------------------------------------------------------------------------------------------
// memoscope

function babelReport(code: string, sourceType: SourceType): FileReport {
  return babelReportOf(parse(code, { sourceType, plugins: ["jsx"] }));
}

function tsReport(code: string, sourceType: SourceType): FileReport {
  const sf = ts.createSourceFile(sourceType === "module" ? "input.mjs" : "input.jsx", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JSX);
  return reportOf(tsFacts(ts, sf, new Map()));
}

// ---------------------------------------------------------------------------------------------
// eslint-scope, with the ECMAScript corrections (EcmaResolver, as is)

function reference(code: string, sourceType: SourceType): Map<string, Closure> {
  const ast = espree.parse(code, { ecmaVersion: "latest", sourceType, loc: true, range: true, ecmaFeatures: { jsx: true } }) as Node;
  const parents = new Map<Node, Node>();
  const walk = (node: Node) => {
    for (const k of (espree.VisitorKeys as Record<string, readonly string[]>)[node.type] ?? []) {
      for (const child of [node[k]].flat()) {
        if (child && typeof child.type === "string") {
          parents.set(child, node);
          walk(child);
        }
      }
    }
  };
  walk(ast);
  const manager = eslintScope.analyze(ast, { ecmaVersion: 2026 as never, sourceType, jsx: true, childVisitorKeys: espree.VisitorKeys as never });
  return analyserClosures(manager, {
    parents,
    resolver: new EcmaResolver(manager, sourceType),
    isUnit: (scope) => UNIT_SCOPES.has(scope.type),
    counts: () => true,
  });
}

const differential = new Differential({ analyser: "eslint-scope", babel: babelReport, ts: tsReport, reference });
const differences = (code: string, sourceType: SourceType) => differential.differences(code, sourceType);

// ---------------------------------------------------------------------------------------------
// corpus

function lodashFiles(): string[] {
  const dir = path.join(NODE_MODULES, "lodash-es");
  // The modules with the most functions: the most closures and the most varied code.
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((f) => ({ f, size: fs.readFileSync(path.join(dir, f), "utf8").split(/\bfunction\b|=>/).length }))
    .sort((a, b) => b.size - a.size || (a.f < b.f ? -1 : 1))
    .slice(0, 30)
    .map(({ f }) => `lodash-es/${f}`);
}

const corpus = (
  [
  ["acorn/dist/acorn.js", "script"],
  ["immer/dist/immer.mjs", "module"],
  ["moize/dist/moize.esm.js", "module"],
  ["rxjs/dist/esm/internal/Observable.js", "module"],
  ["rxjs/dist/esm/internal/Subscriber.js", "module"],
  ["rxjs/dist/esm/internal/Subject.js", "module"],
  ["rxjs/dist/esm/internal/operators/mergeInternals.js", "module"],
  ["rxjs/dist/esm5/internal/Subscriber.js", "module"],
  ["rxjs/dist/esm5/internal/Subject.js", "module"],
  ["memoizee/lib/configure-map.js", "script"],
  ["memoizee/ext/max-age.js", "script"],
  ["memoizee/ext/ref-counter.js", "script"],
  ...lodashFiles().map((f): [string, SourceType] => [f, "module"]),
  ] as Array<[string, SourceType]>
).filter(([file]) => installed(file));

describe("capture analysis agrees with eslint-scope on real code", () => {
  test("the corpus is there", () => {
    expect(corpus.length).toBeGreaterThan(30);
  });
  test.each(corpus)("%s", (file, sourceType) => {
    expect(differences(readInstalled(file), sourceType)).toEqual([]);
  });
  test("closures that capture were compared", () => {
    expect(differential.compared).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// sloppy-mode scripts: Annex B block functions, `with`, direct `eval` (__tests__/corpora/README.md),
// and the few real sloppy scripts with them that node_modules holds

const corporaDir = path.join(__dirname, "corpora", "sloppy");
const sloppy: Array<[string, string]> = [
  ...fs.readdirSync(corporaDir).filter((f) => f.endsWith(".js")).sort().map((f): [string, string] => [`corpora/sloppy/${f}`, fs.readFileSync(path.join(corporaDir, f), "utf8")]),
  ...["playwright-core/lib/vite/traceViewer/sw.bundle.js", "webpack/lib/loaders/loadLoader.js", "ts-patch/resources/module-patch.js"].filter((file) => installed(file)).map((file): [string, string] => [file, readInstalled(file)]),
];

describe("capture analysis agrees with eslint-scope on sloppy-mode scripts", () => {
  test.each(sloppy)("%s", (_file, code) => {
    expect(differences(code, "script")).toEqual([]);
  });
  test("the scripts exercise Annex B, with and direct eval", () => {
    const reports = sloppy.slice(0, 4).map(([, code]) => babelReport(code, "script"));
    const closures = reports.flatMap((r) => r.closures);
    expect(closures.filter((c) => c.dynamic).length).toBeGreaterThan(5);
    // The Annex B binding of a block function used outside its block: kind `function` (SPEC §5), reassigned in a loop.
    expect(closures.find((c) => c.name === "size")?.captures.find((k) => k.name === "slot")).toMatchObject({ binding: "function", reassigned: true });
  });
});

// ---------------------------------------------------------------------------------------------
// edge cases

const cases: Array<[string, SourceType, string]> = [
  ["binding kinds", "module", `
    import dflt, { named as alias } from "x";
    import * as ns from "y";
    var v = 1; let l = 2; const c = 3;
    function fn() {}
    class K {}
    export function all(p, { q, r: [s] }, ...rest) {
      try { throw 0 } catch (e) { return () => [e, p, q, s, rest, v, l, c, fn, K, dflt, alias, ns, undefinedName] }
    }
    export const writes = () => { v = 1; l += 2; [c2] = []; ({ a: v, ...l } = {}); for (l of []); for (v in {}); l++; };
    let c2;
  `],
  ["nested via and shadowing", "module", `
    const x = 1, y = 2;
    export function outer(a) {
      const y = 3;
      function mid() { return () => [x, y, a]; }
      const direct = () => a + inner();
      function inner() { let x; return x; }
      return [mid, direct];
    }
  `],
  ["hoisting and TDZ", "module", `
    export function f() { g(); t; function g() { return h; } let t = 1; var h = 2; return () => u; const u = 3; }
  `],
  ["parameter defaults and a same-named body var (two bindings)", "module", `
    export function f(x = 1, getX = () => x) { var x = 2; return [getX, () => x]; }
    export function g({ [key]: k } = {}, a = () => k) { var k; return () => k; }
    export function h(x, getX = function () { return x; }) { function x() {} return () => x; }
    const key = "k";
  `],
  ["no parameter expressions: one binding", "module", `
    export function f(x, { y }) { var x; var y = 2; return () => [x, y]; }
    export function g(x) { function x() {} return () => x; }
  `],
  ["a body var is invisible from a parameter list with expressions", "module", `
    const b = "outer";
    export function f(a = () => b) { var b = 1; return a; }
    export function g(a = () => missing) { var missing; return a; }
    export function h(a = () => inner()) { function inner() {} return a; }
  `],
  ["arguments: own, lexical, in defaults, declared", "script", `
    function own() { return arguments; }
    function lexical() { return () => () => arguments[0]; }
    function inDefault(a = () => arguments) { var arguments = 1; return () => arguments; }
    function declared() { var arguments; return () => arguments; }
    function param(arguments) { return () => arguments; }
    const top = () => arguments;
    var o = { m() { return () => arguments; }, get g() { return () => arguments; } };
  `],
  ["Annex B: block functions in sloppy scripts", "script", `
    { function atTop() {} }
    function user() { return atTop; }
    function f() {
      if (true) { function inIf() { return inIf; } }
      switch (1) { case 1: function inCase() {} }
      return () => [inIf, inCase];
    }
    function withVar() { var g = 0; { function g() {} } return () => g; }
    function withLet() { let g = 0; { function g() {} } return () => g; }
    function withParam(g) { { function g() {} } return () => g; }
    function blockedByBlockLet() { { let g; { function g() {} } } return () => g; }
    function strict() { "use strict"; { function s() {} } return () => s; }
    function generator() { { function* gen() {} async function as() {} } return () => [gen, as]; }
    function args() { { function arguments() {} } return () => arguments; }
    function loop() { for (;;) { function inLoop() {} break; } return () => inLoop; }
  `],
  ["no Annex B in modules or classes", "module", `
    export function f() { { function g() {} } return () => g; }
    export class C { m() { { function g() {} } return () => g; } }
  `],
  ["named function expressions", "script", `
    var fact = function fact(n) { return n ? n * fact(n - 1) : 1; };
    var shadowVar = function self() { var self = 1; return () => self; };
    var shadowParam = function self(self) { return () => self; };
    var shadowFn = function self() { function self() {} return () => self; };
    var viaArrow = function named() { return () => named; };
    var defaults = function named(a = () => named) { var named; return () => named; };
  `],
  ["class names", "module", `
    export class C extends Base {
      static s = C;
      f = () => C;
      [C] = 1;
      static { C; }
      m() { return C; }
      static make() { return new C(); }
    }
    class Base { m() { return Base; } }
    const E = class Inner { m() { return [Inner, E]; } };
    const Anon = class { m() { return Anon; } };
    export function outer() { class Local { m() { return Local; } } Local = null; return Local; }
  `],
  ["class members: fields, accessors, private, static blocks, computed keys", "module", `
    const k = "key", v = 1;
    export function make(p) {
      return class {
        #priv = p;
        [k + p] = v;
        static [k] = () => p;
        get [p]() { return v; }
        set x(val) { this.#priv = val + v; }
        #m() { return #priv in this ? p : v; }
        static { this.y = p; var local = v; () => local; }
        constructor(a = p) { super.x; new.target; }
      };
    }
  `],
  ["object members", "module", `
    const k = 1;
    export function make(p) {
      return { [k]: p, p, m() { return p; }, get g() { return k; }, set s(v) { p = v; }, async *gen() { yield p; }, f: function () { return k; }, a: () => p };
    }
  `],
  ["loops and blocks", "module", `
    export function f(list) {
      const fns = [];
      for (let i = 0; i < 3; i++) fns.push(() => i);
      for (var j = 0; j < 3; j++) fns.push(() => j);
      for (const x of list) fns.push(() => x);
      for (const k in list) { let inner = k; fns.push(() => inner); }
      label: for (;;) { break label; }
      { let b = 1; fns.push(() => b); }
      switch (list) { case 1: let s = 1; fns.push(() => s); }
      return fns;
    }
  `],
  ["catch clauses", "module", `
    export function f() {
      try {} catch ({ message, stack: [first] }) { return () => [message, first]; }
      try {} catch { return () => e; }
      try {} catch (e) { return () => e; }
    }
  `],
  ["script top level", "script", `
    var v = 1; let l = 2; const c = 3; function fn() {} class K {}
    function user() { return [v, l, c, fn, K, implicit, undeclared]; }
    implicit = 1;
    (function () { var iife = 1; return () => iife; })();
  `],
  ["writes", "module", `
    let a = 0, b = 0, c = 0, d = 0, e = 0;
    export function f() { a = 1; b += 1; c++; [d] = [1]; ({ e } = {}); return () => { a--; }; }
    export function g() { for (a of []); for ({ b } of []); for ([c] in {}); }
    export const h = (x = a = 1) => x;
  `],
  ["patterns and defaults", "module", `
    const d = 1;
    export function f({ a = d, b: { c = a } = {} } = {}, [e = () => c, ...rest] = []) { return () => [a, c, e, rest]; }
    export const g = ({ [d]: x = d }) => x;
  `],
  ["JSX", "module", `
    import Comp from "comp";
    const ns = { Item() {} };
    export const view = (props) => <div><Comp {...props}><ns.Item key={props.id} /></Comp><span>{props.x}</span><this.X /></div>;
    export function lower() { const div = 1; return <div>{div}</div>; }
  `],
  ["async, generators, await, yield, optional calls, templates", "module", `
    const tag = (s) => s;
    export async function* f(x) { yield* x; await x?.y?.(tag\`a\${x}\`); for await (const y of x) (() => y)(); }
    export const g = async (p) => await p;
  `],
  ["typeof, delete, new, spread, comma, conditional", "script", `
    function f(a) { return [typeof a, typeof undeclared, delete a.b, new a(...a), (a, b), a ? c : d]; }
    var b, c, d;
  `],
  ["default export and anonymous functions", "module", `
    const x = 1;
    export default function () { return x; }
    export const arrow = () => () => x;
    (function () { return x; })();
  `],
  ["with and eval make captures unknowable", "script", `
    var o = {}, x = 1;
    function w() { with (o) { return () => x; } }
    function ev() { eval("x"); return () => x; }
    function after() { return x; }
  `],
  ["using sloppy-mode specifics", "script", `
    function f() { g = 1; var h = function () { return g; }; return h; }
    function dup() { var a = 1; var a = 2; return () => a; }
    function fnAndVar() { var q; function q() {} return () => q; }
    function varAfterFn() { function q() {} var q = 1; return () => q; }
  `],
  ["methods and classes do not bind their names", "module", `
    const f = 1, g = 2, m = 3;
    export const o = { f() { return f; }, get g() { return g; }, set g(v) { g; } };
    export class K { m() { return m; } static f() { return f; } }
    export const n = { x: function x() { return x; }, y: function* y() { yield y; } };
    export class L { h = function h() { return h; }; }
  `],
  ["arrows: parameter environments and arguments", "script", `
    var outer = (x = 1, g = () => x) => { var x = 2; return () => x; };
    function f() { return (a = arguments, b = () => arguments) => [a, b]; }
    function h() { return () => { var arguments; return () => arguments; }; }
    var async1 = async (a = b) => { var b; return () => b; };
    var b;
  `],
  ["names shared by a function and its parameters", "script", `
    function f(f) { return () => f; }
    var e = function g(g = () => g) { return () => g; };
    function dflt(a = dflt) { return () => a; }
  `],
  ["Annex B: more places", "script", `
    function paramExpr(a = () => g) { { function g() {} } return [a, () => g]; }
    function nested() { { { function deep() {} } } return () => deep; }
    var arrow = () => { { function inArrow() {} } return () => inArrow; };
    function hoistedVar() { { function g() {} } { var g; } return () => g; }
    var nfe = function g() { { function g() {} } return () => g; };
    function inCatch() { try {} catch (e) { { function e() {} } } return () => e; }
    function inCatchPattern() { try {} catch ({ e }) { { function e() {} } } return () => e; }
    function switchShared(x) { switch (x) { case 1: function s() {} break; default: (() => s)(); } return () => s; }
  `],
  ["catch parameters and var", "script", `
    function f() { try {} catch (e) { var e = 1; return () => e; } }
    function g() { try {} catch (e) { var x = e; } return () => [e, x]; }
  `],
  ["class name scope: heritage, computed keys, expressions", "module", `
    export class C extends (0, (() => C)) { [(() => C)()]() {} }
    export const D = class E extends (() => E) { static [(() => E)()] = () => [D, E]; };
    export function outer() { return class F { static g = () => F; }; }
  `],
  ["top-level arguments", "module", `
    export const a = () => arguments;
    export const b = () => () => arguments;
    export function c() { return () => arguments; }
  `],
  ["logical assignments, self reference, shadowed undefined", "module", `
    let a, b, c;
    export function f() { a ??= 1; b ||= 2; c &&= 3; return f; }
    export function outer() { function inner() { return inner; } return inner; }
    export function u(undefined) { return () => undefined; }
    export default function named() { return named; }
  `],
  ["sloppy script: if-statement functions, global clashes", "script", `
    function f(x) { if (x) function g() {} return () => g; }
    let q; { function q() {} }
    function r() {} { function r() {} }
    function user() { return [q, r]; }
    function later() { h(); { function h() {} } }
  `],
  ["JSX names and attributes", "module", `
    import * as ui from "ui";
    const value = 1, Local = () => null;
    export const v = () => <><ui.a.Button value={value} {...ui} /><Local>{value}</Local><svg:rect /></>;
  `],
  ["classes: extends a parameter, super, getters, static private", "module", `
    export function mix(Base, extra) {
      return class extends Base {
        static #count = extra;
        static get count() { return this.#count + extra; }
        m() { return super.m() + extra; }
        n = () => super.n;
      };
    }
    const o = { __proto__: null, m() { return super.toString; } };
  `],
];

describe("capture analysis agrees with eslint-scope on edge cases", () => {
  test.each(cases)("%s", (_name, sourceType, code) => {
    expect(differences(code, sourceType)).toEqual([]);
  });
});
