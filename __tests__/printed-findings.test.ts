import { transformSync } from "@babel/core";
import fs from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import { SourceLines, codeFrame } from "../src/core/print";
import { babelOptions } from "./support/compile-babel";
import { ts } from "./support/compile-ts";
import { OUT, ROOT } from "./support/fixtures";

/**
 * What a build prints (SPEC §5, issue 10 item 7): `path:line:column: warning MSxxx: message` and a code
 * frame, the same text from both front ends, each finding once per build and file content (ts-loader
 * emits a file twice; watch mode and dev servers transform unchanged files again), info findings
 * (MS104) in the report only.
 */

// @babel/code-frame ships no types; the one function used here, as its README documents it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { codeFrameColumns } = require("@babel/code-frame") as {
  codeFrameColumns(text: string, loc: { start: { line: number; column: number } }, options: { highlightCode: boolean }): string;
};

const DIR = path.join(OUT, "printed-findings");
const transform = path.join(ROOT, "dist", "ts", "index.js");

const SOURCE = `let rate = 2;
export function setRate(next: number) {
  rate = next;
}
/** @memoize */
export function price(amount: number) {
  return amount * rate;
}
/** @memoize */
export const keys = (o: object) => Object.keys(o).join(",");
/** @memoized */
export function plain(n: number) {
  return n;
}
`;

const EXPECTED = `src/price.ts:7:19: warning MS101: price is memoized but captures \`rate\` (let, module scope), which is reassigned: a cached result goes stale when it changes. Pass it as an argument, make it a constant, or call cacheOf(…).clear() whenever it changes.
   5 | /** @memoize */
   6 | export function price(amount: number) {
>  7 |   return amount * rate;
     |                   ^
   8 | }
   9 | /** @memoize */
  10 | export const keys = (o: object) => Object.keys(o).join(",");
src/price.ts:11:5: warning MS020: @memoized is not a memoscope tag and is ignored. Did you mean @memoize?
   9 | /** @memoize */
  10 | export const keys = (o: object) => Object.keys(o).join(",");
> 11 | /** @memoized */
     |     ^
  12 | export function plain(n: number) {
  13 |   return n;
  14 | }
`;

/** Runs `build` and returns what it wrote to stderr. */
function stderrOf(build: () => unknown): string {
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    build();
  } finally {
    process.stderr.write = write;
  }
  return writes.join("");
}

const file = path.join(DIR, "src", "price.ts");

beforeAll(() => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, SOURCE);
});

describe("Babel path", () => {
  // One options object, as babel-loader and the bundler plugins keep theirs: Babel reuses the plugin instance.
  const options = babelOptions(file, { report: false, root: DIR });
  const babel = (source: string) => transformSync(source, options)!;

  test("prints the findings as tsc and ESLint print them, with a code frame; MS104 goes to the report only", () => {
    let result: ReturnType<typeof babel> | undefined;
    expect(stderrOf(() => (result = babel(SOURCE)))).toBe(EXPECTED);
    const closures = (result!.metadata as unknown as { memoscope: { closures: Array<{ name: string; diagnostics: Array<{ code: string }> }> } }).memoscope.closures;
    expect(closures.find((c) => c.name === "keys")!.diagnostics.map((d) => d.code)).toEqual(["MS104"]);
  });

  test("the same file, unchanged, transformed again in the same build prints nothing; changed, it prints again", () => {
    expect(stderrOf(() => babel(SOURCE))).toBe("");
    const changed = SOURCE.replace("return n;", "return n + 1;");
    expect(stderrOf(() => babel(changed))).toBe(EXPECTED.replace("return n;", "return n + 1;"));
    expect(stderrOf(() => babel(changed))).toBe("");
  });

  test("a new plugin instance (a new build) prints again", () => {
    expect(stderrOf(() => transformSync(SOURCE, babelOptions(file, { report: false, root: DIR })))).toBe(EXPECTED);
  });
});

describe("TypeScript path", () => {
  /** A program over the file with `options`; `text` replaces the file's content. */
  function program(options: TS.CompilerOptions, text: string): TS.Program {
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, ...rest) => (path.resolve(name) === file ? ts.createSourceFile(name, text, version, true) : read(name, version, ...rest));
    return ts.createProgram([file], options, host);
  }
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    skipLibCheck: true,
    types: [],
    outDir: path.join(DIR, "out"),
    configFilePath: path.join(DIR, "tsconfig.json"),
    plugins: [{ transform, report: false }] as unknown as TS.PluginImport[],
  } as TS.CompilerOptions;
  const emit = (p: TS.Program) => p.emit(p.getSourceFile(file), () => undefined);

  test("prints exactly what the Babel path prints", () => {
    expect(stderrOf(() => emit(program(options, SOURCE)))).toBe(EXPECTED);
  });

  test("a file emitted twice (as ts-loader does) or rebuilt unchanged prints once; changed, it prints again", () => {
    const again = program(options, SOURCE);
    expect(stderrOf(() => (emit(again), emit(again)))).toBe("");
    const changed = SOURCE.replace("return n;", "return n + 1;");
    expect(stderrOf(() => emit(program(options, changed)))).toBe(EXPECTED.replace("return n;", "return n + 1;"));
  });

  test("another build (other compiler options) prints again", () => {
    expect(stderrOf(() => emit(program({ ...options }, SOURCE)))).toBe(EXPECTED);
  });
});

describe("code frame", () => {
  const text = "const a = 1;\n\tconst b = 2;\r\nlet c = 3;\n\n// five\nsix();\nseven();\neight();\nnine();\nten();\n";
  test.each([
    [1, 0],
    [2, 7],
    [3, 4],
    [6, 2],
    [10, 3],
    [11, 0],
  ])("line %i, column %i is laid out as @babel/code-frame lays it out", (line, column) => {
    expect(codeFrame(new SourceLines(text), { line, column })).toBe(codeFrameColumns(text, { start: { line, column: column + 1 } }, { highlightCode: false }));
  });
});
