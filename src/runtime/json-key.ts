/**
 * `key=json`: the structural key of SPEC §2. An argument list becomes one string, and two lists get the
 * same string exactly when they are structurally equal:
 * - primitives by SameValueZero (`NaN` equals `NaN`, `0` equals `-0`), so `undefined`, `null`, `NaN`,
 *   `Infinity` and `-Infinity` stay apart (JSON text writes several of them as `null`); BigInt by value;
 * - arrays by length and elements (a hole reads as `undefined`);
 * - plain objects (prototype `Object.prototype` or `null`) by their own enumerable string keys, in any order,
 *   and their values; symbol-keyed properties are left out, as JSON leaves them out;
 * - `Date` by time, `Map` by its entries and `Set` by its elements, in any order (a `Map` never equals a
 *   plain object, nor a `Set` an array);
 * - functions, symbols and every other object (class instances, typed arrays, `RegExp`, boxed primitives,
 *   promises...) by identity: what makes two of them "the same" is not visible to a generic comparison, so
 *   they are never merged (a registered `Symbol.for(k)` is the same symbol wherever it is made).
 * A value that contains itself throws a `TypeError` naming the memoized function.
 *
 * The string is a self-delimiting encoding (strings and keys are length-prefixed, numbers carry no
 * delimiter characters, containers are bracketed), so distinct values cannot collide. Identity-keyed
 * values are numbered through a `WeakMap`, so a key never keeps a function or an instance alive by itself.
 */

// Symbols as WeakMap keys are ES2023 (Node 20 has them); the lib this builds with predates them.
const ids = new WeakMap<any, number>();
let nextId = 0;

function idOf(value: object | symbol): string {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ++nextId));
  return "#" + id;
}

/** The structural key of one value. `path` holds the containers being encoded, to find cycles. */
function encode(value: unknown, path: object[], name: string): string {
  switch (typeof value) {
    case "string":
      return "s" + value.length + ":" + value;
    case "number":
      // String(-0) is "0": SameValueZero, as identity keys compare.
      return "n" + value;
    case "boolean":
      return value ? "t" : "f";
    case "undefined":
      return "u";
    case "bigint":
      return "b" + value;
    case "symbol": {
      const registered = Symbol.keyFor(value);
      return registered === undefined ? idOf(value) : "y" + registered.length + ":" + registered;
    }
    case "function":
      return idOf(value as object);
  }
  if (value === null) return "z";
  const object = value as object;
  if (Array.isArray(object)) {
    enter(object, path, name);
    let out = "[";
    for (let i = 0; i < object.length; i++) out += (i === 0 ? "" : ",") + encode(object[i], path, name);
    path.pop();
    return out + "]";
  }
  const proto = Object.getPrototypeOf(object);
  if (proto === Object.prototype || proto === null) {
    enter(object, path, name);
    const keys = Object.keys(object);
    if (keys.length > 1 && !isSorted(keys)) keys.sort();
    let out = "{";
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      out += (i === 0 ? "" : ",") + key.length + ":" + key + "=" + encode((object as Record<string, unknown>)[key], path, name);
    }
    path.pop();
    return out + "}";
  }
  if (object instanceof Date) return "D" + object.getTime();
  if (object instanceof Map) {
    enter(object, path, name);
    const entries: string[] = [];
    for (const [k, v] of object) entries.push(encode(k, path, name) + "=" + encode(v, path, name));
    path.pop();
    return "M{" + entries.sort().join(",") + "}";
  }
  if (object instanceof Set) {
    enter(object, path, name);
    const elements: string[] = [];
    for (const element of object) elements.push(encode(element, path, name));
    path.pop();
    return "S[" + elements.sort().join(",") + "]";
  }
  return idOf(object);
}

/** True when the keys are already in order (objects are often built with their keys in one order): skips the sort call. */
function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** Pushes a container onto the path, throwing if it is already there (the value contains itself). */
function enter(object: object, path: object[], name: string): void {
  if (path.includes(object)) {
    throw new TypeError(`memoscope: ${name} is memoized with key=json and was called with an argument that contains itself (a cycle); key=json compares arguments structurally and cannot key a cyclic value. Use key=identity or a key=NAME function.`);
  }
  path.push(object);
}

/** The structural key of an argument list (already cut to the key positions), as `key=json` caches use it. */
export function jsonKey(args: ArrayLike<unknown>, name: string): string {
  if (args.length === 1) {
    const only = args[0];
    // One primitive argument (the common case): no container, no path.
    if (typeof only !== "object" || only === null) return encode(only, [], name);
  }
  const path: object[] = [];
  let out = "";
  for (let i = 0; i < args.length; i++) out += (i === 0 ? "" : ",") + encode(args[i], path, name);
  return out;
}
