import fc from "fast-check";
import { cacheOf, memoize } from "../dist/runtime";

/**
 * `max=N` against a model LRU list, at arities 1–3, through calls, `delete` and `clear` in any order:
 * the cache holds exactly the N most recently used keys, before and after it first evicts (the runtime
 * switches from stamps to a linked list then) and after deletes and clears.
 */

type Op = { kind: "call"; key: number } | { kind: "delete"; key: number } | { kind: "clear" } | { kind: "has"; key: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(9).map((key) => ({ kind: "call" as const, key })) },
  { weight: 2, arbitrary: fc.nat(9).map((key) => ({ kind: "delete" as const, key })) },
  { weight: 2, arbitrary: fc.nat(9).map((key) => ({ kind: "has" as const, key })) },
  { weight: 1, arbitrary: fc.constant({ kind: "clear" as const }) },
);

/** The arguments for key `k` at an arity: arity 2 and 3 spread keys over several first-level entries. */
function argsOf(arity: number, k: number): unknown[] {
  if (arity === 1) return [k];
  if (arity === 2) return [k % 3, `b${k}`];
  return [k % 2, `b${k % 4}`, k];
}

test("max=N keeps exactly the N most recently used keys (model check)", () => {
  fc.assert(
    fc.property(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 80 }), (arity, max, ops) => {
      let runs = 0;
      const memo = memoize((...args: unknown[]) => (runs++, args.join("|")), { arity, max }) as (...args: unknown[]) => unknown;
      const control = cacheOf(memo);
      let recent: number[] = [];
      for (const o of ops) {
        if (o.kind === "call") {
          const before = runs;
          expect(memo(...argsOf(arity, o.key))).toBe(argsOf(arity, o.key).join("|"));
          expect(runs - before).toBe(recent.includes(o.key) ? 0 : 1);
          recent = [o.key, ...recent.filter((k) => k !== o.key)].slice(0, max);
        } else if (o.kind === "delete") {
          expect(control.delete(...argsOf(arity, o.key))).toBe(recent.includes(o.key));
          recent = recent.filter((k) => k !== o.key);
        } else if (o.kind === "clear") {
          control.clear();
          recent = [];
        } else {
          // `has` does not count as a use.
          expect(control.has(...argsOf(arity, o.key))).toBe(recent.includes(o.key));
        }
        expect(control.info().size).toBe(recent.length);
      }
      for (let k = 0; k <= 9; k++) expect(control.has(...argsOf(arity, k))).toBe(recent.includes(k));
    }),
    { numRuns: 1500 },
  );
});
