import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The report store as real builds run it (issue 8, SPEC §5 delivery), through both front ends:
 * worker processes killed (SIGKILL, SIGTERM) and worker threads terminated at random points — every
 * file whose transform returned is in `memoscope report`; many processes × many files at once —
 * nothing lost or duplicated; broken stores (corrupt fragments and report.json, lock files of older
 * versions, a blocked or read-only folder) — the build goes on, one warning, same output; deleted
 * files, files a build cache skipped, and a file rebuilt in watch mode (`tspc --watch`).
 */

const ROOT = path.resolve(__dirname, "..");
const BABEL_PLUGIN = path.join(ROOT, "dist", "babel", "index.js");
const TS_PLUGIN = path.join(ROOT, "dist", "ts", "index.js");
const BIN = path.join(ROOT, "dist", "cli", "main.js");
const TSPC = path.join(ROOT, "node_modules", ".bin", "tspc");
const BABEL_CORE = require.resolve("@babel/core");
const TS_PATCH = require.resolve("ts-patch/compiler");

// Real builds in child processes, on a machine that may be busy: generous, but bounded.
jest.setTimeout(180_000);

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-store-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A source with a memoized function capturing a reassigned binding (MS101) and a writer of it. */
const source = (i: number, name = "f") => `let n = ${i};\n/** @memoize */\nexport function ${name}(x${i % 2 ? "" : ": number"}) { return x + n; }\nexport function bump() { n++; }\n`;

/** Writes `count` source files `src/<prefix><i>.<ext>`; returns their report keys. */
function sources(prefix: string, count: number, ext = "js"): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `src/${prefix}${i}.${ext}`;
    fs.mkdirSync(path.dirname(path.join(root, key)), { recursive: true });
    fs.writeFileSync(path.join(root, key), ext === "js" ? source(i).replace(": number", "") : source(i));
    keys.push(key);
  }
  return keys;
}

/** A Babel build child: compiles the files, printing `done <key>` once each transform has returned. */
const BABEL_CHILD = `
  const babel = require(${JSON.stringify(BABEL_CORE)});
  const fs = require("fs");
  const wt = require("worker_threads");
  const [root, report, strict, ...keys] = wt.isMainThread ? process.argv.slice(1) : wt.workerData;
  const done = wt.isMainThread ? (key) => process.stdout.write("done " + key + "\\n") : (key) => wt.parentPort.postMessage(key);
  const pause = Number(process.env.PAUSE_MS || 0);
  const options = { report: report === "false" ? false : report, strict: strict === "true" };
  for (const key of keys) {
    const filename = root + "/" + key;
    const out = babel.transformSync(fs.readFileSync(filename, "utf8"), { filename, root, cwd: root, babelrc: false, configFile: false, plugins: [[${JSON.stringify(BABEL_PLUGIN)}, options]] });
    if (process.env.OUT_DIR) fs.writeFileSync(process.env.OUT_DIR + "/" + key.replace(/\\//g, "_"), out.code);
    done(key);
    if (pause) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause); // slower files, so kills land mid-build
  }
`;

/** A TypeScript (ts-patch) build child: one program, each file emitted on its own, `done <key>` after each. */
const TS_CHILD = `
  const ts = require(${JSON.stringify(TS_PATCH)});
  const [root, report, ...keys] = process.argv.slice(1);
  const program = ts.createProgram(keys.map((k) => root + "/" + k), {
    noLib: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, allowJs: true, outDir: root + "/ts-out",
    plugins: [{ transform: ${JSON.stringify(TS_PLUGIN)}, report }],
  });
  const pause = Number(process.env.PAUSE_MS || 0);
  for (const key of keys) {
    program.emit(program.getSourceFile(root + "/" + key), () => {});
    process.stdout.write("done " + key + "\\n");
    if (pause) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  }
`;

/** A thread pool in miniature: a worker compiles with Babel; the parent terminates it after `stopAfter` files. */
const THREAD_DRIVER = `
  const { Worker } = require("worker_threads");
  const [root, stopAfter, ...keys] = process.argv.slice(1);
  const worker = new Worker(${JSON.stringify(BABEL_CHILD)}, { eval: true, workerData: [root, ".memoscope", "false", ...keys] });
  let done = 0;
  worker.on("message", (key) => {
    process.stdout.write("done " + key + "\\n");
    if (++done === Number(stopAfter)) worker.terminate().then(() => process.stdout.write("terminated\\n"));
  });
  worker.on("error", (e) => { console.error(e); process.exit(3); });
`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  done: string[];
  stdout: string;
  stderr: string;
}

/**
 * Runs a child (`node -e script args`) in `root`; with `kill.after`, sends `kill.signal` `kill.delay` ms
 * after that many `done` lines arrived. Resolves with every `done` key it printed.
 */
function run(script: string, args: string[], kill: { after?: number; delay?: number; signal?: NodeJS.Signals } = {}, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const killNow = () => child.kill(kill.signal ?? "SIGKILL");
    child.stdout.on("data", (d) => {
      stdout += d;
      if (!killed && kill.after !== undefined && (stdout.match(/^done /gm) ?? []).length >= kill.after) {
        killed = true;
        setTimeout(killNow, kill.delay ?? 0);
      }
    });
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, done: [...stdout.matchAll(/^done (.+)$/gm)].map((m) => m[1]) }));
  });
}

function memoscope(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The merged report as `memoscope report --format json` prints it. */
function reported(store = ".memoscope"): { files: Record<string, { closures: Array<{ name: string; diagnostics: Array<{ code: string }> }>; stale?: true }> } {
  const result = memoscope("report", store, "--format", "json");
  if (result.status !== 0) throw new Error(`memoscope report exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** A seeded generator, so a failing kill point can be reproduced from the test name. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function expectComplete(done: readonly string[], store = ".memoscope") {
  const report = reported(store);
  for (const key of done) {
    expect(report.files[key]?.closures.map((c) => c.name)).toEqual(expect.arrayContaining(["f", "bump"]));
    expect(report.files[key].stale).toBeUndefined();
  }
  const leftovers = fs.readdirSync(path.join(root, store, "fragments")).filter((f) => !/^[0-9a-f]{40}\.json$/.test(f));
  // A killed writer may leave a temporary file; nothing else, and readers never read it.
  expect(leftovers.every((f) => f.endsWith(".tmp"))).toBe(true);
  return report;
}

describe("killed and terminated builds lose nothing they finished", () => {
  const rand = random(8);
  // Killed `delay` ms after the `after`-th file returned: at random points of the next transforms.
  const cases = Array.from({ length: 4 }, (_, i) => ({ signal: (i % 2 ? "SIGTERM" : "SIGKILL") as NodeJS.Signals, after: 1 + Math.floor(rand() * 30), delay: Math.floor(rand() * 25) }));

  test.each(cases)("Babel worker process, $signal $delay ms after $after files", async ({ signal, after, delay }) => {
    const keys = sources("k", 40);
    const result = await run(BABEL_CHILD, [root, ".memoscope", "false", ...keys], { after, delay, signal }, { PAUSE_MS: "15" });
    expect(result.signal ?? result.code).toBe(result.done.length === keys.length ? 0 : signal);
    expect(result.done.length).toBeGreaterThanOrEqual(after);
    expectComplete(result.done);
  });

  test.each([3, 17])("Babel in a worker thread ended with worker.terminate() after %i files; the process exits 0", async (stopAfter) => {
    const keys = sources("t", 40);
    const result = await run(THREAD_DRIVER, [root, String(stopAfter), ...keys], {}, { PAUSE_MS: "15" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("terminated");
    expect(result.done.length).toBeGreaterThanOrEqual(stopAfter);
    expectComplete(result.done);
  });

  test.each(["SIGKILL", "SIGTERM"] as const)("TypeScript (ts-patch) build process, %s after a few files", async (signal) => {
    const keys = sources("s", 30, "ts");
    const result = await run(TS_CHILD, [root, ".memoscope", ...keys], { after: 4, signal }, { PAUSE_MS: "15" });
    expect(result.done.length).toBeGreaterThanOrEqual(4);
    expectComplete(result.done);
  });
});

test("many processes × many files through both front ends at once: nothing lost, nothing duplicated, byte-identical", async () => {
  const shared = sources("shared/x", 8); // every process builds these too: one entry each
  const babelJobs = [0, 1, 2].map((w) => [...sources(`b${w}/f`, 30), ...shared.slice(0, 4)]);
  const tsJobs = [0, 1].map((w) => [...sources(`t${w}/f`, 30, "ts"), ...shared]);
  const results = await Promise.all([
    ...babelJobs.map((keys) => run(BABEL_CHILD, [root, ".memoscope", "false", ...keys])),
    ...tsJobs.map((keys) => run(TS_CHILD, [root, ".memoscope", ...keys])),
  ]);
  for (const r of results) expect([r.code, r.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"))]).toEqual([0, []]);
  const expected = [...new Set([...babelJobs.flat(), ...tsJobs.flat()])].sort();
  const report = expectComplete(expected);
  expect(Object.keys(report.files)).toEqual(expected);
  expect(fs.readdirSync(path.join(root, ".memoscope", "fragments"))).toHaveLength(expected.length);
  for (const key of expected) expect(report.files[key].closures.find((c) => c.name === "f")!.diagnostics.map((d) => d.code)).toEqual(["MS101"]);
  // Deterministic: the same code gives the same bytes, whichever process wrote last.
  const text = memoscope("report", "--format", "json").stdout;
  await run(BABEL_CHILD, [root, ".memoscope", "false", ...[...babelJobs.flat()].reverse()]);
  expect(memoscope("report", "--format", "json").stdout).toBe(text);
  expect(memoscope("report", "--write").status).toBe(0);
  expect(fs.readFileSync(path.join(root, ".memoscope", "report.json"), "utf8")).toBe(text);
});

describe("the store follows the code: deleted files, build caches, rebuilds", () => {
  test("a deleted file drops out; files a cache skipped keep their entries; a rebuild replaces the entry (Babel, one long-lived process as in watch mode)", async () => {
    const keys = sources("w", 3);
    expect((await run(BABEL_CHILD, [root, ".memoscope", "false", ...keys])).code).toBe(0);
    fs.rmSync(path.join(root, keys[0]));
    // The next build transforms only w1 (a cache skipped w2): w2 keeps its entry.
    fs.writeFileSync(path.join(root, keys[1]), source(1, "renamed"));
    const before = memoscope("report", "--check");
    expect(before.status).toBe(1);
    expect(before.stderr).toContain("--check fails: 1 report entry is older than its source: src/w1.js.");
    expect(reported().files[keys[1]].stale).toBe(true);
    expect((await run(BABEL_CHILD, [root, ".memoscope", "false", keys[1]])).code).toBe(0);
    const report = reported();
    expect(Object.keys(report.files)).toEqual([keys[1], keys[2]]);
    expect(report.files[keys[1]].closures.map((c) => c.name)).toEqual(["renamed", "bump"]);
    expect(report.files[keys[1]].stale).toBeUndefined();
    const check = memoscope("report", "--check");
    expect(check.stderr).not.toContain("older than");
    expect(check.stderr).toContain("2 warnings on memoized functions");
  });

  test("tspc --watch replaces a rebuilt file's entry", async () => {
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "a.ts"), source(1));
    fs.writeFileSync(
      path.join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", types: [], skipLibCheck: true, outDir: "out", plugins: [{ transform: TS_PLUGIN }] }, include: ["src"] }),
    );
    const watcher = spawn(TSPC, ["-p", "tsconfig.json", "--watch", "--preserveWatchOutput"], { cwd: root, stdio: "ignore" });
    const until = async (what: string, ok: () => boolean) => {
      for (const end = Date.now() + 45_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        try {
          if (ok()) return;
        } catch {
          // not there yet
        }
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    try {
      await until("the first build", () => reported().files["src/a.ts"].closures[0].name === "f");
      await new Promise((r) => setTimeout(r, 50));
      fs.writeFileSync(path.join(root, "src", "a.ts"), source(2, "g"));
      await until("the rebuild", () => {
        const entry = reported().files["src/a.ts"];
        return entry.closures[0].name === "g" && entry.stale === undefined;
      });
      expect(fs.readdirSync(path.join(root, ".memoscope", "fragments"))).toHaveLength(1);
    } finally {
      watcher.kill("SIGKILL");
    }
  });
});

describe("a broken store never breaks a build", () => {
  /** A store an older memoscope and bad luck left: corrupt fragments and report.json, a held lock, a half-written temp file. */
  function brokenStore() {
    const store = path.join(root, ".memoscope");
    fs.mkdirSync(path.join(store, "fragments"), { recursive: true });
    fs.writeFileSync(path.join(store, "report.json"), '{"version":1,"files":{"src/a.js":');
    fs.writeFileSync(path.join(store, "report.json.lock"), `${process.pid}\n${os.hostname()}\nheld\n`); // a live owner: older versions waited 60 s
    fs.writeFileSync(path.join(store, "fragments", "0123456789012345678901234567890123456789.json"), "");
    fs.writeFileSync(path.join(store, "fragments", "9876543210987654321098765432109876543210.json"), "\u0000garbage");
    fs.writeFileSync(path.join(store, "fragments", "abc.json.99-0-1.tmp"), '{"memoscopeFragment":1,');
    return store;
  }

  test("Babel (the older `report: \".memoscope/report.json\"` form): no wait, one warning naming the lock, the same output, and the report says what it left out", async () => {
    const keys = sources("c", 5);
    fs.mkdirSync(path.join(root, "plain"));
    fs.mkdirSync(path.join(root, "broken"));
    expect((await run(BABEL_CHILD, [root, "false", "false", ...keys], {}, { OUT_DIR: path.join(root, "plain") })).code).toBe(0);
    brokenStore();
    const start = Date.now();
    const result = await run(BABEL_CHILD, [root, ".memoscope/report.json", "false", ...keys], {}, { OUT_DIR: path.join(root, "broken") });
    expect(Date.now() - start).toBeLessThan(15_000);
    expect(result.code).toBe(0);
    const storeLines = result.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"));
    expect(storeLines).toEqual([expect.stringMatching(/report\.json\.lock: a lock file left by an older memoscope\. .*delete it\.$/)]);
    for (const name of fs.readdirSync(path.join(root, "plain"))) expect(fs.readFileSync(path.join(root, "broken", name), "utf8")).toBe(fs.readFileSync(path.join(root, "plain", name), "utf8"));
    const shown = memoscope("report");
    expect(shown.status).toBe(0);
    expect(shown.stderr.match(/not a memoscope report fragment/g)).toHaveLength(2);
    for (const key of keys) expect(shown.stdout).toContain(`${key}:3`);
    const check = memoscope("report", "--check", "--format", "json");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("--check fails: 2 fragments could not be read.");
  });

  test("tspc with the same broken store: exit 0, one warning", () => {
    sources("c", 3, "ts");
    brokenStore();
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { types: [], skipLibCheck: true, outDir: "out", plugins: [{ transform: TS_PLUGIN }] }, include: ["src"] }));
    const result = spawnSync(TSPC, ["-p", "tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect([result.status, result.stdout]).toEqual([0, ""]);
    expect(result.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"))).toEqual([expect.stringContaining("report.json.lock: a lock file left by an older memoscope")]);
    expect(Object.keys(reported().files)).toEqual(["src/c0.ts", "src/c1.ts", "src/c2.ts"]);
  });

  test("an unwritable store (its parent is a regular file: blocks root too): one warning, the same output; strict fails with MS091, never a raw fs error", async () => {
    const keys = sources("u", 3);
    fs.writeFileSync(path.join(root, "blocker"), "not a folder");
    fs.mkdirSync(path.join(root, "plain"));
    fs.mkdirSync(path.join(root, "blocked"));
    expect((await run(BABEL_CHILD, [root, "false", "false", ...keys], {}, { OUT_DIR: path.join(root, "plain") })).code).toBe(0);
    const result = await run(BABEL_CHILD, [root, "blocker/store", "false", ...keys], {}, { OUT_DIR: path.join(root, "blocked") });
    expect(result.code).toBe(0);
    const warnings = result.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"));
    expect(warnings).toEqual([expect.stringMatching(/blocker\/store: cannot write the report store \(ENOTDIR: a part of the path is a file, not a folder\); the build goes on/)]);
    for (const name of fs.readdirSync(path.join(root, "plain"))) expect(fs.readFileSync(path.join(root, "blocked", name), "utf8")).toBe(fs.readFileSync(path.join(root, "plain", name), "utf8"));
    // tspc, not strict: the same single warning, exit 0.
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { types: [], skipLibCheck: true, allowJs: true, outDir: "out", plugins: [{ transform: TS_PLUGIN, report: "blocker/store" }] }, include: ["src"] }));
    const lenient = spawnSync(TSPC, ["-p", "tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect([lenient.status, lenient.stdout]).toEqual([0, ""]);
    expect(lenient.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"))).toEqual([expect.stringContaining("blocker/store: cannot write the report store (ENOTDIR")]);
    // strict: clean.js has no finding, so only the store fails it: Babel's error names the file, TypeScript's is an error diagnostic.
    fs.writeFileSync(path.join(root, "src", "clean.js"), "export function outer(x) { return () => x; }\n");
    const strict = await run(BABEL_CHILD, [root, "blocker/store", "true", "src/clean.js"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/src\/clean\.js: \[memoscope\] MS093: .*blocker\/store: cannot write the report store \(ENOTDIR/);
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { types: [], skipLibCheck: true, allowJs: true, outDir: "out", plugins: [{ transform: TS_PLUGIN, report: "blocker/store", strict: true }] }, files: ["src/clean.js"] }));
    const tspc = spawnSync(TSPC, ["-p", "tsconfig.json"], { cwd: root, encoding: "utf8" });
    expect(tspc.status).not.toBe(0);
    expect(tspc.stdout).toMatch(/error TS990093: MS093: .*blocker\/store: cannot write the report store \(ENOTDIR/);
    expect(`${tspc.stdout}${tspc.stderr}`).not.toMatch(/\n\s+at /);
  });

  const asRoot = process.getuid?.() === 0;
  (asRoot ? test.skip : test)("a read-only store folder (chmod 555; skipped as root, where chmod does not stop writes — the blocked-path test covers root): one warning with EACCES", async () => {
    const keys = sources("r", 2);
    fs.mkdirSync(path.join(root, ".memoscope", "fragments"), { recursive: true });
    fs.chmodSync(path.join(root, ".memoscope", "fragments"), 0o555);
    try {
      const result = await run(BABEL_CHILD, [root, ".memoscope", "false", ...keys]);
      expect(result.code).toBe(0);
      expect(result.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning:"))).toEqual([expect.stringMatching(/cannot write the report store \(EACCES: permission denied\)/)]);
      expect(result.stderr).not.toMatch(/Error: EACCES/);
    } finally {
      fs.chmodSync(path.join(root, ".memoscope", "fragments"), 0o755);
    }
  });
});
