import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import {
  ReportError,
  deliverFileReport,
  emptyReport,
  fragmentName,
  parseReport,
  readStore,
  reportKey,
  resolveStore,
  serializeReport,
  withFileEntry,
  writeFragment,
  writeMergedReport,
  type ClosureRecord,
  type FileReport,
} from "../dist/core";

/**
 * The report model and its deterministic text, and the store in one process: where the `report`
 * option puts it, fragments written and replaced, what readers merge (stale, deleted, virtual,
 * corrupt, half-written), the merged file, and how store trouble is reported. Real processes,
 * kills and both front ends: report-store-processes.test.ts.
 */

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

describe("where the report option puts the store", () => {
  it("a folder is the store; a .json path (the older form) is the merged file in its folder's store", () => {
    expect(resolveStore("/p", ".memoscope")).toEqual({ dir: "/p/.memoscope", fragments: "/p/.memoscope/fragments", merged: "/p/.memoscope/report.json" });
    expect(resolveStore("/p", ".memoscope/report.json")).toEqual(resolveStore("/p", ".memoscope"));
    expect(resolveStore("/p", "build/memo.json")).toEqual({ dir: "/p/build", fragments: "/p/build/fragments", merged: "/p/build/memo.json" });
    expect(resolveStore("/p", "/abs/store")).toEqual({ dir: "/abs/store", fragments: "/abs/store/fragments", merged: "/abs/store/report.json" });
    expect(resolveStore(".", ".memoscope").merged).toBe(".memoscope/report.json");
  });
});

describe("store", () => {
  const source = (name: string, text = `// ${name}\n`) => {
    const file = path.join(dir, "src", name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const store = () => resolveStore(dir, ".memoscope");
  const put = (name: string, e: FileReport, text?: string) => {
    const file = source(name, text);
    writeFragment(store(), dir, `src/${name}`, file, fs.readFileSync(file, "utf8"), e);
    return file;
  };

  it("one fragment per file, named by its key; a rebuild replaces it, an empty part removes it", () => {
    put("a.js", entry("one"));
    put("b.js", entry("two"));
    put("a.js", entry("three"));
    expect(fs.readdirSync(store().fragments).sort()).toEqual([fragmentName("src/a.js"), fragmentName("src/b.js")].sort());
    const view = readStore(store());
    expect(Object.keys(view.report.files)).toEqual(["src/a.js", "src/b.js"]);
    expect(view.report.files["src/a.js"].closures[0].name).toBe("three");
    put("a.js", { closures: [] });
    expect(Object.keys(readStore(store()).report.files)).toEqual(["src/b.js"]);
    put("c.js", { closures: [] }); // nothing stored before, nothing to remove: fine
    expect(fs.readdirSync(store().fragments)).toEqual([fragmentName("src/b.js")]);
  });

  it("merging is deterministic: the same parts written in any order give the same bytes, canonical and sorted", () => {
    const names = ["z.js", "a.js", "m/k.ts", "b.js"];
    put("z.js", { closures: [closure("y", 9), closure("x", 2)] });
    for (const name of names.slice(1)) put(name, entry(name));
    const first = serializeReport(readStore(store()).report);
    fs.rmSync(store().dir, { recursive: true });
    for (const name of [...names].reverse().slice(0, 3)) put(name, entry(name));
    put("z.js", { closures: [closure("x", 2), closure("y", 9)] });
    expect(serializeReport(readStore(store()).report)).toBe(first);
    expect(Object.keys(JSON.parse(first).files)).toEqual(["src/a.js", "src/b.js", "src/m/k.ts", "src/z.js"]);
    expect(JSON.parse(first).files["src/z.js"].closures.map((c: ClosureRecord) => c.name)).toEqual(["x", "y"]);
  });

  it("drops deleted sources, flags changed ones stale, keeps touched-but-unchanged and in-memory ones", () => {
    const a = put("a.js", entry("a"));
    const b = put("b.js", entry("b"));
    const c = put("c.js", entry("c"));
    writeFragment(store(), dir, "src/virtual.js", path.join(dir, "src", "virtual.js"), "code only in memory", entry("v"));
    fs.rmSync(a);
    fs.appendFileSync(b, "// edited\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(c, later, later); // same text, new mtime (a checkout, a touch)
    const view = readStore(store());
    expect(view.dropped).toEqual(["src/a.js"]);
    expect(view.stale).toEqual(["src/b.js"]);
    expect(Object.keys(view.report.files)).toEqual(["src/b.js", "src/c.js", "src/virtual.js"]);
    expect(view.report.files["src/b.js"].stale).toBe(true);
    expect(view.report.files["src/c.js"].stale).toBeUndefined();
    expect(serializeReport(view.report)).toContain('"stale": true');
    put("b.js", entry("b2"), fs.readFileSync(b, "utf8")); // rebuilt: fresh again
    expect(readStore(store()).stale).toEqual([]);
  });

  it("finds sources through the root recorded relative to the store, so a moved checkout still works", () => {
    put("a.js", entry("a"));
    const moved = `${dir}-moved`;
    fs.renameSync(dir, moved);
    try {
      const view = readStore(resolveStore(moved, ".memoscope"));
      expect([Object.keys(view.report.files), view.stale, view.dropped]).toEqual([["src/a.js"], [], []]);
    } finally {
      fs.renameSync(moved, dir);
    }
  });

  it("ignores half-written temporary files; names corrupt, empty, foreign and misnamed fragments and keeps the rest", () => {
    put("good.js", entry("good"));
    const f = store().fragments;
    fs.writeFileSync(path.join(f, `${fragmentName("src/half.js")}.123-0-1.tmp`), '{"memoscopeFragment":1,"file":"src/ha');
    fs.writeFileSync(path.join(f, "0000000000000000000000000000000000000000.json"), "");
    fs.writeFileSync(path.join(f, "1111111111111111111111111111111111111111.json"), "garbage{");
    fs.writeFileSync(path.join(f, "2222222222222222222222222222222222222222.json"), '{"version":1,"files":{}}');
    fs.copyFileSync(path.join(f, fragmentName("src/good.js")), path.join(f, "good copy.json"));
    const view = readStore(store());
    expect(Object.keys(view.report.files)).toEqual(["src/good.js"]);
    expect(view.temporary).toHaveLength(1);
    expect(view.problems).toHaveLength(4);
    expect(view.problems[0]).toMatch(/0000\.json: not a memoscope report fragment \(invalid JSON.*\)\. Delete it; the next build of its source writes it again\.$/);
    expect(view.problems[2]).toMatch(/2222\.json: not a memoscope report fragment \(unsupported format undefined/);
    expect(view.problems[3]).toMatch(/good copy\.json: a fragment for src\/good\.js under another name/);
  });

  it("with no fragments folder, the merged file is read as a plain report (an older version's, or a committed one)", () => {
    const s = store();
    expect(readStore(s).source).toBe("none");
    fs.mkdirSync(s.dir);
    fs.writeFileSync(s.merged, serializeReport(withFileEntry(emptyReport(), "x.js", entry("x"))));
    expect(readStore(s)).toMatchObject({ source: "file", stale: [] });
    expect(Object.keys(readStore(s).report.files)).toEqual(["x.js"]);
    fs.writeFileSync(s.merged, "{ half");
    expect(() => readStore(s)).toThrow(ReportError);
  });
});

describe("writeMergedReport (bundler plugins at build end)", () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  beforeEach(() => (warnings.length = 0));

  it("writes the merged report from the store, replacing a corrupt older report.json, and removes old leftovers", () => {
    const file = path.join(dir, "a.js");
    fs.writeFileSync(file, "x");
    deliverFileReport(dir, ".memoscope/report.json", file, entry("a"), { sourceText: "x", warn });
    fs.writeFileSync(path.join(dir, ".memoscope", "report.json"), "{ garbage");
    const f = path.join(dir, ".memoscope", "fragments");
    const old = path.join(f, "x.json.1-0-1.tmp");
    const young = path.join(f, "y.json.1-0-2.tmp");
    fs.writeFileSync(old, "{");
    fs.writeFileSync(young, "{");
    fs.utimesSync(old, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    const view = writeMergedReport(dir, ".memoscope/report.json", { warn })!;
    expect(Object.keys(view.report.files)).toEqual(["a.js"]);
    expect(fs.readFileSync(path.join(dir, ".memoscope", "report.json"), "utf8")).toBe(serializeReport(view.report));
    expect([fs.existsSync(old), fs.existsSync(young)]).toEqual([false, true]);
    expect(warnings).toEqual([]);
    expect(writeMergedReport(dir, false)).toBeUndefined();
  });

  it("corrupt fragments: one warning, the rest written; with strict, a ReportError", () => {
    const file = path.join(dir, "a.js");
    fs.writeFileSync(file, "x");
    deliverFileReport(dir, "out", file, entry("a"), { warn });
    fs.writeFileSync(path.join(dir, "out", "fragments", "bad.json"), "nope");
    fs.writeFileSync(path.join(dir, "out", "fragments", "bad2.json"), "nope");
    writeMergedReport(dir, "out", { warn });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^the report leaves out what it cannot read: .*bad\.json: not a memoscope report fragment .* \(and 1 more corrupt fragment\)$/);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, "out", "report.json"), "utf8")).files)).toEqual(["a.js"]);
    expect(() => writeMergedReport(dir, "out", { strict: true })).toThrow(/strict: true makes this an error/);
  });

  it("an unwritable merged file is a warning naming it, never a raw fs error", () => {
    const file = path.join(dir, "a.js");
    fs.writeFileSync(file, "x");
    deliverFileReport(dir, "out", file, entry("a"), { warn });
    fs.mkdirSync(path.join(dir, "out", "report.json")); // a folder where the file should go
    expect(writeMergedReport(dir, "out", { warn })).toBeDefined();
    expect(warnings).toEqual([expect.stringMatching(/out\/report\.json: cannot write the merged report \(EISDIR: a folder is in the way\)/)]);
  });

  it("creates nothing when nothing was ever stored", () => {
    expect(writeMergedReport(dir, ".memoscope", { warn })).toMatchObject({ source: "none" });
    expect(fs.existsSync(path.join(dir, ".memoscope"))).toBe(false);
  });
});

describe("deliverFileReport (both front ends)", () => {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  beforeEach(() => (warnings.length = 0));

  it("a blocked store (its parent is a file) is one warning per process, never an exception; strict makes it MS093", () => {
    fs.writeFileSync(path.join(dir, "blocker"), "a regular file");
    for (const name of ["a.js", "b.js", "c.js"]) deliverFileReport(dir, "blocker/store", path.join(dir, name), entry(name), { sourceText: "", warn });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/blocker\/store: cannot write the report store \(ENOTDIR: a part of the path is a file, not a folder\); the build goes on, but the capture report misses a\.js and any other file/);
    expect(warnings[0]).toContain("set the `report` option to another folder");
    expect(() => deliverFileReport(dir, "blocker/store", path.join(dir, "d.js"), entry("d"), { sourceText: "", strict: true, warn })).toThrow(
      /^MS093: .*blocker\/store: cannot write the report store .*\(strict: true makes this an error\)$/,
    );
  });

  it("a lock file of an older version: one warning naming it, no wait", () => {
    fs.mkdirSync(path.join(dir, ".memoscope"));
    fs.writeFileSync(path.join(dir, ".memoscope", "report.json.lock"), `${process.pid}\n${os.hostname()}\nheld\n`);
    const start = Date.now();
    for (const name of ["a.js", "b.js"]) deliverFileReport(dir, ".memoscope", path.join(dir, name), entry(name), { sourceText: "", warn });
    expect(Date.now() - start).toBeLessThan(1000);
    expect(warnings).toEqual([expect.stringMatching(/\.memoscope\/report\.json\.lock: a lock file left by an older memoscope\. .*delete it\.$/)]);
    expect(fs.readdirSync(path.join(dir, ".memoscope", "fragments"))).toHaveLength(2);
  });

  it("a store outside the root is written where asked, with one warning", () => {
    const root = path.join(dir, "project");
    fs.mkdirSync(root);
    for (const name of ["a.js", "b.js"]) deliverFileReport(root, "../elsewhere", path.join(root, name), entry(name), { sourceText: "", warn });
    expect(warnings).toEqual([`the report store ${path.join(dir, "elsewhere")} (report: "../elsewhere") is outside the project root ${root}; writing it there as asked.`]);
    expect(Object.keys(readStore(resolveStore(root, "../elsewhere")).report.files)).toEqual(["a.js", "b.js"]);
  });
});
