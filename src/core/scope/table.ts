import type { Position } from "../diagnostics";
import type { BindingKind } from "../captures/facts";

/**
 * The lowered form of one file, as plain data (oxc's `Scoping`, typescript-eslint's scope manager):
 * integer ids into flat arrays, no AST. A front end fills it through the builder (builder.ts) in one
 * walk; the resolver (resolve.ts) then settles every reference in one pass. Ids are array indexes;
 * `NONE` (-1) stands for "no scope / no symbol", `MODULE` (-1) for the top level where a unit is meant.
 */

/** No scope, no symbol. */
export const NONE = -1;

/**
 * What a scope is. Every kind is an ECMAScript Environment Record the resolver must know apart
 * (ECMA-262 §9.1), plus TypeScript's enum initialiser and namespace body.
 */
export enum ScopeKind {
  /** A script or module: the var scope at the top (§16.1.7 GlobalDeclarationInstantiation, §16.2.1.6.4 InitializeEnvironment). */
  Top,
  /** A function's parameters and, unless they contain expressions, its body too (§10.2.11 FunctionDeclarationInstantiation). */
  Function,
  /** The separate var environment of a function whose parameters contain expressions (§10.2.11 step 28). */
  Body,
  /** The environment holding a named function expression's own name (§15.2.5 InstantiateOrdinaryFunctionExpression). */
  FunctionName,
  /** A class's own scope: its inner, immutable name binding (§15.7.14 ClassDefinitionEvaluation step 3). */
  Class,
  /** A block, `catch` clause, `for` head or `switch` (§14.2.2 BlockDeclarationInstantiation, §14.7.4.2, §14.15.2). */
  Block,
  /** A class static block: its own var scope (§15.7.11 ClassStaticBlockDefinitionEvaluation). */
  StaticBlock,
  /** A `with` body: an object Environment Record, whose names are unknowable (§14.11). */
  With,
  /** TypeScript: a namespace body, a var scope whose sibling declarations' exports are in scope too. */
  Namespace,
  /** TypeScript: an enum's member initialisers, where the enum's members are in scope. */
  Enum,
}

/** Scope flags. */
export enum ScopeFlag {
  None = 0,
  /** Holds `var` declarations (and function declarations at its top level). */
  Var = 1,
  /** An arrow function: no `arguments`, `this`, `super` or `new.target` of its own. */
  Arrow = 2,
  /** Strict mode code (§11.2.2). */
  Strict = 4,
  /** The parameter list contains expressions, so the body has its own var scope (`Body`). */
  SplitParams = 8,
}

/** Names a TypeScript enum or namespace scope brings into scope, each standing for `target.name` (`E.A`, `N.a`). */
export interface Aliases {
  /** The enum or namespace name the aliased names are properties of. */
  target: string;
  names: ReadonlySet<string>;
}

/** Reference flags (oxc's ReferenceFlags). */
export enum RefFlag {
  Read = 1,
  Write = 2,
  ReadWrite = 3,
}

/** Symbol flags. */
export enum SymbolFlag {
  None = 0,
  /** A plain function declared in a block (Annex B.3.3 candidate, when the code is sloppy). */
  BlockFunction = 1,
  /** Declared in a loop body (a `var` initialiser or Annex B assignment then runs once per iteration). */
  Repeats = 2,
  /** A catch parameter that is a plain identifier (B.3.4 lets a `var` redeclare it). */
  SimpleCatch = 4,
  /** An enum or namespace: merges into any other declaration of the name in its scope (TypeScript). */
  Merges = 8,
  /** Exported from the module (for the whole-program pass). */
  Exported = 16,
}

/** An import's origin (for the whole-program pass: imports are live bindings). */
export interface ImportOrigin {
  source: string;
  /** The imported name; `default`, or `*` for a namespace import. */
  imported: string;
}

/** One file's scopes, symbols, references and calls. */
export interface ScopeTables {
  scopes: {
    kind: ScopeKind[];
    flags: ScopeFlag[];
    parent: number[];
    /** Unit in force where the scope starts (MODULE at the top). */
    unit: number[];
    /** Own symbols by name, created on first declaration. */
    names: (Map<string, number> | undefined)[];
    aliases: (Aliases | undefined)[];
  };
  symbols: {
    name: string[];
    kind: BindingKind[];
    scope: number[];
    flags: SymbolFlag[];
    /** The first declaration's position and node token (to tell it from redeclarations). */
    declared: Position[];
    node: unknown[];
    /** Assigned after its declaration by something that is not a write reference. */
    reassigned: boolean[];
    origin: (ImportOrigin | undefined)[];
  };
  references: {
    name: string[];
    scope: number[];
    unit: number[];
    flags: RefFlag[];
    at: Position[];
    /** Filled by the resolver: a symbol id, or NONE (a global, or `arguments` of the enclosing function). */
    symbol: number[];
  };
  /** `var` initialisers (and `for (var … in/of …)` heads): writes that are not references. */
  initialisers: { name: string[]; scope: number[]; node: unknown[]; repeats: boolean[] };
  /**
   * Export lists (`export { a as b }`, `export default a`, `export { x } from "m"`, `export * from "m"`);
   * exported declarations carry `SymbolFlag.Exported` instead. For the whole-program pass.
   */
  exports: {
    /** The local name exported, or undefined for a re-export from another module. */
    local: (string | undefined)[];
    /** The name importers see (`default`; `*` for `export * from`). */
    exported: string[];
    /** The module re-exported from, if any. */
    source: (string | undefined)[];
    /** For a re-export, the name it has in that module (`*` for a whole namespace). */
    imported: (string | undefined)[];
    /** Filled by the resolver: the local name's symbol, or NONE. */
    symbol: number[];
  };
  calls: {
    /** The callee as a chain of names (`["Math", "random"]`), or undefined when it is no such chain. */
    chain: (string[] | undefined)[];
    scope: number[];
    unit: number[];
    isNew: boolean[];
    /** A plain call `eval(…)` (not optional, not `new`): direct eval when `eval` is the global. */
    direct: boolean[];
    argCount: number[];
    at: Position[];
    /** Filled by the resolver: the symbol the chain's first name resolves to, or NONE. */
    symbol: number[];
  };
}
