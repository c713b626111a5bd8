import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cacheFile } from "../dist/bundler/cache-dir";
import { TOOLS, type Tool } from "./support/bundlers";

/**
 * The report follows the code from build to build, and the shortcuts that keep untagged files away
 * from JavaScript never cost a tagged file its memoization: a tag removed drops the file's entry in
 * every bundler (esbuild too, which gives a plugin no module list, in a one-off build and in a
 * context's rebuild); Rspack's one-off builds, which exclude the project's untagged files natively
 * from a scan, still memoize a tagged file outside the project folder and warn about a file tagged
 * after a compiler's first run (its rules are fixed then). Each build runs the real bundler in a child
 * process on an edited copy of fixtures/bundler/app.
 */
const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, ".fixture-out", "bundler-rebuild");

interface Built {
  output: string;
  unplugin: boolean;
  warnings: Array<{ message: string }>;
  errors: Array<{ message: string }>;
}

/** A fresh copy of the fixture app at OUT/name/app. */
/**
 * A fresh copy of the fixture app, with nothing saved for it by an earlier run of these tests: the
 * scan's stamps (node_modules/.cache/memoscope, keyed by the project's path) would let a plugin start
 * from what the last run's copy held.
 */
function copyApp(name: string): string {
  const app = path.join(OUT, name, "app");
  fs.rmSync(path.join(OUT, name), { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "fixtures", "bundler", "app"), app, { recursive: true });
  for (const root of [app, fs.realpathSync(app)]) {
    for (const cache of ["project-scan", "esbuild-filter"]) {
      const file = cacheFile(root, cache);
      if (file) fs.rmSync(file, { force: true });
    }
  }
  return app;
}

function bundle(tool: Tool, app: string, out: string, options: object, extra: object = {}): Built {
  const stdout = execFileSync(process.execPath, [path.join(__dirname, "support", "bundle.mjs"), JSON.stringify({ tool, fixture: app, out, options, ...extra })], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(stdout.slice(stdout.indexOf("@@memoscope-result@@") + "@@memoscope-result@@".length));
}

function reportFiles(report: string): string[] {
  return Object.keys(JSON.parse(fs.readFileSync(report, "utf8")).files);
}

function edit(file: string, from: string, to: string): void {
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replaceAll(from, to));
}

function run(output: string, expression: string): string {
  return execFileSync(process.execPath, ["-e", `const m = require(${JSON.stringify(output)}); process.stdout.write(${expression});`], { cwd: ROOT, encoding: "utf8" });
}

/** Takes the tags out of math.ts ("@" removed: not even a misspelling is left). */
const UNTAG = { file: "src/math.ts", from: "@memoize", to: "(was memoized)" };
/** Tags plain.ts's function. */
const TAG_PLAIN = { file: "src/plain.ts", from: "export function twice", to: "/** @memoize */\nexport function twice" };

test.each(TOOLS)("%s: a tag removed between two builds drops the file's report entry", (tool) => {
  const app = copyApp(`${tool}-untag`);
  const report = path.join(OUT, `${tool}-untag`, "store", "report.json");
  const first = bundle(tool, app, path.join(OUT, `${tool}-untag`, "first"), { report });
  expect(first.errors).toEqual([]);
  expect(reportFiles(report)).toEqual([expect.stringMatching(/(^|\/)src\/math\.ts$/)]);
  edit(path.join(app, UNTAG.file), UNTAG.from, UNTAG.to);
  const second = bundle(tool, app, path.join(OUT, `${tool}-untag`, "second"), { report });
  expect(second.errors).toEqual([]);
  expect(reportFiles(report)).toEqual([]);
}, 120000);

test("esbuild: a context's rebuild drops the entry of a file whose tag was removed", () => {
  const app = copyApp("esbuild-context-untag");
  const report = path.join(OUT, "esbuild-context-untag", "store", "report.json");
  const built = bundle("esbuild", app, path.join(OUT, "esbuild-context-untag", "out"), { report }, { edit: UNTAG });
  expect(built.errors).toEqual([]);
  expect(reportFiles(report)).toEqual([]);
}, 120000);

test("esbuild: in a context, a file that had no tag at its creation and has one now is a warning (MS095), not a silent miss", () => {
  // The context keeps the onLoad filter of its creation, which leaves out the files the scan found untagged.
  const app = copyApp("esbuild-context-tag");
  const report = path.join(OUT, "esbuild-context-tag", "store", "report.json");
  const built = bundle("esbuild", app, path.join(OUT, "esbuild-context-tag", "out"), { report }, { edit: TAG_PLAIN });
  expect(built.errors).toEqual([]);
  const ms095 = built.warnings.filter((w) => w.message.includes("MS095"));
  expect(ms095).toHaveLength(1);
  expect(ms095[0].message).toMatch(/^src\/plain\.ts: MS095: .*Dispose of the context and create a new one/);
  expect(reportFiles(report)).toEqual([expect.stringMatching(/src\/math\.ts$/)]);
}, 120000);

test("esbuild: in a context, a tagged file created since its creation is memoized", () => {
  const app = copyApp("esbuild-context-new");
  const report = path.join(OUT, "esbuild-context-new", "store", "report.json");
  const late = { file: "src/late.ts", text: "/** @memoize */\nexport function late(n: number): number {\n  return n + 1;\n}\n" };
  const useIt = { file: "src/main.ts", from: 'import { twice } from "./plain";', to: 'import { twice } from "./plain";\nimport { late } from "./late";\nexport const lateOne = () => late(1);' };
  const built = bundle("esbuild", app, path.join(OUT, "esbuild-context-new", "out"), { report }, { edit: [late, useIt] });
  expect(built.errors).toEqual([]);
  expect(built.warnings.filter((w) => w.message.includes("MS095"))).toEqual([]);
  expect(reportFiles(report).sort()).toEqual([expect.stringMatching(/src\/late\.ts$/), expect.stringMatching(/src\/math\.ts$/)]);
  expect(fs.readFileSync(built.output, "utf8")).toMatch(/_lateCache\b/);
}, 120000);

test("esbuild: in a context, a tagged file written since its creation into a folder that had no tag, or a new folder, is a warning (MS095)", () => {
  const app = copyApp("esbuild-context-folder");
  fs.mkdirSync(path.join(app, "src", "util"));
  fs.writeFileSync(path.join(app, "src", "util", "format.ts"), "export const format = (n: number): string => String(n);\n");
  const late = { file: "src/util/late.ts", text: "/** @memoize */\nexport function late(n: number): number {\n  return n + 1;\n}\n" };
  const fresh = { file: "src/fresh/later.ts", text: "/** @memoize */\nexport function later(n: number): number {\n  return n + 2;\n}\n" };
  const useIt = { file: "src/main.ts", from: 'import { twice } from "./plain";', to: 'import { twice } from "./plain";\nimport { late } from "./util/late";\nimport { later } from "./fresh/later";\nexport const lateOne = () => late(1) + later(1);' };
  const built = bundle("esbuild", app, path.join(OUT, "esbuild-context-folder", "out"), { report: false }, { edit: [late, fresh, useIt] });
  expect(built.errors).toEqual([]);
  const ms095 = built.warnings.filter((w) => w.message.includes("MS095"));
  expect(ms095.map((w) => w.message).sort()).toEqual([
    expect.stringMatching(/^src\/fresh\/later\.ts: MS095: .*was written since into a folder with no tagged script.*Dispose of the context/),
    expect.stringMatching(/^src\/util\/late\.ts: MS095: .*was written since into a folder with no tagged script.*Dispose of the context/),
  ]);
}, 120000);

test("rspack: a tagged file outside the project folder is memoized (the scan covers the project only)", () => {
  const app = copyApp("rspack-outside");
  const shared = path.join(OUT, "rspack-outside", "shared");
  fs.mkdirSync(shared, { recursive: true });
  fs.renameSync(path.join(app, "src", "math.ts"), path.join(shared, "math.ts"));
  edit(path.join(app, "src", "main.ts"), `from "./math"`, `from "../../shared/math"`);
  const built = bundle("rspack", app, path.join(OUT, "rspack-outside", "out"), { report: false });
  expect(built.errors).toEqual([]);
  expect(JSON.parse(run(built.output, "m.check()"))).toMatchObject({ runs: 2, square: { hits: 1, misses: 1 } });
}, 120000);

test("rspack: a file tagged after a compiler's first run is a warning, not a silent miss", () => {
  const app = copyApp("rspack-rerun");
  const built = bundle("rspack", app, path.join(OUT, "rspack-rerun", "out"), { report: false }, { edit: TAG_PLAIN });
  expect(built.errors).toEqual([]);
  const ms095 = built.warnings.filter((w) => w.message.includes("MS095"));
  expect(ms095).toHaveLength(1);
  expect(ms095[0].message).toMatch(/src\/plain\.ts: MS095: .*create a new compiler/);
}, 120000);

describe("rspack: a one-off build of a project with no tag runs without unplugin", () => {
  /** A copy of the app with math.ts's tags taken out: no file of the project has one. */
  function untaggedApp(name: string): string {
    const app = copyApp(name);
    edit(path.join(app, UNTAG.file), UNTAG.from, UNTAG.to);
    return app;
  }

  test("unplugin is not loaded, nothing is transformed, and a report left by an earlier build loses the file's entry", () => {
    const app = copyApp("rspack-scanned-plain");
    const report = path.join(OUT, "rspack-scanned-plain", "store", "report.json");
    const tagged = bundle("rspack", app, path.join(OUT, "rspack-scanned-plain", "first"), { report });
    expect(tagged.unplugin).toBe(true); // a tagged project goes through unplugin's adapter
    expect(fs.readFileSync(tagged.output, "utf8")).toMatch(/_squareCache\b/);
    expect(reportFiles(report)).toEqual([expect.stringMatching(/src\/math\.ts$/)]);
    edit(path.join(app, UNTAG.file), UNTAG.from, UNTAG.to);
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-plain", "second"), { report });
    expect(built.errors).toEqual([]);
    expect(built.unplugin).toBe(false);
    expect(fs.readFileSync(built.output, "utf8")).not.toMatch(/_squareCache\b/);
    expect(reportFiles(report)).toEqual([]);
  }, 120000);

  test("a file tagged after the compiler was created, before it runs, is memoized", () => {
    const app = untaggedApp("rspack-scanned-early");
    const report = path.join(OUT, "rspack-scanned-early", "store", "report.json");
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-early", "out"), { report }, { edit: TAG_PLAIN, editBeforeRun: true });
    expect(built.errors).toEqual([]);
    expect(built.warnings.filter((w) => w.message.includes("MS095"))).toEqual([]);
    expect(built.unplugin).toBe(false); // the plugin chose its path when applied; unplugin's loader did the transform
    expect(reportFiles(report)).toEqual([expect.stringMatching(/src\/plain\.ts$/)]);
    expect(fs.readFileSync(built.output, "utf8")).toMatch(/_twiceCache\b/);
  }, 120000);

  test("a file tagged since the last build, whose saved stamps show no tag, is memoized (the first build's scan reads it)", () => {
    const app = untaggedApp("rspack-scanned-stale");
    const report = path.join(OUT, "rspack-scanned-stale", "store", "report.json");
    const first = bundle("rspack", app, path.join(OUT, "rspack-scanned-stale", "first"), { report });
    expect(first.unplugin).toBe(false);
    expect(fs.readFileSync(first.output, "utf8")).not.toMatch(/_twiceCache\b/);
    edit(path.join(app, TAG_PLAIN.file), TAG_PLAIN.from, TAG_PLAIN.to);
    // The stamps saved by the first build say "no tag": the path is chosen from them, with no scan, and the scan when the build starts finds the tag.
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-stale", "second"), { report });
    expect(built.errors).toEqual([]);
    expect(built.warnings.filter((w) => w.message.includes("MS095"))).toEqual([]);
    expect(built.unplugin).toBe(false);
    expect(fs.readFileSync(built.output, "utf8")).toMatch(/_twiceCache\b/);
    expect(reportFiles(report)).toEqual([expect.stringMatching(/src\/plain\.ts$/)]);
    // With a tag in the saved stamps, the next build scans when applied, and goes through unplugin's adapter.
    const again = bundle("rspack", app, path.join(OUT, "rspack-scanned-stale", "third"), { report });
    expect(again.unplugin).toBe(true);
    expect(fs.readFileSync(again.output, "utf8")).toMatch(/_twiceCache\b/);
  }, 120000);

  test("a file tagged after the compiler's first run is a warning (MS095), as on unplugin's path", () => {
    const app = untaggedApp("rspack-scanned-rerun");
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-rerun", "out"), { report: false }, { edit: TAG_PLAIN });
    expect(built.errors).toEqual([]);
    expect(built.warnings.filter((w) => w.message.includes("MS095")).map((w) => w.message)).toEqual([expect.stringMatching(/src\/plain\.ts: MS095: .*create a new compiler/)]);
  }, 120000);

  test("in `compiler.watch()` (production mode, no watch option) a file tagged while watching is memoized", () => {
    const app = untaggedApp("rspack-scanned-watch");
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-watch", "out"), { report: false }, { edit: TAG_PLAIN, watch: true });
    expect(built.errors).toEqual([]);
    expect(built.warnings.filter((w) => w.message.includes("MS095"))).toEqual([]);
    expect(built.unplugin).toBe(false);
    expect(fs.readFileSync(built.output, "utf8")).toMatch(/_twiceCache\b/);
  }, 120000);

  test("a tagged file outside the project folder is memoized through unplugin's loader, and in the report", () => {
    const app = untaggedApp("rspack-scanned-outside");
    const shared = path.join(OUT, "rspack-scanned-outside", "shared");
    const report = path.join(OUT, "rspack-scanned-outside", "store", "report.json");
    fs.mkdirSync(shared, { recursive: true });
    fs.copyFileSync(path.join(ROOT, "fixtures", "bundler", "app", "src", "math.ts"), path.join(shared, "math.ts"));
    fs.rmSync(path.join(app, "src", "math.ts"));
    edit(path.join(app, "src", "main.ts"), `from "./math"`, `from "../../shared/math"`);
    const built = bundle("rspack", app, path.join(OUT, "rspack-scanned-outside", "out"), { report });
    expect(built.errors).toEqual([]);
    expect(built.unplugin).toBe(false);
    expect(JSON.parse(run(built.output, "m.check()"))).toMatchObject({ runs: 2, square: { hits: 1, misses: 1 } });
    expect(reportFiles(report)).toEqual([expect.stringMatching(/shared\/math\.ts$/)]);
  }, 120000);
});

test.each(["rspack", "webpack"] as const)("%s: in `compiler.watch()` (production mode, no watch option) a file tagged while watching is memoized", (tool) => {
  const app = copyApp(`${tool}-watch`);
  const built = bundle(tool, app, path.join(OUT, `${tool}-watch`, "out"), { report: false }, { edit: TAG_PLAIN, watch: true });
  expect(built.errors).toEqual([]);
  expect(built.warnings.filter((w) => w.message.includes("MS095"))).toEqual([]);
  // The rebuilt bundle has twice() memoized (its cache), as a one-off build of the edited app would.
  expect(fs.readFileSync(built.output, "utf8")).toMatch(/_twiceCache\b/);
}, 120000);

afterAll(() => {
  fs.rmSync(OUT, { recursive: true, force: true });
});
