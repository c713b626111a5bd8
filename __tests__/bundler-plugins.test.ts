import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TOOLS, type Tool } from "./support/bundlers";
import { stripVTControlCharacters } from "node:util";

/**
 * memoscope/rollup, /vite, /esbuild, /webpack and /rspack, each run by the real bundler on the fixture
 * apps in fixtures/bundler/ (a child process per build: Vite and unplugin are ES modules). The output
 * runs: memoized bodies run once, `cacheOf(...).info()` counts hits, a throw inside a memoized function
 * maps back to its line in math.ts; findings arrive through the bundler's warning API with
 * path:line:column, build errors through its error API with a code frame, and the report is written.
 */
const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".fixture-out", "bundler");

interface Log {
  message: string;
  loc: { line: number; column: number; file?: string } | null;
  frame: string | null;
  code: string | null;
}
interface Built {
  output: string;
  warnings: Log[];
  errors: Log[];
  printed: string;
}

function bundle(tool: Tool, fixture: string, name: string, options: object, extra: object = {}): Built {
  const out = path.join(OUT, `${tool}-${name}`);
  const stdout = execFileSync(process.execPath, [path.join(__dirname, "support", "bundle.mjs"), JSON.stringify({ tool, fixture, out, options, ...extra })], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(stdout.slice(stdout.indexOf("@@memoscope-result@@") + "@@memoscope-result@@".length));
}

function run(output: string, expression: string): string {
  return execFileSync(process.execPath, ["--enable-source-maps", "-e", `const m = require(${JSON.stringify(output)}); process.stdout.write(${expression});`], { cwd: ROOT, encoding: "utf8" });
}

/** Rollup prints `file (line:column)` from the structured log (Vite gets both); the others get `path:line:column` (1-based column) in the text. */
function located(tool: Tool, w: Log, line: number, column: number): boolean {
  if (tool === "vite" && !w.message.startsWith(`src/math.ts:${line}:${column + 1}: MS`)) return false;
  if (tool === "rollup" || tool === "vite") return w.loc?.line === line && w.loc?.column === column && /math\.ts$/.test(w.loc?.file ?? "");
  return w.message.includes(`math.ts:${line}:${column + 1}`);
}

describe.each(TOOLS)("memoscope/%s", (tool) => {
  let built: Built;
  const report = path.join(OUT, `${tool}-report`, "report.json");

  beforeAll(() => {
    fs.rmSync(report, { force: true });
    built = bundle(tool, "app", "app", { report });
  }, 120000);

  test("memoizes: bodies run once, cacheOf(...).info() counts the hit", () => {
    expect(built.errors).toEqual([]);
    expect(JSON.parse(run(built.output, "m.check()"))).toEqual({
      runs: 2,
      square: { hits: 1, misses: 1, size: 1 },
      norm: { hits: 1, misses: 1, size: 1, max: 10 },
    });
  });

  test("a throw inside a memoized function points at its original line (source maps chain)", () => {
    const stack = run(built.output, "m.fail()");
    expect(stack).toMatch(/boom 1/);
    expect(stack.split("\n")[1]).toMatch(/math\.ts:22:\d+/);
  });

  test("findings arrive as the bundler's warnings, with the file and line:column", () => {
    // In source order (esbuild sorts its messages by the importing line).
    const ms102 = built.warnings.filter((w) => w.message.includes("MS102")).sort((a, b) => Number(a.message.includes("norm")) - Number(b.message.includes("norm")));
    expect(ms102).toHaveLength(2);
    expect(located(tool, ms102[0], 5, 2)).toBe(true);
    expect(located(tool, ms102[1], 16, 2)).toBe(true);
    expect(ms102[0].message).toMatch(/square is memoized but writes the captured `runs`/);
    // Nothing about the untagged file, and nothing printed behind the bundler's back.
    expect(built.warnings.some((w) => w.message.includes("plain.ts"))).toBe(false);
  });

  test("the report is written at build end, with the tagged file only", () => {
    const files = Object.keys(JSON.parse(fs.readFileSync(report, "utf8")).files);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/(^|\/)src\/math\.ts$/);
  });

  test("a file of the build that is no longer analysed loses its report entry (no stale 'memoized')", () => {
    bundle(tool, "app", "stale", { report, exclude: ["**/math.ts"] });
    expect(JSON.parse(fs.readFileSync(report, "utf8")).files).toEqual({});
  });

  test("a build error fails the build through the bundler, with the position and a code frame", () => {
    const failed = bundle(tool, "error", "error", { report: false });
    expect(failed.errors.length).toBeGreaterThan(0);
    // Babel colours code frames where colour is supported (CI=true counts): compare the text.
    const text = stripVTControlCharacters(failed.errors.map((e) => `${e.message}\n${e.frame ?? ""}`).join("\n"));
    expect(text).toMatch(/MS011: `max=0` is not valid/);
    expect(text).not.toMatch(/MS011: MS011/);
    expect(text).toMatch(/> 3 \| \/\*\* @memoize max=0 \*\//);
    if (tool === "rollup") expect(failed.errors[0].loc).toMatchObject({ line: 3, column: 13 });
    else expect(text).toMatch(/main\.ts:3:1[34]/);
  });

  test("a tagged file skipped by `exclude` is reported, not silently left unmemoized", () => {
    const skipped = bundle(tool, "app", "exclude", { report: false, exclude: ["**/math.ts"] });
    const ms095 = skipped.warnings.filter((w) => w.message.includes("MS095"));
    expect(ms095).toHaveLength(1);
    expect(ms095[0].message + JSON.stringify(ms095[0].loc)).toMatch(/math\.ts/);
    // Built as asked: the skipped file is not memoized, and the warning said so.
    expect(run(skipped.output, "(() => { try { return m.check(); } catch (e) { return e.message; } })()")).toMatch(/square is not a function memoized by memoscope/);
  });
});

test("rollup: a TypeScript plugin that runs first (it drops the tags) is reported (MS096)", () => {
  const built = bundle("rollup", "app", "types-first", { report: false }, { typesFirst: true });
  expect(built.warnings.map((w) => w.code)).toContain("MS096");
  expect(built.warnings.find((w) => w.code === "MS096")!.message).toMatch(/`ts` transforms TypeScript\/JavaScript before memoscope/);
}, 60000);

test.each(["webpack", "rspack"] as const)("%s in development mode (loaders kept across watch rebuilds, so on every file) memoizes too", (tool) => {
  const built = bundle(tool, "app", "development", { report: false }, { mode: "development" });
  expect(built.errors).toEqual([]);
  expect(JSON.parse(run(built.output, "m.check()")).runs).toBe(2);
}, 60000);

test("rollup: a file whose types were stripped before memoscope saw it is reported (MS096), and still memoized", () => {
  const built = bundle("rollup", "app", "types-stripped", { report: false }, { typesFirst: "tsc" });
  const ms096 = built.warnings.filter((w) => w.code === "MS096");
  expect(ms096).toHaveLength(1);
  expect(ms096[0].message).toMatch(/src\/math\.ts: MS096/);
  expect(ms096[0].message).toMatch(/reached memoscope with its types already removed/);
  expect(JSON.parse(run(built.output, "m.check()")).runs).toBe(2);
}, 60000);

test("reportAll: every included file is analysed for the report, not only the tagged ones", () => {
  const report = path.join(OUT, "rollup-report-all", "report.json");
  fs.rmSync(report, { force: true });
  bundle("rollup", "app", "report-all", { report, reportAll: true });
  // main.ts has no tag but closures that capture (plain.ts's only function captures nothing, so it has no entry).
  expect(Object.keys(JSON.parse(fs.readFileSync(report, "utf8")).files).sort()).toEqual(["fixtures/bundler/app/src/main.ts", "fixtures/bundler/app/src/math.ts"]);
}, 60000);

test("an unknown or misspelled option fails with a suggestion, as in the Babel plugin", () => {
  const script = `try { require("./dist/bundler/vite.js")({ exlude: [/x/] }); } catch (e) { process.stdout.write(e.message); }`;
  expect(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })).toBe(
    "[memoscope] MS090: Unknown memoscope option `exlude`. Did you mean `exclude`? Valid options: report, strict, runtime, root, verify, include, exclude, reportAll.",
  );
  const typed = `try { require("./dist/bundler/rollup.js")({ strict: "yes" }); } catch (e) { process.stdout.write(e.message); }`;
  expect(execFileSync(process.execPath, ["-e", typed], { cwd: ROOT, encoding: "utf8" })).toMatch(/option `strict` must be true or false/);
});

test("each entry is the factory itself, from require and from import", () => {
  const cjs = `for (const t of ${JSON.stringify(TOOLS)}) { const f = require("memoscope/" + t); if (typeof f !== "function" || f.default !== f) throw new Error(t); } process.stdout.write("ok");`;
  expect(execFileSync(process.execPath, ["-e", cjs], { cwd: ROOT, encoding: "utf8" })).toBe("ok");
  const esm = `${TOOLS.map((t, i) => `import f${i} from "memoscope/${t}";`).join(" ")} const all = [${TOOLS.map((_, i) => `f${i}`).join(", ")}]; if (!all.every((f) => typeof f === "function")) throw new Error("not a function"); process.stdout.write(f1().name);`;
  expect(execFileSync(process.execPath, ["--input-type=module", "-e", esm], { cwd: ROOT, encoding: "utf8" })).toBe("memoscope");
});
