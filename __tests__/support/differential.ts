import fs from "node:fs";
import path from "node:path";
import type { types as t } from "@babel/core";
import { collectFacts as babelFacts } from "../../dist/babel/lower";
import { classify, type FileFacts, type FileReport } from "../../dist/core";

/**
 * What the two capture differentials share (__tests__/captures-differential.test.ts: eslint-scope on
 * JavaScript; __tests__/captures-differential-ts.test.ts: @typescript-eslint/scope-manager on
 * TypeScript). Both analysers come from the same scope analysis (typescript-eslint's scope manager is
 * eslint-scope's, extended), so both get the same treatment here:
 *   - memoscope's report, turned into one comparable `Closure` per unit;
 *   - the analyser's scopes, turned into the same, with `EcmaResolver` applying ECMAScript's
 *     corrections 1–3 to the analyser's answer (a test adds its own deviations by overriding hooks);
 *   - the comparison of both, by closure position, and the corpus location.
 * Each test file keeps its parser, its analyser's options and what is specific to its language.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
/** An ESTree node, from espree or typescript-estree: both analysers type their nodes differently. */
export type Node = any;

/** How a source is parsed: a script is sloppy unless it says "use strict", a module always strict. */
export type SourceType = "script" | "module";

/** A source position (1-based line, 0-based column), as memoscope and ESTree give it. */
export interface Loc {
  line: number;
  column: number;
}

/** What a closure captures, as compared. */
export interface Closure {
  /** name → binding kinds (a closure can capture two bindings of one name) and use. */
  captures: Map<string, { kinds: Set<string>; written: boolean; direct: boolean }>;
  globals: Set<string>;
  lexicalArguments: boolean;
  dynamic: boolean;
}

/** A closure that captures nothing yet: both sides fill one per unit. */
export const newClosure = (): Closure => ({ captures: new Map(), globals: new Set(), lexicalArguments: false, dynamic: false });

/** The key closures are matched by: their position. */
export const key = (loc: Loc) => `${loc.line}:${loc.column}`;

/** Records one use of a binding in a closure, merged with the closure's other uses of that name. */
export function addCapture(closure: Closure, name: string, kind: string, written: boolean, direct: boolean): void {
  const known = closure.captures.get(name) ?? { kinds: new Set<string>(), written: false, direct: false };
  known.kinds.add(kind);
  known.written ||= written;
  known.direct ||= direct;
  closure.captures.set(name, known);
}

// ---------------------------------------------------------------------------------------------
// memoscope

/** Every unit in the report: mark each memoized (the classifier then lists it even with no capture). */
function everyUnit(facts: FileFacts): FileFacts {
  for (const unit of facts.units) unit.memoized = { key: "identity" };
  return facts;
}

/** memoscope's report of a file's facts, listing every unit, so that every closure is compared. */
export function reportOf(facts: FileFacts): FileReport {
  return classify(everyUnit(facts));
}

/** The Babel lowering's report: it reads the original program, as the plugin does before any transform runs. */
export function babelReportOf(ast: t.Node): FileReport {
  const program = ast.type === "File" ? ast.program : (ast as t.Program);
  return reportOf(babelFacts(program, new Map()));
}

/** memoscope's closures, by position: the side the analyser is compared with. */
export function memoscopeClosures(report: FileReport): Map<string, Closure> {
  const out = new Map<string, Closure>();
  for (const record of report.closures) {
    const closure = newClosure();
    for (const capture of record.captures) addCapture(closure, capture.name, capture.binding, capture.writtenHere, capture.via === "direct");
    for (const name of record.globals) closure.globals.add(name);
    closure.lexicalArguments = record.lexical.includes("arguments");
    closure.dynamic = record.dynamic;
    expect(out.has(key(record.loc))).toBe(false);
    out.set(key(record.loc), closure);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// the analyser's scopes, as far as both analysers have them in common

/** A scope of eslint-scope or typescript-eslint (the members both have and this module reads). */
export interface AnalyserScope {
  type: string;
  block: Node;
  upper: AnalyserScope | null;
  set: Map<string, AnalyserVariable>;
  variables: AnalyserVariable[];
  references: AnalyserReference[];
  isStrict: boolean;
}

/** A variable of eslint-scope or typescript-eslint: all definitions of one name in one scope. */
export interface AnalyserVariable {
  name: string;
  scope: AnalyserScope;
  defs: Node[];
}

/** A reference of eslint-scope or typescript-eslint: one use of a name, and the variable it resolves to. */
export interface AnalyserReference {
  identifier: Node;
  from: AnalyserScope;
  resolved: AnalyserVariable | null;
  isWrite(): boolean;
}

/** A scope manager of eslint-scope or typescript-eslint. */
export interface AnalyserScopeManager {
  scopes: AnalyserScope[];
  globalScope: AnalyserScope | null;
}

/** The analysers' scope types that make a unit (a closure of memoscope's report). */
export const UNIT_SCOPES = new Set(["function", "class-field-initializer", "class-static-block"]);
/** Scopes a `var` (and an Annex B function var) belongs to. */
export const VAR_SCOPES = new Set(["function", "global", "module", "class-static-block"]);

/** Where memoscope locates the closure of a unit scope. */
export function unitLoc(scope: AnalyserScope, parents: Map<Node, Node>): Loc {
  const block = scope.block as Node;
  const parent = parents.get(block);
  // A class field's initialiser: the field (PropertyDefinition, AccessorProperty) starts the unit,
  // at its first modifier or decorator, where typescript-estree starts it too.
  if (scope.type === "class-field-initializer") return parent.loc.start;
  // A method, accessor or constructor: the member starts the unit, not its FunctionExpression.
  if (parent && (parent.type === "MethodDefinition" || (parent.type === "Property" && (parent.method || parent.kind !== "init")))) return parent.loc.start;
  return block.loc.start;
}

/** The binding kind memoscope reports for a JavaScript definition (a test maps its own definition types first). */
export function definitionKind(def: Node, name: string): string {
  switch (def.type) {
    case "Parameter":
      return "param";
    case "Variable":
      if (def.parent.kind === "using" || def.parent.kind === "await using") return "using";
      return def.parent.kind === "var" || def.parent.kind === "let" ? def.parent.kind : "const";
    case "FunctionName":
      return "function";
    case "ClassName":
      return "class";
    case "CatchClause":
      return "catch";
    case "ImportBinding":
      return "import";
    default:
      throw new Error(`unexpected definition ${def.type} of ${name}`);
  }
}

/**
 * ECMAScript's ContainsExpression of a parameter list: a default or a computed key anywhere in it.
 * `other` answers for a node type JavaScript does not have (TypeScript's parameter property).
 */
export function hasParameterExpressions(fn: Node, other: (node: Node, contains: (node: Node) => boolean) => boolean = () => false): boolean {
  const contains = (node: Node): boolean => {
    if (!node) return false;
    switch (node.type) {
      case "AssignmentPattern":
        return true;
      case "ObjectPattern":
        return node.properties.some((p: Node) => (p.type === "RestElement" ? contains(p.argument) : p.computed || contains(p.value)));
      case "ArrayPattern":
        return node.elements.some(contains);
      case "RestElement":
        return contains(node.argument);
      default:
        return other(node, contains);
    }
  };
  return fn.params.some(contains);
}

/** Whether a node lies in a function's parameter list (which has an environment of its own). */
export function inParams(fn: Node, node: Node): boolean {
  return fn.params.length > 0 && node.range[0] >= fn.params[0].range[0] && node.range[1] <= fn.params[fn.params.length - 1].range[1];
}

/**
 * Where a reference resolves, after the corrections. `owner` is the scope holding the binding; `name`
 * the binding's name, and `property` marks a name that stands for a property of the binding (only read).
 */
export type Resolution =
  | { type: "binding"; name: string; kind: string; owner: AnalyserScope; property?: true }
  | { type: "global" }
  | { type: "arguments"; owner: AnalyserScope };

/**
 * The analyser's resolution of a reference, in memoscope's terms, with ECMAScript's corrections 1–3,
 * which eslint-scope and typescript-eslint (the same scope analysis) both need. A test adds its own
 * deviations by overriding the protected hooks.
 */
export class EcmaResolver {
  private readonly annexB = new Map<AnalyserScope, Set<string>>();

  constructor(
    protected readonly manager: AnalyserScopeManager,
    private readonly sourceType: SourceType,
    private readonly varScopes: Set<string> = VAR_SCOPES,
  ) {
    this.collectAnnexB();
  }

  /**
   * The analyser's resolution of a reference, in memoscope's terms, with the corrections. eslint-scope
   * already follows ECMAScript where a parameter default names a body `var` (its
   * FunctionScope.__isValidResolution skips declarations of the body for references in the
   * parameter list), so that needs no correction.
   */
  resolve(ref: AnalyserReference): Resolution {
    const name = ref.identifier.name;
    const variable = ref.resolved;
    // Where the analyser's answer is: a binding's scope, or the top (unresolved, or a script's global
    // scope, which eslint-scope leaves dynamic).
    const stop = variable === null || variable.scope.type === "global" ? null : variable.scope;

    for (let s: AnalyserScope | null = ref.from; s && s !== stop; s = s.upper) {
      const missed = this.missedBinding(s, name);
      if (missed) return missed;
      const paramView = s.type === "function" && inParams(s.block, ref.identifier);
      // Correction 1 (ECMAScript FunctionDeclarationInstantiation, steps 15–22 and 28): the
      // `arguments` object of a non-arrow function is bound in the parameters' environment, so a
      // parameter default always sees it, even when the body declares `var arguments`. eslint-scope
      // drops the body's variable (which is also its implicit `arguments` variable) and looks further out.
      if (name === "arguments" && paramView && (s.block as Node).type !== "ArrowFunctionExpression") return { type: "arguments", owner: s };
      // Correction 3 (Annex B.3.2.1/B.3.2.2): a sloppy-mode block function also binds a `var` in the
      // enclosing function or script (see collectAnnexB); the analyser only knows the block binding,
      // so a use outside the block resolves further out (or not at all). Not from a parameter list
      // with expressions, which cannot see the body's variables.
      // SPEC §5: its binding kind is `function`, the declaration the user wrote.
      if (this.annexB.get(s)?.has(name) && !paramView) return { type: "binding", name, kind: "function", owner: s };
    }

    if (stop === null) {
      // A script's top-level declarations live in the global scope, where eslint-scope leaves uses of
      // `var` and function declarations unresolved; memoscope reports them as captures of "module"
      // scope (SPEC §5: "declared outside F in an enclosing function or the module"). Same binding,
      // not a correction.
      const top = this.manager.globalScope!.set.get(name);
      return top && this.declaresValue(top) ? this.binding(top, ref) : { type: "global" };
    }
    // The implicit `arguments` variable of a non-arrow function is the arguments object, which memoscope
    // reports as lexical `arguments` of the arrows between (the function's own use is no capture).
    if (name === "arguments" && variable!.defs.length === 0) return { type: "arguments", owner: stop };
    return this.binding(variable!, ref);
  }

  /** Hook: a binding of `name` in scope `s` that the analyser does not know (none in JavaScript). */
  protected missedBinding(_s: AnalyserScope, _name: string): Resolution | undefined {
    return undefined;
  }

  /** Hook: whether a global-scope variable is declared by the program (the analyser's implicit ones have no definition). */
  protected declaresValue(variable: AnalyserVariable): boolean {
    return variable.defs.length > 0;
  }

  /** Hook: the binding kind memoscope reports for a variable (first declaration wins, as in ECMAScript's single binding). */
  protected kindOf(variable: AnalyserVariable): string {
    return definitionKind(variable.defs[0], variable.name);
  }

  /** Hook: whether a parameter list has expressions (a language may have parameter nodes of its own). */
  protected hasParameterExpressions(fn: Node): boolean {
    return hasParameterExpressions(fn);
  }

  /** The binding a resolved variable stands for, with correction 2. */
  protected binding(variable: AnalyserVariable, ref: AnalyserReference): Resolution {
    const owner = variable.scope;
    if (owner.type === "function" && this.hasParameterExpressions(owner.block) && !inParams(owner.block, ref.identifier)) {
      // Correction 2 (FunctionDeclarationInstantiation step 28.f.i.4): when a parameter list has
      // expressions, a body `var` (or function declaration) named like a parameter is a second
      // binding, in the body's environment: the body sees it, not the parameter. eslint-scope merges
      // both into one variable whose first definition is the parameter.
      const fn = owner.block as Node;
      if (variable.defs.some((d) => d.type === "Parameter")) {
        const body = variable.defs.find((d) => d.type !== "Parameter" && !inParams(fn, d.name)) as Node;
        if (body) return { type: "binding", name: variable.name, kind: body.type === "FunctionName" ? "function" : "var", owner };
      }
    }
    return { type: "binding", name: variable.name, kind: this.kindOf(variable), owner };
  }

  /**
   * Annex B.3.2.1/B.3.2.2 (sloppy code only): a plain function declared directly in a block, `case`
   * or `default` clause also binds a `var` of its name in the enclosing function (or script), unless
   * a `var` there would be an early error (a lexical declaration of that name in between or in the
   * function; a simple catch parameter is none, B.3.4), the name is a parameter, or (functions only) it is `arguments`. When a `var` or
   * top-level function of that name already exists, the block function assigns it: no new binding.
   * The analyser only knows the block-scoped binding.
   */
  private collectAnnexB(): void {
    if (this.sourceType === "module") return;
    for (const scope of this.manager.scopes) {
      if (scope.type !== "block" && scope.type !== "switch") continue;
      for (const variable of scope.variables) {
        const def = variable.defs[0] as Node;
        if (def.type !== "FunctionName" || def.node.type !== "FunctionDeclaration" || def.node.async || def.node.generator) continue;
        if (scope.isStrict) continue; // the analyser tracks "use strict", modules and classes
        let target = scope.upper!;
        let blocked = false;
        while (!this.varScopes.has(target.type)) {
          const between = target.set.get(variable.name);
          // A simple catch parameter may be redeclared by a `var` (B.3.4): no early error, no obstacle.
          const simpleCatch = between?.defs[0].type === "CatchClause" && (between.defs[0].node as Node).param.type === "Identifier";
          if (between && !simpleCatch) blocked = true;
          target = target.upper!;
        }
        if (blocked || target.type === "class-static-block") continue;
        const existing = target.set.get(variable.name);
        if (existing && existing.defs.length > 0) continue; // a var, function, parameter or lexical binding
        if (variable.name === "arguments" && target.type === "function") continue;
        if (!this.annexB.has(target)) this.annexB.set(target, new Set());
        this.annexB.get(target)!.add(variable.name);
      }
    }
  }
}

function isAncestor(inner: AnalyserScope, outer: AnalyserScope): boolean {
  for (let s: AnalyserScope | null = inner.upper; s; s = s.upper) if (s === outer) return true;
  return false;
}

/** What `analyserClosures` needs to know of a language besides the analyser's scopes. */
export interface AnalyserView {
  /** The parent of every node, to locate members and fields. */
  parents: Map<Node, Node>;
  resolver: EcmaResolver;
  /** Whether a scope is a unit (a closure of memoscope's report). */
  isUnit(scope: AnalyserScope): boolean;
  /** Whether a reference counts as a use (all do in JavaScript). */
  counts(ref: AnalyserReference): boolean;
}

/** The analyser's closures, by position: each reference charged to every unit between its use and its binding. */
export function analyserClosures(manager: AnalyserScopeManager, view: AnalyserView): Map<string, Closure> {
  const nearestUnit = (scope: AnalyserScope | null): AnalyserScope | null => {
    for (let s = scope; s; s = s.upper) if (view.isUnit(s)) return s;
    return null;
  };
  const closures = new Map<AnalyserScope, Closure>();
  for (const scope of manager.scopes) if (view.isUnit(scope)) closures.set(scope, newClosure());

  for (const scope of manager.scopes) {
    for (const ref of scope.references) {
      if (!view.counts(ref)) continue;
      const home = nearestUnit(ref.from);
      if (home === null) continue;
      const resolution = view.resolver.resolve(ref);
      for (let u: AnalyserScope | null = home; u; u = nearestUnit(u.upper)) {
        if (resolution.type !== "global" && (resolution.owner === u || isAncestor(resolution.owner, u))) break;
        const closure = closures.get(u)!;
        if (resolution.type === "global") closure.globals.add(ref.identifier.name);
        else if (resolution.type === "arguments") closure.lexicalArguments = true;
        else addCapture(closure, resolution.name, resolution.kind, ref.isWrite() && !resolution.property && u === home, u === home);
      }
    }
  }
  const out = new Map<string, Closure>();
  for (const [scope, closure] of closures) out.set(key(unitLoc(scope, view.parents)), closure);
  return out;
}

// ---------------------------------------------------------------------------------------------
// comparison

function plain(closure: Closure | undefined) {
  if (!closure) return undefined;
  return {
    captures: Object.fromEntries(
      [...closure.captures].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, c]) => [name, { kinds: [...c.kinds].sort(), written: c.written, via: c.direct ? "direct" : "nested" }]),
    ),
    globals: [...closure.globals].sort(),
    lexicalArguments: closure.lexicalArguments,
  };
}

/** The three analyses a differential compares, of one source. */
export interface Sides {
  /** The analyser's name, as differences name it. */
  analyser: string;
  /** memoscope's report through the Babel lowering. */
  babel(code: string, sourceType: SourceType): FileReport;
  /** memoscope's report through the TypeScript lowering. */
  ts(code: string, sourceType: SourceType): FileReport;
  /** The analyser's closures. */
  reference(code: string, sourceType: SourceType): Map<string, Closure>;
}

/** A differential test's comparison: the differences of each source, and how much was compared. */
export class Differential {
  /** Closures with captures compared so far (a guard against comparing nothing). */
  compared = 0;

  constructor(private readonly sides: Sides) {}

  /** The differences between the two analyses of one source, as readable lines. */
  differences(code: string, sourceType: SourceType): string[] {
    const babel = this.sides.babel(code, sourceType);
    // The TypeScript lowering must agree with the Babel one exactly.
    expect(JSON.stringify(this.sides.ts(code, sourceType))).toBe(JSON.stringify(babel));
    const ours = memoscopeClosures(babel);
    const theirs = this.sides.reference(code, sourceType);
    const width = Math.max("memoscope".length, this.sides.analyser.length) + 1;
    const out: string[] = [];
    for (const at of new Set([...ours.keys(), ...theirs.keys()])) {
      const a = ours.get(at);
      const b = theirs.get(at);
      if (!a || !b) {
        out.push(`${at}: closure only in ${a ? "memoscope" : this.sides.analyser}`);
        continue;
      }
      // `dynamic`: captures are unknowable (SPEC §5); eslint-scope leaves such references unresolved.
      if (a.dynamic) continue;
      if (a.captures.size > 0) this.compared++;
      const ja = JSON.stringify(plain(a));
      const jb = JSON.stringify(plain(b));
      if (ja !== jb) out.push(`${at}:\n  ${"memoscope".padEnd(width)}${ja}\n  ${this.sides.analyser.padEnd(width)}${jb}`);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// corpus

/** Where the corpora of real code come from: the packages installed for the tests. */
export const NODE_MODULES = path.join(__dirname, "..", "..", "node_modules");

/** Whether a corpus file is installed (a corpus lists only the files that are). */
export const installed = (file: string): boolean => fs.existsSync(path.join(NODE_MODULES, file));

/** A corpus file's source. */
export const readInstalled = (file: string): string => fs.readFileSync(path.join(NODE_MODULES, file), "utf8");
