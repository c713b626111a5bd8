import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMemoscope } from "./support/cli";

/**
 * `scan` never stops at a bad file (SPEC §5): each file it cannot read, decode or parse is listed with its
 * error in the table, JSON and SARIF alike, the other files are analysed, and the exit status is 2.
 * And it parses every syntax the build can.
 */

let dir: string;
const memoscope = (...args: string[]) => runMemoscope(dir, ...args);
const write = (file: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
};

const GOOD = "let rate = 1;\nexport function setRate(r) { rate = r; }\n/** @memoize */\nexport const price = (amount) => amount * rate;\n";

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-scan-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("bad files are listed, the rest analysed", () => {
  beforeEach(() => {
    write("src/good.js", GOOD);
    write("src/syntax.ts", "const a = 1;\nfunction (\n");
    write("src/utf16le.js", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("let a = 1;\n", "utf16le")]));
    write("src/utf16be.js", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("let a = 1;\n", "utf16le").swap16()]));
    write("src/utf16nobom.js", Buffer.from("let a = 1;\n", "utf16le"));
    write("src/latin1.js", Buffer.from("// caf\xe9\nlet a = 1;\n", "latin1"));
    write("src/bom.js", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD.replace(/price/g, "bomPrice"))]));
    fs.symlinkSync("nowhere.js", path.join(dir, "src", "broken.js"));
  });

  const expected = [
    ["src/broken.js", "MS091", undefined, /^cannot read: broken symbolic link \(to nowhere\.js\)$/],
    ["src/latin1.js", "MS091", { line: 1, column: 6 }, /^not valid UTF-8: byte 0xe9 at offset 6; save the file as UTF-8$/],
    ["src/syntax.ts", "MS092", { line: 2, column: 9 }, /^syntax error: /],
    ["src/utf16be.js", "MS091", undefined, /^not UTF-8: the file is UTF-16 \(big-endian byte order mark\)/],
    ["src/utf16le.js", "MS091", undefined, /^not UTF-8: the file is UTF-16 \(little-endian byte order mark\)/],
    ["src/utf16nobom.js", "MS091", { line: 1, column: 1 }, /^not UTF-8 text: the file contains NUL bytes/],
  ] as const;

  it("JSON: the report of the good files (a UTF-8 BOM is fine) plus a problems array; exit 2", () => {
    const { status, stdout, stderr } = memoscope("scan", "src", "--format", "json");
    expect(status).toBe(2);
    const out = JSON.parse(stdout);
    expect(Object.keys(out.files)).toEqual(["src/bom.js", "src/good.js"]);
    expect(out.files["src/bom.js"].closures.map((c: { name: string }) => c.name)).toEqual(["setRate", "bomPrice"]);
    expect(out.files["src/bom.js"].closures[1].loc).toEqual({ line: 4, column: 24 }); // the BOM shifts nothing
    expect(out.problems).toHaveLength(expected.length);
    expected.forEach(([file, code, at, message], i) => {
      expect(out.problems[i]).toMatchObject({ file, code, severity: "error" });
      expect(out.problems[i].at).toEqual(at);
      expect(out.problems[i].message).toMatch(message);
    });
    expect(stderr).toContain("src/syntax.ts:2:10: error MS092: syntax error:");
    expect(stderr).toContain("memoscope: 6 files could not be analysed; the others were.");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("table: the closures of the good files, then each bad file with path:line:column", () => {
    const { status, stdout } = memoscope("scan", "src");
    expect(status).toBe(2);
    expect(stdout).toMatch(/src\/good\.js:4\s+price \[arrow, @memoize\]\s+rate \(let, module, reassigned\)\s+warning MS101/);
    expect(stdout).toContain("src/broken.js: error MS091: cannot read: broken symbolic link (to nowhere.js)\n");
    expect(stdout).toContain("src/latin1.js:1:7: error MS091: not valid UTF-8: byte 0xe9");
    expect(stdout).toContain("src/syntax.ts:2:10: error MS092: syntax error:");
    expect(stdout).toContain("src/utf16le.js: error MS091: not UTF-8: the file is UTF-16");
    expect(stdout).toMatch(/4 closures in 2 files; 2 memoized, 2 with warnings\. 6 files could not be analysed\.\n$/);
  });

  it("SARIF: each bad file is an error result with its location; the run says execution was not successful", () => {
    const { status, stdout } = memoscope("scan", "src", "--format", "sarif");
    expect(status).toBe(2);
    const run = JSON.parse(stdout).runs[0];
    expect(run.invocations).toEqual([{ executionSuccessful: false }]);
    const problems = run.results.filter((r: { ruleId: string }) => /^MS09/.test(r.ruleId));
    expect(problems.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual(
      expected.map(([file, code]) => [code, file]),
    );
    const syntax = problems.find((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri === "src/syntax.ts");
    expect(syntax).toMatchObject({ level: "error", locations: [{ physicalLocation: { region: { startLine: 2, startColumn: 10 } } }] });
    const rules = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toEqual(expect.arrayContaining(["MS091", "MS092"]));
    for (const r of run.results) if (r.ruleIndex !== undefined) expect(rules[r.ruleIndex]).toBe(r.ruleId);
    expect(run.results.filter((r: { ruleId: string }) => r.ruleId === "MS101")).toHaveLength(2);
  });

  it("a FIFO named like a source file is listed, not read (a read would block)", () => {
    const fifo = path.join(dir, "src", "pipe.js");
    execFileSync("mkfifo", [fifo]);
    const { status, stdout } = memoscope("scan", "src/pipe.js", "src/good.js", "--format", "json");
    expect(status).toBe(2);
    expect(JSON.parse(stdout).problems).toEqual([{ file: "src/pipe.js", code: "MS091", severity: "error", message: "cannot read: not a regular file (a FIFO, socket or device)" }]);
  });

  it("symlinked folders are followed, once each (a link cycle ends)", () => {
    write("shared/util.js", GOOD);
    fs.symlinkSync(path.join(dir, "shared"), path.join(dir, "src", "linked"));
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "shared", "back"));
    const { stdout } = memoscope("scan", "src", "--format", "json");
    expect(Object.keys(JSON.parse(stdout).files)).toEqual(["src/bom.js", "src/good.js", "src/linked/util.js"]);
  });

  it("a missing input is listed too", () => {
    const { status, stdout } = memoscope("scan", "src/good.js", "missing.ts", "--format", "json");
    expect(status).toBe(2);
    const out = JSON.parse(stdout);
    expect(Object.keys(out.files)).toEqual(["src/good.js"]);
    expect(out.problems).toEqual([{ file: "missing.ts", code: "MS091", severity: "error", message: "cannot read: no such file or directory" }]);
  });

  it("--out still merges the good files, and a file that no longer parses keeps what the store had", () => {
    write("src/was-good.js", GOOD);
    expect(memoscope("scan", "src/was-good.js", "--out", "r.json").status).toBe(0);
    write("src/was-good.js", `${GOOD}function (\n`);
    expect(memoscope("scan", "src", "--out", "r.json").status).toBe(2);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, "r.json"), "utf8")).files;
    expect(Object.keys(stored)).toEqual(["src/bom.js", "src/good.js", "src/was-good.js"]);
    expect(stored["src/was-good.js"].closures.map((c: { name: string }) => c.name)).toEqual(["setRate", "price"]);
  });
});

describe("tag errors are in every format, not only on stderr", () => {
  beforeEach(() => {
    write("src/good.js", GOOD);
    write("src/tag.ts", "/** @memoize max=0 */\nexport function f(n: number) { return n; }\n/** @memoise */\nexport function g(n: number) { return n; }\n");
  });

  it("JSON problems and SARIF results carry MS011 (error) and MS020 (warning) with positions; exit 1", () => {
    const json = memoscope("scan", "src", "--format", "json");
    expect(json.status).toBe(1);
    const problems = JSON.parse(json.stdout).problems;
    expect(problems.map((p: { code: string; severity: string; file: string }) => [p.file, p.code, p.severity])).toEqual([
      ["src/tag.ts", "MS011", "error"],
      ["src/tag.ts", "MS020", "warning"],
    ]);
    expect(problems[0].at).toEqual({ line: 1, column: 13 });
    const sarif = memoscope("scan", "src", "--format", "sarif");
    expect(sarif.status).toBe(1);
    const run = JSON.parse(sarif.stdout).runs[0];
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    const tag = run.results.filter((r: { ruleId: string }) => r.ruleId.startsWith("MS0"));
    expect(tag.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ["MS011", "error"],
      ["MS020", "warning"],
    ]);
    expect(tag[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "src/tag.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 14 } });
    expect(tag[0].message.text).toContain("`max=0` is not valid");
  });

  it("the table lists them after the findings", () => {
    const { status, stdout, stderr } = memoscope("scan", "src");
    expect(status).toBe(1);
    expect(stdout).toContain("src/tag.ts:1:14: error MS011: `max=0` is not valid");
    expect(stdout).toContain("src/tag.ts:3:5: warning MS020:");
    expect(stderr).toContain("1 tag error that would fail the build");
  });
});

describe("scan parses every syntax the build can", () => {
  const cases: Record<string, string> = {
    "accessor.ts": "@sealed\nclass Store {\n  @observable accessor count = 0;\n  static accessor #secret = 1;\n  constructor(@Inject() private readonly db: string) {}\n}\n",
    "accessor.js": "export @dec class A {\n  @dec accessor x = 1;\n  @dec() m() {}\n}\n",
    "using.ts": "export async function f(path: string) {\n  using file = open(path);\n  await using conn = await connect();\n  return file;\n}\n",
    "using.mjs": "{ using r = getResource(); }\nexport async function g() { await using c = await connect(); }\n",
    "attributes.js": 'import data from "./data.json" with { type: "json" };\nexport { default as other } from "./other.json" with { type: "json" };\nimport old from "./old.json" assert { type: "json" };\n',
    "jsx.js": "export const App = () => <div className={rate}>{label}</div>;\n",
    "jsx.cjs": "module.exports = () => <span />;\n",
    "types.mts": "export const a = <number>(<unknown>1);\nexport type T = { readonly x: number };\nexport enum E { A = 1 }\n",
    "types.cts": "import fs = require('fs');\nexport = function h(x: number): x is 1 { return x === 1; };\n",
    "view.tsx": "export const V = <T,>(props: { value: T }) => <p>{String(props.value)}</p>;\n",
    "generic.ts": "export const id = <T>(x: T): T => x;\nabstract class A { abstract m(): void; declare d: number; }\n",
  };
  const memoized = "let rate = 1;\nexport function setRate(r) { rate = r; }\n/** @memoize */\nexport function price(amount) { return amount * rate; }\n";

  it.each(Object.keys(cases))("%s parses and is analysed (its memoized function is in the report)", (name) => {
    write(`src/${name}`, `${cases[name]}${memoized}`);
    const { status, stdout, stderr } = memoscope("scan", `src/${name}`, "--format", "json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const closures = JSON.parse(stdout).files[`src/${name}`].closures;
    const price = closures.find((c: { name: string }) => c.name === "price");
    expect(price.memoized).toEqual({ key: "identity" });
    expect(price.diagnostics.map((d: { code: string }) => d.code)).toEqual(["MS101"]);
  });

  it("all of them in one scan of the folder", () => {
    for (const [name, code] of Object.entries(cases)) write(`src/${name}`, code);
    const { status, stdout } = memoscope("scan", "src", "--format", "json");
    expect(status).toBe(0);
    expect(JSON.parse(stdout).problems).toBeUndefined();
  });
});
