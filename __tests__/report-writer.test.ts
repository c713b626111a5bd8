import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import {
  ReportError,
  emptyReport,
  parseReport,
  readReport,
  reportKey,
  serializeReport,
  withFileEntry,
  writeReportEntries,
  writeReportEntry,
  type ClosureRecord,
  type FileReport,
} from "../dist/core";

/** The report model, its deterministic text, and the report file under concurrent writers. */

const dist = path.join(__dirname, "..", "dist", "core");
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-report-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function closure(name: string, line: number): ClosureRecord {
  return {
    name,
    kind: "function",
    loc: { line, column: 0 },
    memoized: null,
    captures: [{ name: "x", binding: "let", scope: "module", declared: { line: 1, column: 4 }, reassigned: false, writtenHere: false, via: "direct" }],
    globals: ["b", "a"],
    lexical: [],
    dynamic: false,
    diagnostics: [],
  };
}
const entry = (name: string, line = 1): FileReport => ({ closures: [closure(name, line)] });

describe("serialisation", () => {
  it("sorts keys and arrays, ends with a newline, and round-trips", () => {
    const text = serializeReport(withFileEntry(withFileEntry(emptyReport(), "b.js", entry("g", 3)), "a.js", { closures: [closure("z", 9), closure("y", 2)] }));
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.indexOf('"a.js"')).toBeLessThan(text.indexOf('"b.js"'));
    expect(text.indexOf('"name": "y"')).toBeLessThan(text.indexOf('"name": "z"'));
    expect(text).toContain('"globals": [\n');
    expect(JSON.parse(text).files["a.js"].closures[0].globals).toEqual(["a", "b"]);
    expect(serializeReport(parseReport(text, "r.json"))).toBe(text);
  });

  it("report keys are relative POSIX paths", () => {
    expect(reportKey("/p", "/p/src/a.ts")).toBe("src/a.ts");
    expect(reportKey("/p", "src/b.ts")).toBe("src/b.ts");
  });

  it("rejects corrupt and foreign files with one clear line", () => {
    expect(() => parseReport("{", "r.json")).toThrow(ReportError);
    expect(() => parseReport("{", "r.json")).toThrow(/^r\.json: not a memoscope report \(invalid JSON/);
    expect(() => parseReport('{"version":2,"files":{}}', "r.json")).toThrow(/unsupported version 2/);
    expect(() => parseReport('{"version":1,"files":{"a":{"closures":[{"name":1}]}}}', "r.json")).toThrow(/closures\[0\]/);
  });

  it("merging is order-independent and deterministic (property)", () => {
    const names = fc.constantFrom("a.js", "b/c.ts", "d.tsx", "e.mjs", "z/y/x.js");
    const op = fc.record({ file: names, line: fc.integer({ min: 1, max: 50 }), fn: fc.string({ minLength: 1, maxLength: 5 }) });
    fc.assert(
      fc.property(fc.uniqueArray(op, { selector: (o) => o.file, maxLength: 5 }), fc.infiniteStream(fc.nat()), (ops, seeds) => {
        const apply = (list: typeof ops) => list.reduce((r, o) => withFileEntry(r, o.file, entry(o.fn, o.line)), emptyReport());
        const shuffled = [...ops].sort(() => (seeds.next().value % 3) - 1);
        expect(serializeReport(apply(shuffled))).toBe(serializeReport(apply(ops)));
      }),
    );
  });
});

describe("report file", () => {
  it("a rebuilt file replaces only its own entry; an empty entry removes it", () => {
    const file = path.join(dir, ".memoscope", "report.json");
    writeReportEntry(file, "a.js", entry("one"));
    writeReportEntry(file, "b.js", entry("two"));
    writeReportEntry(file, "a.js", entry("three"));
    expect(Object.keys(readReport(file).files)).toEqual(["a.js", "b.js"]);
    expect(readReport(file).files["a.js"].closures[0].name).toBe("three");
    writeReportEntry(file, "a.js", { closures: [] });
    expect(Object.keys(readReport(file).files)).toEqual(["b.js"]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["report.json"]);
  });

  it("does not rewrite a file whose entry did not change", () => {
    const file = path.join(dir, "report.json");
    writeReportEntries(file, new Map([["a.js", entry("one")]]));
    const before = fs.statSync(file).ino;
    writeReportEntry(file, "a.js", entry("one"));
    expect(fs.statSync(file).ino).toBe(before);
  });

  it("breaks a lock left by a dead process, and times out on a live one with a clear message", () => {
    const file = path.join(dir, "report.json");
    fs.writeFileSync(`${file}.lock`, `999999999\n${os.hostname()}\nx\n`);
    writeReportEntry(file, "a.js", entry("one"));
    expect(readReport(file).files["a.js"]).toBeDefined();
    fs.writeFileSync(`${file}.lock`, `${process.pid}\n${os.hostname()}\ny\n`);
    expect(() => writeReportEntry(file, "b.js", entry("two"), { timeoutMs: 50 })).toThrow(/timed out after 50 ms .*report lock/);
    fs.unlinkSync(`${file}.lock`);
  });

  it("a corrupt report file is a ReportError, not a crash", () => {
    const file = path.join(dir, "report.json");
    fs.writeFileSync(file, "{ half");
    expect(() => writeReportEntry(file, "a.js", entry("one"))).toThrow(ReportError);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it("many processes writing many entries at once lose nothing, and readers never see a partial file", async () => {
    const file = path.join(dir, ".memoscope", "report.json");
    const writers = 4;
    const perWriter = 40;
    const child = `
      const { writeReportEntry } = require(${JSON.stringify(dist)});
      const [file, id, count] = process.argv.slice(1);
      for (let i = 0; i < Number(count); i++) {
        const name = "w" + id + "_" + i;
        writeReportEntry(file, "src/" + name + ".js", { closures: [{ name, kind: "arrow", loc: { line: i + 1, column: 0 }, memoized: null,
          captures: [], globals: [], lexical: ["this"], dynamic: false, diagnostics: [] }] });
      }`;
    const run = (args: string[]) =>
      new Promise<number>((resolve, reject) => {
        const p = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
        p.on("error", reject);
        p.on("exit", (code) => resolve(code ?? -1));
      });
    const reader = `
      const fs = require("fs"); const file = process.argv[1]; const end = Date.now() + 1500; let reads = 0;
      while (Date.now() < end) { let text; try { text = fs.readFileSync(file, "utf8"); } catch { continue; }
        JSON.parse(text); reads++; }
      process.exit(reads > 0 ? 0 : 3);`;
    const codes = await Promise.all([
      ...Array.from({ length: writers }, (_, id) => run(["-e", child, file, String(id), String(perWriter)])),
      run(["-e", reader, file]),
    ]);
    expect(codes).toEqual(new Array(writers + 1).fill(0));
    const report = readReport(file);
    expect(Object.keys(report.files)).toHaveLength(writers * perWriter);
    for (let id = 0; id < writers; id++) for (let i = 0; i < perWriter; i++) expect(report.files[`src/w${id}_${i}.js`].closures[0].name).toBe(`w${id}_${i}`);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["report.json"]);
  });
});
