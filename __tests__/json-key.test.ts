import fc from "fast-check";
import { cacheOf, memoize, type MemoSpec } from "../dist/runtime";

/**
 * `key=json` (SPEC §2): two argument lists share a cache entry exactly when they are structurally equal.
 * `equal` below is the oracle, written from the SPEC's words and independent of the runtime's encoding.
 */

class Point {
  constructor(readonly x: number) {}
}

/** Structural equality as SPEC §2 defines it for key=json. */
function equal(x: unknown, y: unknown): boolean {
  if (typeof x !== typeof y) return false;
  if (typeof x === "number") return x === y || (Number.isNaN(x) && Number.isNaN(y));
  if (typeof x !== "object" || x === null || y === null) return x === y;
  const a = x as object;
  const b = y as object;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  const kind = (v: object) => {
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return "plain";
    if (v instanceof Date) return "date";
    if (v instanceof Map) return "map";
    if (v instanceof Set) return "set";
    return "other";
  };
  if (kind(a) !== kind(b)) return false;
  switch (kind(a)) {
    case "plain": {
      const ka = Object.keys(a).sort();
      const kb = Object.keys(b).sort();
      return ka.length === kb.length && ka.every((k, i) => k === kb[i] && equal((a as any)[k], (b as any)[k]));
    }
    case "date":
      return equal((a as Date).getTime(), (b as Date).getTime());
    case "map":
      return sameMultiset([...(a as Map<unknown, unknown>)], [...(b as Map<unknown, unknown>)]);
    case "set":
      return sameMultiset([...(a as Set<unknown>)], [...(b as Set<unknown>)]);
    default:
      return a === b;
  }
}

/** Equal as multisets under `equal` (an equivalence, so greedy matching decides it). */
function sameMultiset(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const unused = [...b];
  for (const item of a) {
    const match = unused.findIndex((other) => equal(item, other));
    if (match < 0) return false;
    unused.splice(match, 1);
  }
  return true;
}

const fnA = () => 1;
const fnB = () => 1;
const symA = Symbol("a");
const symB = Symbol("a");
const pointA = new Point(1);
const pointB = new Point(1);

/** Values of every kind the key distinguishes, with characters the encoding uses as delimiters in strings and keys. */
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, 0, -0, 1, "1", true, false, 1n, 2n, "", "u", "n1", "s1:", fnA, fnB, symA, symB, Symbol.for("a"), pointA, pointB),
    fc.integer({ min: -2, max: 2 }),
    fc.string({ unit: fc.constantFrom("a", ",", ":", "=", "]", "}", "1", "s", "n"), maxLength: 4 }),
    fc.constantFrom(0, 1, NaN).map((t) => new Date(t)),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "1", "a,b", "__proto__", "constructor"), tie("value"), { maxKeys: 3 }),
    fc.dictionary(fc.constantFrom("a", "b"), tie("value"), { maxKeys: 2 }).map((o) => Object.assign(Object.create(null), o)),
    fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 3 }).map((entries) => new Map(entries)),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => new Set(items)),
  ),
}));

/** A structural copy with fresh containers, keys and entries in reverse order: equal to the original by definition. */
function copy(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(copy);
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Map) return new Map([...v].reverse().map(([k, x]) => [copy(k), copy(x)]));
  if (v instanceof Set) return new Set([...v].reverse().map(copy));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out = Object.create(proto);
  for (const k of Object.keys(v).reverse()) Object.defineProperty(out, k, { value: copy((v as any)[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

/** What JSON text or a careless key would confuse a value with (some of these are equal, like 0 and -0). */
function confusable(v: unknown): unknown {
  const swaps: Array<[unknown, unknown]> = [[undefined, null], [null, undefined], [NaN, null], [Infinity, null], [-Infinity, Infinity], [1, "1"], ["1", 1], [1n, 1], [0, -0], [true, 1], [fnA, fnB], [symA, symB], [pointA, pointB], ["", undefined]];
  for (const [from, to] of swaps) if (Object.is(v, from)) return to;
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x], i) => [typeof k === "string" ? k : `k${i}`, x]));
  if (v instanceof Set) return [...v];
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) return Object.assign({}, v);
  if (typeof v === "object" && v !== null && !(v instanceof Point)) return new Map(Object.entries(v));
  return v;
}

/** A copy of `v` with its `target`-th node (pre-order) replaced by a confusable value. */
function mutate(v: unknown, target: { left: number }): unknown {
  if (target.left-- === 0) return confusable(v);
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => mutate(x, target));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [mutate(k, target), mutate(x, target)]));
  if (v instanceof Set) return new Set([...v].map((x) => mutate(x, target)));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out = Object.create(proto);
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: mutate((v as any)[k], target), enumerable: true, writable: true, configurable: true });
  return out;
}

function memoJson(arity: number, name = "lookup") {
  let runs = 0;
  const spec: MemoSpec = { arity, key: "json", name };
  const f = memoize((...args: unknown[]) => ++runs, spec) as (...args: unknown[]) => number;
  return { f, runs: () => runs };
}

describe("key=json: one entry exactly for structurally equal argument lists", () => {
  const args = fc.array(value, { maxLength: 3 });
  // Independent lists, structural copies (equal), and copies with one node swapped for a look-alike (mostly unequal).
  const pair = fc.oneof(
    fc.tuple(args, args),
    args.map((a) => [a, copy(a) as unknown[]] as const),
    fc.tuple(args, fc.nat(12)).map(([a, n]) => [a, mutate(a, { left: n + 1 }) as unknown[]] as const),
  );

  test("property (variadic)", () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const { f, runs } = memoJson(-1);
        const first = f(...a);
        const second = f(...b);
        expect(runs()).toBe(equal(a, b) ? 1 : 2);
        expect(second === first).toBe(equal(a, b));
        expect(f(...a)).toBe(first);
        expect(cacheOf(f).has(...b)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test("property (two declared parameters)", () => {
    const two = fc.tuple(value, value);
    const pairs = fc.oneof(
      fc.tuple(two, two),
      two.map((a) => [a, copy(a) as [unknown, unknown]] as const),
      fc.tuple(two, fc.nat(8)).map(([a, n]) => [a, mutate(a, { left: n + 1 }) as [unknown, unknown]] as const),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        const { f, runs } = memoJson(2);
        f(...a);
        f(...b);
        expect(runs()).toBe(equal(a, b) ? 1 : 2);
      }),
      { numRuns: 2000 },
    );
  });

  test.each<[string, unknown, unknown]>([
    ["NaN / null", NaN, null],
    ["Infinity / null", Infinity, null],
    ["-Infinity / Infinity", -Infinity, Infinity],
    ["null / undefined", null, undefined],
    ["[undefined] / [null]", [undefined], [null]],
    ["Set([1]) / Set([2])", new Set([1]), new Set([2])],
    ["a Map / {}", new Map(), {}],
    ["a Set / []", new Set(), []],
    ["two functions", fnA, fnB],
    ["two symbols with one description", symA, symB],
    ["1n / 1", 1n, 1],
    ["1n / 2n", 1n, 2n],
    ["Date(0) / Date(1)", new Date(0), new Date(1)],
    ["two instances with equal fields (class instances by identity)", new Point(1), new Point(1)],
    ["[1, 2] / {0: 1, 1: 2}", [1, 2], { 0: 1, 1: 2 }],
    ['"a,b" / ["a", "b"] spread', "a,b", ["a", "b"]],
  ])("%s stay apart", (_title, a, b) => {
    const { f, runs } = memoJson(1);
    f(a);
    f(b);
    expect(runs()).toBe(2);
  });

  test.each<[string, unknown, unknown]>([
    ["NaN / NaN", NaN, NaN],
    ["0 / -0", 0, -0],
    ["1n / 1n (no throw on BigInt)", 1n, 1n],
    ["objects with keys in another order", { a: 1, b: [2, { c: 3 }] }, { b: [2, { c: 3 }], a: 1 }],
    ["Dates with one time", new Date(5), new Date(5)],
    ["Maps with entries in another order", new Map<unknown, unknown>([["a", 1], [{ k: 1 }, 2]]), new Map<unknown, unknown>([[{ k: 1 }, 2], ["a", 1]])],
    ["Sets with elements in another order", new Set([1, "x", [2]]), new Set([[2], "x", 1])],
    ["the same function", fnA, fnA],
    ["Symbol.for of one key", Symbol.for("k"), Symbol.for("k")],
    ["the same instance", pointA, pointA],
  ])("%s share an entry", (_title, a, b) => {
    const { f, runs } = memoJson(1);
    f(a);
    f(b);
    expect(runs()).toBe(1);
  });

  test("a cycle throws a TypeError naming the function, and caches nothing", () => {
    const { f, runs } = memoJson(1, "priceOf");
    const object: Record<string, unknown> = { a: 1 };
    object.self = object;
    const array: unknown[] = [1];
    array.push([array]);
    const map = new Map<string, unknown>();
    map.set("m", map);
    for (const cyclic of [object, array, map]) {
      expect(() => f(cyclic)).toThrow(TypeError);
      expect(() => f(cyclic)).toThrow(/priceOf.*key=json.*cycle/);
    }
    expect(runs()).toBe(0);
    expect(cacheOf(f).info().size).toBe(0);
  });

  test("a value reached twice without a cycle is fine", () => {
    const { f, runs } = memoJson(1);
    const shared = { x: 1 };
    f({ a: shared, b: shared, c: [shared, shared] });
    f({ a: { x: 1 }, b: { x: 1 }, c: [{ x: 1 }, { x: 1 }] });
    expect(runs()).toBe(1);
  });
});
