import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { scanProject, scriptsAddedUnder, untaggedIn, type ProjectScan } from "../dist/bundler/project-scan";
import { TAG_HINT } from "../dist/core/tag";
import { writeFile } from "./support/write-file";

/**
 * The project scan behind Rspack's one-off builds and the esbuild filter (src/bundler/project-scan.ts): which files it reads,
 * which JavaScript must still see, and the rule condition built from them — a file the condition
 * matches is never shown to memoscope, so it must match exactly the untagged files the scan read.
 */
let root: string;

function write(file: string, text: string): string {
  return writeFile(root, file, text);
}

function matches(condition: RegExp | undefined, file: string): boolean {
  return condition !== undefined && condition.test(file);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-scan-"));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

test("the untagged files the scan read are matched; tagged, unread, skipped, outside and later files are not", () => {
  const tagged = write("src/math.ts", "/** @memoize */\nexport function f(n: number) { return n; }\n");
  const misspelled = write("src/deep/misspelled.tsx", "/** @Memorize */ export const g = (n: number) => n;\n");
  const plain = write("src/plain.ts", "export const x = 1;\n");
  const deepPlain = write("src/deep/plain.mjs", "export const y = 2;\n");
  const big = write("src/generated.js", `export const z = ${JSON.stringify("x".repeat(300 * 1024))};\n`);
  const inPackage = write("node_modules/pkg/index.ts", "/** @memoize */ export function h() {}\n");
  const inDot = write(".cache/gen.ts", "export const w = 1;\n");
  const inOutput = write("dist/main.js", "export const v = 1;\n");
  const outside = path.join(path.dirname(root), "shared", "util.ts");

  const scan = scanProject(root, [path.join(root, "dist")], TAG_HINT)!;
  expect(scan).toBeDefined();
  // The hint (not only the exact tag) keeps a file for memoscope: it reports misspellings.
  expect(scan.tagged.sort()).toEqual([big, tagged, misspelled].sort());
  expect(scan.untagged.sort()).toEqual([deepPlain, plain].sort());
  const condition = untaggedIn(scan);
  expect(matches(condition, plain)).toBe(true);
  expect(matches(condition, deepPlain)).toBe(true);
  const later = path.join(root, "src", "later.ts"); // written after the scan (by another plugin, say)
  for (const file of [tagged, misspelled, big, inPackage, inDot, inOutput, outside, later, `${plain}x`, `${plain}.bak`]) expect([file, matches(condition, file)]).toEqual([file, false]);
});

test("linked folders are listed, not followed; scriptsAddedUnder lists as the scan does and gives only what it did not know", () => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-scan-linked-"));
  try {
    fs.writeFileSync(path.join(elsewhere, "linked.ts"), "/** @memoize */ export function l() {}\n");
    const plain = write("src/plain.ts", "export const x = 1;\n");
    fs.symlinkSync(elsewhere, path.join(root, "src", "shared"));
    fs.symlinkSync(path.join(elsewhere, "linked.ts"), path.join(root, "src", "file-link.ts"));
    const scan = scanProject(root, [path.join(root, "dist")], TAG_HINT)!;
    expect(scan.links).toEqual([path.join(root, "src", "shared")]);
    expect(scan.tagged).toEqual([path.join(root, "src", "file-link.ts")]); // a linked script is read like any
    expect(scan.untagged).toEqual([plain]);
    const known = new Set([...scan.tagged, ...scan.untagged]);
    expect(scriptsAddedUnder(root, [path.join(root, "dist")], known)).toEqual([]);
    const added = [write("src/new.ts", ""), write("src/fresh/deeper/new.mts", "")];
    write("dist/out.js", ""); // skipped: the output folder
    write(".cache/x.ts", ""); // skipped: a dot-folder
    write("node_modules/p/index.js", ""); // skipped
    expect(scriptsAddedUnder(root, [path.join(root, "dist")], known)!.sort()).toEqual(added.sort());
    // Not capped like the scan: a rebuild's check must see every new file.
    for (let i = 0; i < 3001; i++) write(`many/f${i}.js`, "");
    expect(scriptsAddedUnder(root, [path.join(root, "dist")], known)).toHaveLength(3003);
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

test("with no untagged file there is no condition; a project too large is not scanned", () => {
  write("src/a.ts", "/** @memoize */ export function a() {}\n");
  expect(untaggedIn(scanProject(root, [], TAG_HINT)!)).toBeUndefined();
  for (let i = 0; i < 3001; i++) write(`many/f${i}.js`, "");
  expect(scanProject(root, [], TAG_HINT)).toBeUndefined();
});

test("paths with regex characters are escaped", () => {
  const odd = write("src/a+b (1)/[x].ts", "export const a = 1;\n");
  const tagged = write("src/a+b (1)/t.ts", "/** @memoize */ export function t() {}\n");
  const scan = scanProject(root, [], TAG_HINT)!;
  expect(matches(untaggedIn(scan), odd)).toBe(true);
  expect(matches(untaggedIn(scan), tagged)).toBe(false);
  expect(matches(untaggedIn(scan), path.join(root, "src", "aab (1)", "x.ts"))).toBe(false);
});

test("the condition matches exactly the untagged files, for any set of paths (a property)", () => {
  // Segments from a small alphabet with regex characters, so that paths share prefixes, and a file's
  // name can be a prefix of another's, or of a folder's.
  const segment = fc.stringMatching(/^[ab.+()[\]$^|?*\\{}-]{1,3}$/);
  const file = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => path.join("/p", ...segments));
  fc.assert(
    fc.property(fc.uniqueArray(file, { minLength: 1, maxLength: 12 }), fc.array(file, { maxLength: 12 }), (untagged, others) => {
      const condition = untaggedIn({ untagged, tagged: [], unread: new Set(), folders: new Map(), links: [] } satisfies ProjectScan)!;
      for (const f of untagged) expect([f, condition.test(f)]).toEqual([f, true]);
      for (const f of [...others, ...untagged.map((u) => `${u}x`), ...untagged.map((u) => path.dirname(u))]) expect([f, condition.test(f)]).toEqual([f, untagged.includes(f)]);
    }),
    { numRuns: 300 },
  );
});

/**
 * The stamps a scan keeps (size, modification and change times) let the next build, in this process
 * or (through node_modules/.cache/memoscope) in the next one, read only the files that changed. Each
 * scan below runs in a fresh Node process, as a CLI build does, counting the files it reads.
 */
function scanInProcess(): { reads: number; tagged: string[]; untagged: string[] } {
  const script = `
    const fs = require("fs");
    const read = fs.readFileSync;
    let reads = 0;
    fs.readFileSync = function (file, ...rest) {
      if (String(file).startsWith(${JSON.stringify(root)} + "/src")) reads++;
      return read.call(this, file, ...rest);
    };
    const { scanProjectCached } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "bundler", "project-scan.js"))});
    const { TAG_HINT } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "core", "tag.js"))});
    const { scan } = scanProjectCached(${JSON.stringify(root)}, [], TAG_HINT);
    process.stdout.write(JSON.stringify({ reads, tagged: scan.tagged.sort(), untagged: scan.untagged.sort() }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

test("a later process reads only the files whose stamps changed (the change time too, which no program can set back)", () => {
  fs.mkdirSync(path.join(root, "node_modules"));
  const a = write("src/a.ts", "export const a = 1;\n");
  const b = write("src/b.ts", "export const b = 2;\n");
  write("src/c.ts", "/** @memoize */ export function c() {}\n");
  expect(scanInProcess()).toMatchObject({ reads: 3, untagged: [a, b] });
  expect(fs.readdirSync(path.join(root, "node_modules", ".cache", "memoscope")).some((name) => /^project-scan-[0-9a-f]{8}\.json$/.test(name))).toBe(true);
  expect(scanInProcess().reads).toBe(0);
  // Same length, and the modification time put back: only the change time tells.
  const before = fs.statSync(a);
  fs.writeFileSync(a, "/** @memoize */ /*!*/\n".slice(0, before.size).padEnd(before.size, " "));
  fs.utimesSync(a, before.atime, before.mtime);
  expect(fs.statSync(a).size).toBe(before.size);
  expect(scanInProcess()).toMatchObject({ reads: 1, untagged: [b] });
  fs.rmSync(b);
  expect(scanInProcess()).toMatchObject({ reads: 0, untagged: [] });
  // The deleted file's stamp is dropped from the cache on disk; the others stay.
  const dir = path.join(root, "node_modules", ".cache", "memoscope");
  const saved = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((name) => name.startsWith("project-scan-"))!), "utf8"));
  expect(Object.keys(saved.data.files).sort()).toEqual([a, path.join(root, "src/c.ts")]);
});

test("a damaged cache, or one written for another hint or another root, is not trusted", () => {
  fs.mkdirSync(path.join(root, "node_modules"));
  write("src/a.ts", "export const a = 1;\n");
  expect(scanInProcess().reads).toBe(1);
  const dir = path.join(root, "node_modules", ".cache", "memoscope");
  const [name] = fs.readdirSync(dir);
  const file = path.join(dir, name);
  const saved = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...saved, data: { ...saved.data, hint: "/@other/" } }));
  expect(scanInProcess().reads).toBe(1);
  fs.writeFileSync(file, JSON.stringify({ ...saved, root: "/elsewhere" }));
  expect(scanInProcess().reads).toBe(1);
  fs.writeFileSync(file, "{ not json");
  expect(scanInProcess().reads).toBe(1);
  // Valid JSON of the wrong shape: no stamps at all, or a stamp that is not one.
  fs.writeFileSync(file, JSON.stringify({ ...saved, data: { ...saved.data, files: null } }));
  expect(scanInProcess().reads).toBe(1);
  fs.writeFileSync(file, JSON.stringify({ ...saved, data: { ...saved.data, files: Object.fromEntries(Object.keys(saved.data.files).map((name) => [name, null])) } }));
  expect(scanInProcess().reads).toBe(1);
  expect(scanInProcess().reads).toBe(0); // and a good one is written again
});

test("a project too large is given up from its listing, before any file is read", () => {
  for (let i = 0; i < 3001; i++) write(`many/f${i}.js`, "export const x = 1;\n");
  const script = `
    const fs = require("fs");
    const read = fs.readFileSync;
    let reads = 0;
    fs.readFileSync = function (file, ...rest) {
      if (String(file).startsWith(${JSON.stringify(root)})) reads++;
      return read.call(this, file, ...rest);
    };
    const { scanProject } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "bundler", "project-scan.js"))});
    const { TAG_HINT } = require(${JSON.stringify(path.join(__dirname, "..", "dist", "core", "tag-hint.js"))});
    process.stdout.write(JSON.stringify({ scanned: scanProject(${JSON.stringify(root)}, [], TAG_HINT, new Map()) !== undefined, reads }));`;
  expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).toEqual({ scanned: false, reads: 0 });
});
