import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { OUT, ROOT } from "./support/fixtures";

/**
 * A tiny project built with the `tspc` binary from a tsconfig.json whose plugins entry names
 * `memoscope/ts`, as a user sets it up. ts-patch resolves the transform from the project folder
 * (`require.resolve(name, { paths: [projectDir] })`, which does not see package self-reference), so
 * the project gets `node_modules/memoscope` linked to this package, as an install would give it.
 */

const TSPC = path.join(ROOT, "node_modules", ".bin", "tspc");
const PROJECT = path.join(OUT, "tspc-project");

const SOURCE = `export let bodyRuns = 0;

/** Fibonacci, cached. */
/** @memoize */
export function fib(n: number): number {
  bodyRuns++;
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export class Cart {
  constructor(private readonly rate: number) {}
  /** @memoize max=10 */
  total(price: number, qty = 1): number {
    return price * qty * this.rate;
  }
  /** @memoize */
  get label(): string {
    return \`cart@\${this.rate}\`;
  }
}

/** @memoize key=json */
export const shape = <T extends object>(value: T): string => Object.keys(value).join(",");

/** @memoize */
export default function (n: number): number {
  return n;
}
`;

function tsconfig(plugins: unknown[], outDir: string): string {
  return JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "node16",
      moduleResolution: "node16",
      strict: true,
      declaration: true,
      sourceMap: true,
      skipLibCheck: true,
      types: [],
      rootDir: "src",
      outDir,
      plugins,
    },
    include: ["src"],
  });
}

function build(config: string, files: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  fs.writeFileSync(path.join(PROJECT, "tsconfig.json"), config);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(PROJECT, "src", name), text);
  const result = spawnSync(process.execPath, [TSPC, "-p", PROJECT], { cwd: PROJECT, encoding: "utf8", timeout: 120000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Decodes a source map's `mappings` into, per generated line, the original line of its first segment. */
function originalLines(mappings: string): Array<number | undefined> {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let sourceLine = 0;
  return mappings.split(";").map((line) => {
    let first: number | undefined;
    for (const segment of line.split(",").filter(Boolean)) {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = chars.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      if (values.length >= 4) {
        sourceLine += values[2];
        first ??= sourceLine;
      }
    }
    return first;
  });
}

describe("tspc with memoscope/ts in tsconfig.json", () => {
  beforeAll(() => {
    fs.rmSync(PROJECT, { recursive: true, force: true });
    fs.mkdirSync(path.join(PROJECT, "src"), { recursive: true });
    fs.mkdirSync(path.join(PROJECT, "node_modules"), { recursive: true });
    fs.symlinkSync(ROOT, path.join(PROJECT, "node_modules", "memoscope"), "junction");
  });

  test("builds a project whose output runs, with the .d.ts it would have without the plugin", () => {
    const plain = build(tsconfig([], "out-plain"), { "index.ts": SOURCE });
    expect(plain.stdout + plain.stderr).toBe("");
    const memo = build(tsconfig([{ transform: "memoscope/ts", report: false }], "out-memo"), { "index.ts": SOURCE });
    // SOURCE's memoized fib counts its runs in a module `let`: memoscope warns (MS101/MS102) on stderr, and the build still passes.
    expect(memo.stdout).toBe("");
    expect(memo.status).toBe(0);
    const warnings = memo.stderr.split("\n").filter((line) => line.startsWith("src/index.ts:")).map((line) => /^src\/index\.ts:\d+:\d+: warning (MS\d{3}): /.exec(line)?.[1]);
    expect(warnings).toEqual(expect.arrayContaining(["MS101", "MS102"]));
    expect(memo.stderr.split("\n").filter((line) => /error/i.test(line))).toEqual([]);

    const js = fs.readFileSync(path.join(PROJECT, "out-memo", "index.js"), "utf8");
    expect(js).toContain('require("memoscope/runtime")');
    expect(fs.readFileSync(path.join(PROJECT, "out-memo", "index.d.ts"), "utf8")).toBe(fs.readFileSync(path.join(PROJECT, "out-plain", "index.d.ts"), "utf8"));

    const run = spawnSync(
      process.execPath,
      ["-e", `const m = require("./out-memo/index.js"); const { cacheOf } = require("memoscope/runtime");
        const a = m.fib(30), runs = m.bodyRuns; m.fib(30);
        const cart = new m.Cart(2); cart.total(3); cart.total(3);
        console.log(JSON.stringify({ a, runs, again: m.bodyRuns, name: m.fib.name, length: m.fib.length, total: cart.total(3, 2),
          hits: cacheOf(cart, "total").info().hits, label: cart.label, shape: m.shape({ x: 1 }), shapeHit: m.shape({ x: 1 }) && cacheOf(m.shape).info().hits,
          def: m.default(4), defName: m.default.name }));`],
      { cwd: PROJECT, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      a: 832040, runs: 31, again: 31, name: "fib", length: 1, total: 12,
      hits: 1, label: "cart@2", shape: "x", shapeHit: 1, def: 4, defName: "default",
    });
  });

  test("source maps point at the original lines", () => {
    const map = JSON.parse(fs.readFileSync(path.join(PROJECT, "out-memo", "index.js.map"), "utf8"));
    const js = fs.readFileSync(path.join(PROJECT, "out-memo", "index.js"), "utf8").split("\n");
    const lines = originalLines(map.mappings);
    const source = SOURCE.split("\n");
    for (const text of ["bodyRuns++", "return price * qty * this.rate", "Object.keys(value)"]) {
      const generated = js.findIndex((l) => l.includes(text));
      expect(generated).toBeGreaterThanOrEqual(0);
      expect(lines[generated]).toBe(source.findIndex((l) => l.includes(text)));
    }
  });

  test("a build error fails tspc with the MS code, file, line and column; a warning does not", () => {
    const failed = build(tsconfig([{ transform: "memoscope/ts", report: false }], "out-bad"), {
      "index.ts": "/** @memoize max=0 */\nexport function f(a: number) {\n  return a;\n}\n",
    });
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toMatch(/src[\\/]index\.ts[(:]1[,:]\d+.*error TS990011: MS011: `max=0` is not valid/);
    expect(fs.existsSync(path.join(PROJECT, "out-bad", "index.js"))).toBe(false); // a file with a build error emits nothing
    const warned = build(tsconfig([{ transform: "memoscope/ts", report: false }], "out-warn"), {
      "index.ts": "/** @memoise */\nexport function f(a: number) {\n  return a;\n}\n",
    });
    expect(warned.status).toBe(0);
    expect(warned.stderr).toBe("src/index.ts:1:5: warning MS020: @memoise is not a memoscope tag and is ignored. Did you mean @memoize?\n> 1 | /** @memoise */\n    |     ^\n  2 | export function f(a: number) {\n  3 |   return a;\n  4 | }\n");
  });

  test("a misspelled plugin option is an error diagnostic with a suggestion", () => {
    const result = build(tsconfig([{ transform: "memoscope/ts", reprot: false }], "out-option"), { "index.ts": "export const a = 1;\n" });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("MS090: Unknown memoscope option `reprot`. Did you mean `report`?");
  });
});
