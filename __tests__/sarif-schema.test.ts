import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { runMemoscope } from "./support/cli";

/**
 * memoscope's SARIF is valid against the SARIF 2.1.0 JSON schema (vendored in support/sarif, offline),
 * and file URIs are percent-encoded relative references (RFC 3986) against %SRCROOT%.
 */

const schemaFile = path.join(__dirname, "support", "sarif", "sarif-schema-2.1.0.json");

function validator() {
  // The schema is JSON Schema draft-04: ajv 8 reads it once its `id` is `$id` (it uses no other draft-04-only keyword).
  const { id, $schema, ...rest } = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  expect($schema).toBe("http://json-schema.org/draft-04/schema#");
  // unicodeRegExp off: the schema's `language` pattern has a stray `]` that only non-Unicode regular expressions accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-sarif-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const MEMOIZED = "let rate = 1;\nexport function setRate(r) { rate = r; }\n/** @memoize */\nexport const price = (amount) => amount * rate;\n";
const NAMES: Record<string, string> = {
  "src/what?.js": "src/what%3F.js",
  "src/a #1%.js": "src/a%20%231%25.js",
  "src/ünï/日本.js": "src/%C3%BCn%C3%AF/%E6%97%A5%E6%9C%AC.js",
  "src/c:d.js": "src/c%3Ad.js",
  "a:b.js": "a%3Ab.js",
};

describe("SARIF", () => {
  it("the vendored schema is the SARIF 2.1.0 schema and rejects a broken log", () => {
    const validate = validator();
    expect(validate({ version: "2.1.0", runs: [] })).toBe(true);
    expect(validate({ version: "2.1.0", runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, locations: [{ physicalLocation: { artifactLocation: { uri: "a b%.js" } } }] }] }] })).toBe(false);
  });

  it("file URIs are percent-encoded per RFC 3986 and the whole log is valid: findings, tag problems, bad files", () => {
    for (const name of Object.keys(NAMES)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), MEMOIZED);
    }
    fs.writeFileSync(path.join(dir, "src", "tag #.ts"), "/** @memoize max=0 */\nexport function f(n: number) { return n; }\n/** @memoise */\nexport function g(n: number) { return n; }\n");
    fs.writeFileSync(path.join(dir, "src", "syntax?.js"), "let = ;\n");
    fs.symlinkSync("gone.js", path.join(dir, "src", "broken%.js"));
    const scan = runMemoscope(dir, "scan", "src", "a:b.js", "--format", "sarif");
    expect(scan.status).toBe(2);
    const log = JSON.parse(scan.stdout);
    const validate = validator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const uris = (code: string) =>
      log.runs[0].results
        .filter((r: { ruleId: string }) => r.ruleId === code)
        .map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }) => r.locations[0].physicalLocation.artifactLocation)
        .sort((a: { uri: string }, b: { uri: string }) => (a.uri < b.uri ? -1 : 1));
    const expected = Object.values(NAMES).sort().map((uri) => ({ uri, uriBaseId: "%SRCROOT%" }));
    expect(uris("MS101")).toEqual(expected);
    for (const { uri } of uris("MS101")) expect(Object.keys(NAMES)).toContain(decodeURIComponent(uri));
    expect(uris("MS011")).toEqual([{ uri: "src/tag%20%23.ts", uriBaseId: "%SRCROOT%" }]);
    expect(uris("MS020")).toEqual([{ uri: "src/tag%20%23.ts", uriBaseId: "%SRCROOT%" }]);
    expect(uris("MS091")).toEqual([{ uri: "src/broken%25.js", uriBaseId: "%SRCROOT%" }]);
    expect(uris("MS092")).toEqual([{ uri: "src/syntax%3F.js", uriBaseId: "%SRCROOT%" }]);
    expect(log.runs[0].originalUriBaseIds["%SRCROOT%"]).toBeDefined();
  });

  it("a stale entry of a merged store is a tool notification, and its results carry properties.stale", () => {
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src", "cart.js"), MEMOIZED);
    fs.writeFileSync(path.join(dir, "src", "fresh.js"), MEMOIZED);
    expect(runMemoscope(dir, "scan", "src", "--out", ".memoscope").status).toBe(0);
    const before = JSON.parse(runMemoscope(dir, "report", "--format", "sarif").stdout);
    expect(before.runs[0].invocations[0].toolExecutionNotifications).toBeUndefined();
    expect(before.runs[0].tool.driver.notifications).toBeUndefined();
    fs.appendFileSync(path.join(dir, "src", "cart.js"), "// edited after the build\n");

    const report = runMemoscope(dir, "report", "--format", "sarif");
    expect(report.status).toBe(0);
    const log = JSON.parse(report.stdout);
    const validate = validator();
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.notifications).toEqual([expect.objectContaining({ id: "memoscope/stale-entry" })]);
    const notifications = run.invocations[0].toolExecutionNotifications;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ descriptor: { id: "memoscope/stale-entry" }, level: "warning", locations: [{ physicalLocation: { artifactLocation: { uri: "src/cart.js", uriBaseId: "%SRCROOT%" } } }] });
    expect(notifications[0].message.text).toMatch(/src\/cart\.js is older than the file/);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const staleness = run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>; properties?: { stale?: boolean } }) => [r.locations[0].physicalLocation.artifactLocation.uri, r.properties?.stale ?? false]);
    expect(staleness).toContainEqual(["src/cart.js", true]);
    expect(staleness).toContainEqual(["src/fresh.js", false]);
    expect(staleness.every(([uri, stale]: [string, boolean]) => stale === (uri === "src/cart.js"))).toBe(true);
  });

  it("a clean report's log is valid too, and `report --format sarif` gives the same log as scan", () => {
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src", "cart.js"), MEMOIZED);
    const scan = runMemoscope(dir, "scan", "src", "--format", "sarif", "--out", "r.json");
    expect(scan.status).toBe(0);
    expect(validator()(JSON.parse(scan.stdout))).toBe(true);
    expect(runMemoscope(dir, "report", "r.json", "--format", "sarif").stdout).toBe(scan.stdout);
  });
});
