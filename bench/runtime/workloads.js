"use strict";
// The timed loops, one per arity and workload shape. Each child process runs exactly one of them
// against exactly one contender, so every call site stays monomorphic, as in a real program.
// Loops sum the results, so nothing can be optimised away, and the sum is checked.

const { keySet, randomOrder, permutation, ORDER_LENGTH } = require("./keys");

const MASK = ORDER_LENGTH - 1;

/** Calls `f` `ops` times, cycling through `order` (indices into the key columns). */
const hitLoops = {
  1(f, A, B, C, order, ops) {
    let acc = 0;
    for (let i = 0; i < ops; i++) {
      const k = order[i & MASK];
      acc += f(A[k]);
    }
    return acc;
  },
  2(f, A, B, C, order, ops) {
    let acc = 0;
    for (let i = 0; i < ops; i++) {
      const k = order[i & MASK];
      acc += f(A[k], B[k]);
    }
    return acc;
  },
  3(f, A, B, C, order, ops) {
    let acc = 0;
    for (let i = 0; i < ops; i++) {
      const k = order[i & MASK];
      acc += f(A[k], B[k], C[k]);
    }
    return acc;
  },
};

/** Calls each fresh cache in `caches` once per key, in the order of `perm`: every call is a miss. */
const missLoops = {
  1(caches, A, B, C, perm) {
    let acc = 0;
    for (let c = 0; c < caches.length; c++) {
      const f = caches[c];
      for (let j = 0; j < perm.length; j++) {
        const k = perm[j];
        acc += f(A[k]);
      }
    }
    return acc;
  },
  2(caches, A, B, C, perm) {
    let acc = 0;
    for (let c = 0; c < caches.length; c++) {
      const f = caches[c];
      for (let j = 0; j < perm.length; j++) {
        const k = perm[j];
        acc += f(A[k], B[k]);
      }
    }
    return acc;
  },
  3(caches, A, B, C, perm) {
    let acc = 0;
    for (let c = 0; c < caches.length; c++) {
      const f = caches[c];
      for (let j = 0; j < perm.length; j++) {
        const k = perm[j];
        acc += f(A[k], B[k], C[k]);
      }
    }
    return acc;
  },
};

/** Makes `ops` memoized functions, keeping the last 1024 alive (as a program would keep some). */
function createLoop(make, ring, ops) {
  for (let i = 0; i < ops; i++) ring[i & MASK] = make();
  return ring.length;
}

/**
 * The workloads. `kind` is the loop shape; `keys` is the key-set size; `lru` selects the bounded
 * configuration of each contender; `seed` fixes the key order.
 */
const WORKLOADS = {
  hit100: { title: "Hit, 100 cached keys in random order", kind: "hit", keys: 100, lru: false, seed: 100 },
  hit1: { title: "Hit, one repeated key", kind: "hit", keys: 100, lru: false, seed: 1, oneKey: true },
  miss: { title: "Miss, fresh keys (100 per new cache)", kind: "miss", keys: 100, lru: false, seed: 7 },
  create: { title: "Creation of a new memoized closure (factory call)", kind: "create", keys: 100, lru: false, seed: 3 },
  lruHit: { title: "max=128 (LRU): hit, 100 cached keys in random order", kind: "hit", keys: 100, lru: true, seed: 100 },
  lruMiss: { title: "max=128 (LRU): miss, 512 fresh keys per cache (384 evict)", kind: "miss", keys: 512, lru: true, seed: 11 },
  lruCreate: { title: "max=128 (LRU): creation of a new memoized closure (factory call)", kind: "create", keys: 100, lru: true, seed: 3 },
};

/** Key columns and call order for a workload at an arity. */
function prepare(workload, arity) {
  const w = WORKLOADS[workload];
  const set = keySet(arity, w.keys, w.seed * 10 + arity);
  const order = w.oneKey ? new Int32Array(ORDER_LENGTH) : randomOrder(w.keys, set.random);
  const perm = permutation(w.keys, set.random);
  return { ...set, order, perm };
}

module.exports = { hitLoops, missLoops, createLoop, WORKLOADS, prepare };
