// The classic closures tutorial (the same source as fixtures/rewrite/tutorial/input.js).

// 1. A closure that adds: the inner function captures `x`.
export function outer(x) {
  function inner(y) {
    return x + y;
  }
  return inner;
}

// 2. A function factory: `square` is `exponentiate(2)`.
export function exponentiate(power) {
  return function (base) {
    return base ** power;
  };
}
export const square = exponentiate(2);

// 3. An event callback that carries its event name.
export function makeHandler(eventName, log) {
  return (detail) => log.push(`${eventName}: ${detail}`);
}

// 4. A counter whose increment and decrement share `count`.
export function makeCounter() {
  let count = 0;
  return {
    increment() {
      count += 1;
      return count;
    },
    decrement() {
      count -= 1;
      return count;
    },
  };
}

// 5. A decorator-style wrapper.
export function logged(fn, log) {
  return function (...args) {
    log.push(`call ${fn.name}(${args.join(", ")})`);
    return fn.apply(this, args);
  };
}

// 6. A memoized recursive factorial: the recursion hits the cache.
/** @memoize */
export function factorial(n) {
  return n <= 1n ? 1n : n * factorial(n - 1n);
}

// 7. What the capture report is for: a memoized function reading a module-level `let` that is
//    reassigned. The cache goes stale when the rate changes; the report flags it (MS101).
let taxRate = 0.2;

/** @memoize */
export function withTax(price) {
  return price * (1 + taxRate);
}

export function setTaxRate(rate) {
  taxRate = rate;
}
