import * as fc from "fast-check";
import { MODULE, classify, emptyFacts, type FileFacts } from "../dist/core";

/**
 * The core classifier on hand-made, AST-free facts (what any front end produces), checked against
 * a naive quadratic reading of SPEC §5 on random unit trees (`writtenHere`: a write by the unit's own code).
 */

const at = (line: number) => ({ line, column: 0 });

describe("classify", () => {
  it("builds a capture record from facts", () => {
    const facts: FileFacts = emptyFacts();
    facts.units.push({ kind: "function", name: "outer", loc: at(2), parent: MODULE }, { kind: "arrow", name: "inner", loc: at(3), parent: 0 });
    facts.bindings.push({ name: "x", kind: "param", unit: 0, declared: { line: 2, column: 15 }, reassigned: false });
    facts.references.push({ name: "x", unit: 1, binding: 0, read: true, write: true, at: at(3) }, { name: "Math", unit: 1, binding: null, read: true, write: false, at: at(3) });
    facts.lexical.push({ unit: 1, keyword: "this" }, { unit: 0, keyword: "this" });
    expect(classify(facts).closures).toEqual([
      {
        name: "inner",
        kind: "arrow",
        loc: at(3),
        memoized: null,
        captures: [{ name: "x", binding: "param", scope: { name: "outer", line: 2, column: 0 }, declared: { line: 2, column: 15 }, reassigned: true, writtenHere: true, via: "direct" }],
        globals: ["Math"],
        lexical: ["this"],
        dynamic: false,
        diagnostics: [],
      },
    ]);
  });

  it("memoized units get diagnostics, positioned at the first use and first write", () => {
    const facts: FileFacts = emptyFacts();
    facts.units.push({ kind: "function", name: "f", loc: at(5), parent: MODULE, memoized: { key: "identity" }, params: ["string"] });
    facts.bindings.push({ name: "n", kind: "let", unit: MODULE, declared: at(1), reassigned: false });
    facts.references.push({ name: "n", unit: 0, binding: 0, read: true, write: false, at: at(6) }, { name: "n", unit: 0, binding: 0, read: true, write: true, at: at(7) });
    facts.calls.push({ unit: 0, callee: "window.Math.random", isNew: false, argCount: 0, at: at(8) }, { unit: 0, callee: "Date", isNew: true, argCount: 1, at: at(9) });
    const codes = classify(facts).closures[0].diagnostics.map((d) => [d.code, d.severity, d.at.line]);
    expect(codes).toEqual([["MS104", "info", 5], ["MS101", "warning", 6], ["MS102", "warning", 7], ["MS103", "warning", 8]]);
  });

  /** Random facts: a unit tree in pre-order, bindings in a unit or the module, references resolving to an enclosing binding. */
  const factsArb = fc
    .record({
      parents: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      bindings: fc.array(fc.record({ owner: fc.nat(), reassigned: fc.boolean() }), { maxLength: 6 }),
      refs: fc.array(fc.record({ unit: fc.nat(), binding: fc.nat(), global: fc.boolean(), write: fc.boolean() }), { maxLength: 30 }),
      memo: fc.nat(),
    })
    .map(({ parents, bindings, refs, memo }) => {
      const facts: FileFacts = emptyFacts();
      parents.forEach((p, i) => facts.units.push({ kind: i % 3 === 0 ? "arrow" : "function", name: `u${i}`, loc: at(i + 1), parent: i === 0 ? MODULE : (p % (i + 1)) - 1 }));
      const ancestors = (u: number): number[] => (u === MODULE ? [MODULE] : [u, ...ancestors(facts.units[u].parent)]);
      bindings.forEach((b, i) => {
        const owner = (b.owner % (facts.units.length + 1)) - 1;
        facts.bindings.push({ name: `b${i}`, kind: "let", unit: owner, declared: at(100 + i), reassigned: b.reassigned });
      });
      for (const r of refs) {
        const unit = r.unit % facts.units.length;
        const visible = facts.bindings.map((b, i) => ({ b, i })).filter(({ b }) => ancestors(unit).includes(b.unit));
        if (r.global || visible.length === 0) facts.references.push({ name: `g${r.binding % 3}`, unit, binding: null, read: true, write: false, at: at(200) });
        else {
          const { b, i } = visible[r.binding % visible.length];
          facts.references.push({ name: b.name, unit, binding: i, read: !r.write, write: r.write, at: at(300) });
        }
      }
      facts.units[memo % facts.units.length].memoized = { key: "identity" };
      return facts;
    });

  /** SPEC §5 read literally, in quadratic time. */
  function naive(facts: FileFacts) {
    const inside = (u: number, f: number): boolean => u !== MODULE && (u === f || inside(facts.units[u].parent, f));
    return facts.units.map((unit, f) => {
      const refs = facts.references.filter((r) => inside(r.unit, f));
      const captures = new Map<number, { via: string; written: boolean }>();
      for (const r of refs) {
        if (r.binding === null) continue;
        const owner = facts.bindings[r.binding].unit;
        if (inside(owner, f)) continue; // F's own or a nested function's local
        const known = captures.get(r.binding) ?? { via: "nested", written: false };
        if (r.unit === f) known.via = "direct";
        known.written ||= r.write && r.unit === f;
        captures.set(r.binding, known);
      }
      const reassigned = (b: number) => facts.bindings[b].reassigned || facts.references.some((r) => r.binding === b && r.write);
      return {
        name: unit.name,
        captures: [...captures].map(([b, k]) => `${facts.bindings[b].name}:${k.via}:${k.written}:${reassigned(b)}`).sort(),
        globals: [...new Set(refs.filter((r) => r.binding === null).map((r) => r.name))].sort(),
        reported: captures.size > 0 || unit.memoized !== undefined,
      };
    });
  }

  it("agrees with the naive definition on random unit trees (property)", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const got = classify(facts).closures.map((c) => ({
          name: c.name,
          captures: c.captures.map((k) => `${k.name}:${k.via}:${k.writtenHere}:${k.reassigned}`).sort(),
          globals: c.globals,
        }));
        const want = naive(facts)
          .filter((n) => n.reported)
          .map(({ name, captures, globals }) => ({ name, captures, globals }));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of references except for first positions (property)", () => {
    fc.assert(
      fc.property(factsArb, fc.infiniteStream(fc.nat()), (facts, seeds) => {
        const shuffled = { ...facts, references: [...facts.references].sort(() => (seeds.next().value % 3) - 1) };
        const strip = (f: FileFacts) => classify(f).closures.map((c) => ({ ...c, diagnostics: c.diagnostics.map((d) => d.code) }));
        expect(strip(shuffled)).toEqual(strip(facts));
      }),
      { numRuns: 200 },
    );
  });
});

describe("layering", () => {
  const fs = require("fs") as typeof import("fs");
  const path = require("path") as typeof import("path");
  const src = path.join(__dirname, "..", "src");
  const read = (dir: string) => fs.readdirSync(path.join(src, dir)).map((f) => fs.readFileSync(path.join(src, dir, f), "utf8"));

  it("the capture core, the scope resolver and the report know no AST library", () => {
    for (const text of [...read("core/captures"), ...read("core/scope"), ...read("core/report")]) expect(text).not.toMatch(/from "(@babel\/|typescript)|require\(/);
  });

  it("the lowerings import their host for types only and use no host scope tracker or binder", () => {
    for (const [file, host] of [["babel/lower.ts", "@babel"], ["ts/lower.ts", "typescript"]]) {
      const text = fs.readFileSync(path.join(src, file), "utf8");
      expect(text.match(new RegExp(`^import .*"${host}.*$`, "gm"))!.every((line) => line.startsWith("import type"))).toBe(true);
      // Babel's scope tracker (path.scope, getBinding, crawl) and TypeScript's binder/checker (symbols) stay out.
      expect(text).not.toMatch(/\.scope\b|getBinding|crawl\(|getSymbolAtLocation|\.symbol\b|getTypeChecker/);
    }
  });
});
