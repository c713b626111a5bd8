import fs from "node:fs";
import path from "node:path";
import { parseSync, types as t } from "@babel/core";
import ts from "typescript";
import { analyzeModule as babelModule } from "../dist/babel/lower";
import { analyzeModule as tsModule } from "../dist/ts/lower";
import { NODE_MODULES } from "./support/differential";

/**
 * Issue 12: both front ends give the same module summary on real TypeScript (rxjs and zod sources
 * installed for the tests): imports, exports, reassigned state, every function's ref, effects, calls
 * and unresolved calls. No tags here (summaries cover every function a call can name), so this checks
 * the extraction itself on code nobody wrote for it; fixtures/** are compared through full builds in
 * program-summary-parity.test.ts.
 */

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

const corpus = [...tsFiles(path.join(NODE_MODULES, "rxjs", "src", "internal")), ...tsFiles(path.join(NODE_MODULES, "zod", "src", "v4", "core")), ...tsFiles(path.join(NODE_MODULES, "zod", "src", "v3"))]
  .map((f) => path.relative(NODE_MODULES, f))
  .sort();

function fromBabel(code: string, key: string) {
  const ast = parseSync(code, {
    filename: "input.ts",
    babelrc: false,
    configFile: false,
    sourceType: "module",
    parserOpts: { plugins: ["decorators-legacy", "decoratorAutoAccessors"] },
    presets: [["@babel/preset-typescript", { allowDeclareFields: true }]],
  }) as t.File;
  return babelModule(ast.program, new Map(), key).summary;
}

function fromTs(code: string, key: string) {
  const sf = ts.createSourceFile("input.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return tsModule(ts, sf, new Map(), key).summary;
}

test("the corpus is there", () => {
  expect(corpus.length).toBeGreaterThan(200);
});

const seen = { functions: 0, calls: 0, unresolved: 0, effects: 0 };

test.each(corpus)("%s: same summary from Babel and TypeScript", (file) => {
  const code = fs.readFileSync(path.join(NODE_MODULES, file), "utf8");
  const babel = fromBabel(code, file);
  expect(fromTs(code, file)).toEqual(babel);
  for (const f of babel.functions) {
    seen.functions++;
    seen.calls += f.calls.length;
    seen.unresolved += f.unresolved.length;
    seen.effects += f.effects.length;
  }
});

test("the comparison covered real functions, calls, unresolved calls and effects", () => {
  expect(seen.functions).toBeGreaterThan(1000);
  expect(seen.calls).toBeGreaterThan(1000);
  expect(seen.unresolved).toBeGreaterThan(100);
  expect(seen.effects).toBeGreaterThan(100);
});
