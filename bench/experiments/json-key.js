"use strict";
// key=json cost, before and after the structural key (issue 10 item 3), in one run: the same general
// cache and wrapper, keyed by JSON text of the argument list (what key=json did before) or by the
// structural key (dist/runtime/json-key.js), with identity keys for scale. Hits on 100 keys in random
// order, one `node --expose-gc` process per variant × workload, 3 interleaved rounds × 15 samples;
// prints medians in ns per call. Run: `npm run build && node bench/experiments/json-key.js`.
const { fork } = require("child_process");

const VARIANTS = ["identity", "jsonText", "structural"];
const WORKLOADS = {
  number: "arity 1, a number",
  pair: "arity 2, (number, string)",
  object: "arity 1, { id, tags: [string, string] } (a fresh equal copy per call)",
};

function child(variant, workload) {
  const { GeneralCache } = require("../../dist/runtime/general.js");
  const { jsonKey } = require("../../dist/runtime/json-key.js");
  const { MISS } = require("../../dist/runtime/spec.js");
  const keyOf = {
    identity: undefined,
    jsonText: (args) => [JSON.stringify(Array.prototype.slice.call(args))],
    structural: (args, label) => [jsonKey(args, label ?? "f")],
  }[variant];
  const arity = workload === "pair" ? 2 : 1;
  const cache = new GeneralCache({ arity, max: undefined, ttlMs: undefined, weak: false, keyOf });
  let runs = 0;
  const f1 = (a) => {
    const hit = cache.get(a);
    return hit !== MISS ? hit : cache.set(a, ++runs);
  };
  const f2 = (a, b) => {
    const hit = cache.get(a, b);
    return hit !== MISS ? hit : cache.set(a, b, ++runs);
  };
  const A = Array.from({ length: 100 }, (_, i) => i * 7 + 3);
  const B = Array.from({ length: 100 }, (_, i) => "key" + (i % 10));
  // The object workload passes a fresh copy: identity keys miss every time there, so it is not timed for them.
  const O = Array.from({ length: 100 }, (_, i) => ({ id: i, tags: ["t" + (i % 3), "u" + (i % 5)] }));
  let s = 1;
  const order = Int32Array.from({ length: 1024 }, () => (s = (s * 1103515245 + 12345) & 0x7fffffff) % 100);
  const loops = {
    number: (ops) => { let acc = 0; for (let i = 0; i < ops; i++) acc += f1(A[order[i & 1023]]); return acc; },
    pair: (ops) => { let acc = 0; for (let i = 0; i < ops; i++) { const k = order[i & 1023]; acc += f2(A[k], B[k]); } return acc; },
    object: (ops) => { let acc = 0; for (let i = 0; i < ops; i++) { const o = O[order[i & 1023]]; acc += f1({ id: o.id, tags: [o.tags[0], o.tags[1]] }); } return acc; },
  };
  const loop = loops[workload];
  const ops = 100000;
  const now = () => process.hrtime.bigint();
  let sink = 0;
  const sample = () => { const t = now(); sink += loop(ops); return Number(now() - t) / ops; };
  for (let i = 0; i < 10; i++) sample();
  process.on("message", (count) => {
    const values = [];
    for (let i = 0; i < count; i++) { global.gc(); values.push(sample()); }
    process.send({ values, sink, runs });
  });
  process.send("ready");
}

if (process.argv[2]) child(process.argv[2], process.argv[3]);
else {
  (async () => {
    const median = (v) => { const s = v.slice().sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
    for (const [workload, title] of Object.entries(WORKLOADS)) {
      const variants = workload === "object" ? VARIANTS.filter((v) => v !== "identity") : VARIANTS;
      const children = {};
      for (const v of variants) {
        const c = fork(__filename, [v, workload], { execArgv: ["--expose-gc"] });
        await new Promise((r) => c.once("message", r));
        children[v] = { c, values: [] };
      }
      for (let round = 0; round < 3; round++) {
        for (const v of round % 2 ? variants.slice().reverse() : variants) {
          const { c } = children[v];
          c.send(15);
          const { values } = await new Promise((r) => c.once("message", r));
          children[v].values.push(...values);
        }
      }
      const base = median(children[variants[0]].values);
      console.log(`${title}:`);
      for (const v of variants) {
        const m = median(children[v].values);
        console.log(`  ${v.padEnd(12)} ${m.toFixed(1).padStart(7)} ns  ${(m / base).toFixed(2)}× ${variants[0]}`);
        children[v].c.kill();
      }
    }
  })();
}
