import { transformSync } from "@babel/core";
import path from "node:path";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";
import { ROOT, loadFixtures, type Fixture } from "./support/fixtures";

/**
 * SPEC §4 rule 12, `verify`: on sampled cache hits the generated code reruns the body and compares. Every
 * case runs through both front ends; the compiled module runs in this process against dist/runtime.
 */

const FILE = path.join(ROOT, "__tests__", "virtual", "verify.ts");
const RUNTIME = path.join(ROOT, "dist", "runtime", "index.js");

const SOURCE = `
let version = 1;
const state = { v: 1 };
export const runs = { count: 0 };
export function bump(): void { version++; }
export function setHidden(v: number): void { state.v = v; }
/** @memoize */
export function impure(n: number): number { return n + version; }
/** @memoize */
export function pure(n: number): number { runs.count++; return n * 2; }
/** @memoize */
export function hidden(n: number): number { return n + state.v; }
/** @memoize */
export function fresh(n: number): { n: number; list: number[]; at: Date } { return { n, list: [n, n], at: new Date(0) }; }
/** @memoize */
export async function later(n: number): Promise<number> { await null; return n + state.v; }
/** @memoize */
export const arrow = (n: number) => n + state.v;
/** @memoize */
export function variadic(...xs: number[]): number { return xs.length + state.v; }
export const listed = [/** @memoize */ (n: number) => n + state.v];
export class Cart {
  /** @memoize */
  total(n: number): number { return n + state.v; }
  /** @memoize */
  get size(): number { return state.v; }
}
/** @memoize */
export function fib(n: number): number { runs.count++; return n < 2 ? n : fib(n - 1) + fib(n - 2); }
`;

type Lib = {
  runs: { count: number };
  bump(): void;
  setHidden(v: number): void;
  impure(n: number): number;
  pure(n: number): number;
  hidden(n: number): number;
  fresh(n: number): unknown;
  later(n: number): Promise<number>;
  arrow(n: number): number;
  variadic(...xs: number[]): number;
  listed: Array<(n: number) => number>;
  Cart: new () => { total(n: number): number; readonly size: number };
  fib(n: number): number;
};

const FRONT_ENDS = ["babel", "ts"] as const;
type FrontEnd = (typeof FRONT_ENDS)[number];

/** The CommonJS output of one front end, warnings printed at build time silenced. */
function compile(frontEnd: FrontEnd, options: Record<string, unknown>, source = SOURCE): string {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    const pluginOptions = { report: false, root: ROOT, ...options };
    if (frontEnd === "babel") return transformSync(source, babelOptions(FILE, pluginOptions))!.code!;
    const result = compileFileWithTs(FILE, pluginOptions, { source });
    if (result.errors.length) throw new Error(result.errors.map((e) => e.message).join("\n"));
    return result.code;
  } finally {
    process.stderr.write = write;
  }
}

/** Runs compiled CommonJS with `memoscope/runtime` resolved to the built runtime. */
function load(code: string): Lib {
  const module = { exports: {} as Lib };
  const req = (id: string) => (id === "memoscope/runtime" ? require(RUNTIME) : require(id));
  new Function("require", "module", "exports", code)(req, module, module.exports);
  return module.exports;
}

/** With env set (or removed when undefined) for the duration of `fn`. */
function withEnv<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.MEMOSCOPE_VERIFY;
  if (value === undefined) delete process.env.MEMOSCOPE_VERIFY;
  else process.env.MEMOSCOPE_VERIFY = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.MEMOSCOPE_VERIFY;
    else process.env.MEMOSCOPE_VERIFY = before;
  }
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

const warnings = () => warn.mock.calls.map((call) => String(call[0]));

describe.each(FRONT_ENDS)("verify through %s", (frontEnd) => {
  const build = (options: Record<string, unknown>, source = SOURCE) => withEnv(undefined, () => load(compile(frontEnd, options, source)));

  test("an impure function is caught once, with its place, both values and the capture report", () => {
    const lib = build({ verify: 1 });
    expect(lib.impure(1)).toBe(2);
    expect(lib.impure(1)).toBe(2);
    expect(warnings()).toEqual([]);
    lib.bump();
    // The cached value is still returned: verify reports, it does not change what the program computes.
    expect(lib.impure(1)).toBe(2);
    expect(lib.impure(1)).toBe(2);
    lib.bump();
    expect(lib.impure(1)).toBe(2);
    expect(warnings()).toHaveLength(1);
    const message = warnings()[0];
    expect(message).toContain("[memoscope] verify: a cache hit of impure (__tests__/virtual/verify.ts:8:8) differs from what its body computes now: cached 2, fresh 3.");
    expect(message).toContain("Capture report: captures version (let, module, reassigned); findings MS101: impure is memoized but captures `version`");
    expect(message).toContain("Reported once for this function.");
  });

  test("a pure function is never flagged over many hits, and rate 1 reruns the body on every hit", () => {
    const lib = build({ verify: true });
    for (let i = 0; i < 200; i++) expect(lib.pure(i % 5)).toBe((i % 5) * 2);
    for (let i = 0; i < 50; i++) expect(lib.fresh(i % 3)).toEqual({ n: i % 3, list: [i % 3, i % 3], at: new Date(0) });
    expect(warnings()).toEqual([]);
    expect(lib.runs.count).toBe(200);
  });

  test.each([
    [0.25, 1 + 24],
    [0.1, 1 + 9],
    [1 / 3, 1 + 33],
  ])("rate %p runs the body on every round(1/rate)-th hit", (rate, runs) => {
    const lib = build({ verify: rate });
    for (let i = 0; i < 100; i++) lib.pure(7);
    expect(lib.runs.count).toBe(runs);
    expect(warnings()).toEqual([]);
  });

  test("a recursive function keeps its other keys cached while a sample reruns its body", () => {
    const lib = build({ verify: 1 });
    // 21 misses (fib(0)..fib(20)), and the 18 hits fib(k-2) made by fib(k) after fib(k-1) stored it, each rerun once: no cascade (naive fib(20) is 21891 runs).
    expect(lib.fib(20)).toBe(6765);
    expect(lib.runs.count).toBe(21 + 18);
    // A sampled hit reruns fib(20) once; its calls fib(19) and fib(18) are hits inside the rerun, answered from the cache.
    expect(lib.fib(20)).toBe(6765);
    expect(lib.runs.count).toBe(40);
    expect(lib.fib(15)).toBe(610);
    expect(lib.runs.count).toBe(41);
    expect(warnings()).toEqual([]);
  });

  test("every emitted shape is checked: arrow, variadic, expression form, method, getter", () => {
    const lib = build({ verify: 1 });
    const cart = new lib.Cart();
    const calls = [() => lib.arrow(1), () => lib.variadic(1, 2), () => lib.listed[0](1), () => cart.total(1), () => cart.size, () => lib.hidden(1)];
    const before = calls.map((call) => call());
    expect(calls.map((call) => call())).toEqual(before);
    expect(warnings()).toEqual([]);
    lib.setHidden(10);
    expect(calls.map((call) => call())).toEqual(before);
    expect(warnings()).toHaveLength(calls.length);
    expect(warnings().map((w) => /a cache hit of (\S+)/.exec(w)?.[1])).toEqual(["arrow", "variadic", expect.any(String), expect.stringContaining("total"), expect.stringContaining("size"), "hidden"]);
    expect(warnings().join("\n")).toContain("cached 2, fresh 11");
  });

  test("async functions are compared when both promises settle; the cached promise is returned", async () => {
    const lib = build({ verify: 1 });
    const first = lib.later(1);
    expect(await first).toBe(2);
    expect(lib.later(1)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warnings()).toEqual([]);
    lib.setHidden(5);
    expect(lib.later(1)).toBe(first);
    expect(await first).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain("a cache hit of later (__tests__/virtual/verify.ts:16:8) differs from what its body computes now: cached 2, fresh 6.");
  });

  test("strict throws the mismatch as an Error (sync) or rejects with it (async)", async () => {
    // strict also makes MS101 a build error: the source without \`impure\`, whose impurity the report already names.
    const lib = build({ verify: 1, strict: true }, SOURCE.replace(/\/\*\* @memoize \*\/\nexport function impure.*\n/, ""));
    expect(lib.hidden(1)).toBe(2);
    expect(lib.hidden(1)).toBe(2);
    lib.setHidden(3);
    expect(() => lib.hidden(1)).toThrow(/^\[memoscope\] verify: a cache hit of hidden \(__tests__\/virtual\/verify\.ts:10:8\) differs .*cached 2, fresh 4\. .*Capture report: captures state \(const, module\); no findings/);
    lib.setHidden(1);
    expect(await lib.later(2)).toBe(3);
    lib.setHidden(9);
    await expect(lib.later(2)).rejects.toThrow("cached 3, fresh 11");
    expect(warnings()).toEqual([]);
  });

  test("MEMOSCOPE_VERIFY turns it on at build time and wins over the option", () => {
    const on = withEnv("1", () => compile(frontEnd, {}));
    expect(on).toContain("verify");
    const lib = load(on);
    lib.impure(1);
    lib.bump();
    lib.impure(1);
    expect(warnings()).toHaveLength(1);
    expect(withEnv("0.5", () => compile(frontEnd, {}))).toMatch(/rate: 0\.5\b/);
    const offByEnv = withEnv("0", () => compile(frontEnd, { verify: 1 }));
    expect(offByEnv).toBe(withEnv(undefined, () => compile(frontEnd, {})));
    expect(() => withEnv("lots", () => compile(frontEnd, {}))).toThrow(/MEMOSCOPE_VERIFY must be a fraction of cache hits in \(0, 1\].*got "lots"/);
  });

  test("off: the output with verify absent is exactly the output with verify: false", () => {
    const absent = withEnv(undefined, () => compile(frontEnd, {}));
    expect(withEnv(undefined, () => compile(frontEnd, { verify: false }))).toBe(absent);
    expect(withEnv("", () => compile(frontEnd, {}))).toBe(absent);
    expect(absent).not.toContain("verify");
  });

  test.each([
    [{ verify: 2 }, /`verify` must be a fraction of cache hits in \(0, 1\].*got 2/],
    [{ verify: "0.5" }, /`verify` must be a fraction.*got "0.5"/],
    [{ verify: -0.1 }, /`verify` must be a fraction/],
    [{ verfy: 1 }, /Unknown memoscope option `verfy`\. Did you mean `verify`\?/],
  ])("rejects %p", (options, message) => {
    expect(() => withEnv(undefined, () => compile(frontEnd, options))).toThrow(message);
  });
});

test("both front ends embed the same verify data", () => {
  const pick = (code: string) => [...code.matchAll(/where: "([^"]+)"/g)].map((m) => m[1]);
  const babel = withEnv(undefined, () => compile("babel", { verify: 1 }));
  const ts = withEnv(undefined, () => compile("ts", { verify: 1 }));
  expect(pick(babel).sort()).toEqual(pick(ts).sort());
  expect(pick(babel)).toHaveLength(11);
});

/** A rewrite fixture built with extra plugin options, through one front end. */
function compileFixture(fixture: Fixture, frontEnd: FrontEnd, extra: Record<string, unknown>): string {
  return withEnv(undefined, () => {
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const options = { ...fixture.options, ...extra };
      if (frontEnd === "babel") return transformSync(fixture.source, babelOptions(fixture.inputFile, options))!.code!;
      const result = compileFileWithTs(fixture.inputFile, options);
      if (result.errors.length) throw new Error(result.errors.map((e) => e.message).join("\n"));
      return result.code;
    } finally {
      process.stderr.write = write;
    }
  });
}

// Every rewrite fixture that builds: off is byte-for-byte the output without the option, and on, every store carries its verify data.
describe.each(loadFixtures().filter((f) => f.throws === undefined).map((f) => [f.name, f] as const))("fixture %s", (_name, fixture) => {
  test.each(FRONT_ENDS)("%s: verify absent and verify: false give the same output; verify: 1 reaches every store", (frontEnd) => {
    const absent = compileFixture(fixture, frontEnd, {});
    expect(compileFixture(fixture, frontEnd, { verify: false })).toBe(absent);
    const on = compileFixture(fixture, frontEnd, { verify: 1 });
    const stores = (code: string) => (code.match(/\.(store|memoize)\(/g) ?? []).length;
    expect(stores(on)).toBe(stores(absent));
    expect((on.match(/verify: \{/g) ?? []).length).toBe(stores(on));
    expect(() => new Function(on)).not.toThrow(SyntaxError);
  });
});

describe("the comparison and the preview", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sameStructure, preview } = require(path.join(ROOT, "dist", "runtime", "verify.js")) as typeof import("../src/runtime/verify");
  class Point {
    constructor(
      public x: number,
      public y: number,
    ) {}
  }
  test.each([
    [NaN, NaN],
    [0, -0],
    [{ a: [1, { b: 2 }], c: undefined }, { c: undefined, a: [1, { b: 2 }] }],
    [new Map([["k", { v: 1 }]]), new Map([["k", { v: 1 }]])],
    [new Set([1, 2]), new Set([2, 1])],
    [new Date(5), new Date(5)],
    [new Point(1, 2), new Point(1, 2)],
    [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
    [/a/g, /a/g],
    [() => 1, () => 1],
  ])("equal: %p and %p", (a, b) => expect(sameStructure(a, b)).toBe(true));
  test.each([
    [1, "1"],
    [{ a: 1 }, { a: 1, b: undefined }],
    [[1, 2], [2, 1]],
    [new Map([["k", 1]]), new Map([["k", 2]])],
    [new Set([1]), new Set([2])],
    [new Point(1, 2), { x: 1, y: 2 }],
    [new Date(5), new Date(6)],
    [null, undefined],
  ])("different: %p and %p", (a, b) => expect(sameStructure(a, b)).toBe(false));
  test("cycles are compared without looping", () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const b: Record<string, unknown> = { n: 1 };
    b.self = b;
    expect(sameStructure(a, b)).toBe(true);
    b.n = 2;
    expect(sameStructure(a, b)).toBe(false);
  });
  test("values in short", () => {
    expect(preview("x")).toBe('"x"');
    expect(preview(new Point(1, 2))).toBe('Point {"x":1,"y":2}');
    expect(preview(new Map([["a", 1]]))).toBe('Map(1) [["a",1]]');
    expect(preview(Array.from({ length: 100 }, (_, i) => i))).toHaveLength(80);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe("[object Object]");
  });
});
