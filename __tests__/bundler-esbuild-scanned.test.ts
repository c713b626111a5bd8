import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { OnLoadOptions, Plugin, PluginBuild } from "esbuild";
import { writeFile } from "./support/write-file";

/**
 * memoscope/esbuild with the default options scans the project at setup and gives esbuild an onLoad
 * filter that leaves out exactly the files found without the tag (esbuild then loads them with no
 * round trip to JavaScript). What the filter keeps out is never shown to memoscope, so it must keep
 * out nothing else: tagged files, misspelled tags, files in folders the scan skips (dot-folders, the
 * output folder, linked folders), files outside the project and files created later in a folder with
 * a tag all still reach it. Checked on the filter esbuild is handed.
 */
const ROOT = path.resolve(__dirname, "..");
const memoscope = require(path.join(ROOT, "dist", "bundler", "esbuild.js")) as (options?: object) => Plugin;

let dir: string;

function write(file: string, text: string): string {
  return writeFile(dir, file, text);
}

/** Runs the plugin's setup against a stand-in for esbuild's build object; returns the onLoad filters it registered. */
function filtersOf(plugin: Plugin, options: object): OnLoadOptions[] {
  const filters: OnLoadOptions[] = [];
  const build = {
    initialOptions: options,
    onStart() {},
    onEnd() {},
    onResolve() {},
    onDispose() {},
    onLoad(filter: OnLoadOptions) {
      filters.push(filter);
    },
    resolve: async () => ({}),
    esbuild: require("esbuild"),
  } as unknown as PluginBuild;
  void plugin.setup(build);
  return filters;
}

beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-esbuild-scan-")));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the filter leaves out exactly the untagged scripts the scan read", () => {
  const tagged = write("src/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  const misspelled = write("src/deep/odd.tsx", "/** @memorize */ export const g = (n: number) => n;\n");
  const plain = write("src/plain.ts", "export const x = 1;\n");
  const deepPlain = write("src/deep/plain.mjs", "export const y = 2;\n");
  const dotted = write(".storybook/story.ts", "export const s = 1;\n");
  const output = write("out/main.js", "export const v = 1;\n");
  const packaged = write("node_modules/pkg/index.js", "/** @memoize */ export function h() {}\n");
  const filters = filtersOf(memoscope(), { absWorkingDir: dir, outdir: "out" });
  expect(filters).toHaveLength(1);
  expect(filters[0].namespace).toBe("file");
  const filter = filters[0].filter;
  for (const file of [plain, deepPlain, packaged]) expect([file, filter.test(file)]).toEqual([file, false]);
  const later = path.join(dir, "src", "later.ts");
  const outside = path.join(path.dirname(dir), "shared", "util.ts");
  for (const file of [tagged, misspelled, dotted, output, later, outside, `${plain}x`, path.join(dir, "src", "plain.cts")]) expect([file, filter.test(file)]).toEqual([file, true]);
});

test("under the project folder, only folders with a tagged script are let through (their untagged files named), so the filter grows with those, not with the project", () => {
  write("src/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  const plain = write("src/plain.ts", "export const p = 1;\n");
  const util = write("src/util/format.ts", "export const format = String;\n");
  write("src/util/parse.ts", "export const parse = Number;\n");
  const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir });
  expect(filter.test(util)).toBe(false);
  expect(filter.test(plain)).toBe(false);
  // Written since the scan: let through in a folder with a tag; left out elsewhere (a rebuild warns, MS095, if it has the tag).
  expect(filter.test(path.join(dir, "src", "later.ts"))).toBe(true);
  expect(filter.test(path.join(dir, "src", "util", "later.ts"))).toBe(false);
  expect(filter.test(path.join(dir, "src", "util", "deeper", "later.ts"))).toBe(false);
  expect(filter.test(path.join(dir, "fresh", "later.ts"))).toBe(false);
  // However many untagged files and folders the project has, the filter stays the same.
  for (let i = 0; i < 200; i++) write(`src/util/f${i}.ts`, "export const x = 1;\n");
  for (let i = 0; i < 50; i++) write(`lib/d${i}/f.ts`, "export const x = 1;\n");
  const [{ filter: bigger }] = filtersOf(memoscope(), { absWorkingDir: dir });
  expect(bigger.source).toBe(filter.source);
});

test("an outfile is skipped by the scan alone, not its folder: its neighbours are still scanned, and it is let through", () => {
  write("src/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  const plain = write("src/plain.ts", "export const p = 1;\n");
  const rootPlain = write("main.ts", "export const m = 1;\n");
  const bundle = write("src/bundle.js", `/* a previous build's output, large */ export const b = ${JSON.stringify("@memoize ".repeat(40000))};\n`);
  const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir, outfile: "src/bundle.js" });
  expect(filter.test(plain)).toBe(false); // src/ was scanned: its untagged file is left to esbuild
  expect(filter.test(bundle)).toBe(true); // not read: let through, as the output folder would be
  write("bundle.js", fs.readFileSync(bundle, "utf8"));
  const [{ filter: inRoot }] = filtersOf(memoscope(), { absWorkingDir: dir, outfile: "bundle.js" });
  expect(inRoot.test(rootPlain)).toBe(false);
  expect(inRoot.test(path.join(dir, "later.ts"))).toBe(false); // the root has no tag: the output file did not make it a folder with one
});

test("a linked folder in the project is not followed by the scan, so it is let through", () => {
  const elsewhere = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-linked-")));
  try {
    fs.writeFileSync(path.join(elsewhere, "util.ts"), "export const u = 1;\n");
    write("src/plain.ts", "export const p = 1;\n");
    fs.symlinkSync(elsewhere, path.join(dir, "src", "linked"));
    const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir });
    expect(filter.test(path.join(dir, "src", "plain.ts"))).toBe(false);
    // esbuild gives this path with `preserveSymlinks`, the real one otherwise (outside the project: let through too).
    expect(filter.test(path.join(dir, "src", "linked", "util.ts"))).toBe(true);
    expect(filter.test(path.join(elsewhere, "util.ts"))).toBe(true);
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("a project of more than 3,000 scripts is still scanned (the filter does not grow with them)", () => {
  const tagged = write("src/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  for (let i = 0; i < 3100; i++) write(`gen/d${i % 40}/f${i}.ts`, "export const x = 1;\n");
  const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir });
  expect(filter.test(tagged)).toBe(true);
  expect(filter.test(path.join(dir, "gen", "d1", "f1.ts"))).toBe(false);
});

test("a tagged file whose path Go cannot be given keeps every script matched (the filter never leaves out what it cannot name)", () => {
  const odd = write("src/a\u2028b/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  const plain = write("src/plain.ts", "export const p = 1;\n");
  const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir });
  expect(filter.test(odd)).toBe(true);
  expect(filter.test(plain)).toBe(true); // every script outside node_modules, as unplugin's adapter would have
  expect(filter.test(path.join(dir, "node_modules", "p", "index.js"))).toBe(false);
});

test("custom include/exclude or reportAll go through unplugin's adapter, which shows memoscope every script", () => {
  // unplugin is an ES module: Jest's module system cannot load it, so this runs in plain Node.
  const plain = write("src/plain.ts", "export const x = 1;\n");
  const script = `
    const memoscope = require(${JSON.stringify(path.join(ROOT, "dist", "bundler", "esbuild.js"))});
    const noop = () => {};
    Promise.all([{ include: [/\\.ts$/] }, { exclude: [/vendor/] }, { reportAll: true }, {}].map(async (options) => {
      const filters = [];
      const build = { initialOptions: { absWorkingDir: ${JSON.stringify(dir)} }, onStart: noop, onEnd: noop, onResolve: noop, onDispose: noop, onLoad: (f) => filters.push(f.filter), resolve: async () => ({}) };
      await memoscope(options).setup(build);
      return filters.some((f) => f.test(${JSON.stringify(plain)}));
    })).then((seen) => process.stdout.write(JSON.stringify(seen)));`;
  const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
  // The three custom ones show memoscope the untagged file; the default one (scanned) does not.
  expect(JSON.parse(out)).toEqual([true, true, true, false]);
});

test("a bad option fails when the plugin is created, with a suggestion", () => {
  expect(() => memoscope({ reportal: true })).toThrow(/\[memoscope\] MS090: Unknown memoscope option `reportal`\. Did you mean `reportAll`\?/);
});

test("from a monorepo's root, the scan covers the package of the entry points, not every package", () => {
  write("packages/app/package.json", "{}\n");
  const entry = write("packages/app/src/main.ts", "export const main = 1;\n");
  const sibling = write("packages/lib/src/util.ts", "export const util = 1;\n");
  const rootScript = write("scripts/tool.ts", "export const tool = 1;\n");
  const [{ filter }] = filtersOf(memoscope(), { absWorkingDir: dir, entryPoints: ["packages/app/src/main.ts"] });
  expect(filter.test(entry)).toBe(false);
  // Not scanned: shown to memoscope (a round trip), never left out unread.
  expect(filter.test(sibling)).toBe(true);
  expect(filter.test(rootScript)).toBe(true);
  // With no package.json between the entries and the working directory, the working directory is scanned.
  const [{ filter: whole }] = filtersOf(memoscope(), { absWorkingDir: dir, entryPoints: { a: "scripts/tool.ts", b: "packages/lib/src/util.ts" } });
  expect(whole.test(rootScript)).toBe(false);
  expect(whole.test(sibling)).toBe(false);
});
