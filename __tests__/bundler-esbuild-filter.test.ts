import fc from "fast-check";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The esbuild onLoad filters (Go regexes: no lookahead): "a script with no node_modules segment", and the
 * same restricted, under the project folder, to dot-folders, open folders and the folders with a tag
 * (minus their untagged files). Both are checked against their plain definitions on generated paths
 * (JavaScript's engine), then in esbuild itself (Go's engine) on real projects.
 */
const ROOT = path.resolve(__dirname, "..");
const { SCRIPTS_OUTSIDE_NODE_MODULES, scriptsOutside } = require(path.join(ROOT, "dist", "bundler", "esbuild-filter.js")) as {
  SCRIPTS_OUTSIDE_NODE_MODULES: RegExp;
  scriptsOutside(root: string, open: readonly string[], partly: ReadonlyMap<string, readonly string[]>, openFiles?: readonly string[]): RegExp;
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

/** Segments from tiny alphabets, so that names collide, prefix each other and look like node_modules, dot-folders or files. */
const segment = fc.oneof(fc.stringMatching(/^[ab.]{1,3}$/), fc.constantFrom("a", "b", "ab", "a.ts", ".a", "n", "node", "node_module", "node_modules_", "_modules", "x.y", "é"));
const stem = fc.oneof(fc.stringMatching(/^[ab.]{0,3}$/), fc.constantFrom("a", "ab", "a.ts", "node_modules", "n"));
const normal = (segments: readonly string[]): boolean => !segments.some((s) => s === "" || s === "." || s === ".." || s === "node_modules");
const folderUnder = (root: string) => fc.array(segment, { minLength: 1, maxLength: 2 }).filter(normal).map((segs) => `${root}/${segs.join("/")}`);
const fileIn = (folder: string) => fc.tuple(stem, fc.constantFrom("ts", "tsx", "js", "mts", "cjs", "mjsx")).map(([name, ext]) => `${folder}/${name}.${ext}`).filter((p) => isScript(p) && !p.slice(folder.length + 1).includes("/"));

interface World {
  root: string;
  open: string[];
  partly: Map<string, string[]>;
  openFiles?: string[];
}

/** A project folder, some open folders under it, and some folders with a tag (the root among them, maybe), each with some untagged files. */
const world: fc.Arbitrary<World> = fc
  .array(segment, { minLength: 0, maxLength: 3 })
  .filter(normal)
  .map((segs) => `/${segs.join("/")}`.replace(/^\/$/, "/r"))
  .chain((root) =>
    fc.tuple(
      fc.constant(root),
      fc.uniqueArray(folderUnder(root), { maxLength: 2 }),
      fc.uniqueArray(fc.oneof(folderUnder(root), fc.constant(root)), { maxLength: 3 }).chain((folders) =>
        folders.length ? fc.tuple(...folders.map((folder) => fc.tuple(fc.constant(folder), fc.uniqueArray(fileIn(folder), { maxLength: 3 })))) : fc.constant([] as [string, string[]][]),
      ),
    ),
  )
  .chain(([root, open, partly]) => fc.tuple(fc.constant({ root, open, partly: new Map(partly) }), fc.oneof(fc.constant([] as string[]), fc.oneof(folderUnder(root), fc.constant(root)).chain((folder) => fileIn(folder).map((file) => [file])))))
  .map(([w, openFiles]) => ({ ...w, openFiles }));

/** Whether `p` is a script directly in `dir` (no further separator of either kind). */
function directlyIn(p: string, dir: string): boolean {
  return p.startsWith(`${dir}/`) && !/[/\\]/.test(p.slice(dir.length + 1));
}

/** What scriptsOutside's filter must match, spelled plainly. */
function expected({ root, open, partly, openFiles = [] }: World, p: string): boolean {
  if (!isScript(p)) return false;
  if (!p.startsWith(`${root}/`) || openFiles.includes(p)) return true;
  const folders = p.slice(root.length + 1).split(/[/\\]/).slice(0, -1);
  if (folders.some((s) => s.startsWith("."))) return true;
  if (open.some((dir) => p.startsWith(`${dir}/`))) return true;
  return [...partly].some(([dir, untagged]) => directlyIn(p, dir) && !untagged.includes(p));
}

/** A probe near the world's paths: one or two small edits of one of them, or an unrelated path. */
function probe(w: World): fc.Arbitrary<string> {
  const near = [w.root, `${w.root}/a.ts`, `${w.root}/.a/b.ts`, ...w.open.map((d) => `${d}/x/a.ts`), ...[...w.partly].flatMap(([d, u]) => [`${d}/b.ts`, ...u]), ...(w.openFiles ?? [])];
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
    fc.tuple(fc.nat(), fc.constantFrom("node_modules", "node_module", "node_modules_", ".cache", ".a", "my_node_modules")).map(([i, name]) => (p: string) => {
      const seps = [...p.matchAll(/\//g)].map((m) => m.index!);
      const at = seps[i % seps.length];
      return `${p.slice(0, at)}/${name}${p.slice(at)}`;
    }),
    fc.constant((p: string) => p.slice(1)),
    fc.constant((p: string) => p.replace(/\/[^/]*$/, "")),
    fc.constant((p: string) => p),
  );
  return fc.tuple(fc.constantFrom(...near), fc.array(edit, { minLength: 1, maxLength: 2 })).map(([p, edits]) => edits.reduce((q, f) => f(q), p));
}

test("scriptsOutside matches exactly: scripts outside the project folder, and under it those in dot-folders, open folders, the open files, or folders with a tag but not listed untagged", () => {
  fc.assert(
    fc.property(world.chain((w) => fc.tuple(fc.constant(w), fc.array(probe(w), { minLength: 30, maxLength: 30 }))), ([w, probes]) => {
      const filter = scriptsOutside(w.root, w.open, w.partly, w.openFiles);
      for (const p of [...[...w.partly.values()].flat(), ...(w.openFiles ?? []), ...probes]) {
        if (filter.test(p) !== expected(w, p)) throw new Error(`${JSON.stringify(p)} in ${JSON.stringify({ ...w, partly: [...w.partly] })}: ${filter.source}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test("scriptsOutside: the cases that matter, spelled out", () => {
  const partly = new Map([["/app/src", ["/app/src/plain.ts", "/app/src/a{1}(x)[^-]$.ts"]]]);
  const filter = scriptsOutside("/app", ["/app/dist"], partly);
  const cases: Array<[string, boolean]> = [
    ["/app/src/plain.ts", false], // untagged, named
    ["/app/src/a{1}(x)[^-]$.ts", false],
    ["/app/src/math.ts", true], // tagged, or written since into a folder with a tag
    ["/app/src/plain.tsx", true],
    ["/app/src/deep/x.ts", false], // a folder with no tag: left out whole
    ["/app/lib/x.ts", false],
    ["/app/main.ts", false],
    ["/app/.storybook/preview.ts", true], // dot-folders are not scanned
    ["/app/src/.hidden/deep/x.ts", true],
    ["/app/node_modules/.pnpm/x/index.js", false], // node_modules stays out, dot-folders in it too
    ["/app/dist/chunk.js", true], // the output folder is not scanned
    ["/app/dist/node_modules/x.js", false],
    ["/shared/util.ts", true], // elsewhere: not scanned
    ["/app2/x.ts", true],
    ["/ap/x.ts", true],
    ["/app.ts", true],
    ["/node_modules/x.js", false],
    ["/app\\x.ts", true],
    ["/app/src/x.json", false],
  ];
  for (const [p, want] of cases) expect([p, filter.test(p)]).toEqual([p, want]);
  // A project with no tag: only what the scan did not read.
  const none = scriptsOutside("/app", [], new Map());
  expect([none.test("/app/src/x.ts"), none.test("/app/x.ts"), none.test("/app/.x/y.ts"), none.test("/other/y.ts")]).toEqual([false, false, true, true]);
  // Its size does not grow with the project's files: only with the folders that have a tag.
  expect(none.source.length).toBeLessThan(6000);
});

test("scriptsOutside rejects what it cannot spell exactly for Go", () => {
  expect(() => scriptsOutside("/app/node_modules/x", [], new Map())).toThrow(/not a project folder/);
  for (const root of ["app", "/app/", "/a//b", "/a/./b", "C:\\app", `/${"a".repeat(300)}`, "/a\u2028b"]) expect(() => scriptsOutside(root, [], new Map())).toThrow(/not a project folder/);
  expect(() => scriptsOutside("/app", ["/other/dist"], new Map())).toThrow(/not a folder under the project folder/);
  expect(scriptsOutside("/app", ["/app"], new Map()).test("/app/src/x.ts")).toBe(true); // the project folder open: all of it
  expect(() => scriptsOutside("/app", [], new Map([["/app/src", ["/app/lib/x.ts"]]]))).toThrow(/not a script directly in \/app\/src/);
  expect(() => scriptsOutside("/app", [], new Map([["/app/src", ["/app/src/x.json"]]]))).toThrow(/not a script directly in/);
  expect(() => scriptsOutside("/app", [], new Map(), ["/app/out.json"])).toThrow(/not a script under the project folder/);
  expect(() => scriptsOutside("/app", [], new Map(), ["/elsewhere/out.js"])).toThrow(/not a file under the project folder/);
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

test("esbuild (Go regexp) calls JavaScript for exactly the paths the plain definition gives", async () => {
  const names = ["a.ts", "a.tsx", "ab.ts", "a.ts.ts", "b.mts", "c.cjs", "d.jsx", "my_node_modules.ts", "node_modules.ts", "a{1}$.ts"];
  const dirs = ["src", "src/a", "src/a/deep", "src/ab", "lib", "src/node_module", ".storybook", "src/.gen", "dist", "dist/chunks"];
  const files: Record<string, string> = {};
  for (const dir of dirs) for (const name of names) files[`app/${dir}/${name}`] = `export const v = ${JSON.stringify(`${dir}/${name}`)};`;
  files["app/node_modules/pkg/package.json"] = JSON.stringify({ name: "pkg", main: "index.js" });
  files["app/node_modules/pkg/index.js"] = 'export { v } from "./.inner/inner.ts";';
  files["app/node_modules/pkg/.inner/inner.ts"] = "export const v = 1;";
  files["shared/util.ts"] = "export const v = 1;";
  const scripts = Object.keys(files).filter((f) => f.startsWith("app/") && !f.includes("node_modules/"));
  files["app/entry.ts"] = [...scripts.map((f) => `./${f.slice(4)}`), "pkg", "../shared/util.ts"].map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`).join("\n");
  await inProject(files, async (dir) => {
    const root = path.join(dir, "app");
    const entry = path.join(root, "entry.ts");
    // src and src/a have a tag (a third of their files untagged), dist is open: the rest of the project was read untagged.
    const partly = new Map(["src", "src/a"].map((d) => [path.join(root, d), names.filter((_, i) => i % 3 !== 1).map((n) => path.join(root, d, n))]));
    const w: World = { root, open: [path.join(root, "dist")], partly };
    const everything = await loadedThrough(/.*/, entry);
    const want = everything.filter((p) => expected(w, p));
    expect(want.length).toBeGreaterThan(40); // the test sees something: the folders with a tag, .storybook, src/.gen, dist, shared
    expect(want).toContain(path.join(dir, "shared", "util.ts"));
    expect(want).not.toContain(path.join(root, "node_modules", "pkg", ".inner", "inner.ts"));
    expect(await loadedThrough(scriptsOutside(root, w.open, partly), entry)).toEqual(want);
    expect(await loadedThrough(SCRIPTS_OUTSIDE_NODE_MODULES, entry)).toEqual(everything.filter(isScript));
  });
});

test("esbuild skips every file of rxjs/src (a realistic tree) with the filter of a project with no tag there", async () => {
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
    // The entry's folder has a tag; src/ has none: none of rxjs's files reaches JavaScript.
    const entry = path.join(dir, "entry.ts");
    const filter = scriptsOutside(dir, [], new Map([[dir, []]]));
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
      `rxjs/src: ${rel.length} untagged files, filter ${filter.source.length} chars; esbuild median ${median(times.except)} ms with it, ` +
        `${median(times.nothing)} ms with a filter matching nothing; a one-file build ${median(small.except)} ms vs ${median(small.nothing)} ms (compiling the filter)`,
    );
  });
});
