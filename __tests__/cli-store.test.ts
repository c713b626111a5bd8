import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyReport, pruneDropped, readStore, resolveStore, serializeReport, withFileEntry, type FileReport } from "../dist/core";

/**
 * `memoscope report` over the store, as users run it: which paths it accepts (store folder, the
 * older `.json` form, a plain report file by any name), `--write`, stale entries in every format,
 * and clean one-line errors for what it cannot read or write.
 */

const bin = path.join(__dirname, "..", "dist", "cli", "main.js");
let dir: string;

function memoscope(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SOURCE = "let rate = 1;\nexport function setRate(r) { rate = r; }\n/** @memoize */\nexport const price = (amount) => amount * rate;\n";
const part: FileReport = {
  closures: [{ name: "f", kind: "arrow", loc: { line: 1, column: 0 }, memoized: null, captures: [], globals: [], lexical: ["this"], dynamic: false, diagnostics: [] }],
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-cli-store-"));
  fs.mkdirSync(path.join(dir, "src"));
  fs.writeFileSync(path.join(dir, "src", "cart.js"), SOURCE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a plain report file (an older version's, a CI artifact) is read as it is, whatever its name", () => {
  const text = serializeReport(withFileEntry(emptyReport(), "a.js", part));
  fs.mkdirSync(path.join(dir, "artifacts"));
  fs.writeFileSync(path.join(dir, "artifacts", "memoscope.json"), text);
  fs.writeFileSync(path.join(dir, "artifacts", "report"), text);
  expect(memoscope("report", "artifacts/memoscope.json", "--format", "json")).toMatchObject({ status: 0, stdout: text, stderr: "" });
  expect(memoscope("report", "artifacts/report", "--format", "json")).toMatchObject({ status: 0, stdout: text, stderr: "" });
});

test("--write writes the merged report next to the store, or where the .json form says; only report takes it", () => {
  expect(memoscope("scan", "src", "--out", "store").status).toBe(0);
  fs.rmSync(path.join(dir, "store", "report.json"));
  const printed = memoscope("report", "store", "--write", "--format", "json");
  expect(printed.status).toBe(0);
  expect(printed.stderr).toBe("memoscope: wrote store/report.json\n");
  expect(fs.readFileSync(path.join(dir, "store", "report.json"), "utf8")).toBe(printed.stdout);
  expect(memoscope("report", "store/merged.json", "--write").stderr).toBe("memoscope: wrote store/merged.json\n");
  expect(fs.readFileSync(path.join(dir, "store", "merged.json"), "utf8")).toBe(printed.stdout);
  expect(memoscope("scan", "src", "--write")).toMatchObject({ status: 2, stderr: "memoscope: --write is an option of report.\n" });
});

test("--prune removes the fragments of deleted sources (so does --write); the others, and a recreated source's, stay", () => {
  fs.writeFileSync(path.join(dir, "src", "gone.js"), SOURCE);
  fs.writeFileSync(path.join(dir, "src", "back.js"), SOURCE);
  expect(memoscope("scan", "src", "--out", ".memoscope").status).toBe(0);
  const fragments = () => fs.readdirSync(path.join(dir, ".memoscope", "fragments")).sort();
  const all = fragments();
  expect(all).toHaveLength(3);
  const nameOf = (key: string) => `${createHash("sha1").update(key).digest("hex")}.json`;
  fs.rmSync(path.join(dir, "src", "gone.js"));
  fs.rmSync(path.join(dir, "src", "back.js"));

  // Readers leave them out but keep them on disk.
  expect(Object.keys(JSON.parse(memoscope("report", "--format", "json").stdout).files)).toEqual(["src/cart.js"]);
  expect(fragments()).toEqual(all);

  // A source recreated after the store was read (a build racing the prune) keeps its fragment: each is judged again.
  const view = readStore(resolveStore(dir, ".memoscope"));
  expect(view.dropped).toEqual(["src/back.js", "src/gone.js"]);
  fs.writeFileSync(path.join(dir, "src", "back.js"), SOURCE);
  fs.writeFileSync(path.join(dir, "src", "gone.js"), SOURCE);
  expect(pruneDropped(view)).toEqual([]);
  expect(fragments()).toEqual(all);
  fs.rmSync(path.join(dir, "src", "gone.js"));
  const pruned = memoscope("report", "--prune", "--format", "json");
  expect(pruned.status).toBe(0);
  expect(pruned.stderr).toBe("memoscope: removed 1 fragment of deleted source files from .memoscope/fragments: src/gone.js\n");
  expect(fragments()).toEqual(all.filter((name) => name !== nameOf("src/gone.js")));
  expect(Object.keys(JSON.parse(pruned.stdout).files)).toEqual(["src/back.js", "src/cart.js"]);
  expect(memoscope("report", "--prune")).toMatchObject({ status: 0, stderr: "" });

  // --write prunes too: the merged file and the fragments agree.
  fs.rmSync(path.join(dir, "src", "back.js"));
  const written = memoscope("report", "--write");
  expect(written.stderr).toBe("memoscope: wrote .memoscope/report.json\nmemoscope: removed 1 fragment of deleted source files from .memoscope/fragments: src/back.js\n");
  expect(fragments()).toEqual([nameOf("src/cart.js")]);
  expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, ".memoscope", "report.json"), "utf8")).files)).toEqual(["src/cart.js"]);
  expect(memoscope("scan", "src", "--prune")).toMatchObject({ status: 2, stderr: "memoscope: --prune is an option of report.\n" });
});

test("stale entries: flagged in json, marked in the table, said on stderr; --check fails even with a baseline", () => {
  expect(memoscope("scan", "src", "--out", ".memoscope").status).toBe(0);
  expect(memoscope("report", "--write-baseline", "baseline.json").status).toBe(0);
  expect(memoscope("report", "--check", "--baseline", "baseline.json").status).toBe(0);
  fs.appendFileSync(path.join(dir, "src", "cart.js"), "// edited\n");
  const json = memoscope("report", "--format", "json");
  expect(json.status).toBe(0);
  expect(JSON.parse(json.stdout).files["src/cart.js"].stale).toBe(true);
  expect(json.stderr).toBe("memoscope: warning: 1 report entry is older than its source: src/cart.js. Rebuild, or run memoscope scan for a report of the code as it is.\n");
  expect(memoscope("report").stdout).toMatch(/^src\/cart\.js:2 \(stale\)\s+setRate/m);
  const check = memoscope("report", "--check", "--baseline", "baseline.json");
  expect(check.status).toBe(1);
  expect(check.stderr).toContain("memoscope: --check fails: 1 report entry is older than its source: src/cart.js.\n");
  // scan --out refreshes the store: fresh again.
  expect(memoscope("scan", "src", "--out", ".memoscope").status).toBe(0);
  expect(memoscope("report", "--check", "--baseline", "baseline.json")).toMatchObject({ status: 0, stderr: "" });
});

test("a store it cannot write or read is one clean line, exit 2, never a raw fs error", () => {
  fs.writeFileSync(path.join(dir, "blocker"), "a file");
  const out = memoscope("scan", "src", "--out", "blocker/store");
  expect(out.status).toBe(2);
  expect(out.stderr).toBe("memoscope: blocker/store/fragments: cannot write the report store (ENOTDIR: a part of the path is a file, not a folder).\n");
  expect(memoscope("scan", "src", "--out", ".memoscope").status).toBe(0);
  fs.rmSync(path.join(dir, ".memoscope", "report.json"));
  fs.mkdirSync(path.join(dir, ".memoscope", "report.json")); // a folder where the merged file goes
  const write = memoscope("report", "--write");
  expect(write.status).toBe(2);
  expect(write.stderr).toMatch(/^(?:[^\n]*\n)*memoscope: \.memoscope\/report\.json: cannot write \(EISDIR: a folder is in the way\)\.\n$/);
  expect(memoscope("report", "nowhere")).toMatchObject({ status: 2, stderr: "memoscope: nowhere: no report here. Build with the memoscope plugin (report option), or run memoscope scan --out nowhere.\n" });
});
