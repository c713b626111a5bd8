import path from "node:path";
import ts from "typescript";
import { ROOT } from "./support/fixtures";

/**
 * `memoscope/ts-jest`, the ts-jest AST transformer entry, called as ts-jest calls it:
 * `factory(tsCompiler, options)` with ts-jest's compiler object (its `configSet.compilerModule` and
 * language service), on plain `typescript`. e2e/jest-ts-jest runs it inside real ts-jest.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const entry = require(path.join(ROOT, "dist", "ts", "ts-jest.js"));

function compile(source: string, options: Record<string, unknown> = { report: false }): string {
  const fileName = path.join(ROOT, ".fixture-out", "ts-jest", "input.ts");
  const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true, types: [] };
  const files = new Map([[fileName, source]]);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => (files.has(name) ? ts.ScriptSnapshot.fromString(files.get(name)!) : ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => compilerOptions,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
    getCustomTransformers: () => ({ before: [entry.factory(compiler, options)] }),
  };
  const service = ts.createLanguageService(host);
  const compiler = { configSet: { compilerModule: ts, cwd: ROOT }, program: undefined, _languageService: service };
  const output = service.getEmitOutput(fileName);
  return output.outputFiles.find((f) => f.name.endsWith(".js"))!.text;
}

test("exports what ts-jest's astTransformers want: name, version, factory", () => {
  expect(entry.name).toBe("memoscope");
  expect(entry.version).toBe(require(path.join(ROOT, "package.json")).version);
  expect(typeof entry.factory).toBe("function");
});

test("rewrites a tagged function the way memoscope/ts does", () => {
  const code = compile("/** @memoize */\nexport function square(n: number): number { return n * n; }\n");
  expect(code).toContain('require("memoscope/runtime")');
  expect(code).toMatch(/_squareCache\.get\(n\)/);
});

test("a build error fails the transform with file, line and column", () => {
  expect(() => compile("/** @memoize max=0 */\nexport function f(n: number) { return n; }\n")).toThrow(/input\.ts:1:14 - error TS990011: MS011: `max=0` is not valid[^]*\/\*\* @memoize max=0 \*\//);
});

test("a misspelled option fails with the suggestion", () => {
  expect(() => compile("export const x = 1;\n", { reprot: false })).toThrow("memoscope/ts-jest options: MS090: Unknown memoscope option `reprot`. Did you mean `report`?");
});
