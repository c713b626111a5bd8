import type { CallFact } from "./facts";

/**
 * MS103's list: calls of globals whose result differs from call to call, so caching them freezes
 * the first answer. A call counts only when its callee is rooted at a global name (a local `Math`
 * is somebody else's), which the front end has already checked.
 */

const GLOBAL_OBJECTS = /^(?:globalThis|window|self|global)\./;

/** The callee as the diagnostic names it (e.g. `Math.random()`, `new Date()`), or undefined when deterministic. */
export function nondeterministicCallee(call: Pick<CallFact, "callee" | "isNew" | "argCount">): string | undefined {
  let callee = call.callee;
  while (GLOBAL_OBJECTS.test(callee)) callee = callee.replace(GLOBAL_OBJECTS, "");
  if (callee === "Date") {
    // `Date()` returns the current time as a string; `new Date()` the current time; `new Date(x)` is pure.
    if (!call.isNew) return "Date()";
    return call.argCount === 0 ? "new Date()" : undefined;
  }
  if (call.isNew) return undefined;
  if (callee === "Math.random" || callee === "Date.now" || callee === "performance.now" || callee === "process.hrtime" || callee === "process.hrtime.bigint") {
    return `${callee}()`;
  }
  if (/^crypto\.(?:[\w$]+\.)*[\w$]*random[\w$]*$/i.test(callee)) return `${callee}()`;
  return undefined;
}
