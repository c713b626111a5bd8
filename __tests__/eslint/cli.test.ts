import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The real `eslint` CLI on a user's project (fixtures/eslint/project: flat config, .js, .ts and .tsx
 * files), with memoscope installed in its node_modules: the ESM and the CommonJS config give exactly
 * the expected output; every finding and tag note is the line `memoscope scan` prints, same line, same
 * column, same text; and with eslint-plugin-jsdoc's recommended config `@memoize` is a known tag.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "fixtures", "eslint", "project");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

let project: string;

beforeAll(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-eslint-"));
  fs.cpSync(FIXTURE, project, { recursive: true });
  fs.rmSync(path.join(project, "expected-output.txt"));
  const modules = path.join(project, "node_modules");
  fs.mkdirSync(path.join(modules, "@typescript-eslint"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(modules, "memoscope"));
  fs.symlinkSync(path.join(ROOT, "node_modules", "@typescript-eslint", "parser"), path.join(modules, "@typescript-eslint", "parser"));
  fs.symlinkSync(path.join(ROOT, "node_modules", "eslint-plugin-jsdoc"), path.join(modules, "eslint-plugin-jsdoc"));
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

function eslint(config: string, format = "stylish"): { stdout: string; status: number | null } {
  const run = spawnSync(process.execPath, [ESLINT, "--config", config, "--format", format, "src"], { cwd: project, encoding: "utf8" });
  if (run.stderr) throw new Error(run.stderr);
  return { stdout: run.stdout, status: run.status };
}

const linted = new Map<string, LintResult[]>();
/** ESLint's JSON results for a config (one run per config). */
function json(config: string): LintResult[] {
  if (!linted.has(config)) linted.set(config, JSON.parse(eslint(config, "json").stdout) as LintResult[]);
  return linted.get(config)!;
}

const expected = () => fs.readFileSync(path.join(FIXTURE, "expected-output.txt"), "utf8");

test.each(["eslint.config.mjs", "eslint.config.cjs"])("%s: `eslint src` prints exactly the expected lines, and fails on the tag errors", (config) => {
  const { stdout, status } = eslint(config);
  expect(stdout.split(project).join("<project>")).toBe(expected());
  expect(status).toBe(1);
});

test("every ESLint message is a line `memoscope scan` prints: same file, line, column, code and message", () => {
  const scan = spawnSync(process.execPath, [path.join(ROOT, "dist", "cli", "main.js"), "scan", "src"], { cwd: project, encoding: "utf8" });
  const printed = (scan.stdout + scan.stderr)
    .split("\n")
    .map((line) => /^(src\/\S+?):(\d+):(\d+): (warning|error|info) (MS\d{3}): (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    // MS104 is info: the build keeps it to the report, `recommended` leaves its rule off.
    .filter((m) => m[4] !== "info")
    .map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[5]}: ${m[6]}`)
    .sort();
  const messages = json("eslint.config.mjs")
    .flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith("memoscope/")).map((m) => `${path.relative(project, r.filePath)}:${m.line}:${m.column} ${m.message}`))
    .sort();
  expect(printed.length).toBeGreaterThanOrEqual(8);
  expect(messages).toEqual(printed);
});

test("a file without the tag gets no message", () => {
  const plain = json("eslint.config.mjs").find((r) => r.filePath.endsWith("plain.js"))!;
  expect(plain.messages).toEqual([]);
});

describe("with eslint-plugin-jsdoc's recommended config", () => {
  const invalidMemoize = (results: LintResult[]) => results.flatMap((r) => r.messages).filter((m) => m.ruleId === "jsdoc/check-tag-names" && m.message.includes('"memoize"'));

  test("alone, it flags every @memoize as an invalid tag name (what the recommended config fixes)", () => {
    expect(invalidMemoize(json("eslint.jsdoc-only.config.mjs"))).toHaveLength(6);
  });

  test("with memoscope's recommended config, @memoize is a defined tag; the misspelled @memoise is still flagged by both", () => {
    const results = json("eslint.jsdoc.config.mjs");
    expect(invalidMemoize(results)).toEqual([]);
    const messages = results.flatMap((r) => r.messages);
    expect(messages.filter((m) => m.ruleId === "jsdoc/check-tag-names").map((m) => m.message)).toEqual(['Invalid JSDoc tag name "memoise".']);
    expect(messages.filter((m) => m.ruleId?.startsWith("memoscope/"))).toHaveLength(8);
  });
});

test("the package exports ./eslint with types, for require and import alike", () => {
  const loaded = execFileSync(process.execPath, ["--input-type=module", "-e", 'import m from "memoscope/eslint"; import { createRequire } from "node:module"; const r = createRequire(import.meta.url)("memoscope/eslint"); console.log(m === r, Object.keys(m.rules).length, m.configs.recommended.name)'], { cwd: project, encoding: "utf8" });
  expect(loaded.trim()).toBe("true 6 memoscope/recommended");
  expect(fs.existsSync(path.join(ROOT, "dist", "eslint", "index.d.ts"))).toBe(true);
});
