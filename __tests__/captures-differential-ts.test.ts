import fs from "node:fs";
import path from "node:path";
import { parseSync } from "@babel/core";
import ts from "typescript";
import { parse as parseTs, simpleTraverse } from "@typescript-eslint/typescript-estree";
import { analyze, type Scope, type ScopeManager, type Variable, type Reference } from "@typescript-eslint/scope-manager";
import { collectFacts as tsFacts } from "../dist/ts/lower";
import type { FileReport } from "../dist/core";
import {
  analyserClosures,
  babelReportOf,
  definitionKind,
  Differential,
  EcmaResolver,
  hasParameterExpressions,
  installed,
  readInstalled,
  reportOf,
  UNIT_SCOPES,
  VAR_SCOPES,
  type Closure,
  type Node,
  type Resolution,
  type SourceType,
} from "./support/differential";

/**
 * Differential test of the capture analysis (SPEC §5) on TypeScript, against an independent scope
 * analyser that knows TypeScript: @typescript-eslint/scope-manager (on @typescript-eslint/typescript-estree's
 * tree), over real TypeScript from node_modules and hand-written edge cases. The method is the one of
 * __tests__/captures-differential.test.ts (eslint-scope, plain JavaScript): per closure, matched by
 * position, the captured names with their binding kinds, `writtenHere`, `via`, the globals, and
 * whether `arguments` is lexical.
 *
 * typescript-eslint distinguishes value and type references (`Reference.isValueReference`); only value
 * references count, and a value reference only ever resolves to a value variable (a type alias or an
 * interface named like an outer value does not shadow it). Its answer is taken as is, except for the
 * deviations below, each applied only to the references it concerns and numbered where it is applied:
 *   1–3. the ECMAScript corrections of the JavaScript differential (a parameter list's own
 *        environment and `arguments`, two bindings for a parameter and a same-named body `var`,
 *        Annex B block functions in sloppy scripts), which typescript-eslint shares with eslint-scope
 *        (`EcmaResolver` in __tests__/support/differential.ts, which `Resolver` below extends);
 *   T1. `typeof x` in a type and a type predicate `x is T` are value references for typescript-eslint
 *       (so that no-unused-vars counts the variable as used); SPEC §5: type positions are never
 *       captures, and nothing of them survives in the emitted JavaScript;
 *   T2. an ambient (`declare`) value is a variable for typescript-eslint; the task's TypeScript rules
 *       (and both lowerings, which declare no ambient binding) make it a global: no code declares it, the host provides it;
 *   T3. an enum member named in an initialiser of its own enum (`enum E { A = 1, B = A }`) is a
 *       variable of the enum's scope for typescript-eslint; TypeScript emits it as `E.A`, a read of the
 *       enum object, so memoscope reports it as a use of the enum binding `E`;
 *   T4. `namespace A.B { … }` declares `A` (TypeScript emits `var A; (function (A) { … })(A || (A = {}))`);
 *       typescript-eslint defines a namespace name only when it is a plain identifier, so uses of `A`
 *       look unresolved (a global) to it;
 *   T5. declarations merge: in an enum initialiser the members of the enum's other declarations in
 *       the same statement list are in scope, and in a namespace body the names the namespace's other
 *       declarations export (TypeScript resolves them through the merged symbol's exports and emits
 *       `E.A`, `N.a`). typescript-eslint gives every declaration its own scope, so it leaves such a
 *       name unresolved or resolves it to an outer variable; memoscope reports the enum or namespace,
 *       only read (a write of such a name writes a property of the namespace object).
 * Everything else must agree. The TypeScript lowering must give exactly the Babel lowering's report
 * for every input (all units listed).
 */

// ---------------------------------------------------------------------------------------------
// memoscope, both lowerings

/**
 * The Babel path: @babel/core parses with @babel/preset-typescript's parser options (and legacy
 * decorators, as `memoscope scan` does), and the collector reads the original program at Program
 * entry, as the plugin does before any transform runs.
 */
function babelReport(code: string, sourceType: SourceType): FileReport {
  const ast = parseSync(code, {
    filename: "input.ts",
    babelrc: false,
    configFile: false,
    sourceType,
    parserOpts: { plugins: ["decorators-legacy", "decoratorAutoAccessors"] },
    presets: [["@babel/preset-typescript", { allowDeclareFields: true }]],
  });
  return babelReportOf(ast!);
}

function tsReport(code: string): FileReport {
  const sf = ts.createSourceFile("input.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return reportOf(tsFacts(ts, sf, new Map()));
}

// ---------------------------------------------------------------------------------------------
// typescript-eslint, with the corrections

/** Scopes a `var` (and an Annex B function var) belongs to: JavaScript's, and a namespace body (a function once emitted). */
const TS_VAR_SCOPES = new Set([...VAR_SCOPES, "tsModule"]);
/** Function nodes without a body: overload and ambient signatures, abstract methods. No closure. */
const BODILESS = new Set(["TSDeclareFunction", "TSEmptyBodyFunctionExpression"]);

/** Inside an ambient context: a `declare` declaration or anything in one (`declare namespace`, `declare global`). */
function isAmbient(node: Node, parents: Map<Node, Node>): boolean {
  for (let n = node; n; n = parents.get(n)) if (n.declare === true || (n.type === "TSModuleDeclaration" && n.kind === "global")) return true;
  return false;
}

/** A definition that declares a value (typescript-eslint keeps type and value definitions on one variable). */
function isValueDef(def: Node): boolean {
  if (def.type === "Type") return false;
  if (def.type === "ImportBinding") {
    const declaration = def.parent;
    if (declaration?.importKind === "type" || def.node.importKind === "type") return false;
    if (def.node.type === "TSImportEqualsDeclaration" && def.node.importKind === "type") return false;
  }
  return true;
}

/** The declarations of the statement list holding a declaration (`export` unwrapped). */
function siblings(node: Node, parents: Map<Node, Node>): Node[] {
  let holder = node;
  if (parents.get(holder)?.type === "ExportNamedDeclaration") holder = parents.get(holder);
  const list = parents.get(holder);
  const statements: Node[] = list?.type === "SwitchCase" ? list.consequent : Array.isArray(list?.body) ? list.body : [holder];
  return statements.map((st) => (st.type === "ExportNamedDeclaration" && st.declaration ? st.declaration : st));
}

function patternNames(node: Node, out: Set<string>): void {
  if (!node) return;
  if (node.type === "Identifier") out.add(node.name);
  else if (node.type === "ObjectPattern") for (const p of node.properties) patternNames(p.type === "RestElement" ? p.argument : p.value, out);
  else if (node.type === "ArrayPattern") node.elements.forEach((e: Node) => patternNames(e, out));
  else if (node.type === "AssignmentPattern") patternNames(node.left, out);
  else if (node.type === "RestElement") patternNames(node.argument, out);
}

/** T5: the names the other declarations of an enum or a namespace (same statement list) bring into its scope. */
function mergedNames(declaration: Node, parents: Map<Node, Node>): Set<string> {
  const names = new Set<string>();
  if (declaration.id?.type !== "Identifier") return names;
  for (const other of siblings(declaration, parents)) {
    if (other === declaration || other.type !== declaration.type || other.id?.type !== "Identifier" || other.id.name !== declaration.id.name || other.declare) continue;
    if (other.type === "TSEnumDeclaration") {
      for (const member of other.body.members) names.add(member.id.type === "Identifier" ? member.id.name : member.id.value);
    } else if (other.body?.type === "TSModuleBlock") {
      for (const st of other.body.body) {
        if (st.type !== "ExportNamedDeclaration" || !st.declaration || st.declaration.declare || st.exportKind === "type") continue;
        const d = st.declaration;
        if (d.type === "VariableDeclaration") d.declarations.forEach((v: Node) => patternNames(v.id, names));
        else if (["FunctionDeclaration", "ClassDeclaration", "TSEnumDeclaration"].includes(d.type) || (d.type === "TSModuleDeclaration" && d.id.type === "Identifier")) names.add(d.id.name);
        else if (d.type === "TSImportEqualsDeclaration" && d.importKind !== "type") names.add(d.id.name);
      }
    }
  }
  return names;
}

/** typescript-eslint's resolution of a value reference: ECMAScript's corrections 1–3 (EcmaResolver) and the deviations T2–T5. */
class Resolver extends EcmaResolver {
  /** T4: first names of dotted namespaces, by the scope declaring them. */
  private readonly dotted = new Map<Scope, Set<string>>();
  private readonly merged = new Map<Scope, Set<string>>();

  constructor(
    manager: ScopeManager,
    sourceType: SourceType,
    private readonly parents: Map<Node, Node>,
  ) {
    super(manager, sourceType, TS_VAR_SCOPES);
    this.collectDotted();
  }

  /** T4: `namespace A.B.C {}` binds `A` in the scope around it (unless ambient: then a global). */
  private collectDotted(): void {
    for (const scope of this.manager.scopes as Scope[]) {
      const block = scope.block as Node;
      if (scope.type !== "tsModule" || block.id.type !== "TSQualifiedName" || isAmbient(block, this.parents)) continue;
      let first = block.id;
      while (first.type === "TSQualifiedName") first = first.left;
      const around = scope.upper!;
      if (!this.dotted.has(around)) this.dotted.set(around, new Set());
      this.dotted.get(around)!.add(first.name);
    }
  }

  /** T5: the enum or namespace a name stands for through a merged declaration, if no closer value binding comes first. */
  private mergedTarget(ref: Reference): Resolution | undefined {
    const name = ref.identifier.name;
    for (let s: Scope | null = ref.from; s; s = s.upper) {
      if (s.set.get(name)?.defs.some(isValueDef)) return undefined;
      if (s.type !== "tsEnum" && s.type !== "tsModule") continue;
      if (!this.merged.has(s)) this.merged.set(s, mergedNames(s.block, this.parents));
      if (!this.merged.get(s)!.has(name)) continue;
      const id = (s.block as Node).id.name;
      for (let u: Scope | null = s.upper; u; u = u.upper) {
        const variable = u.set.get(id);
        // `a = 1` writes the property `N.a`: the namespace is only read.
        if (variable?.defs.some(isValueDef)) return { ...this.binding(variable, ref), property: true } as Resolution;
      }
    }
    return undefined;
  }

  /** typescript-eslint's resolution of a value reference, in memoscope's terms, with the corrections. */
  override resolve(ref: Reference): Resolution {
    return this.mergedTarget(ref) ?? super.resolve(ref); // deviation T5
  }

  /** Deviation T4: the first name of a dotted namespace declared here. */
  protected override missedBinding(s: Scope, name: string): Resolution | undefined {
    return this.dotted.get(s)?.has(name) ? { type: "binding", name, kind: "namespace", owner: s } : undefined;
  }

  /**
   * A script's top-level declarations live in the global scope, next to the lib's implicit variables
   * (which have no definition): the former are "module" captures, the latter globals.
   */
  protected override declaresValue(variable: Variable): boolean {
    return variable.defs.some(isValueDef);
  }

  /** The binding kind memoscope reports for a typescript-eslint variable: its first value definition's. */
  protected override kindOf(variable: Variable): string {
    const def = variable.defs.find(isValueDef) as Node;
    switch (def.type) {
      case "TSEnumName":
        return "enum";
      case "TSModuleName":
        return "namespace";
      default:
        return definitionKind(def, variable.name);
    }
  }

  /** A parameter property (`constructor(private a = 1)`) contains its parameter's expressions. */
  protected override hasParameterExpressions(fn: Node): boolean {
    return hasParameterExpressions(fn, (node, contains) => node.type === "TSParameterProperty" && contains(node.parameter));
  }

  protected override binding(variable: Variable, ref: Reference): Resolution {
    const values = variable.defs.filter(isValueDef) as Node[];
    // Deviation T2: an ambient declaration (`declare const x`, `declare function f()`, anything in a
    // `declare namespace` or `declare global`) binds no value of this program: a global for memoscope.
    if (values.length > 0 && values.every((d) => isAmbient(d.node, this.parents))) return { type: "global" };
    // Deviation T3: an enum member named inside its enum is a read of the enum object (`E.A`).
    if (values[0]?.type === "TSEnumMemberName") {
      const enumNode = this.parents.get(this.parents.get(values[0].node));
      const enumVariable = variable.scope.upper!.set.get(enumNode.id.name)!;
      return { type: "binding", name: enumNode.id.name, kind: "enum", owner: enumVariable.scope };
    }
    // Corrections 2 (and the binding kind): EcmaResolver's.
    return super.binding(variable, ref);
  }
}

function isUnit(scope: Scope, parents: Map<Node, Node>): boolean {
  return UNIT_SCOPES.has(scope.type) && !BODILESS.has((scope.block as Node).type) && !isAmbient(scope.block, parents);
}

/** Deviation T1: inside `typeof x` of a type, or the parameter name of a type predicate. */
function inTypePosition(node: Node, parents: Map<Node, Node>): boolean {
  for (let n = parents.get(node), child = node; n; child = n, n = parents.get(n)) {
    if (n.type === "TSTypeQuery") return true;
    if (n.type === "TSTypePredicate" && n.parameterName === child) return true;
  }
  return false;
}

function reference(code: string, sourceType: SourceType): Map<string, Closure> {
  const ast = parseTs(code, { range: true, loc: true, jsx: false }) as Node;
  const parents = new Map<Node, Node>();
  simpleTraverse(ast, { enter: (node: Node, parent: Node) => parent && parents.set(node, parent) });
  const manager = analyze(ast, { sourceType, jsxPragma: null, lib: ["esnext"] });
  return analyserClosures(manager, {
    parents,
    resolver: new Resolver(manager, sourceType, parents),
    isUnit: (scope) => isUnit(scope as Scope, parents),
    // Only value references count; deviation T1 drops the ones in type positions.
    counts: (ref) => (ref as Reference).isValueReference && !inTypePosition(ref.identifier, parents),
  });
}

const differential = new Differential({ analyser: "typescript-eslint", babel: babelReport, ts: tsReport, reference });
const differences = (code: string, sourceType: SourceType) => differential.differences(code, sourceType);

// ---------------------------------------------------------------------------------------------
// corpus


const corpus: string[] = [
  "immer/src/core/finalize.ts",
  "immer/src/core/proxy.ts",
  "immer/src/core/immerClass.ts",
  "immer/src/core/scope.ts",
  "immer/src/utils/common.ts",
  "immer/src/plugins/mapset.ts",
  "immer/src/plugins/patches.ts",
  "immer/src/plugins/arrayMethods.ts",
  "zod/src/v4/core/util.ts",
  "zod/src/v4/core/errors.ts",
  "zod/src/v4/core/checks.ts",
  "zod/src/v4/core/to-json-schema.ts",
  "zod/src/v4/core/json-schema-processors.ts",
  "zod/src/v4/classic/from-json-schema.ts",
  "zod/src/v4/core/schemas.ts",
  "rxjs/src/internal/Observable.ts",
  "rxjs/src/internal/Subscriber.ts",
  "rxjs/src/internal/Subscription.ts",
  "rxjs/src/internal/Subject.ts",
  "rxjs/src/internal/ReplaySubject.ts",
  "rxjs/src/internal/Notification.ts",
  "rxjs/src/internal/operators/mergeInternals.ts",
  "rxjs/src/internal/operators/timeout.ts",
  "rxjs/src/internal/operators/share.ts",
  "rxjs/src/internal/observable/fromEvent.ts",
  "rxjs/src/internal/ajax/ajax.ts",
  "rxjs/src/internal/ajax/AjaxResponse.ts",
  "rxjs/src/internal/testing/TestScheduler.ts",
  "rxjs/src/internal/scheduler/AsyncAction.ts",
  "rxjs/src/internal/scheduler/VirtualTimeScheduler.ts",
].filter((file) => installed(file));

describe("TypeScript capture analysis agrees with typescript-eslint on real code", () => {
  test("the corpus is there", () => {
    expect(corpus.length).toBeGreaterThan(24);
  });
  test.each(corpus)("%s", (file) => {
    expect(differences(readInstalled(file), "module")).toEqual([]);
  });
  test("closures that capture were compared", () => {
    expect(differential.compared).toBeGreaterThan(600);
  });
});

// ---------------------------------------------------------------------------------------------
// enums and namespaces that merge (__tests__/corpora/README.md), and real code that declares them

const mergingDir = path.join(__dirname, "corpora", "ts-merging");
const merging: Array<[string, string]> = [
  ...fs.readdirSync(mergingDir).filter((f) => f.endsWith(".ts")).sort().map((f): [string, string] => [`corpora/ts-merging/${f}`, fs.readFileSync(path.join(mergingDir, f), "utf8")]),
  ...["zod/src/v3/helpers/util.ts", "zod/src/v3/helpers/errorUtil.ts", "zod/src/v3/helpers/enumUtil.ts", "zod/src/v3/types.ts", "jsdoc-type-pratt-parser/src/Precedence.ts"].filter((file) => installed(file)).map((file): [string, string] => [file, readInstalled(file)]),
];

describe("TypeScript capture analysis agrees with typescript-eslint on merging enums and namespaces", () => {
  test.each(merging)("%s", (_file, code) => {
    expect(differences(code, "module")).toEqual([]);
  });
  test("merged names resolve to the enum or namespace", () => {
    const closures = merging.slice(0, 3).flatMap(([, code]) => babelReport(code, "module").closures);
    const names = (kind: string) => new Set(closures.flatMap((c) => c.captures.filter((k) => k.binding === kind).map((k) => k.name)));
    expect([...names("enum")]).toEqual(expect.arrayContaining(["Flags", "Level"]));
    expect([...names("namespace")]).toEqual(expect.arrayContaining(["Geometry"]));
  });
});

// ---------------------------------------------------------------------------------------------
// edge cases

const cases: Array<[string, SourceType, string]> = [
  ["type-only imports and exports", "module", `
    import type { A } from "a";
    import { type B, c } from "b";
    import type * as NS from "ns";
    import D, { type E } from "d";
    import type Def from "def";
    export type { A };
    export { type B as BB };
    export type F = A | B;
    export function f(a: A, b: B): NS.T { return [a, b, c, D] as unknown as E | Def; }
    export const g = (x: typeof c) => x;
  `],
  ["import = and export =", "module", `
    import fs = require("fs");
    import type tsOnly = require("ts-only");
    import Alias = Outer.Inner;
    namespace Outer { export namespace Inner { export const v = 1; } }
    export function f(): tsOnly.T { return [fs.readFileSync, Alias.v]; }
  `],
  ["interfaces and type aliases shadowing values", "module", `
    const Shape = { make: () => 1 };
    export function f() {
      interface Shape { size: number }
      type Local = Shape;
      const s: Shape = { size: Shape.make() } as Local;
      return () => [s, Shape];
    }
    export function g() {
      type value = number;
      const value = 1;
      return (): value => value;
    }
    let both = 1;
    interface both { x: number }
    export const h = (): both => ({ x: both++ });
  `],
  ["typeof in types and in values", "module", `
    const config = { a: 1 };
    let counter = 0;
    export function f(c: typeof config, k: keyof typeof config): typeof counter {
      type T = typeof config.a;
      const inner = (): typeof counter => counter;
      return typeof config === "object" ? (c[k] as T) + inner() : 0;
    }
    export const g = () => { let x: typeof config | undefined; return x; };
    export const h = <T extends typeof config = typeof config>(x: T) => x;
  `],
  ["generics with defaults and constraints", "module", `
    const base = { v: 1 };
    export function f<T extends typeof base = typeof base, U = T>(t: T, u?: U): T { return t ?? (base as T); }
    export class C<T = typeof base> { m<K extends keyof T>(k: K): T[K] { return (base as any)[k]; } }
    export const call = () => f<typeof base, number>(base);
    export const inst = () => f<number>;
  `],
  ["enums: plain, const, string, members referring to each other", "module", `
    const outside = 2;
    export enum Color { Red, Green = Red + 1, Blue = Green * outside }
    export const enum Flag { A = 1, B = A << 1, C = A | B, "quoted" = 8, D = quoted }
    enum Str { X = "x", Y = X }
    export function f() {
      enum Local { A = outside, B = A * 2, C = (() => A + outside)() }
      return () => [Local.B, Color.Red, Flag.C, Str.Y];
    }
    export const g = () => Color[Color.Red];
    enum Color { Purple = 10, Cyan = Purple + 1 }
  `],
  ["namespaces: nested, merged, exported members", "module", `
    const top = 1;
    export namespace N {
      const hidden = top;
      export const shown = hidden + 1;
      export function fn() { return [hidden, shown, top]; }
      export namespace Inner { export const deep = () => [hidden, shown]; }
    }
    export namespace A.B.C { export const abc = () => top; }
    namespace N { export const again = () => N.shown; }
    export function user() { return [N.fn(), N.Inner.deep, A.B.C.abc]; }
    function merged() {}
    namespace merged { export const x = 1; }
    export const useMerged = () => merged.x;
    class K {}
    namespace K { export const y = 2; }
    export const useK = () => K.y;
  `],
  ["merged enums and namespaces: names of the other declarations are in scope", "module", `
    const a = "outer a", Red = "outer Red", hidden = "outer hidden";
    export namespace N { export const a = 1; const hidden = 2; export function fn() { return hidden; } }
    export namespace N {
      export const g = () => [a, hidden, fn()];
      export const h = () => { a; const inner = (a: number) => a; return inner; };
      export namespace Deep { export const d = () => a; }
      const local = () => { let fn = 1; return fn; };
    }
    namespace N { export let w = () => { a = 2; }; }
    export function outer() {
      enum E { Red = 1 }
      enum E { Blue = Red + 1, Green = (() => Red)() }
      return () => E;
    }
    export const useOuter = () => [a, Red, hidden];
  `],
  ["dotted namespaces", "module", `
    export namespace A.B.C { export const abc = 1; }
    export function user() { return A.B.C.abc; }
    export function f() { namespace X.Y { export const y = 1; } return () => X.Y.y; }
    declare namespace Amb.Sub { const v: number; }
    export const g = () => Amb.Sub.v;
  `],
  ["type predicates, assertion functions, definite assignment, default exports", "module", `
    const guard = 1;
    let definite!: number;
    export function isStr(x: unknown): x is string { return () => guard; }
    export function assertOk(this: unknown, x: unknown): asserts x { (() => [x, guard, definite])(); }
    export const pred = (x: unknown): x is number => typeof x === "number" && guard > 0;
    export const obj = { m(this: { v: number }, p: number) { return () => this.v + p + guard; }, isIt(x: unknown): x is boolean { return !!guard; } };
    export class Q { is(): this is Q { return !!guard; } }
    export default interface Shape { s: number }
  `],
  ["enums inside namespaces, namespaces exporting enums", "module", `
    const k = 2;
    export namespace N {
      export const k = 1;
      export enum E { A = k, B = (() => k + A)() }
      export const f = () => [E.A, k];
    }
    export namespace N { export const g = () => E.B + k; export enum E { C = 3, D = C + A } }
  `],
  ["declare: variables, functions, classes, modules, global", "module", `
    declare const ambientConst: number;
    declare let ambientLet: string;
    declare function ambientFn(x: number): void;
    declare class AmbientClass { m(): void }
    declare enum AmbientEnum { A }
    declare namespace AmbientNs { const v: number; function g(): void; }
    declare module "some-module" { export function h(): void; }
    declare global { var injected: number; interface Window { w: number } }
    export function f() { ambientLet = "x"; return [ambientConst, ambientFn(1), new AmbientClass(), AmbientEnum.A, AmbientNs.v, injected]; }
    namespace Real { declare const inNs: number; export const use = () => inNs; }
  `],
  ["parameter properties", "module", `
    const fallback = 1;
    export class P {
      constructor(public a: number, private readonly b = fallback, protected c?: string, readonly d = () => a) {
        const use = () => [a, b, c, d];
        use();
      }
      m() { return this.a; }
    }
  `],
  ["decorators", "module", `
    const dec = (..._: unknown[]) => undefined;
    const factory = (x: number) => dec;
    const arg = 1;
    @dec
    export class D {
      @factory(arg) field = arg;
      @dec method(@dec p: number) { return p + arg; }
      @dec static s = () => arg;
      @dec get g() { return arg; }
      @dec accessor acc = arg;
    }
    export function make() { const local = 2; @factory(local) class E { @factory(local) m() { return local; } } return E; }
  `],
  ["this parameters, abstract classes, overloads", "module", `
    const v = 1;
    export function withThis(this: { x: number }, a: number) { return () => this.x + a + v; }
    export abstract class Shape {
      abstract area(): number;
      abstract readonly name: string;
      protected abstract helper(x: number): void;
      describe() { return this.name + v; }
    }
    export function over(a: string): string;
    export function over(a: number): number;
    export function over(a: any) { return a ?? v; }
    export class Ov {
      m(a: string): void;
      m(a: number): void;
      m(a: any) { return () => a + v; }
      constructor(x: string);
      constructor(x: any) { v; }
    }
  `],
  ["satisfies, as, non-null, angle-bracket assertions", "module", `
    let maybe: number | undefined = 1;
    const obj = { a: 1 };
    export const f = () => [maybe!, obj as unknown, obj satisfies object, <number>maybe, (maybe as number)++];
    export const g = () => { (maybe as any) = 2; maybe! += 1; [maybe!] = [3]; ({ a: maybe! } = obj); };
  `],
  ["implements, extends with type arguments, index signatures, accessors", "module", `
    interface I { x: number }
    class Base<T> { t?: T }
    const mixin = <T,>(b: T) => b;
    let store = 0;
    export class C extends Base<I> implements I, Partial<I> {
      [key: string]: unknown;
      static [s: symbol]: number;
      x = store;
      get value(): number { return store; }
      set value(v: number) { store = v; }
      static get s() { return C; }
    }
    export class M extends mixin(Base)<I> {}
    export const o = { get p(): number { return store; }, set p(v: number) { store = v; } };
  `],
  ["declare fields, definite assignment, optional members", "module", `
    const init = 1;
    export class F {
      declare d: number;
      definite!: number;
      optional?: number = init;
      static readonly r: number = init;
      private p = () => init;
      #q = init;
    }
  `],
  ["arrow generics, optional parameters, destructuring with types", "module", `
    const d = 1;
    export const f = <T,>({ a = d, b }: { a?: number; b: T }, [c]: [number] = [d], e?: number) => () => [a, b, c, e];
    export function g(this: void, ...rest: number[]) { return () => rest; }
  `],
  ["function types and type literals do not bind or capture", "module", `
    const x = 1;
    export function f(cb: (x: string) => void, o: { m(x: number): void; new (x: number): object }) {
      type G = <x>(a: x) => x;
      return () => [cb, o, x];
    }
    export type Mapped = { [x in "a" | "b"]: typeof x };
    export type Cond<T> = T extends infer x ? x : never;
  `],
  ["classes: expressions, heritage, static blocks, private", "module", `
    const seed = 1;
    export const E = class Named<T> extends Array<T> {
      static #count = seed;
      static { Named.#count += seed; }
      m() { return [Named, E, seed]; }
    };
    export function outer(Base: new () => object) { return class extends Base { f = () => Base; }; }
  `],
  ["loops, catch, labels with types", "module", `
    export function f(list: number[]) {
      const out: Array<() => number> = [];
      for (let i: number = 0; i < list.length; i++) out.push(() => i);
      for (const x of list as readonly number[]) out.push(() => x);
      try { JSON.parse(""); } catch (e: unknown) { out.push(() => e as number); }
      return out;
    }
  `],
  ["sloppy TypeScript script", "script", `
    var top = 1;
    function f(x: number) { if (x) { function g(): number { return top; } } return () => g; }
    enum ScriptEnum { A }
    function user(): number { return ScriptEnum.A + top; }
  `],
  ["abstract and optional methods, accessor keywords, override", "module", `
    const v = 1;
    abstract class A { abstract m(): void; n?(): void; accessor a = v; static accessor s = () => v; }
    export class B extends A { override m() { return v; } }
  `],
  ["JSX-free generics in calls and new, instantiation expressions", "module", `
    class Box<T> { constructor(public v: T) {} }
    const make = <T,>(v: T) => new Box<T>(v);
    export const f = () => [make<number>(1), new Box<string>("s"), make<typeof make>];
    export const ErrorMap = Map<string, Error>;
  `],
];

describe("TypeScript capture analysis agrees with typescript-eslint on edge cases", () => {
  test.each(cases)("%s", (_name, sourceType, code) => {
    expect(differences(code, sourceType)).toEqual([]);
  });
});
