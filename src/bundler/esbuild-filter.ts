/**
 * esbuild calls a plugin's onLoad in JavaScript for every path its filter matches, and the filter is a
 * Go regular expression: no lookahead, so "not under node_modules" must be spelled out. Without it,
 * every file of every package would cost a round trip to JavaScript only to be skipped there.
 */

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/**
 * A regex source matching the strings that do not contain `word`, for a `word` whose first character
 * does not occur again in it (so after a mismatch the automaton restarts at 0, or at 1 on that first
 * character). Built from blocks: any character but the first; or the first character followed by a
 * proper prefix of the rest and then a character that breaks the match (F); partial matches (P) may
 * only be followed by another block starting with the first character, or by the end.
 */
export function notContaining(word: string): string {
  const [first, ...rest] = [...word];
  if (rest.includes(first)) throw new Error(`notContaining: "${word}" repeats its first character`);
  const f = escape(first);
  let full = "";
  let partial = "";
  for (let j = rest.length - 1; j >= 0; j--) {
    const breaking = `[^${escape(rest[j])}${f}]`;
    full = j === rest.length - 1 ? breaking : `(?:${breaking}|${escape(rest[j])}${full})`;
    if (j < rest.length - 1) partial = `(?:${escape(rest[j])}${partial})?`;
  }
  return `(?:[^${f}]|(?:${f}${partial})*${f}${full})*(?:${f}${partial})*`;
}

/** Paths of scripts (the default `include`) outside node_modules (the default `exclude`), as an esbuild onLoad filter. */
export const SCRIPTS_OUTSIDE_NODE_MODULES = new RegExp(`^${notContaining("node_modules")}\\.[cm]?[jt]sx?$`);

/** TEMPORARY STUB (the helper's branch replaces it). */
export function scriptsExcept(untagged: readonly string[]): RegExp {
  void untagged;
  return SCRIPTS_OUTSIDE_NODE_MODULES;
}
