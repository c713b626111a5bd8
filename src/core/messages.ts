import { Codes, error, warning, type Diagnostic, type Position } from "./diagnostics";

/**
 * Diagnostics about where a tag stands and what it names, worded once for both front ends.
 */

/** The tag's comment is not the nearest comment before the node it leads. */
export function notNearestTag(at: Position): Diagnostic {
  return warning(Codes.notNearest, "@memoize is ignored: its comment is not the nearest comment before the function. Move it directly above the function.", at);
}

/** The tag's comment leads no node (it trails one, or sits inside brackets). */
export function unattachedTag(at: Position): Diagnostic {
  return warning(Codes.unattached, "@memoize is ignored: the comment does not lead any declaration or expression.", at);
}

/** Build error for a tag whose `key=NAME` does not name anything in scope. */
export function keyNotInScope(name: string, at: Position): Diagnostic {
  return error(Codes.keyNotInScope, `\`key=${name}\`: no \`${name}\` in scope here.${builtinKeyHint(name)} key must be \`identity\`, \`json\`, or the name of a function in scope that maps the arguments to a key.`, at);
}

/**
 * What a front end found `key=NAME` bound to, in the words of the check below:
 * - `function`: a function declaration, a `const`/`let`/`var` whose initializer is a function or arrow, an import
 *   binding, a parameter, or a variable whose value the build cannot see (a call result, another name): accepted;
 *   the runtime reads it on the first call and throws a `TypeError` there if it is not a function after all;
 * - `class`: a class declaration or a variable holding a class expression (calling it without `new` throws);
 * - `not-a-function`: a variable whose initializer is plainly not a function (a literal, an object or array literal,
 *   a template, arithmetic), an enum, a namespace, a namespace import (a module namespace object);
 * - `global`: no binding in the file, but a global of that name exists (`JSON`, `String`, `eval`, `undefined`,
 *   `arguments`): the build cannot see what it is, and none of the built-ins maps arguments to a key;
 * - `missing`: nothing of that name at all.
 */
export type KeyBindingKind = "function" | "class" | "not-a-function" | "global" | "missing";

/** The build error for a `key=NAME` binding of this kind (`what` says what NAME is, e.g. "a const holding 3"), or undefined when it can be a key function. */
export function checkKeyBinding(name: string, kind: KeyBindingKind, what: string, at: Position): Diagnostic | undefined {
  const valid = "key must be `identity`, `json`, or the name of a function declared or imported in this file that maps the arguments to a key.";
  switch (kind) {
    case "function":
      return undefined;
    case "missing":
      return keyNotInScope(name, at);
    case "global": {
      const global =
        name === "arguments" ? "the enclosing function's `arguments` object" : name === "undefined" || name === "NaN" || name === "Infinity" ? `the global value \`${name}\`` : "a global";
      return error(Codes.keyNotAFunction, `\`key=${name}\`: \`${name}\` is ${global}, not a function declared or imported in this file.${builtinKeyHint(name)} ${valid}`, at);
    }
    case "class":
      return error(Codes.keyNotAFunction, `\`key=${name}\`: \`${name}\` is ${what}, and a class cannot be called without \`new\`.${builtinKeyHint(name)} ${valid}`, at);
    case "not-a-function":
      return error(Codes.keyNotAFunction, `\`key=${name}\`: \`${name}\` is ${what}, not a function.${builtinKeyHint(name)} ${valid}`, at);
  }
}

/** " Did you mean `key=json`?" when NAME is a built-in key name in other letter case (`JSON`, `Identity`). */
function builtinKeyHint(name: string): string {
  const lower = name.toLowerCase();
  return lower === "json" || lower === "identity" ? ` Did you mean \`key=${lower}\`?` : "";
}

/**
 * ECMAScript globals (`@babel/helper-globals` builtins plus `arguments`): a `key=NAME` naming one of these with no
 * binding of that name in the file is a global (MS030), anything else unbound is not in scope (MS017).
 */
export const KEY_GLOBALS: ReadonlySet<string> = new Set([
  "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval", "globalThis", "isFinite", "isNaN",
  "parseFloat", "parseInt", "undefined", "unescape", "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt",
  "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry",
  "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl",
  "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError",
  "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol", "SyntaxError", "TypeError", "Uint16Array",
  "Uint32Array", "Uint8Array", "Uint8ClampedArray", "URIError", "WeakMap", "WeakRef", "WeakSet", "arguments",
]);
