"use strict";
// Key sets for the runtime workloads, generated from fixed seeds so every run and every contender
// sees the same keys in the same order.
//
// arity 1: (number)            a distinct integer per key
// arity 2: (number, number)    a grid, so the first level of a nested cache has several entries
// arity 3: (number, string, object)  a grid of numbers and strings, and a distinct object per key.
//   The objects are all `{}` to JSON (their `w` is non-enumerable), so a contender that keys objects
//   structurally instead of by identity returns wrong results and is caught by the check.

const { rng, shuffled } = require("../lib/stats");

/** Indices into the key set, in the order calls are made (hit workloads cycle through it). */
const ORDER_LENGTH = 1024;

function makeObject(w) {
  const o = {};
  Object.defineProperty(o, "w", { value: w, enumerable: false });
  return o;
}

/** `n` distinct keys for an arity, as columns A, B, C. */
function keySet(arity, n, seed) {
  const A = new Array(n);
  const B = new Array(n);
  const C = new Array(n);
  const grid = n <= 100 ? [10, 5, 4] : [16, 8, 8];
  for (let i = 0; i < n; i++) {
    if (arity === 1) A[i] = i * 7 + 3;
    else if (arity === 2) {
      A[i] = i % grid[0];
      B[i] = Math.floor(i / grid[0]);
    } else {
      A[i] = i % grid[1];
      B[i] = "key" + (Math.floor(i / grid[1]) % grid[2]); // built at run time, not interned literals
      C[i] = makeObject(i);
    }
  }
  const random = rng(seed);
  return { A, B, C, n, random };
}

/** A call order of ORDER_LENGTH indices in [0, n), random with a fixed seed. */
function randomOrder(n, random) {
  const order = new Int32Array(ORDER_LENGTH);
  for (let i = 0; i < ORDER_LENGTH; i++) order[i] = Math.floor(random() * n);
  return order;
}

/** A permutation of [0, n): each key once, in random order (miss workloads). */
function permutation(n, random) {
  return Int32Array.from(shuffled(Array.from({ length: n }, (_, i) => i), random));
}

module.exports = { keySet, randomOrder, permutation, makeObject, ORDER_LENGTH };
