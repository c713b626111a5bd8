import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The esbuild onLoad filters (Go regexes: no lookahead): "a script with no node_modules segment", and the
 * same minus a list of known-untagged files. Both are checked against their plain definitions on generated
 * paths (JavaScript's engine), then in esbuild itself (Go's engine) on real projects.
 */
const ROOT = path.resolve(__dirname, "..");
const { SCRIPTS_OUTSIDE_NODE_MODULES, scriptsExcept } = require(path.join(ROOT, "dist", "bundler", "esbuild-filter.js")) as {
  SCRIPTS_OUTSIDE_NODE_MODULES: RegExp;
  scriptsExcept(untagged: readonly string[], wholeDirs?: readonly string[]): RegExp;
};
const esbuild = require("esbuild") as typeof import("esbuild");

const isScript = (p: string): boolean => /\.[cm]?[jt]sx?$/.test(p) && !/[\\/]node_modules[\\/]/.test(p);
const EXTENSIONS = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts", "mtsx", "cjsx", "json", "t", "tx", "d.ts"];

test("SCRIPTS_OUTSIDE_NODE_MODULES is exactly: a script extension and no node_modules segment (either separator)", () => {
  const piece = fc.constantFrom("n", "o", "d", "e", "_", "m", "s", "/", "\\", ".", "t", "j", "x", "c", "node_modules", "node_module", "_modules", "nnode_modules", "node_moduless", "C:");
  const pathLike = fc.tuple(fc.array(piece, { maxLength: 14 }), fc.constantFrom("", ...EXTENSIONS.map((e) => `.${e}`))).map(([parts, ext]) => parts.join("") + ext);
  fc.assert(fc.property(pathLike, (p) => SCRIPTS_OUTSIDE_NODE_MODULES.test(p) === isScript(p)), { numRuns: 30000 });
  for (const [p, expected] of [
    ["/app/src/main.ts", true],
    ["/app/src/my_node_modules.ts", true],
    ["/app/node_modules.ts", true],
    ["/app/node_modules/x/node_modules.ts", false],
    ["node_modules/lodash/map.js", true], // a relative first segment is not preceded by a separator
    ["C:\\app\\node_modules\\lodash\\map.js", false],
    ["C:\\app\\src\\node_modules_x\\map.mjs", true],
    ["/app/node_modules\\x.ts", false],
    ["/app/src/main.json", false],
  ] as const) expect([p, SCRIPTS_OUTSIDE_NODE_MODULES.test(p)]).toEqual([p, expected]);
});

/** Segments from tiny alphabets, so that names collide, prefix each other and look like node_modules or files. */
const segment = fc.oneof(fc.stringMatching(/^[ab.]{1,3}$/), fc.constantFrom("a", "b", "ab", "a.ts", "n", "node", "node_module", "node_modules_", "_modules", "x.y", "é"));
const stem = fc.oneof(fc.stringMatching(/^[ab.]{0,3}$/), fc.constantFrom("a", "ab", "a.ts", "node_modules", "n"));
const untaggedPath = fc
  .tuple(fc.array(segment, { maxLength: 3 }), stem, fc.constantFrom("ts", "tsx", "js", "mts", "cjs", "mjsx"))
  .map(([dirs, name, ext]) => `/${[...dirs, `${name}.${ext}`].join("/")}`)
  .filter((p) => !p.split("/").slice(1).some((s) => s === "" || s === "." || s === "..") && isScript(p));

/** A probe near the untagged paths: one small edit of one of them, or an unrelated path. */
function probe(untagged: readonly string[]): fc.Arbitrary<string> {
  const base = untagged.length ? fc.constantFrom(...untagged) : fc.constant("/a/b.ts");
  const char = fc.constantFrom("a", "b", ".", "/", "\\", "n", "x", "s", "t");
  const edit = fc.oneof(
    fc.tuple(fc.nat(), char).map(([i, c]) => (p: string) => p.slice(0, i % (p.length + 1)) + c + p.slice(i % (p.length + 1))),
    fc.nat().map((i) => (p: string) => p.slice(0, i % p.length) + p.slice((i % p.length) + 1)),
    fc.tuple(fc.nat(), char).map(([i, c]) => (p: string) => p.slice(0, i % p.length) + c + p.slice((i % p.length) + 1)),
    fc.tuple(segment, fc.constantFrom(...EXTENSIONS)).map(([s, e]) => (p: string) => `${p}/${s}.${e}`),
    fc.constantFrom(...EXTENSIONS).map((e) => (p: string) => p.replace(/\.[^./]*$/, `.${e}`)),
    fc.nat().map((i) => (p: string) => {
      const seps = [...p.matchAll(/\//g)].map((m) => m.index!);
      const at = seps[i % seps.length];
      return p.slice(0, at) + "\\" + p.slice(at + 1);
    }),
    fc.constant((p: string) => p.replace(/\//g, "\\")),
    fc.tuple(fc.nat(), fc.constantFrom("node_modules", "node_module", "node_modules_", "my_node_modules")).map(([i, nm]) => (p: string) => {
      const seps = [...p.matchAll(/\//g)].map((m) => m.index!);
      const at = seps[i % seps.length];
      return `${p.slice(0, at)}/${nm}${p.slice(at)}`;
    }),
    fc.constant((p: string) => p.slice(1)),
    fc.constant((p: string) => `C:${p}`),
    fc.constant((p: string) => p.replace(/\/[^/]*$/, "")),
    fc.constant((p: string) => p),
  );
  return fc.oneof(
    fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 2 })).map(([p, edits]) => edits.reduce((q, f) => f(q), p)),
    untaggedPath,
  );
}

test("scriptsExcept(untagged) matches exactly the scripts outside node_modules that are not in the list", () => {
  const world = fc.uniqueArray(untaggedPath, { minLength: 1, maxLength: 12 }).chain((untagged) => fc.tuple(fc.constant(untagged), fc.array(probe(untagged), { minLength: 20, maxLength: 20 })));
  fc.assert(
    fc.property(world, ([untagged, probes]) => {
      const filter = scriptsExcept(untagged);
      for (const p of [...untagged, ...probes]) {
        if (filter.test(p) !== (isScript(p) && !untagged.includes(p))) throw new Error(`${JSON.stringify(p)} with untagged ${JSON.stringify(untagged)}: ${filter.source}`);
      }
    }),
    { numRuns: 3000 },
  );
});

/** Whether `p` is a script directly in `dir` (no further separator of either kind). */
function directlyIn(p: string, dir: string): boolean {
  return p.startsWith(`${dir}/`) && !/[/\\]/.test(p.slice(dir.length + 1));
}

test("scriptsExcept(untagged, wholeDirs) also leaves out every script directly in the whole directories, and nothing else", () => {
  // Whole directories: the untagged files' own folders (some of them), and folders of their ancestors.
  const world = fc.uniqueArray(untaggedPath, { minLength: 1, maxLength: 12 }).chain((untagged) => {
    const folders = [...new Set(untagged.flatMap((p) => p.split("/").slice(1, -1).map((_, i, segs) => `/${segs.slice(0, i + 1).join("/")}`)))];
    const whole = folders.length ? fc.subarray(folders) : fc.constant([] as string[]);
    return fc.tuple(fc.constant(untagged), whole, fc.array(probe(untagged), { minLength: 20, maxLength: 20 }));
  });
  fc.assert(
    fc.property(world, ([untagged, whole, probes]) => {
      const filter = scriptsExcept(untagged, whole);
      for (const p of [...untagged, ...probes, ...whole.map((d) => `${d}/new.ts`), ...whole.map((d) => `${d}/sub/new.ts`)]) {
        const expected = isScript(p) && !untagged.includes(p) && !whole.some((d) => directlyIn(p, d));
        if (filter.test(p) !== expected) throw new Error(`${JSON.stringify(p)} with untagged ${JSON.stringify(untagged)}, whole ${JSON.stringify(whole)}: ${filter.source}`);
      }
    }),
    { numRuns: 3000 },
  );
  expect(() => scriptsExcept([], ["/app/node_modules/x"])).toThrow(/not a normalized absolute POSIX path of a directory outside node_modules/);
  expect(scriptsExcept([], ["/app/src"]).test("/app/src/x.ts")).toBe(false);
  expect(scriptsExcept([], ["/app/src"]).test("/app/src/deep/x.ts")).toBe(true);
});

test("scriptsExcept: edge cases of names (prefixes, extensions, stems like directories, separators)", () => {
  const untagged = ["/a.ts", "/p/a.ts", "/p/a.ts.ts", "/p/a/b.js", "/p/.ts", "/p/node_modules.ts", "/q/a{1}(x)[^-]$.ts"];
  const filter = scriptsExcept(untagged);
  for (const p of untagged) expect([p, filter.test(p)]).toEqual([p, false]);
  for (const p of ["/a.tsx", "/ab.ts", "/.ts", "/a.mts", "/p/a.js", "/p/a/b.ts", "/p/a/c.js", "/p/a\\b.js", "\\p\\a.ts", "/p\\a.ts", "p/a.ts", "/p/a.ts/b.ts", "/q/a{1}(x)[^-].ts", "/p/node_modules.tsx"]) {
    expect([p, filter.test(p)]).toEqual([p, true]);
  }
  for (const p of ["/p/node_modules/a.ts", "/node_modules/a.ts", "/p/node_modules\\a.ts", "/p/a.json"]) expect([p, filter.test(p)]).toEqual([p, false]);
  expect(scriptsExcept([])).toBe(SCRIPTS_OUTSIDE_NODE_MODULES);
});

test("scriptsExcept rejects what is not a normalized absolute POSIX script path outside node_modules", () => {
  for (const bad of ["a/b.ts", "C:\\a\\b.ts", "/a\\b.ts", "/a//b.ts", "/a/./b.ts", "/a/../b.ts", "/a/node_modules/b.ts", "/a/b.json", "/a/b.ts/"]) {
    expect(() => scriptsExcept([bad])).toThrow(/not a normalized absolute POSIX path of a script outside node_modules/);
  }
});

test("scriptsExcept leaves matched (never wrongly excluded) the paths Go could not be given: too long, line separators", () => {
  const long = `/x/${"a".repeat(300)}.ts`;
  const odd = "/x/a\u2028b.ts";
  const filter = scriptsExcept([long, odd, "/x/c.ts"]);
  expect([filter.test(long), filter.test(odd), filter.test("/x/c.ts"), filter.test("/x/d.ts")]).toEqual([true, true, false, true]);
});

/** Builds `files` (relative path → source) in a fresh temp dir and runs `body` on it, removing it after. */
async function inProject<T>(files: Record<string, string>, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-efilter-")));
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The paths esbuild hands to JavaScript for `filter` while bundling `entry`. */
async function loadedThrough(filter: RegExp, entry: string): Promise<string[]> {
  const seen: string[] = [];
  const spy = { name: "spy", setup: (build: import("esbuild").PluginBuild) => build.onLoad({ filter }, (args) => void seen.push(args.path)) };
  await esbuild.build({ entryPoints: [entry], bundle: true, write: false, platform: "node", plugins: [spy], logLevel: "silent" });
  return seen.sort();
}

test("esbuild (Go regexp) calls JavaScript for exactly the scripts outside node_modules not in the list", async () => {
  const names = ["a.ts", "a.tsx", "ab.ts", "a.ts.ts", "b.mts", "c.cjs", "d.jsx", "my_node_modules.ts", "node_modules.ts", "a{1}$.ts"];
  const dirs = ["src", "src/a", "src/a/deep", "src/ab", "lib", "src/node_module"];
  const files: Record<string, string> = {};
  for (const dir of dirs) for (const name of names) files[`${dir}/${name}`] = `export const v = ${JSON.stringify(`${dir}/${name}`)};`;
  files["node_modules/pkg/package.json"] = JSON.stringify({ name: "pkg", main: "index.js" });
  files["node_modules/pkg/index.js"] = 'export { v } from "./inner.ts";';
  files["node_modules/pkg/inner.ts"] = "export const v = 1;";
  const scripts = Object.keys(files).filter((f) => !f.startsWith("node_modules/"));
  files["entry.ts"] = [...scripts, "pkg"].map((f, i) => `export * as m${i} from ${JSON.stringify(f === "pkg" ? f : `./${f}`)};`).join("\n");
  await inProject(files, async (dir) => {
    const untagged = scripts.filter((_, i) => i % 3 !== 1).map((f) => path.join(dir, f));
    const expected = [...scripts.filter((_, i) => i % 3 === 1).map((f) => path.join(dir, f)), path.join(dir, "entry.ts")].sort();
    expect(await loadedThrough(scriptsExcept(untagged), path.join(dir, "entry.ts"))).toEqual(expected);
    expect(await loadedThrough(SCRIPTS_OUTSIDE_NODE_MODULES, path.join(dir, "entry.ts"))).toEqual([...scripts.map((f) => path.join(dir, f)), path.join(dir, "entry.ts")].sort());
  });
});

test("esbuild compiles the filter for every file of rxjs/src (a realistic tree) and skips them all", async () => {
  const source = path.join(ROOT, "node_modules", "rxjs", "src");
  const rel: string[] = [];
  (function walk(dir: string): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) rel.push(path.relative(source, full));
    }
  })(source);
  const files: Record<string, string> = {};
  for (const f of rel) files[`src/${f}`] = fs.readFileSync(path.join(source, f), "utf8");
  const modules = rel.filter((f) => !f.endsWith(".d.ts"));
  files["entry.ts"] = modules.map((f, i) => `export * as m${i} from ${JSON.stringify(`./src/${f}`)};`).join("\n");
  await inProject(files, async (dir) => {
    const untagged = rel.map((f) => path.join(dir, "src", f));
    const filter = scriptsExcept(untagged);
    const entry = path.join(dir, "entry.ts");
    expect(await loadedThrough(filter, entry)).toEqual([entry]);
    const times = { except: [] as number[], nothing: [] as number[] };
    for (let run = 0; run < 3; run++) {
      for (const [kind, f] of [["except", filter], ["nothing", /^$/]] as const) {
        const start = process.hrtime.bigint();
        await loadedThrough(f, entry);
        times[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    // Go compiles the filter on every build: its fixed cost shows on a build of one small file.
    const small = { except: [] as number[], nothing: [] as number[] };
    fs.writeFileSync(path.join(dir, "small.ts"), "export const one = 1;");
    for (let run = 0; run < 3; run++) {
      for (const [kind, f] of [["except", filter], ["nothing", /^$/]] as const) {
        const start = process.hrtime.bigint();
        await loadedThrough(new RegExp(`${f.source}|^z${run}$`), path.join(dir, "small.ts")); // a new source each time: nothing cached
        small[kind].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const median = (xs: number[]): string => [...xs].sort((a, b) => a - b)[1].toFixed(1);
    console.log(
      `rxjs/src: ${untagged.length} untagged files, filter ${filter.source.length} chars; esbuild median ${median(times.except)} ms with it, ` +
        `${median(times.nothing)} ms with a filter matching nothing; a one-file build ${median(small.except)} ms vs ${median(small.nothing)} ms (compiling the filter)`,
    );
  });
});
