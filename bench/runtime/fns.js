"use strict";
// The functions every library contender wraps. memoscope's contenders are compiled from
// bench/src/contenders.js, whose tagged functions have exactly these bodies; the hand-written
// baseline inlines them. `counter.n` counts underlying calls, i.e. cache misses.

const counter = { n: 0 };

function f1(a) {
  counter.n++;
  return a * 2 + 1;
}

function f2(a, b) {
  counter.n++;
  return a * 1000 + b;
}

function f3(a, s, o) {
  counter.n++;
  return a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
}

/** The same results, without counting: what a correct memoized function must return. */
const reference = {
  1: (a) => a * 2 + 1,
  2: (a, b) => a * 1000 + b,
  3: (a, s, o) => a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1),
};

module.exports = { counter, f1, f2, f3, fns: { 1: f1, 2: f2, 3: f3 }, reference };
