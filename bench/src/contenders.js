// Tagged source for memoscope's runtime contenders. `bench/compile.js` compiles this file with the
// Babel plugin at bench time into bench/.out/contenders.js, so what is timed is the plugin's own
// generated code. The bodies are exactly those of bench/runtime/fns.js. Each factory call makes a new
// memoized function with its own cache: a function declaration's store is created once per
// enclosing scope, an arrow's once per evaluation.
import { counter } from "../runtime/fns.js";

export { counter };

export function makeDecl1() {
  /** @memoize */
  function f1(a) {
    counter.n++;
    return a * 2 + 1;
  }
  return f1;
}

export function makeDecl2() {
  /** @memoize */
  function f2(a, b) {
    counter.n++;
    return a * 1000 + b;
  }
  return f2;
}

export function makeDecl3() {
  /** @memoize */
  function f3(a, s, o) {
    counter.n++;
    return a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
  }
  return f3;
}

export function makeArrow1() {
  /** @memoize */
  const f1 = (a) => {
    counter.n++;
    return a * 2 + 1;
  };
  return f1;
}

export function makeArrow2() {
  /** @memoize */
  const f2 = (a, b) => {
    counter.n++;
    return a * 1000 + b;
  };
  return f2;
}

export function makeArrow3() {
  /** @memoize */
  const f3 = (a, s, o) => {
    counter.n++;
    return a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
  };
  return f3;
}

export function makeDeclLru1() {
  /** @memoize max=128 */
  function f1(a) {
    counter.n++;
    return a * 2 + 1;
  }
  return f1;
}

export function makeDeclLru2() {
  /** @memoize max=128 */
  function f2(a, b) {
    counter.n++;
    return a * 1000 + b;
  }
  return f2;
}

export function makeDeclLru3() {
  /** @memoize max=128 */
  function f3(a, s, o) {
    counter.n++;
    return a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
  }
  return f3;
}

export function makeArrowLru1() {
  /** @memoize max=128 */
  const f1 = (a) => {
    counter.n++;
    return a * 2 + 1;
  };
  return f1;
}

export function makeArrowLru2() {
  /** @memoize max=128 */
  const f2 = (a, b) => {
    counter.n++;
    return a * 1000 + b;
  };
  return f2;
}

export function makeArrowLru3() {
  /** @memoize max=128 */
  const f3 = (a, s, o) => {
    counter.n++;
    return a * 1000000 + o.w * 100 + s.charCodeAt(s.length - 1);
  };
  return f3;
}
