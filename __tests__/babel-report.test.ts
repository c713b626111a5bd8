import { transformSync } from "@babel/core";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serializeReport } from "../dist/core";
import { storedReport } from "./support/store";

/**
 * Report delivery through the Babel plugin (§5): `file.metadata.memoscope`, the file's fragment in the
 * store, `strict`, rebuilds replacing their own entry, and many worker processes writing one store at
 * once. Kills, worker threads, watch mode and broken stores: report-store-processes.test.ts.
 */
const plugin = path.resolve(__dirname, "../dist/babel/index.js");

function compile(code: string, filename: string, options: Record<string, unknown>, root: string) {
  return transformSync(code, { filename, root, cwd: root, babelrc: false, configFile: false, plugins: [[plugin, options]] })!;
}

const COUNTER = `
let count = 0;
/** @memoize */
export function bump(step) {
  count += step;
  return count;
}
`;

describe("report delivery (Babel)", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-report-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("the file's part is in file.metadata.memoscope and in the default store (.memoscope), and nothing else is written", () => {
    const result = compile(COUNTER, path.join(root, "src", "counter.js"), {}, root);
    const part = (result.metadata as any).memoscope;
    const bump = part.closures.find((c: any) => c.name === "bump");
    expect(bump.memoized).toEqual({ key: "identity" });
    expect(bump.captures).toEqual([
      { name: "count", binding: "let", scope: "module", declared: { line: 2, column: 4 }, reassigned: true, writtenHere: true, via: "direct" },
    ]);
    expect(bump.diagnostics.map((d: any) => d.code)).toEqual(["MS101", "MS102"]);
    const report = storedReport(".memoscope", root);
    expect(report.version).toBe(1);
    expect(Object.keys(report.files)).toEqual(["src/counter.js"]);
    expect(report.files["src/counter.js"]).toEqual(part);
    // A build writes its fragment only; the merged report.json is written on request (CLI --write, bundlers at build end).
    expect(fs.readdirSync(path.join(root, ".memoscope"))).toEqual(["fragments"]);
    expect(fs.readdirSync(path.join(root, ".memoscope", "fragments"))).toHaveLength(1);
  });

  test("report: false writes nothing; a file without tags still has no report work", () => {
    compile(COUNTER, path.join(root, "a.js"), { report: false }, root);
    expect(fs.existsSync(path.join(root, ".memoscope"))).toBe(false);
    const untagged = compile("export const f = (x) => x + 1;", path.join(root, "b.js"), { report: false }, root);
    expect((untagged.metadata as any).memoscope).toBeUndefined();
  });

  test("strict: true turns MS101/MS102 into build errors with a position, and writes nothing", () => {
    expect(() => compile(COUNTER, path.join(root, "c.js"), { strict: true, report: "out/r.json" }, root)).toThrow(/MS101: bump is memoized but captures `count`.*\(5:2\)/s);
    expect(fs.existsSync(path.join(root, "out"))).toBe(false);
  });

  test("a report store outside the root is written where asked, with one warning", () => {
    const outside = `${root}-outside`;
    const writes: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      compile(COUNTER, path.join(root, "src", "a.js"), { report: outside }, root);
      compile(COUNTER, path.join(root, "src", "b.js"), { report: outside }, root);
    } finally {
      process.stderr.write = write;
    }
    const store = writes.filter((w) => w.startsWith("memoscope: warning:"));
    expect(store).toEqual([`memoscope: warning: the report store ${outside} (report: ${JSON.stringify(outside)}) is outside the project root ${root}; writing it there as asked.\n`]);
    expect(Object.keys(storedReport(outside).files)).toEqual(["src/a.js", "src/b.js"]);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  test("rebuilding a file replaces its own entry and keeps the others; output is deterministic", () => {
    const options = { report: "out/r.json" }; // the older form: the store is out/
    compile(COUNTER, path.join(root, "one.js"), options, root);
    compile("export function outer(x) { return () => x; }", path.join(root, "two.js"), options, root);
    const first = serializeReport(storedReport("out", root));
    compile(COUNTER, path.join(root, "one.js"), options, root);
    expect(serializeReport(storedReport("out/r.json", root))).toBe(first);
    compile("export const nothing = 1;", path.join(root, "one.js"), options, root);
    expect(Object.keys(storedReport("out", root).files)).toEqual(["two.js"]);
  });

  test("parallel worker processes compiling many files into one report lose nothing", async () => {
    const workers = 4;
    const perWorker = 15;
    const script = `
      const babel = require(${JSON.stringify(require.resolve("@babel/core"))});
      const [root, worker, count] = process.argv.slice(1);
      for (let i = 0; i < Number(count); i++) {
        const file = root + "/src/w" + worker + "/f" + i + ".js";
        babel.transformSync("let n = " + i + ";\\n/** @memoize */\\nexport function f(x) { return x + n; }\\nexport function g() { n++; }", {
          filename: file, root, cwd: root, babelrc: false, configFile: false,
          plugins: [[${JSON.stringify(plugin)}, { report: "shared/report.json" }]],
        });
      }
    `;
    await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["-e", script, root, String(w), String(perWorker)], { stdio: ["ignore", "ignore", "pipe"] });
          let stderr = "";
          child.stderr.on("data", (d) => (stderr += d));
          child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker ${w} exited ${code}: ${stderr.slice(-2000)}`))));
        }),
      ),
    );
    const report = storedReport("shared/report.json", root);
    const expected = Array.from({ length: workers }, (_, w) => Array.from({ length: perWorker }, (_, i) => `src/w${w}/f${i}.js`)).flat().sort();
    expect(Object.keys(report.files).sort()).toEqual(expected);
    for (const key of expected) expect(report.files[key].closures.find((c) => c.name === "f")!.diagnostics[0].code).toBe("MS101");
    expect(fs.readdirSync(path.join(root, "shared"))).toEqual(["fragments"]);
    expect(fs.readdirSync(path.join(root, "shared", "fragments")).filter((f) => !f.endsWith(".json"))).toEqual([]); // no temporary files left
  });
});
