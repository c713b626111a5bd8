"use strict";
// Variants of the code memoscope generates for `/** @memoize */ function f1(a)` (arity 1), each a
// factory returning a memoized function, to locate what costs on the hit, miss and creation paths.
// Run: `npm run build && node bench/experiments/run.js` (one process per variant; medians of 25).
const rt = require("memoscope/runtime");
const { createStore } = require("../../dist/runtime/create.js");
const { Cache1 } = require("../../dist/runtime/fast.js");
const counter = { n: 0 };
const MISS = rt.MISS;
const SYM = Symbol("memoscope.cache");

// Cache1 without the hits counter (misses only).
class Lean1 {
  constructor() { this.map = new Map(); this.misses = 0; }
  get(a) { const v = this.map.get(a); if (v !== undefined || this.map.has(a)) return v; this.misses++; return MISS; }
  set(a, v) { this.map.set(a, v); return v; }
}

module.exports = {
  hand() { const m = new Map(); return function f1(a) { let v = m.get(a); if (v === undefined && !m.has(a)) { counter.n++; v = a * 2 + 1; m.set(a, v); } return v; }; },
  // exactly what the plugin emits today
  generated() {
    const _f = rt.store({ arity: 1 }, f1);
    function f1(a) { const _hit = _f.get(a); if (_hit !== rt.MISS) return _hit; return _f.set(a, (() => { counter.n++; return a * 2 + 1; })()); }
    return f1;
  },
  // MISS read once into a module const (no getter on the hot path)
  localMiss() {
    const _f = rt.store({ arity: 1 }, f1);
    function f1(a) { const _hit = _f.get(a); if (_hit !== MISS) return _hit; return _f.set(a, (() => { counter.n++; return a * 2 + 1; })()); }
    return f1;
  },
  // no WeakMap registration (createStore only)
  noRegister() {
    const _f = createStore({ arity: 1 });
    function f1(a) { const _hit = _f.get(a); if (_hit !== MISS) return _hit; return _f.set(a, (() => { counter.n++; return a * 2 + 1; })()); }
    return f1;
  },
  // no registration, no IIFE on the miss path
  noRegisterNoIife() {
    const _f = createStore({ arity: 1 });
    function f1(a) { const _hit = _f.get(a); if (_hit !== MISS) return _hit; counter.n++; return _f.set(a, a * 2 + 1); }
    return f1;
  },
  // registration as a symbol-keyed property on the function instead of a WeakMap
  symbolRegister() {
    const _f = new Cache1();
    f1[SYM] = _f;
    function f1(a) { const _hit = _f.get(a); if (_hit !== MISS) return _hit; return _f.set(a, (() => { counter.n++; return a * 2 + 1; })()); }
    return f1;
  },
  // lean cache (no hits counter), no registration
  leanNoRegister() {
    const _f = new Lean1();
    function f1(a) { const _hit = _f.get(a); if (_hit !== MISS) return _hit; counter.n++; return _f.set(a, a * 2 + 1); }
    return f1;
  },
  // the arrow form today
  arrow() { return rt.memoize((a) => { counter.n++; return a * 2 + 1; }, { arity: 1, name: "f1" }); },
  newMap() { return new Map(); },
  createStoreOnly() { return createStore({ arity: 1 }); },
  cache1Only() { return new Cache1(); },
  weakMapSet: (() => { const wm = new WeakMap(); return () => { const f = function () {}; wm.set(f, 1); return f; }; })(),
  closureOnly() { return function () {}; },
};
module.exports.handViaObject = function () { const o = { m: new Map() }; return function f1(a) { let v = o.m.get(a); if (v === undefined && !o.m.has(a)) { counter.n++; v = a * 2 + 1; o.m.set(a, v); } return v; }; };
class HandC { constructor() { this.m = new Map(); } get(a) { const v = this.m.get(a); if (v !== undefined || this.m.has(a)) return v; return MISS; } set(a, v) { this.m.set(a, v); return v; } }
module.exports.handClass = function () { const c = new HandC(); return function f1(a) { const h = c.get(a); if (h !== MISS) return h; counter.n++; return c.set(a, a * 2 + 1); }; };
module.exports.handClassUndef = function () { const c = new HandC(); return function f1(a) { const h = c.m.get(a); if (h !== undefined) return h; counter.n++; return c.set(a, a * 2 + 1); }; };
class HandD { constructor() { this.m = new Map(); } }
module.exports.classFieldInline = function () { const c = new HandD(); return function f1(a) { let v = c.m.get(a); if (v === undefined && !c.m.has(a)) { counter.n++; v = a * 2 + 1; c.m.set(a, v); } return v; }; };
const proto = { get(a) { const v = this.m.get(a); if (v !== undefined || this.m.has(a)) return v; return MISS; }, set(a, v) { this.m.set(a, v); return v; } };
module.exports.protoMethods = function () { const c = Object.create(proto); c.m = new Map(); return function f1(a) { const h = c.get(a); if (h !== MISS) return h; counter.n++; return c.set(a, a * 2 + 1); }; };
module.exports.closureMethods = function () { const m = new Map(); const c = { get(a) { const v = m.get(a); if (v !== undefined || m.has(a)) return v; return MISS; }, set(a, v) { m.set(a, v); return v; } }; return function f1(a) { const h = c.get(a); if (h !== MISS) return h; counter.n++; return c.set(a, a * 2 + 1); }; };
const rtData = Object.assign({}, rt); // data properties instead of tsc's getter re-exports
module.exports.generatedDataExports = function () {
  const _f = rtData.store({ arity: 1 }, f1);
  function f1(a) { const _hit = _f.get(a); if (_hit !== rtData.MISS) return _hit; return _f.set(a, (() => { counter.n++; return a * 2 + 1; })()); }
  return f1;
};
module.exports.arrowNoName = function () { return rt.memoize((a) => { counter.n++; return a * 2 + 1; }, { arity: 1 }); };
module.exports.defineName = function () { const f = function () {}; Object.defineProperty(f, "name", { value: "f1", configurable: true }); return f; };
