import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import ts from "typescript";
import { MODULE, NONE, RefFlag, ScopeBuilder, ScopeFlag, ScopeKind, SymbolFlag, resolveFacts, type BindingKind, type FileFacts, type ScopeTables } from "../dist/core";
import { lower as lowerBabel } from "../dist/babel/lower";
import { lower as lowerTs } from "../dist/ts/lower";

/**
 * The core scope resolver (src/core/scope) on hand-built tables: each ECMAScript rule on the smallest
 * input that shows it, through the builder API a front end uses; then invariants every resolved
 * reference must satisfy, checked over what both lowerings make of every capture fixture.
 */

const at = (line: number, column = 0) => ({ line, column });

/** A builder with a unit around everything, so references are kept (top-level reads are dropped). */
function build(body: (b: ScopeBuilder) => void, flags: ScopeFlag = ScopeFlag.None): { b: ScopeBuilder; facts: FileFacts } {
  const b = new ScopeBuilder();
  b.enter(ScopeKind.Top, flags);
  body(b);
  b.exit();
  return { b, facts: resolveFacts(b) };
}

/** Opens a unit and a function scope: the common "inside a function" context. */
function fn(b: ScopeBuilder, name: string, body: () => void, flags: ScopeFlag = ScopeFlag.None): void {
  b.enterUnit({ kind: flags & ScopeFlag.Arrow ? "arrow" : "function", name, loc: at(1) });
  b.enter(ScopeKind.Function, flags);
  body();
  b.exit();
  b.exitUnit();
}

/** What each reference resolved to: `name→kind@line`, or `name→global`. */
function resolved(facts: FileFacts): string[] {
  return facts.references.map((r) => (r.binding === null ? `${r.name}→global` : `${r.name}→${facts.bindings[r.binding].kind}@${facts.bindings[r.binding].declared.line}`));
}

describe("scope resolver rules", () => {
  test("references resolve after the walk, so hoisted declarations are found (§9.4.2, §10.2.11)", () => {
    const { facts } = build((b) =>
      fn(b, "f", () => {
        b.reference("later", RefFlag.Read, at(2));
        b.enter(ScopeKind.Block);
        b.declare("later", "var", at(3), {});
        b.declare("inner", "let", at(3), {});
        b.exit();
        b.reference("inner", RefFlag.Read, at(4));
      }),
    );
    expect(resolved(facts)).toEqual(["later→var@3", "inner→global"]);
  });

  test("a parameter list with expressions has its own environment (§10.2.11 step 28)", () => {
    const { facts } = build((b) =>
      fn(
        b,
        "f",
        () => {
          b.declare("x", "param", at(1), {});
          b.reference("y", RefFlag.Read, at(1)); // a default naming a body var: not visible
          b.enter(ScopeKind.Body);
          b.declare("x", "var", at(2), {});
          b.declare("y", "var", at(2), {});
          b.reference("x", RefFlag.Read, at(3));
          b.exit();
        },
        ScopeFlag.SplitParams,
      ),
    );
    expect(resolved(facts)).toEqual(["y→global", "x→var@2"]);
  });

  test("without expressions, a body var of a parameter's name is the parameter (one binding)", () => {
    const { facts } = build((b) =>
      fn(b, "f", () => {
        b.declare("x", "param", at(1), {});
        b.declare("x", "var", at(2), {});
        b.reference("x", RefFlag.Read, at(3));
      }),
    );
    expect(resolved(facts)).toEqual(["x→param@1"]);
  });

  test("a named function expression's name is shadowed by any declaration in the function (§15.2.5)", () => {
    for (const kind of ["var", "let", "const", "class", "function"] as BindingKind[]) {
      const { facts } = build((b) => {
        b.enter(ScopeKind.FunctionName);
        b.declare("loop", "function", at(1), {});
        fn(b, "loop", () => {
          b.declare("loop", kind, at(2), {});
          b.reference("loop", RefFlag.Read, at(3));
        });
        b.exit();
      });
      expect(resolved(facts)).toEqual([`loop→${kind}@2`]);
    }
    const { facts } = build((b) => {
      b.enter(ScopeKind.FunctionName);
      b.declare("self", "function", at(1), {});
      fn(b, "self", () => b.reference("self", RefFlag.Read, at(3)));
      b.exit();
    });
    // The name lives outside the function: its unit is the one around the expression.
    expect(facts.bindings[facts.references[0].binding!].unit).toBe(MODULE);
  });

  test("`arguments` is the nearest non-arrow function's own, after its declarations (§10.2.11 step 22)", () => {
    const { facts } = build((b) =>
      fn(b, "f", () => {
        fn(b, "arrow", () => b.reference("arguments", RefFlag.Read, at(2)), ScopeFlag.Arrow);
        fn(b, "g", () => {
          b.declare("arguments", "param", at(3), {});
          b.reference("arguments", RefFlag.Read, at(3));
        });
      }),
    );
    expect(facts.lexical).toEqual([{ unit: 1, keyword: "arguments" }]);
    expect(resolved(facts)).toEqual(["arguments→param@3"]);
  });

  test("Annex B.3.3: a block function in sloppy code is also bound in the function, as kind function", () => {
    const sloppy = (decl: (b: ScopeBuilder) => void, flags = ScopeFlag.None, repeats = false) =>
      build((b) =>
        fn(
          b,
          "f",
          () => {
            decl(b);
            b.enter(ScopeKind.Block);
            b.declare("g", "function", at(5), {}, SymbolFlag.BlockFunction | (repeats ? SymbolFlag.Repeats : 0));
            b.exit();
            b.reference("g", RefFlag.Read, at(9));
          },
          flags,
        ),
      ).facts;
    const plain = sloppy(() => {});
    expect(resolved(plain)).toEqual(["g→function@5"]);
    expect(plain.bindings[plain.references[0].binding!]).toMatchObject({ unit: 0, reassigned: false });
    expect(resolved(sloppy(() => {}, ScopeFlag.Strict))).toEqual(["g→global"]);
    const looped = sloppy(() => {}, ScopeFlag.None, true);
    expect(looped.bindings[looped.references[0].binding!].reassigned).toBe(true);
    // A parameter of that name: no var.
    expect(resolved(sloppy((b) => b.declare("g", "param", at(1), {})))).toEqual(["g→param@1"]);
    // An existing var: that var, now assigned when the block runs.
    const existing = sloppy((b) => b.declare("g", "var", at(2), {}));
    expect(resolved(existing)).toEqual(["g→var@2"]);
    expect(existing.bindings[existing.references[0].binding!].reassigned).toBe(true);
  });

  test("Annex B: a lexical binding in between stops it, a simple catch parameter does not (B.3.4)", () => {
    const between = (kind: BindingKind, flags: SymbolFlag) =>
      build((b) =>
        fn(b, "f", () => {
          b.enter(ScopeKind.Block);
          b.declare("e", kind, at(2), {}, flags);
          b.enter(ScopeKind.Block);
          b.declare("e", "function", at(3), {}, SymbolFlag.BlockFunction);
          b.exit();
          b.exit();
          b.reference("e", RefFlag.Read, at(9));
        }),
      ).facts;
    expect(resolved(between("let", SymbolFlag.None))).toEqual(["e→global"]);
    expect(resolved(between("catch", SymbolFlag.None))).toEqual(["e→global"]);
    expect(resolved(between("catch", SymbolFlag.SimpleCatch))).toEqual(["e→function@3"]);
  });

  test("TypeScript: enum members and merged namespace exports are reads of the enum or namespace", () => {
    const { facts } = build((b) => {
      b.declare("E", "enum", at(1), {}, SymbolFlag.Merges);
      b.declare("N", "namespace", at(2), {}, SymbolFlag.Merges);
      fn(b, "f", () => {
        b.enter(ScopeKind.Enum, ScopeFlag.None, { target: "E", names: new Set(["A"]) });
        b.reference("A", RefFlag.Read, at(3));
        b.exit();
        b.enter(ScopeKind.Namespace, ScopeFlag.None, { target: "N", names: new Set(["a", "own"]) });
        b.declare("own", "const", at(4), {});
        b.reference("a", RefFlag.Write, at(5));
        b.reference("own", RefFlag.Read, at(5));
        b.exit();
      });
    });
    expect(resolved(facts)).toEqual(["E→enum@1", "N→namespace@2", "own→const@4"]);
    expect(facts.references[1]).toMatchObject({ read: true, write: false });
  });

  test("TypeScript: an enum or namespace merges into another declaration of its name, whichever comes first", () => {
    const { facts } = build((b) => {
      b.declare("V", "namespace", at(1), {}, SymbolFlag.Merges);
      b.declare("V", "function", at(2), {});
      b.declare("V", "enum", at(3), {}, SymbolFlag.Merges);
      fn(b, "f", () => b.reference("V", RefFlag.Read, at(4)));
    });
    expect(resolved(facts)).toEqual(["V→function@2"]);
  });

  test("a var initialiser reassigns unless it is the first declaration, run once (§14.3.2.1, B.3.4)", () => {
    const first = {};
    const { facts } = build((b) =>
      fn(b, "f", () => {
        b.declare("once", "var", at(1), first);
        b.initialiser("once", first, false);
        const again = {};
        b.declare("twice", "var", at(2), {});
        b.declare("twice", "var", at(3), again);
        b.initialiser("twice", again, false);
        const looped = {};
        b.declare("looped", "var", at(4), looped);
        b.initialiser("looped", looped, true);
        b.enter(ScopeKind.Block);
        b.declare("e", "catch", at(5), {}, SymbolFlag.SimpleCatch);
        const inCatch = {};
        b.declare("e", "var", at(6), inCatch);
        b.initialiser("e", inCatch, false);
        b.exit();
      }),
    );
    const byName = (n: string) => facts.bindings.filter((x) => x.name === n).map((x) => `${x.kind}:${x.reassigned}`);
    expect([byName("once"), byName("twice"), byName("looped"), byName("e")]).toEqual([["var:false"], ["var:true"], ["var:true"], ["catch:true", "var:false"]]);
  });

  test("calls: a global root is kept for MS103, a local one is not; a global plain eval is direct (§19.2.1.1)", () => {
    const { facts } = build((b) =>
      fn(b, "f", () => {
        b.declare("Math", "const", at(1), {});
        b.call(["Math", "random"], false, true, 0, at(2));
        b.call(["Date", "now"], false, true, 0, at(3));
        b.call(["eval"], false, true, 1, at(4));
        b.call(["eval"], false, false, 1, at(5));
      }),
    );
    expect(facts.calls.map((c) => c.callee)).toEqual(["Date.now", "eval", "eval"]);
    expect(facts.dynamic).toEqual([{ unit: 0, kind: "eval", at: at(4) }]);
  });

  test("`with`: the statement's unit and every unit starting in its body are dynamic (§14.11)", () => {
    const { facts } = build((b) =>
      fn(b, "f", () => {
        b.enter(ScopeKind.With, ScopeFlag.None, undefined, at(2));
        fn(b, "inner", () => {});
        b.exit();
        fn(b, "after", () => {});
      }),
    );
    expect(facts.dynamic).toEqual([
      { unit: 0, kind: "with", at: at(2) },
      { unit: 1, kind: "with", at: at(1) },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// invariants over real lowerings ("contract as code")

function isAncestorOrSelf(t: ScopeTables, outer: number, inner: number): boolean {
  for (let s = inner; s !== NONE; s = t.scopes.parent[s]) if (s === outer) return true;
  return false;
}

function checkInvariants(b: ScopeBuilder): number {
  const facts = resolveFacts(b);
  const t = b.tables;
  let checked = 0;
  for (let i = 0; i < t.references.name.length; i++) {
    const s = t.references.symbol[i];
    if (s === NONE) continue;
    // A reference resolves to a symbol declared in its own scope or one around it, under that name,
    // unless an enum or namespace alias redirected it to the enum or namespace itself.
    const aliased = t.symbols.name[s] !== t.references.name[i];
    if (!aliased) expect(isAncestorOrSelf(t, t.symbols.scope[s], t.references.scope[i])).toBe(true);
    else expect(["enum", "namespace"]).toContain(t.symbols.kind[s]);
    checked++;
  }
  // Units are in pre-order, and a binding's unit encloses every reference that captures it.
  facts.units.forEach((u, id) => expect(u.parent).toBeLessThan(id));
  for (const r of facts.references) {
    if (r.binding === null) continue;
    const owner = facts.bindings[r.binding].unit;
    let u = r.unit;
    while (u !== MODULE && u !== owner) u = facts.units[u].parent;
    expect(u).toBe(owner);
  }
  return checked;
}

let checkedReferences = 0;

describe("resolver invariants over both lowerings of every capture fixture", () => {
  const root = path.join(__dirname, "..", "fixtures", "captures");
  const inputs = fs
    .readdirSync(root)
    .filter((name) => fs.statSync(path.join(root, name)).isDirectory())
    .sort()
    .map((name) => path.join(root, name, fs.readdirSync(path.join(root, name)).find((f) => f.startsWith("input."))!));
  test.each(inputs)("%s", (file) => {
    const code = fs.readFileSync(file, "utf8");
    const isTs = /\.tsx?$/.test(file);
    const ast = parse(code, { sourceType: "unambiguous", plugins: isTs ? ["typescript", "decorators-legacy"] : ["jsx"] });
    const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, isTs ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
    checkedReferences += checkInvariants(lowerBabel(ast.program, new Map()));
    checkedReferences += checkInvariants(lowerTs(ts, sf, new Map()));
  });
  test("resolved references were checked", () => {
    expect(checkedReferences).toBeGreaterThan(100);
  });
});

describe("what the whole-program pass reads from the tables", () => {
  const code = `import d, { x as y } from "m"; import * as ns from "n";
    export { y as z }; export * from "q"; export { k } from "r"; export default d;
    export const c = 1; export function f() { return Math.random() + d() + ns.g(); }`;
  const sides = {
    babel: () => lowerBabel(parse(code, { sourceType: "module" }).program, new Map()),
    ts: () => lowerTs(ts, ts.createSourceFile("input.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS), new Map()),
  };
  test.each(Object.entries(sides))("%s: imports keep their origin, exports and calls their symbols", (_side, lowered) => {
    const b = lowered();
    resolveFacts(b);
    const t = b.tables;
    const sym = (i: number) => (i === NONE ? "-" : t.symbols.name[i]);
    expect(t.symbols.name.map((n, i) => [n, t.symbols.origin[i] ?? null, (t.symbols.flags[i] & SymbolFlag.Exported) !== 0])).toEqual([
      ["d", { source: "m", imported: "default" }, false],
      ["y", { source: "m", imported: "x" }, false],
      ["ns", { source: "n", imported: "*" }, false],
      ["c", null, true],
      ["f", null, true],
    ]);
    expect(t.exports.exported.map((e, i) => `${e}<-${t.exports.local[i] ?? `${t.exports.source[i]}:${t.exports.imported[i]}`}=${sym(t.exports.symbol[i])}`)).toEqual([
      "z<-y=y",
      "*<-q:*=-",
      "k<-r:k=-",
      "default<-d=d",
    ]);
    expect(t.calls.chain.map((c, i) => `${c!.join(".")}=${sym(t.calls.symbol[i])}`)).toEqual(["Math.random=-", "d=d", "ns.g=ns"]);
  });
});
