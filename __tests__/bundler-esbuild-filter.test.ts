import fc from "fast-check";
import path from "node:path";

/**
 * The esbuild path filter that keeps node_modules out of JavaScript: a Go-compatible regex (no
 * lookahead) for "a script path not containing node_modules", checked against the plain definition
 * on generated paths, and in esbuild itself (its Go regexp engine) on a real package.
 */
const ROOT = path.resolve(__dirname, "..");
const { SCRIPTS_OUTSIDE_NODE_MODULES, notContaining } = require(path.join(ROOT, "dist", "bundler", "esbuild-filter.js")) as {
  SCRIPTS_OUTSIDE_NODE_MODULES: RegExp;
  notContaining(word: string): string;
};

const piece = fc.constantFrom("n", "o", "d", "e", "_", "m", "u", "l", "s", "/", ".", "t", "j", "x", "c", "node_modules", "node_module", "nnode", "ode_modules");
const pathLike = fc.array(piece, { maxLength: 14 }).chain((parts) => fc.constantFrom("", ".ts", ".tsx", ".mjs", ".cjs", ".jsx", ".json").map((ext) => parts.join("") + ext));

test("matches exactly the script paths without node_modules", () => {
  fc.assert(
    fc.property(pathLike, (p) => SCRIPTS_OUTSIDE_NODE_MODULES.test(p) === (!p.includes("node_modules") && /\.[cm]?[jt]sx?$/.test(p))),
    { numRuns: 20000 },
  );
  expect(SCRIPTS_OUTSIDE_NODE_MODULES.test("/app/src/main.ts")).toBe(true);
  expect(SCRIPTS_OUTSIDE_NODE_MODULES.test("/app/node_modules/lodash-es/map.js")).toBe(false);
});

test("notContaining rejects words whose first character recurs (the construction assumes it does not)", () => {
  expect(() => notContaining("abca")).toThrow(/repeats its first character/);
  const re = new RegExp(`^${notContaining("abc")}$`);
  fc.assert(fc.property(fc.stringMatching(/^[abcx]{0,12}$/), (s) => re.test(s) === !s.includes("abc")));
});

test("esbuild (Go regexp) accepts the filter and calls JavaScript for no file of a package", async () => {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const seen: string[] = [];
  const spy = { name: "spy", setup: (build: import("esbuild").PluginBuild) => build.onLoad({ filter: SCRIPTS_OUTSIDE_NODE_MODULES }, (args) => void seen.push(args.path)) };
  await esbuild.build({ entryPoints: [path.join(ROOT, "fixtures", "bundler", "app", "src", "main.ts")], bundle: true, write: false, platform: "node", external: ["memoscope/runtime"], plugins: [spy], logLevel: "silent" });
  await esbuild.build({ stdin: { contents: 'export * from "lodash-es";', resolveDir: ROOT }, bundle: true, write: false, plugins: [spy], logLevel: "silent" });
  expect(seen.map((p) => path.basename(p)).sort()).toEqual(["main.ts", "math.ts", "plain.ts"]);
});
