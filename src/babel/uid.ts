import type { NodePath, types as t } from "@babel/core";

/**
 * Babel's `scope.generateUidIdentifier`, in linear time. Babel tries `_hit`, `_hit2`, `_hit3`, …
 * from the start on every call, and every name it hands out counts as taken in the whole program, so
 * a file with N memoized functions asked it N times for `_hit` and it tried N²/2 names: the main
 * reason build time grew with the square of the number of tags. This generator gives the same names
 * (Babel's suffix sequence and checks) but remembers, per base name, where the last search ended.
 */

type Scope = NodePath["scope"];

/** Babel's suffix for the i-th try: "", 2, 3, …, 9, 0, 1, 10, 11, … */
function suffix(i: number): string {
  if (i >= 11) return String(i - 1);
  if (i >= 9) return String(i - 9);
  if (i >= 1) return String(i + 1);
  return "";
}

/** A program's uid generator: `uid(scope, "hit")` is what `scope.generateUidIdentifier("hit")` would return. */
export function uidGenerator(types: typeof t): (scope: Scope, base: string) => t.Identifier {
  const next = new Map<string, number>();
  return (scope, base) => {
    const name = types.toIdentifier(base).replace(/^_+/, "").replace(/\d+$/g, "");
    let i = next.get(name) ?? 0;
    let uid: string;
    do uid = `_${name}${suffix(i++)}`;
    while (scope.hasLabel(uid) || scope.hasBinding(uid) || scope.hasGlobal(uid) || scope.hasReference(uid));
    next.set(name, i);
    // Taken for the whole program, as Babel records its own uids (Babel 8 keeps them in sets).
    const program = scope.getProgramParent() as unknown as { uidsSet?: Set<string>; referencesSet?: Set<string>; uids: Record<string, boolean>; references: Record<string, boolean> };
    if (program.uidsSet instanceof Set && program.referencesSet instanceof Set) {
      program.uidsSet.add(uid);
      program.referencesSet.add(uid);
    } else {
      program.uids[uid] = true;
      program.references[uid] = true;
    }
    return types.identifier(uid);
  };
}
