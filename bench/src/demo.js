// The tutorial demo, compiled by the plugin at bench time into bench/.out/demo.js: memoized recursion
// (each recursive call goes through the cache) next to the same functions without the tag.

/** @memoize */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

export function fibPlain(n) {
  return n < 2 ? n : fibPlain(n - 1) + fibPlain(n - 2);
}

/** @memoize */
export function factorial(n) {
  return n <= 1 ? 1n : BigInt(n) * factorial(n - 1);
}

export function factorialPlain(n) {
  return n <= 1 ? 1n : BigInt(n) * factorialPlain(n - 1);
}
