import { transformSync } from "@babel/core";
import path from "node:path";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";
import { ROOT } from "./support/fixtures";

/**
 * `key=NAME` through both front ends: NAME must be a binding of the file that can be a function.
 * Each case is one small module; the tag's `key=` word is on line `line`, NAME at `column` (0-based).
 */

const FILE = path.join(ROOT, "fixtures", "rewrite", "key-name-virtual.ts");

function babelError(source: string): string | undefined {
  try {
    transformSync(source, babelOptions(FILE, { report: false }));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function tsErrors(source: string) {
  return compileFileWithTs(FILE, { report: false }, { source }).errors.filter((e) => e.code.startsWith("MS"));
}

/** A tagged function keyed by `name`, after `prelude`; NAME stands at line 2 + prelude lines, column 17. */
function tagged(prelude: string, name: string): { source: string; line: number } {
  const lines = prelude === "" ? [] : prelude.split("\n");
  return { source: [...lines, `/** @memoize key=${name} */`, "export function f(n: number) { return n; }", ""].join("\n"), line: lines.length + 1 };
}

describe("key=NAME rejected with a build error at NAME, on both paths", () => {
  test.each([
    ["a global: JSON", "", "JSON", "MS030", ["`JSON` is a global", "Did you mean `key=json`?"]],
    ["a global: String", "", "String", "MS030", ["`String` is a global"]],
    ["a global: eval", "", "eval", "MS030", ["`eval` is a global"]],
    ["the global value undefined", "", "undefined", "MS030", ["the global value `undefined`"]],
    ["arguments", "", "arguments", "MS030", ["`arguments` object"]],
    ["Identity (no such binding) suggests identity", "", "Identity", "MS017", ["no `Identity` in scope", "Did you mean `key=identity`?"]],
    ["Json (no such binding) suggests json", "", "Json", "MS017", ["Did you mean `key=json`?"]],
    ["nothing of that name", "", "hashIt", "MS017", ["no `hashIt` in scope"]],
    ["a const holding a number", "const k = 3;", "k", "MS030", ["a `const` holding the number 3, not a function"]],
    ["a const holding a string", "const k = `x`;", "k", "MS030", ["a `const` holding a string"]],
    ["a const holding an object literal", "const k = { a: 1 } as const;", "k", "MS030", ["a `const` holding an object literal"]],
    ["a const holding an array", "const k = [1, 2];", "k", "MS030", ["a `const` holding an array"]],
    ["a const holding arithmetic", "const k = 1 + 2;", "k", "MS030", ["a number, string or boolean"]],
    ["a let never reassigned holding null", "let k = null;", "k", "MS030", ["a `let` holding null"]],
    ["a let never assigned", "let k;", "k", "MS030", ["a `let` that is never assigned"]],
    ["a class declaration", "class K {}", "K", "MS030", ["a class cannot be called without `new`"]],
    ["a const holding a class expression", "const K = class {};", "K", "MS030", ["a `const` holding a class", "without `new`"]],
    ["a namespace import", 'import * as ns from "node:path";\nexport const keep = ns;', "ns", "MS030", ["a namespace import"]],
    ["an enum", "enum E { A }", "E", "MS030", ["an enum"]],
    ["a type-only import", 'import type { Hash } from "./hash";', "Hash", "MS030", ["a type-only import"]],
    ["a type-only import specifier", 'import { type Hash } from "./hash";', "Hash", "MS030", ["a type-only import"]],
    ["a namespace", "namespace N { export const a = 1; }", "N", "MS030", ["a namespace"]],
    ["a const named JSON holding a number still suggests json", "const JSON = 3;", "JSON", "MS030", ["holding the number 3", "Did you mean `key=json`?"]],
  ])("%s", (_title, prelude, name, code, words) => {
    const { source, line } = tagged(prelude, name);
    const babel = babelError(source);
    expect(babel).toBeDefined();
    expect(babel).toContain(`${code}:`);
    expect(babel).toContain(`(${line}:17)`);
    for (const w of words) expect(babel).toContain(w);
    const ts = tsErrors(source);
    expect(ts.map((e) => [e.code, e.line, e.column])).toEqual([[code, line, 17]]);
    for (const w of words) expect(ts[0].message).toContain(w);
  });
});

describe("key=NAME accepted on both paths", () => {
  test.each([
    ["a function declaration (hoisted, declared after the tag)", "", "export function k(n: number) { return n; }"],
    ["a const holding an arrow", "const k = (n: number) => n;", ""],
    ["a const holding a function expression, wrapped in `as`", "const k = function (n: number) { return n; } as (n: number) => number;", ""],
    ["a const holding a call result (the build cannot see through it)", "const make = () => (n: number) => n;\nconst k = make();", ""],
    ["a named import", 'import { basename as k } from "node:path";', ""],
    ["a default import", 'import k from "node:path";', ""],
    ["a let holding a function", "let k = (n: number) => n;", ""],
    ["a let assigned later (judged by no declaration)", "let k: any = null;\nk = (n: number) => n;", ""],
    ["a const named like a global shadows it", "const JSON = (n: number) => n;", ""],
  ])("%s", (_title, prelude, after) => {
    const name = prelude.includes("JSON") ? "JSON" : "k";
    const { source } = tagged(prelude, name);
    const full = source + after + "\n";
    expect(babelError(full)).toBeUndefined();
    expect(tsErrors(full)).toEqual([]);
  });

  test("a parameter of the enclosing function (a factory taking the key function)", () => {
    const source = "export function make(k: (n: number) => string) {\n  /** @memoize key=k */\n  const f = (n: number) => n;\n  return f;\n}\n";
    expect(babelError(source)).toBeUndefined();
    expect(tsErrors(source)).toEqual([]);
  });
});
