import { expect, test } from "@jest/globals";
import { cacheOf } from "memoscope/runtime";
import { Cart, fib, price, runs } from "../src/prices";

test("a memoized function runs its body once per key, and cacheOf sees the cache", () => {
  expect(price("apple", 3)).toBe(18);
  expect(price("apple", 3)).toBe(18);
  expect(price("kiwi", 2)).toBe(9.6);
  expect(runs.price).toBe(2);
  expect(cacheOf(price).info()).toEqual({ hits: 1, misses: 2, size: 2, max: 100 });
  expect(cacheOf(price).has("apple", 3)).toBe(true);
  cacheOf(price).clear();
  price("apple", 3);
  expect(runs.price).toBe(3);
});

test("recursion goes through the cache: fib(40) runs 41 bodies", () => {
  expect(fib(40)).toBe(102334155);
  expect(runs.fib).toBe(41);
  expect(cacheOf(fib).info().size).toBe(41);
});

test("a memoized getter is computed once per instance", () => {
  const cart = new Cart([1, 2, 3]);
  expect(cart.total + cart.total).toBe(12);
  expect(runs.total).toBe(1);
  expect(cacheOf(cart, "total").info()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  expect(new Cart([4]).total).toBe(4);
  expect(runs.total).toBe(2);
});

test("an untagged function is not memoized", () => {
  expect(() => cacheOf(Math.max)).toThrow(TypeError);
});
