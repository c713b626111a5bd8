import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * memoscope/vite in Vite's dev server, not only in `vite build`: a browser's request for a tagged
 * module gets it memoized (served as JavaScript importing the runtime), an untagged one is left to
 * Vite, the app loaded through the server's SSR runner memoizes at run time, the store gets the
 * tagged file's fragment while the server runs, and the merged report is written when it closes.
 * The server runs in a child process (support/vite-dev.mjs: Vite is an ES module) on a copy of
 * fixtures/bundler/app inside the package, so `memoscope/runtime` resolves to this package's own.
 */
const ROOT = path.resolve(__dirname, "..");
const APP = path.join(ROOT, ".fixture-out", "vite-dev", "app");

interface Served {
  status: number;
  type: string | null;
  body: string;
}
interface DevRun {
  served: Served;
  plain: Served;
  check: { runs: number; square: object; norm: object };
  fragments: Array<{ file: string; entry: { closures: Array<{ name: string; memoized: object | null }> } }>;
  merged: { files: Record<string, unknown> } | null;
}

let dev: DevRun;

beforeAll(() => {
  fs.rmSync(path.dirname(APP), { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, "fixtures", "bundler", "app"), APP, { recursive: true });
  const stdout = execFileSync(process.execPath, [path.join(__dirname, "support", "vite-dev.mjs"), JSON.stringify({ fixture: APP })], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  dev = JSON.parse(stdout.slice(stdout.indexOf("@@memoscope-result@@") + "@@memoscope-result@@".length));
}, 120000);

afterAll(() => {
  fs.rmSync(path.dirname(APP), { recursive: true, force: true });
});

test("a requested tagged module is served memoized, with its source map", () => {
  expect(dev.served.status).toBe(200);
  expect(dev.served.type).toMatch(/javascript/);
  expect(dev.served.body).toMatch(/^import \* as _memoscope from "[^"]*runtime\/index\.js";/);
  expect(dev.served.body).toMatch(/_squareCache\.get\(n\)/);
  expect(dev.served.body).toMatch(/sourceMappingURL=data:application\/json/);
});

test("an untagged module is served as Vite makes it, without memoscope's runtime", () => {
  expect(dev.plain.status).toBe(200);
  expect(dev.plain.body).toMatch(/export function twice/);
  expect(dev.plain.body).not.toMatch(/memoscope/i);
});

test("the app loaded through the dev server memoizes at run time", () => {
  expect(dev.check).toEqual({ runs: 2, square: { hits: 1, misses: 1, size: 1 }, norm: { hits: 1, misses: 1, size: 1, max: 10 } });
});

test("the store has the tagged file's fragment while the server runs, and the merged report once it closes", () => {
  expect(dev.fragments.map((f) => f.file)).toEqual(["src/math.ts"]);
  const memoized = dev.fragments[0].entry.closures.filter((c) => c.memoized !== null).map((c) => c.name);
  expect(memoized.sort()).toEqual(["explode", "norm", "square"]);
  expect(Object.keys(dev.merged?.files ?? {})).toEqual(["src/math.ts"]);
});
