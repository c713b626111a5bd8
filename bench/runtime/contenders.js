"use strict";
// Every runtime contender, configured to be correct for the arity (several libraries default to
// keying on the first argument only, or to keeping a single entry). `make()` returns a new memoized
// function with an empty cache; `config` says how it was set up, for the report.

const path = require("path");
const { counter, fns } = require("./fns");

const OUT = path.join(__dirname, "..", ".out");

/** Library caches sized to hold every working set of the unbounded workloads (100 keys). */
const ROOMY = 1024;
/** The bounded (LRU) workloads: `@memoize max=128` and its equivalents. */
const LRU_MAX = 128;

/** Object identity as a number, for libraries that key on one string (lodash resolver, fast-memoize serializer). */
const idOf = (() => {
  const ids = new WeakMap();
  let next = 0;
  return (o) => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = ++next));
    return id;
  };
})();

// The baseline: hand-written, arity-specialised nested-Map closures, the body inlined. One `get` per
// level on a hit, `has` only when the stored value is `undefined`.
const handWritten = {
  1() {
    const m = new Map();
    return function f1(a) {
      let v = m.get(a);
      if (v === undefined && !m.has(a)) {
        counter.n++;
        v = a * 2 + 1;
        m.set(a, v);
      }
      return v;
    };
  },
  2() {
    const m = new Map();
    return function f2(a, b) {
      let m2 = m.get(a);
      if (m2 === undefined) m.set(a, (m2 = new Map()));
      let v = m2.get(b);
      if (v === undefined && !m2.has(b)) {
        counter.n++;
        v = a * 1000 + b;
        m2.set(b, v);
      }
      return v;
    };
  },
  3() {
    const m = new Map();
    return function f3(a, s, o) {
      let m2 = m.get(a);
      if (m2 === undefined) m.set(a, (m2 = new Map()));
      let m3 = m2.get(s);
      if (m3 === undefined) m2.set(s, (m3 = new Map()));
      let v = m3.get(o);
      if (v === undefined && !m3.has(o)) {
        counter.n++;
        v = a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
        m3.set(o, v);
      }
      return v;
    };
  },
};

const calls = () => counter.n;

/**
 * The contender `name` at `arity`, bounded (`lru`) or not. Returns `{ make, calls, config }`, or
 * `{ na }` with the reason it has no such configuration.
 */
function contender(name, arity, lru) {
  const fn = fns[arity];
  switch (name) {
    case "hand-written": {
      return { make: handWritten[arity], calls, config: lru ? "unbounded nested Map (the limit; LRU rows compare against it)" : "nested Map, one get per level" };
    }
    case "memoscope (function decl)":
    case "memoscope (arrow)":
    case "baseline (function decl)":
    case "baseline (arrow)": {
      const baseline = name.startsWith("baseline");
      const file = path.join(OUT, baseline ? "contenders-baseline.js" : "contenders.js");
      let mod;
      try {
        mod = require(file);
      } catch (e) {
        return { na: `plugin output not available (${String(e.message).split("\n")[0]})` };
      }
      const form = name.includes("arrow") ? "Arrow" : "Decl";
      const make = mod[`make${form}${lru ? "Lru" : ""}${arity}`];
      if (typeof make !== "function") return { na: "factory missing from compiled output" };
      const config = `${lru ? `@memoize max=${LRU_MAX}` : "@memoize"} on a ${form === "Arrow" ? "const arrow" : "function declaration"}, compiled by the plugin`;
      return { make, calls: () => mod.counter.n, config: baseline ? `${config}, on the runtime at ${process.env.MEMOSCOPE_BENCH_BASELINE_RUNTIME}` : config };
    }
    case "fast-memoize": {
      if (lru) return { na: "no size bound" };
      const memoize = require("fast-memoize");
      if (arity === 3) {
        const options = { serializer: (args) => JSON.stringify([args[0], args[1], idOf(args[2])]) };
        return { make: () => memoize(fn, options), calls, config: "serializer: JSON of [a, s, id(o)]" };
      }
      return { make: () => memoize(fn), calls, config: arity === 1 ? "default (monadic)" : "default (variadic, JSON key)" };
    }
    case "micro-memoize": {
      const { memoize } = require("micro-memoize");
      const options = { maxSize: lru ? LRU_MAX : ROOMY };
      return { make: () => memoize(fn, options), calls, config: `maxSize: ${options.maxSize}` };
    }
    case "moize": {
      const moize = require("moize");
      const options = { maxSize: lru ? LRU_MAX : ROOMY, isDeepEqual: false };
      return { make: () => moize(fn, options), calls, config: `maxSize: ${options.maxSize}, isDeepEqual: false` };
    }
    case "lodash.memoize": {
      if (lru) return { na: "no size bound" };
      const memoize = require("lodash.memoize");
      if (arity === 1) return { make: () => memoize(fn), calls, config: "default (first argument)" };
      const resolver = arity === 2 ? (a, b) => a + "," + b : (a, s, o) => JSON.stringify([a, s, idOf(o)]);
      return { make: () => memoize(fn, resolver), calls, config: arity === 2 ? 'resolver: a + "," + b' : "resolver: JSON of [a, s, id(o)]" };
    }
    case "memoizee": {
      const memoizee = require("memoizee");
      const options = { length: arity, primitive: arity < 3 };
      if (lru) options.max = LRU_MAX;
      return { make: () => memoizee(fn, options), calls, config: `length: ${arity}${options.primitive ? ", primitive: true" : ""}${lru ? `, max: ${LRU_MAX}` : ""}` };
    }
    case "un-memoized call": {
      return { make: () => fn, calls, config: "the bare function, for scale (not a cache)", reference: true };
    }
    case "new Map()": {
      return { make: () => new Map(), calls, config: "just `new Map()`, for scale", reference: true };
    }
  }
  throw new Error(`unknown contender ${name}`);
}

/** With `MEMOSCOPE_BENCH_BASELINE_RUNTIME` (see compile.js), memoscope's generated code on that runtime too: before/after rows. */
const BASELINES = process.env.MEMOSCOPE_BENCH_BASELINE_RUNTIME ? ["baseline (function decl)", "baseline (arrow)"] : [];
const CONTENDERS = ["hand-written", "memoscope (function decl)", "memoscope (arrow)", ...BASELINES, "fast-memoize", "micro-memoize", "moize", "lodash.memoize", "memoizee"];
const LIBRARIES = ["fast-memoize", "micro-memoize", "moize", "lodash.memoize", "memoizee"];

module.exports = { contender, CONTENDERS, LIBRARIES, LRU_MAX, ROOMY };
