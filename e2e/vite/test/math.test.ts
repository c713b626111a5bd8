import { describe, expect, test } from "vitest";
import { cacheOf } from "memoscope/runtime";
import { norm, runs, square } from "../src/math";

// Vitest runs the Vite plugin: tagged code is memoized in tests too.
describe("memoscope under Vitest", () => {
  test("a memoized function runs its body once per key", () => {
    const before = runs;
    expect(square(12)).toBe(144);
    expect(square(12)).toBe(144);
    expect(runs - before).toBe(1);
    expect(cacheOf(square).info()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  test("max=10 is honoured", () => {
    for (let i = 0; i < 20; i++) norm(i, i);
    expect(cacheOf(norm).info()).toMatchObject({ size: 10, max: 10 });
  });
});
