import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The `memoscope` bin, run as users run it: table, json, sarif, --check, baselines, and clean errors. */

const bin = path.join(__dirname, "..", "dist", "cli", "main.js");
let dir: string;

function memoscope(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SOURCE = `export function outer(x) {
  return function inner(y) { return x + y; };
}
let rate = 1;
export function setRate(r) { rate = r; }
/** @memoize */
export const price = (amount) => amount * rate;
/** @memoize max=10 */
export function square(n) { return n * n; }
`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-cli-"));
  fs.mkdirSync(path.join(dir, "src", "node_modules"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "cart.js"), SOURCE);
  fs.writeFileSync(path.join(dir, "src", "types.d.ts"), "export declare const x: number;");
  fs.writeFileSync(path.join(dir, "src", "node_modules", "skip.js"), "syntax error here (");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("memoscope scan", () => {
  it("prints a table: file:line, function, captures with flags, verdict", () => {
    const { status, stdout } = memoscope("scan", "src");
    expect(status).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^LOCATION\s+FUNCTION\s+CAPTURES\s+VERDICT$/);
    expect(stdout).toMatch(/src\/cart\.js:2\s+inner \[function\]\s+x \(param, outer\)\s+-/);
    expect(stdout).toMatch(/src\/cart\.js:7\s+price \[arrow, @memoize\]\s+rate \(let, module, reassigned\)\s+warning MS101/);
    expect(stdout).toMatch(/src\/cart\.js:9\s+square \[function, @memoize max=10\]\s+-\s+ok/);
    expect(stdout).toContain("src/cart.js:7:43: warning MS101: price is memoized but captures `rate`");
  });

  it("a tag the build would reject fails the scan, with file:line:column", () => {
    fs.writeFileSync(path.join(dir, "src", "bad.ts"), "/** @memoize max=0 */\nexport function f(n: number) { return n; }\n");
    const { status, stdout, stderr } = memoscope("scan", "src");
    expect(status).toBe(1);
    expect(stdout).toContain("src/bad.ts:1:14: error MS011: `max=0` is not valid");
    expect(stderr).toContain("1 tag error that would fail the build");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("--format json is the report schema, identical on every run", () => {
    const first = memoscope("scan", "src", "--format", "json");
    const report = JSON.parse(first.stdout);
    expect(report.version).toBe(1);
    expect(Object.keys(report.files)).toEqual(["src/cart.js"]);
    expect(report.files["src/cart.js"].closures.map((c: { name: string }) => c.name)).toEqual(["inner", "setRate", "price", "square"]);
    expect(memoscope("scan", "src", "--format", "json").stdout).toBe(first.stdout);
  });

  it("--format sarif is SARIF 2.1.0 with rules, levels, 1-based columns and relative URIs", () => {
    const sarif = JSON.parse(memoscope("scan", "src", "--format", "sarif").stdout);
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("memoscope");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["MS101", "MS102", "MS103", "MS104", "MS105"]);
    expect(run.results).toHaveLength(1);
    const [result] = run.results;
    expect(result).toMatchObject({ ruleId: "MS101", ruleIndex: 0, level: "warning", message: { text: expect.stringContaining("rate") } });
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "src/cart.js", uriBaseId: "%SRCROOT%" }, region: { startLine: 7, startColumn: 43 } });
    expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("--check fails on warnings, and a baseline accepts the known ones", () => {
    const check = memoscope("scan", "src", "--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("1 warning on memoized functions");
    expect(memoscope("scan", "src", "--write-baseline", "baseline.json").status).toBe(0);
    expect(memoscope("scan", "src", "--check", "--baseline", "baseline.json").status).toBe(0);
    fs.appendFileSync(path.join(dir, "src", "cart.js"), "let hits = 0;\n/** @memoize */\nexport function count(n) { hits++; return n; }\n");
    const fresh = memoscope("scan", "src", "--check", "--baseline", "baseline.json");
    expect(fresh.status).toBe(1);
    expect(fresh.stderr).toContain("not in the baseline");
    expect(fresh.stderr).toContain("count is memoized but writes");
    expect(fresh.stderr).not.toContain("price is memoized");
  });

  it("--out writes the results into a report store that `memoscope report` reads back, and its merged file", () => {
    expect(memoscope("scan", "src", "--out", ".memoscope").status).toBe(0);
    const table = memoscope("report");
    expect(table.status).toBe(0);
    expect(table.stdout).toContain("price [arrow, @memoize]");
    const json = memoscope("scan", "src", "--format", "json").stdout;
    expect(memoscope("report", ".memoscope", "--format", "json").stdout).toBe(json);
    expect(fs.readFileSync(path.join(dir, ".memoscope", "report.json"), "utf8")).toBe(json);
    // The older form of the option, a .json path, names the same store and its merged file.
    expect(memoscope("report", ".memoscope/report.json", "--format", "json").stdout).toBe(json);
  });

  it("detects script vs module like Babel's unambiguous mode", () => {
    fs.writeFileSync(path.join(dir, "script.js"), "function o(c) { if (c) { function h() {} } return () => h; }\n");
    fs.writeFileSync(path.join(dir, "module.js"), "import 'x';\nfunction o(c) { if (c) { function h() {} } return () => h; }\n");
    const report = JSON.parse(memoscope("scan", "script.js", "module.js", "--format", "json").stdout);
    expect(Object.keys(report.files)).toEqual(["script.js"]); // Annex B var only in the script
  });
});

describe("errors are one line, with a non-zero exit and no stack trace", () => {
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

  it("a syntax error names file:line:column (and the scan goes on: cli-scan-problems.test.ts)", () => {
    fs.writeFileSync(path.join(dir, "bad.ts"), "const a = 1;\nfunction (\n");
    const { status, stdout, stderr } = memoscope("scan", "bad.ts");
    expect(status).toBe(2);
    expect(stdout).toMatch(/\nbad\.ts:2:10: error MS092: syntax error: /);
    expect(stderr).toBe("memoscope: 1 file could not be analysed; the others were.\n");
    noStack(stderr);
  });

  it("an unreadable path", () => {
    const { status, stdout, stderr } = memoscope("scan", "missing");
    expect(status).toBe(2);
    expect(stdout).toContain("missing: error MS091: cannot read: no such file or directory\n");
    expect(stderr).toBe("memoscope: 1 file could not be analysed; the others were.\n");
  });

  it("a missing or corrupt report", () => {
    expect(memoscope("report").stderr).toMatch(/^memoscope: \.memoscope: no report here/);
    fs.writeFileSync(path.join(dir, "r.json"), '{"version": 1, "files": [');
    const { status, stderr } = memoscope("report", "r.json");
    expect(status).toBe(2);
    expect(stderr).toMatch(/^memoscope: r\.json: not a memoscope report \(invalid JSON/);
    noStack(stderr);
  });

  it("bad usage", () => {
    expect(memoscope("report", "--format", "xml")).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown --format") });
    expect(memoscope("frobnicate")).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown command") });
    expect(memoscope("scan", "--bogus")).toMatchObject({ status: 2, stderr: expect.stringContaining("--bogus") });
    expect(memoscope("--help")).toMatchObject({ status: 0, stdout: expect.stringContaining("memoscope scan") });
  });
});
