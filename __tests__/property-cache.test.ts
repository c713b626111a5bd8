import { transformSync } from "@babel/core";
import fc from "fast-check";
import path from "node:path";
import { cacheOf, memoize, type MemoSpec } from "../dist/runtime";

/**
 * Properties of the caching contract (§4.1, §4.4, §4.8): for any pure function and any sequence of
 * calls, the memoized function returns what the original returns, the body runs once per distinct key
 * (SameValueZero per position) when unbounded, and a bounded cache never holds more than `max`.
 */

const shared = [{}, [], { a: 1 }];
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom<unknown>(NaN, 0, -0, "a", "1", 1, "__proto__", "constructor", undefined, null, true),
  fc.constantFrom(...shared),
);

/**
 * A deterministic function of its arguments (fast-check's `func` is pure by construction). Keys are
 * SameValueZero, so the function must not tell 0 from -0 (the spec's contract for cached functions).
 */
const pure = fc.func(fc.integer()).map((f) => (...args: unknown[]) => f(...args.map((a) => (Object.is(a, -0) ? 0 : a))));

/** The SameValueZero identity of an argument tuple, for counting distinct keys. */
function keyOf(args: unknown[]): string {
  return args.map((a) => (typeof a === "object" && a !== null ? `obj#${shared.indexOf(a as object)}` : Object.is(a, -0) ? "number:0" : `${typeof a}:${String(a)}`)).join("|");
}

describe("runtime memoize (all arities, all key options)", () => {
  test("returns what the original returns; runs once per distinct key; respects max", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.record({ max: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), weak: fc.boolean(), json: fc.boolean() }),
        pure,
        fc.array(fc.array(value, { minLength: 0, maxLength: 5 }), { maxLength: 40 }),
        (arity, options, original, calls) => {
          const json = options.json && !options.weak;
          const spec: MemoSpec = { arity, ...(options.max && { max: options.max }), ...(options.weak && { weak: true }), ...(json && { key: "json" as const }) };
          let runs = 0;
          // A function of its declared parameters only (it does not read `arguments`).
          const impl = (...args: unknown[]) => {
            runs++;
            return original(...Array.from({ length: arity }, (_, i) => args[i]));
          };
          const memo = memoize(impl, spec) as (...args: unknown[]) => unknown;
          const distinct = new Set<string>();
          for (const raw of calls) {
            // key=json keeps apart what identity keys keep apart for these values ({}, [] and {a:1} differ structurally too).
            const call = raw;
            const args = Array.from({ length: arity }, (_, i) => call[i]);
            expect(memo(...call)).toBe(original(...args));
            distinct.add(keyOf(args));
            const info = cacheOf(memo).info();
            if (spec.max !== undefined) expect(info.size).toBeLessThanOrEqual(spec.max);
            else expect(info.size).toBe(distinct.size);
          }
          if (spec.max === undefined) expect(runs).toBe(distinct.size);
          expect(cacheOf(memo).info().hits + cacheOf(memo).info().misses).toBe(calls.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("LRU keeps exactly the most recently used keys", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 60 }), (max, calls) => {
        const memo = memoize((x: number) => x * 2, { arity: 1, max });
        const recent: number[] = [];
        for (const x of calls) {
          memo(x);
          const seen = recent.indexOf(x);
          if (seen >= 0) recent.splice(seen, 1);
          recent.push(x);
          if (recent.length > max) recent.shift();
          for (let k = 0; k <= 6; k++) expect(cacheOf(memo).has(k)).toBe(recent.includes(k));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("compiled by the Babel plugin", () => {
  const plugin = path.resolve(__dirname, "../dist/babel/index.js");
  const runtime = require("../dist/runtime");

  function compile(source: string): Record<string, any> {
    const { code } = transformSync(source, {
      babelrc: false,
      configFile: false,
      filename: "property.js",
      plugins: [[plugin, { report: false }], "@babel/plugin-transform-modules-commonjs"].filter((p) => p !== "@babel/plugin-transform-modules-commonjs" || hasCommonJs()),
      presets: hasCommonJs() ? [] : [["@babel/preset-env", { targets: { node: "20" } }]],
    })!;
    const module = { exports: {} as Record<string, any> };
    new Function("module", "exports", "require", code!)(module, module.exports, (id: string) => (id === "memoscope/runtime" ? runtime : require(id)));
    return module.exports;
  }

  function hasCommonJs() {
    try {
      require.resolve("@babel/plugin-transform-modules-commonjs");
      return true;
    } catch {
      return false;
    }
  }

  test("a tagged pure function returns what the untagged one returns, for any tag options", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom("", "max=2", "max=1", "weak", "key=json", "ttl=1h", "max=3 ttl=1h"),
        fc.constantFrom("declaration", "arrow", "method"),
        fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { maxLength: 5 }), { maxLength: 20 }),
        (arity, tag, form, calls) => {
          const params = Array.from({ length: arity }, (_, i) => `p${i}`);
          const body = `runs.n++; return [${params.join(", ")}].reduce((a, b, i) => a * 31 + b * (i + 7), 17);`;
          const tagged = `/** @memoize ${tag} */`;
          const source =
            form === "declaration" ? `exports.runs = { n: 0 }; const runs = exports.runs;\n${tagged}\nfunction f(${params}) { ${body} }\nexports.f = f;`
            : form === "arrow" ? `exports.runs = { n: 0 }; const runs = exports.runs;\n${tagged}\nconst f = (${params}) => { ${body} };\nexports.f = f;`
            : `exports.runs = { n: 0 }; const runs = exports.runs;\nclass C {\n${tagged}\nf(${params}) { ${body} }\n}\nconst c = new C();\nexports.f = (...a) => c.f(...a);`;
          const m = compile(source);
          const expected = (args: number[]) => args.slice(0, arity).concat(Array(Math.max(0, arity - args.length)).fill(undefined)).reduce((a: number, b: number | undefined, i: number) => a * 31 + (b as number) * (i + 7), 17);
          const distinct = new Set<string>();
          for (const call of calls) {
            expect(m.f(...call)).toEqual(expected(call));
            distinct.add(JSON.stringify(Array.from({ length: arity }, (_, i) => call[i] ?? null)));
          }
          if (!/max/.test(tag)) expect(m.runs.n).toBe(distinct.size);
        },
      ),
      { numRuns: 60 },
    );
  });
});
