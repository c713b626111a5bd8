"use strict";
// One runtime contender on one workload at one arity, in its own process (`node --expose-gc`).
// Protocol (IPC): on start it checks the contender, warms it up and sends `ready`; each `sample`
// message runs that many timed samples and answers with nanoseconds per call; `exit` ends it.

const { contender } = require("./contenders");
const { reference } = require("./fns");
const { hitLoops, missLoops, createLoop, WORKLOADS, prepare } = require("./workloads");
const { makeObject } = require("./keys");

const [name, arityText, workload, optionsJson] = process.argv.slice(2);
const arity = Number(arityText);
const options = JSON.parse(optionsJson);
const w = WORKLOADS[workload];
const c = contender(name, arity, w.lru);
const data = prepare(workload, arity);
const { A, B, C } = data;
const ref = reference[arity];
const gc = typeof global.gc === "function" ? global.gc : () => {};

function call(f, k) {
  return arity === 1 ? f(A[k]) : arity === 2 ? f(A[k], B[k]) : f(A[k], B[k], C[k]);
}

function expected(k) {
  return ref(A[k], B[k], C[k]);
}

/** Returns a list of problems (empty when the contender is correct on this workload). */
function check() {
  const problems = [];
  const expectCalls = (before, delta, what) => {
    const got = c.calls() - before;
    if (got !== delta) problems.push(`${what}: ${got} underlying calls, expected ${delta}`);
  };
  const expectValue = (got, want, what) => {
    if (got !== want) problems.push(`${what}: returned ${got}, expected ${want}`);
  };
  if (c.reference) return problems;
  const n = data.n;
  // Every key once (all misses), then again in random order (all hits), with the right results.
  let f = c.make();
  let before = c.calls();
  for (let k = 0; k < Math.min(n, 128); k++) expectValue(call(f, k), expected(k), `first call of key ${k}`);
  expectCalls(before, Math.min(n, 128), "first call of each key");
  before = c.calls();
  for (let i = 0; i < 256; i++) {
    const k = data.order[i] % Math.min(n, 128);
    expectValue(call(f, k), expected(k), `repeat call of key ${k}`);
  }
  expectCalls(before, 0, "repeat calls");
  // Changing any one argument is a different key; an object equal in content but not identity is too.
  const probes = [];
  if (arity === 1) probes.push([A[0] + 0.5]);
  if (arity === 2) probes.push([A[0] + 0.5, B[0]], [A[0], B[0] + 0.5]);
  if (arity === 3) probes.push([A[0] + 0.5, B[0], C[0]], [A[0], B[0] + "x", C[0]], [A[0], B[0], makeObject(C[0].w)]);
  for (const args of probes) {
    before = c.calls();
    expectValue(f(...args), ref(...args), `changed argument (${args.length}-ary probe)`);
    expectCalls(before, 1, "a call differing in one argument (or in object identity)");
  }
  if (problems.length > 0) return problems.slice(0, 3);
  if (w.lru && !name.startsWith("hand-written")) {
    // 512 fresh keys through a max=128 cache: the last 128 are hits, the first is evicted.
    const big = prepare("lruMiss", arity);
    const call512 = (g, k) => (arity === 1 ? g(big.A[k]) : arity === 2 ? g(big.A[k], big.B[k]) : g(big.A[k], big.B[k], big.C[k]));
    f = c.make();
    for (let k = 0; k < 512; k++) call512(f, k);
    before = c.calls();
    for (let k = 384; k < 512; k++) call512(f, k);
    expectCalls(before, 0, "the 128 most recent keys after 512 (max=128)");
    before = c.calls();
    call512(f, 0);
    expectCalls(before, 1, "the oldest of 512 keys (should have been evicted, max=128)");
  }
  // The workload itself: hits do not call the function, misses call it once per call.
  if (w.kind === "hit") {
    f = c.make();
    for (let k = 0; k < n; k++) call(f, k);
    before = c.calls();
    const acc = hitLoops[arity](f, A, B, C, data.order, 2048);
    let want = 0;
    for (let i = 0; i < 2048; i++) want += expected(data.order[i & 1023]);
    expectValue(acc, want, "workload sum");
    expectCalls(before, 0, "hit workload");
  } else if (w.kind === "miss") {
    const caches = [c.make(), c.make()];
    before = c.calls();
    const acc = missLoops[arity](caches, A, B, C, data.perm);
    let want = 0;
    for (let j = 0; j < data.perm.length; j++) want += 2 * expected(data.perm[j]);
    expectValue(acc, want, "workload sum");
    expectCalls(before, 2 * n, "miss workload");
  }
  return problems.slice(0, 3);
}

// --- timing -----------------------------------------------------------------------------------

let hitFn; // the primed function of a hit workload
let unit = 0; // ops per sample (hit, create) or caches per sample (miss), set by calibrate()
const ring = new Array(1024).fill(null);
let sink = 0;

function primeHit() {
  hitFn = c.make();
  for (let k = 0; k < data.n; k++) call(hitFn, k);
}

/** Runs one sample of `size` units; returns [elapsed ns, calls made]. */
function run(size) {
  if (w.kind === "hit") {
    const t0 = process.hrtime.bigint();
    sink += hitLoops[arity](hitFn, A, B, C, data.order, size);
    return [Number(process.hrtime.bigint() - t0), size];
  }
  if (w.kind === "create") {
    const t0 = process.hrtime.bigint();
    sink += createLoop(c.make, ring, size);
    return [Number(process.hrtime.bigint() - t0), size];
  }
  // Fresh caches, made and the previous sample's garbage collected before the timer starts.
  let caches = null;
  gc();
  caches = new Array(size);
  for (let i = 0; i < size; i++) caches[i] = c.make();
  const t0 = process.hrtime.bigint();
  sink += missLoops[arity](caches, A, B, C, data.perm);
  return [Number(process.hrtime.bigint() - t0), size * data.perm.length];
}

function warmup() {
  if (w.kind === "hit") primeHit();
  const deadline = Date.now() + options.warmupMs * 4; // a cap, if the machine is busy
  let done = 0;
  let size = 1;
  while (done < options.warmupCalls && Date.now() < deadline) {
    const [, calls] = run(size);
    done += calls;
    if (calls < 20000) size *= 2;
  }
}

/** Picks a sample size that runs about `options.sampleMs`, on a quiet machine (called when timing starts). */
function calibrate() {
  let size = 1;
  for (;;) {
    const [ns] = run(size);
    if (ns >= options.sampleMs * 1e6 / 8 || size > 1e8) {
      unit = Math.max(1, Math.round(size * (options.sampleMs * 1e6) / ns));
      return;
    }
    size *= 2;
  }
}

const problems = check();
warmup();
process.send({ type: "ready", problems, config: c.config, reference: !!c.reference });

process.on("message", (msg) => {
  if (msg.type === "sample") {
    gc();
    if (unit === 0) calibrate();
    const values = [];
    for (let i = 0; i < msg.count; i++) {
      const [ns, calls] = run(unit);
      values.push(ns / calls);
    }
    process.send({ type: "samples", values, sink: sink % 1000 });
  } else if (msg.type === "exit") {
    process.exit(0);
  }
});
