"use strict";
// Extra variants for the miss path (see run.js); loaded through run.js's `./variants` when VARIANTS=2.
const rt = require("../../dist/runtime");
const counter = { n: 0 };
const MISS = rt.MISS;
function closureCache() {
  const map = new Map();
  let hits = 0, misses = 0;
  return {
    get(a) { const v = map.get(a); if (v !== undefined || map.has(a)) { hits++; return v; } misses++; return MISS; },
    set(a, v) { map.set(a, v); return v; },
    info() { return { hits, misses, size: map.size }; },
  };
}
class Cache1NoFields { constructor() { this.map = new Map(); this.hits = 0; this.misses = 0; }
  get(a) { const v = this.map.get(a); if (v !== undefined || this.map.has(a)) { this.hits++; return v; } this.misses++; return MISS; }
  set(a, v) { this.map.set(a, v); return v; } }
function literalCache() { return { map: new Map(), hits: 0, misses: 0, __proto__: LITERAL_PROTO }; }
const LITERAL_PROTO = { get(a) { const v = this.map.get(a); if (v !== undefined || this.map.has(a)) { this.hits++; return v; } this.misses++; return MISS; }, set(a, v) { this.map.set(a, v); return v; } };
const gen = (makeStore) => function () {
  const s = makeStore();
  function f1(a) { const h = s.get(a); if (h !== MISS) return h; return s.set(a, (counter.n++, a * 2 + 1)); }
  return f1;
};
module.exports = {
  hand: function () { const c = new Map(); return function f1(a) { let v = c.get(a); if (v === undefined && !c.has(a)) { counter.n++; v = a * 2 + 1; c.set(a, v); } return v; }; },
  genRuntime: gen(() => rt.store({ arity: 1 })),
  genClosure: gen(closureCache),
  genClassAssign: gen(() => new Cache1NoFields()),
  genLiteralProto: gen(literalCache),
};
// Registration by symbol property (what `store(spec, fn)` does) vs none, and the compiled contender.
module.exports.genRegistered = function () {
  const s = rt.store({ arity: 1 }, f1);
  function f1(a) { const h = s.get(a); if (h !== MISS) return h; counter.n++; return s.set(a, a * 2 + 1); }
  return f1;
};
module.exports.genUnregistered = function () {
  const s = rt.store({ arity: 1 });
  function f1(a) { const h = s.get(a); if (h !== MISS) return h; counter.n++; return s.set(a, a * 2 + 1); }
  return f1;
};
module.exports.compiledDecl = function () { return require("../.out/contenders.js").makeDecl1(); };
