import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMemoscope } from "./support/cli";
import { CHAIN, HOSTILE, makeFixtureReport } from "./support/html-fixture";

/** `--format html`: one self-contained page whose embedded data no report text can break out of. */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scriptSafeJson, pageData } = require("../dist/cli/html/render");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-html-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The JSON text of the page's data element. */
function embedded(html: string): any {
  const match = /<script type="application\/json" id="memoscope-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]);
}

describe("scriptSafeJson", () => {
  it("escapes <, U+2028 and U+2029 and still parses back to the same value", () => {
    const value = { a: "</script><script>x</script>", b: "\u2028\u2029", c: "<!-- -->", d: ["<", "&", ">"] };
    const text = scriptSafeJson(value);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(text).toContain("\\u003c/script>");
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("memoscope report --format html", () => {
  it("is one page: no external resource, the data in one JSON script, no report text able to end it", () => {
    const { file } = makeFixtureReport(dir);
    const { status, stdout: html, stderr } = runMemoscope(dir, "report", file, "--format", "html");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain("pwned'</script>");
    expect(html).not.toMatch(/\b(?:src|href|action)\s*=|@import|url\(|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    const data = embedded(html);
    expect(data.summary).toEqual({ files: 2, closures: 6, memoized: 4, findings: 6, warnings: 6, problems: 0 });
    const gone = data.closures.find((c: { file: number }) => data.files[c.file].path === "src/gone.js");
    expect(gone.name).toBe(HOSTILE);
    expect(data.files.find((f: { path: string }) => f.path === "src/gone.js")).toEqual({ path: "src/gone.js", found: false, lines: {} });
  });

  it("embeds each closure's source lines (to the function's last line), the declaration lines, and MS105 chains as they are", () => {
    const { file } = makeFixtureReport(dir);
    const data = embedded(runMemoscope(dir, "report", file, "--format", "html").stdout);
    const cart = data.files.find((f: { path: string }) => f.path === "src/cart.js");
    expect(cart.found).toBe(true);
    const price = data.closures.find((c: { name: string }) => c.name === "price");
    expect([price.loc.line, price.end, price.more]).toEqual([5, 8, 0]);
    expect(cart.lines["5"]).toBe("export const price = (amount) => {");
    expect(cart.lines["8"]).toBe("};");
    expect(cart.lines["1"]).toBe("let rate = 1;"); // where `rate` is declared
    expect(cart.lines["3"]).toBeUndefined(); // a line no card shows is left out
    const count = data.closures.find((c: { name: string }) => c.name === "count");
    expect([count.loc.line, count.end]).toEqual([15, 18]);
    expect(price.diagnostics.find((d: { code: string }) => d.code === "MS105").chain).toEqual(CHAIN);
  });

  it("scan --format html lists the files it could not analyse, and long functions are cut with a count", () => {
    fs.mkdirSync(path.join(dir, "src"));
    const body = Array.from({ length: 60 }, (_, i) => `  total += ${i};`).join("\n");
    fs.writeFileSync(path.join(dir, "src", "long.js"), `let total = 0;\n/** @memoize */\nexport function long(n) {\n${body}\n  return total + n;\n}\n`);
    fs.writeFileSync(path.join(dir, "src", "bad.js"), "let = ;\n");
    const { status, stdout } = runMemoscope(dir, "scan", "src", "--format", "html");
    expect(status).toBe(2);
    const data = embedded(stdout);
    expect(data.problems).toEqual([{ file: "src/bad.js", code: "MS092", severity: "error", message: expect.stringMatching(/^syntax error/), line: 1, column: 0 }]);
    const long = data.closures.find((c: { name: string }) => c.name === "long");
    expect([long.loc.line, long.end, long.more]).toEqual([3, 42, 23]);
  });

  it("pageData counts what the summary shows", () => {
    const report = { version: 1, files: { "x.js": { closures: [{ name: "f", kind: "function", loc: { line: 1, column: 0 }, memoized: { key: "identity" }, captures: [], globals: [], lexical: [], dynamic: false, diagnostics: [{ code: "MS104", severity: "info", message: "m", at: { line: 1, column: 0 } }] }] } } };
    expect(pageData(report, { root: dir, version: "1" }).summary).toEqual({ files: 1, closures: 1, memoized: 1, findings: 1, warnings: 0, problems: 0 });
  });
});
