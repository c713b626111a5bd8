"use strict";
// Small helpers shared by every part of the bench: a seeded PRNG, medians, number formatting.

/** Mulberry32: a tiny seeded PRNG, so key orders are the same on every run. */
function rng(seed) {
  let s = seed >>> 0;
  return function next() {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded PRNG; returns a new array. */
function shuffled(items, random) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function median(values) {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation relative to the median, as a percentage: how noisy a figure is. */
function spreadPct(values) {
  const m = median(values);
  if (!(m > 0)) return NaN;
  return (median(values.map((v) => Math.abs(v - m))) / m) * 100;
}

function ratio(value, base) {
  if (!(value > 0) || !(base > 0)) return "n/a";
  return (value / base).toFixed(2);
}

/** Nanoseconds in a human unit. */
function fmtNs(ns) {
  if (!Number.isFinite(ns)) return "n/a";
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

module.exports = { rng, shuffled, median, spreadPct, ratio, fmtNs };
