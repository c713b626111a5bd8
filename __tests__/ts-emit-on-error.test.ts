import fs from "node:fs";
import path from "node:path";
import type * as TS from "typescript";
import { ts } from "./support/compile-ts";
import { OUT, ROOT } from "./support/fixtures";

/**
 * A file with a build error emits nothing on the TypeScript path too (issue 10 item 8). ts-patch runs
 * transformers while TypeScript emits, after `noEmitOnError` was checked, so without help tsc wrote the
 * file unmemoized; memoscope withholds the file's outputs (.js, .d.ts, map) from the emit host instead
 * (src/ts/withhold.ts), whatever `noEmitOnError` says. The build fails with the error diagnostic, and
 * the other files are emitted as usual.
 */

const DIR = path.join(OUT, "ts-emit-on-error");
const transform = path.join(ROOT, "dist", "ts", "index.js");
const BAD = "/** @memoize max=0 */\nexport function sq(n: number) { return n * n; }\n";
const GOOD = "/** @memoize */\nexport function cube(n: number) { return n * n * n; }\n";

function build(noEmitOnError: boolean, plugin: Record<string, unknown> = {}, bad = BAD): { outputs: Map<string, string>; errors: string[] } {
  fs.mkdirSync(path.join(DIR, "src"), { recursive: true });
  fs.writeFileSync(path.join(DIR, "src", "bad.ts"), bad);
  fs.writeFileSync(path.join(DIR, "src", "good.ts"), GOOD);
  const options: TS.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    declaration: true,
    sourceMap: true,
    skipLibCheck: true,
    types: [],
    rootDir: path.join(DIR, "src"),
    outDir: path.join(DIR, "out"),
    noEmitOnError,
    plugins: [{ transform, report: false, ...plugin }] as unknown as TS.PluginImport[],
  };
  const program = ts.createProgram([path.join(DIR, "src", "bad.ts"), path.join(DIR, "src", "good.ts")], options);
  const outputs = new Map<string, string>();
  const result = program.emit(undefined, (name, text) => outputs.set(path.basename(name), text));
  const errors = result.diagnostics.map((d) => {
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
    return `${path.basename(d.file!.fileName)}:${line + 1}:${character + 1} TS${d.code}`;
  });
  return { outputs, errors };
}

test.each([false, true])("noEmitOnError: %s — the build fails, the file with the error emits nothing, the others are emitted memoized", (noEmitOnError) => {
  const { outputs, errors } = build(noEmitOnError);
  expect(errors).toEqual(["bad.ts:1:14 TS990011"]);
  expect([...outputs.keys()].sort()).toEqual(["good.d.ts", "good.js", "good.js.map"]);
  expect(outputs.get("good.js")).toContain('require("memoscope/runtime")');
});

test("a finding that strict: true makes an error withholds the file too", () => {
  const { outputs, errors } = build(false, { strict: true }, "let n = 0;\nexport const bump = () => n++;\n/** @memoize */\nexport function read(k: number) { return k + n; }\n");
  expect(errors).toEqual(["bad.ts:4:46 TS990101"]);
  expect([...outputs.keys()].sort()).toEqual(["good.d.ts", "good.js", "good.js.map"]);
});

test("a build without errors emits every file", () => {
  const { outputs, errors } = build(true, {}, "export const one = 1;\n");
  expect(errors).toEqual([]);
  expect([...outputs.keys()].sort()).toEqual(["bad.d.ts", "bad.js", "bad.js.map", "good.d.ts", "good.js", "good.js.map"]);
});
