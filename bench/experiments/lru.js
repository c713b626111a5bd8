"use strict";
// LRU (`max=N`) hit and creation cost, arity 1, against the hand-written unbounded closure and
// `new Map()`: what runtime/lru.ts does today vs candidate layouts. One `node --expose-gc` process per
// variant × workload, 3 interleaved rounds × 15 samples; medians in ns per call (loop included).
// Run: `npm run build && node bench/experiments/lru.js [hit|create]`.
const { fork } = require("child_process");

const VARIANTS = {
  hand: "hand-written unbounded nested Map",
  newMap: "new Map() (creation reference)",
  runtime: "dist/runtime createLru(1, 128) through a wrapper (never full: stamps)",
  runtimeFull: "dist/runtime createLru(1, 100), evicted once before the hits (full: evictions by the stamp-sorted order)",
  runtimeMixed: "as runtime, after another cache of the process evicted (as the bench's correctness check does)",
  split: "prev/next Int32Arrays, made on first store (closure)",
  links: "one interleaved links Int32Array (closure)",
  log: "recency log: a hit appends its slot (closure)",
  floor: "slot map + values array, no recency at all (the floor of this layout)",
  direct: "values in the Map itself, no recency (the floor of any LRU)",
};

function make(variant) {
  const MISS = Symbol("miss");
  let runs = 0;
  const body = (a) => (runs++, a * 2 + 1);
  if (variant === "hand") {
    return () => {
      const m = new Map();
      return (a) => {
        let v = m.get(a);
        if (v === undefined && !m.has(a)) m.set(a, (v = body(a)));
        return v;
      };
    };
  }
  if (variant === "newMap") return () => new Map();
  if (variant === "runtime" || variant === "runtimeFull" || variant === "runtimeMixed") {
    const { createLru } = require("../../dist/runtime/lru.js");
    const { MISS: M } = require("../../dist/runtime/spec.js");
    const full = variant === "runtimeFull";
    const factory = () => {
      const c = createLru(1, full ? 100 : 128);
      const f = (a) => {
        const hit = c.get(a);
        return hit !== M ? hit : c.set(a, body(a));
      };
      // One key more than max before the workload's 100: the cache evicts once and keeps a recency list.
      if (full) f(-1);
      return f;
    };
    if (variant === "runtimeMixed") {
      const other = createLru(1, 128);
      for (let k = 0; k < 600; k++) other.get(k) === M && other.set(k, k);
      for (let k = 500; k < 600; k++) other.get(k);
    }
    return factory;
  }
  if (variant === "split" || variant === "links") {
    const interleaved = variant === "links";
    return () => {
      const max = 128;
      const map = new Map();
      const values = [];
      const keys = [];
      let links = interleaved ? new Int32Array(0) : null;
      let prev = interleaved ? null : new Int32Array(0);
      let next = interleaved ? null : new Int32Array(0);
      let head = -1;
      let tail = -1;
      let size = 0;
      let hits = 0;
      const hit = interleaved
        ? (slot) => {
            hits++;
            if (slot !== head) {
              const l = links;
              const before = l[2 * slot];
              const after = l[2 * slot + 1];
              l[2 * before + 1] = after;
              if (after !== -1) l[2 * after] = before;
              else tail = before;
              l[2 * slot] = -1;
              l[2 * slot + 1] = head;
              l[2 * head] = slot;
              head = slot;
            }
            return values[slot];
          }
        : (slot) => {
            hits++;
            if (slot !== head) {
              const p = prev;
              const n = next;
              const before = p[slot];
              const after = n[slot];
              n[before] = after;
              if (after !== -1) p[after] = before;
              else tail = before;
              p[slot] = -1;
              n[slot] = head;
              p[head] = slot;
              head = slot;
            }
            return values[slot];
          };
      const store = (a, v) => {
        let slot;
        if (size < max) {
          slot = size++;
          if (interleaved) {
            if (2 * slot >= links.length) { const l = new Int32Array(Math.max(16, links.length * 2)); l.set(links); links = l; }
          } else if (slot >= prev.length) {
            const c = Math.max(8, prev.length * 2);
            const p = new Int32Array(c); p.set(prev); prev = p;
            const n = new Int32Array(c); n.set(next); next = n;
          }
        } else {
          slot = tail;
          map.delete(keys[slot]);
          const before = interleaved ? links[2 * slot] : prev[slot];
          if (interleaved) links[2 * before + 1] = -1; else next[before] = -1;
          tail = before;
        }
        values[slot] = v;
        keys[slot] = a;
        map.set(a, slot);
        if (interleaved) { links[2 * slot] = -1; links[2 * slot + 1] = head; if (head !== -1) links[2 * head] = slot; }
        else { prev[slot] = -1; next[slot] = head; if (head !== -1) prev[head] = slot; }
        head = slot;
        if (tail === -1) tail = slot;
        return v;
      };
      return (a) => {
        const slot = map.get(a);
        return slot !== undefined ? hit(slot) : store(a, body(a));
      };
    };
  }
  if (variant === "floor") {
    return () => {
      const map = new Map();
      const values = [];
      let hits = 0;
      return (a) => {
        const slot = map.get(a);
        if (slot !== undefined) { hits++; return values[slot]; }
        const v = body(a);
        values.push(v);
        map.set(a, values.length - 1);
        return v;
      };
    };
  }
  if (variant === "direct") {
    return () => {
      const map = new Map();
      let hits = 0;
      return (a) => {
        const v = map.get(a);
        if (v !== undefined) { hits++; return v; }
        const w = body(a);
        map.set(a, w);
        return w;
      };
    };
  }
  if (variant === "log") {
    return () => {
      const max = 128;
      const map = new Map();
      const values = [];
      const keys = [];
      let log = EMPTY;
      let last = EMPTY;
      let start = 0;
      let end = 0;
      let size = 0;
      let hits = 0;
      const compact = () => {
        let out = 0;
        for (let pos = start; pos < end; pos++) {
          const slot = log[pos];
          if (last[slot] === pos) { log[out] = slot; last[slot] = out++; }
        }
        start = 0;
        end = out;
        if (end * 2 > log.length) { const l = new Int32Array(Math.max(16, log.length * 2)); l.set(log.subarray(0, end)); log = l; }
      };
      const touch = (slot) => {
        if (end === log.length) compact();
        log[end] = slot;
        last[slot] = end++;
      };
      const store = (a, v) => {
        let slot;
        if (size < max) {
          slot = size++;
          if (slot >= last.length) { const l = new Int32Array(Math.max(8, last.length * 2)); l.set(last); last = l; }
        } else {
          while (last[log[start]] !== start) start++;
          slot = log[start++];
          map.delete(keys[slot]);
        }
        values[slot] = v;
        keys[slot] = a;
        map.set(a, slot);
        touch(slot);
        return v;
      };
      return (a) => {
        const slot = map.get(a);
        if (slot !== undefined) {
          hits++;
          if (last[slot] !== end - 1) touch(slot);
          return values[slot];
        }
        return store(a, body(a));
      };
    };
  }
  throw new Error(variant);
}
const EMPTY = new Int32Array(0);

function child(variant, workload) {
  const factory = make(variant);
  const A = Array.from({ length: 100 }, (_, i) => i * 7 + 3);
  let s = 1;
  const order = Int32Array.from({ length: 1024 }, () => (s = (s * 1103515245 + 12345) & 0x7fffffff) % 100);
  const ring = new Array(1024);
  const f = workload === "hit" ? factory() : null;
  if (f) for (const a of A) f(a);
  const ops = workload === "hit" ? 200000 : 20000;
  const loop = workload === "hit"
    ? () => { let acc = 0; for (let i = 0; i < ops; i++) acc += f(A[order[i & 1023]]); return acc; }
    : () => { for (let i = 0; i < ops; i++) ring[i & 1023] = factory(); return 1; };
  const now = () => process.hrtime.bigint();
  let sink = 0;
  const sample = () => { const t = now(); sink += loop(); return Number(now() - t) / ops; };
  for (let i = 0; i < 10; i++) sample();
  process.on("message", (count) => {
    const values = [];
    for (let i = 0; i < count; i++) { global.gc(); values.push(sample()); }
    process.send({ values, sink });
  });
  process.send("ready");
}

if (process.argv[2] && process.argv[3]) child(process.argv[2], process.argv[3]);
else {
  (async () => {
    const median = (v) => { const s = v.slice().sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
    const workloads = process.argv[2] ? [process.argv[2]] : ["hit", "create"];
    for (const workload of workloads) {
      const names = Object.keys(VARIANTS).filter((v) => workload === "create" || v !== "newMap");
      const children = {};
      for (const v of names) {
        const c = fork(__filename, [v, workload], { execArgv: ["--expose-gc"] });
        await new Promise((r) => c.once("message", r));
        children[v] = { c, values: [] };
      }
      for (let round = 0; round < 3; round++) {
        for (const v of round % 2 ? names.slice().reverse() : names) {
          children[v].c.send(15);
          children[v].values.push(...(await new Promise((r) => children[v].c.once("message", r))).values);
        }
      }
      const base = median(children[workload === "create" ? "newMap" : "hand"].values);
      console.log(`${workload} (ratio to ${workload === "create" ? "new Map()" : "hand-written"}):`);
      for (const v of names) {
        const m = median(children[v].values);
        console.log(`  ${v.padEnd(8)} ${m.toFixed(1).padStart(7)} ns  ${(m / base).toFixed(2)}×  ${VARIANTS[v]}`);
        children[v].c.kill();
      }
    }
  })();
}
