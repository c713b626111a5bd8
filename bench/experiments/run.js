"use strict";
// Times the variants of bench/experiments/variants.js (arity 1): hit with 100 keys in random order,
// miss on 1000 fresh caches × 100 keys, and creation. One `node --expose-gc` process per variant;
// prints the median ns per call and the ratio to the hand-written closure. Not part of `npm run bench`.
const { fork } = require("child_process");

const GROUPS = {
  hit: ["hand", "generated", "generatedDataExports", "localMiss", "noRegister", "leanNoRegister", "arrow"],
  miss: ["hand", "generated", "noRegister", "noRegisterNoIife", "handViaObject", "classFieldInline", "handClass", "closureMethods"],
  create: ["hand", "newMap", "closureOnly", "generated", "noRegister", "symbolRegister", "createStoreOnly", "weakMapSet", "defineName", "arrow", "arrowNoName"],
};

const [, , which, workload] = process.argv;
if (which) {
  const make = require(process.env.VARIANTS === "2" ? "./variants2" : "./variants")[which];
  const A = Array.from({ length: 100 }, (_, i) => i * 7 + 3);
  let s = 1;
  const order = Int32Array.from({ length: 1024 }, () => (s = (s * 1103515245 + 12345) & 0x7fffffff) % 100);
  const now = () => process.hrtime.bigint();
  const ring = new Array(1024);
  let sink = 0;
  const hit = (f, ops) => { let acc = 0; for (let i = 0; i < ops; i++) acc += f(A[order[i & 1023]]); return acc; };
  const miss = (cs) => { let acc = 0; for (let c = 0; c < cs.length; c++) { const f = cs[c]; for (let j = 0; j < 100; j++) acc += f(A[j]); } return acc; };
  const create = (ops) => { for (let i = 0; i < ops; i++) ring[i & 1023] = make(); return 1; };
  const f = workload === "hit" ? make() : null;
  const sample = () => {
    if (workload === "hit") { const t = now(); sink += hit(f, 200000); return Number(now() - t) / 200000; }
    if (workload === "miss") { const cs = Array.from({ length: 1000 }, () => make()); const t = now(); sink += miss(cs); return Number(now() - t) / 100000; }
    const t = now(); create(50000); return Number(now() - t) / 50000;
  };
  for (let i = 0; i < 10; i++) sample();
  const v = [];
  for (let i = 0; i < 25; i++) { global.gc(); v.push(sample()); }
  v.sort((a, b) => a - b);
  process.send(v[12]);
} else {
  (async () => {
    for (const [w, names] of Object.entries(GROUPS)) {
      const out = [];
      for (const n of names) out.push([n, await new Promise((r) => fork(__filename, [n, w], { execArgv: ["--expose-gc"] }).on("message", r))]);
      const base = out[0][1];
      console.log(`${w}:\n` + out.map(([n, v]) => `  ${n.padEnd(22)} ${v.toFixed(1).padStart(7)} ns  ${(v / base).toFixed(2)}×`).join("\n"));
    }
    process.exit(0);
  })();
}
