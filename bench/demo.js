"use strict";
// The tutorial demo, timed in its own process: memoized recursive fib(35) and factorial(300)
// (compiled from bench/src/demo.js by the plugin), first call on an empty cache against the second
// call (a hit), and both against the same function without the tag. Sends one result per function.

const path = require("path");
const { median } = require("./lib/stats");

const opts = JSON.parse(process.argv[2] || "{}");
const demo = require(path.join(__dirname, ".out", "demo.js"));
const { cacheOf } = require("memoscope/runtime");

const now = () => process.hrtime.bigint();

/** Median ns of `fn()` over `samples` timings, each of `batch` calls; `before` runs untimed first. */
function time(fn, samples, batch = 1, before) {
  const values = [];
  for (let s = 0; s < samples; s++) {
    if (before) before();
    const t0 = now();
    for (let i = 0; i < batch; i++) fn();
    values.push(Number(now() - t0) / batch);
  }
  return median(values);
}

function measure(label, memo, plain, arg, expected, plainSamples, plainBatch) {
  const problems = [];
  const clear = () => cacheOf(memo).clear();
  // Correctness and miss count on an empty cache: the body runs once per distinct argument.
  clear();
  const before = cacheOf(memo).info().misses;
  const first = memo(arg);
  const misses = cacheOf(memo).info().misses - before;
  if (first !== expected) problems.push(`first call returned ${first}`);
  if (memo(arg) !== expected) problems.push("second call returned a different value");
  if (plain(arg) !== expected) problems.push("un-memoized returned a different value");
  // Warm up all three paths, then time.
  for (let i = 0; i < 200; i++) {
    clear();
    memo(arg);
    memo(arg);
  }
  plain(arg);
  const unmemoized = time(() => plain(arg), plainSamples, plainBatch);
  const firstCall = time(() => memo(arg), opts.demoSamples, 1, clear);
  memo(arg);
  const secondCall = time(() => memo(arg), opts.demoSamples, 1000);
  return { label, unmemoized, firstCall, secondCall, misses, problems };
}

const results = [
  measure("fib(35)", demo.fib, demo.fibPlain, 35, 9227465, opts.fibSamples, 1),
  measure("factorial(300) (BigInt)", demo.factorial, demo.factorialPlain, 300, demo.factorialPlain(300), opts.demoSamples, 20),
];
process.send(results);
