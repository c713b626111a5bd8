/**
 * esbuild calls a plugin's onLoad in JavaScript (an IPC round trip) for every path its `filter` matches,
 * so the filter decides what a build without tags costs: every path it lets through is a round trip only
 * to be skipped. The filter's `.source` is compiled by Go's regexp (RE2: no lookahead, no backreferences),
 * so "not under node_modules" and "not one of these files" must be spelled out as plain automata.
 * Exactness matters both ways: a path the filter wrongly leaves out is loaded natively and its tags
 * silently do nothing; a path it wrongly lets in only costs a round trip. Both filters here are exact,
 * with `\` as a separator too (esbuild on Windows gives `C:\x\y` paths).
 *
 * scriptsExcept's filter walks the tree of the listed files twice: the paths that leave it (a directory
 * not listed, or `\`) and then go on like any script outside node_modules, written once at the end; and
 * the paths that stay in it down to a file name not listed. A name not among a set of names is spelled
 * by their prefix tree: it leaves the tree at some character, or stops inside it at a prefix that is not
 * one of the names. Go compiles the filter on every build, at a cost that grows with its size (about
 * 150 characters per listed file): see the test for measurements.
 */

const SEP = String.raw`[/\\]`;
const NOT_SEP = String.raw`[^/\\]`;
const EXT = String.raw`\.[cm]?[jt]sx?`;
const NODE_MODULES = "node_modules";

/** A character outside a class, escaped when Go or JavaScript would read it as syntax. */
function literal(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** A character inside a class, escaped when it would end, negate or range the class. */
function inClass(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char;
}

/** Alternatives as one atom to concatenate: grouped only when needed, `?` when `optional`. */
function group(alternatives: readonly string[], optional = false): string {
  if (alternatives.length === 0) return "";
  if (!optional && alternatives.length === 1) return alternatives[0];
  if (optional && alternatives.length === 1 && /^(?:\\?.|\[(?:\\.|[^\]\\])*\])$/su.test(alternatives[0])) return `${alternatives[0]}?`;
  return `(?:${alternatives.join("|")})${optional ? "?" : ""}`;
}

interface Trie {
  readonly kids: Map<string, Trie>;
  word: boolean;
}

/** The prefix tree of `words`, by code point. */
function trieOf(words: Iterable<string>): Trie {
  const root: Trie = { kids: new Map(), word: false };
  for (const word of words) {
    let node = root;
    for (const char of word) {
      let kid = node.kids.get(char);
      if (!kid) node.kids.set(char, (kid = { kids: new Map(), word: false }));
      node = kid;
    }
    node.word = true;
  }
  return root;
}

function sortedKids(node: Trie): [string, Trie][] {
  return [...node.kids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The names that leave the trie: a prefix in it, then a character none of its children has (nor `avoid`, at the root); the rest is free. */
function leavings(node: Trie, avoid = ""): string {
  const others = [...node.kids.keys(), ...avoid].sort();
  const leave = others.length ? `[^${others.map(inClass).join("")}/\\\\]` : NOT_SEP;
  return group([leave, ...sortedKids(node).map(([char, kid]) => literal(char) + leavings(kid))]);
}

/** The names that stop inside the trie at a node that is not a word, or null when there are none. */
function stops(node: Trie): string | null {
  const alternatives = sortedKids(node).flatMap(([char, kid]) => {
    const rest = stops(kid);
    return rest === null ? [] : [literal(char) + rest];
  });
  if (!node.word) return group(alternatives, true);
  return alternatives.length ? group(alternatives) : null;
}

/**
 * A regex source for the segment names (strings of non-separators) that are not among `words`, each
 * followed by `tail`, or one of the `continued` words followed by one of its continuations. A name not
 * among the words either leaves their trie (then anything may follow) or stops inside it at a non-word.
 */
function complement(words: readonly string[], tail: string, continued: ReadonlyMap<string, readonly string[]> = new Map(), avoid = ""): string {
  const trie = trieOf(words);
  const alternatives = [`${leavings(trie, avoid)}${NOT_SEP}*${tail}`];
  const stop = stops(trie);
  let optional = false;
  if (stop === "" && !tail) optional = true;
  else if (stop !== null) alternatives.push(stop + tail);
  for (const [word, after] of continued) alternatives.push([...word].map(literal).join("") + group(after));
  return group(alternatives, optional);
}

/** Alternatives matching exactly a finite set of short words, children with the same continuation sharing a class. */
function finiteSet(node: Trie): string[] {
  const byRest = new Map<string, string[]>();
  for (const [char, kid] of node.kids) {
    const rest = group(finiteSet(kid), kid.word);
    byRest.set(rest, [...(byRest.get(rest) ?? []), char]);
  }
  return [...byRest].map(([rest, chars]) => (chars.length > 1 ? `[${chars.sort().join("")}]` : chars[0]) + rest);
}

const NOT_NODE_MODULES = complement([NODE_MODULES], "");
/** After a separator: directories other than node_modules, each followed by a separator, then a file name. */
const INNER = `(?:${NOT_NODE_MODULES}${SEP})*${NOT_SEP}*`;
/** Everything after a separator in a path outside node_modules that ends with a script extension. */
const REST = `${INNER}${EXT}`;

/** Paths of scripts (the default `include`) with no node_modules segment (the default `exclude`), as an esbuild onLoad filter. */
export const SCRIPTS_OUTSIDE_NODE_MODULES = new RegExp(`^${NOT_SEP}*(?:${SEP}${INNER})?${EXT}$`);

const SCRIPT_EXTENSIONS = ["js", "ts", "jsx", "tsx"].flatMap((ext) => [ext, `c${ext}`, `m${ext}`]);

interface Dir {
  readonly dirs: Map<string, Dir>;
  /** Untagged file names by extension (without the dot), as stems. */
  readonly files: Map<string, Set<string>>;
  /** Every script directly in this directory is left out, whatever its name. */
  whole: boolean;
}

/** A file name in a directory: the script name not among the directory's untagged ones. */
function fileName(dir: Dir): string {
  const alternatives = [...dir.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ext, stems]) => `${complement([...stems], "")}\\.${ext}`);
  const others = SCRIPT_EXTENSIONS.filter((ext) => !dir.files.has(ext));
  if (others.length === SCRIPT_EXTENSIONS.length) return `${NOT_SEP}*${EXT}`;
  if (others.length) alternatives.push(`${NOT_SEP}*\\.${group(finiteSet(trieOf(others)))}`);
  return group(alternatives);
}

/** After `dir/`: the paths that stay among the known directories and end at a file not in the list; null when there are none. */
function exact(dir: Dir): string | null {
  const subdirs = [...dir.dirs].sort(([a], [b]) => (a < b ? -1 : 1));
  const alternatives = subdirs.flatMap(([name, sub]) => {
    const rest = exact(sub);
    return rest === null ? [] : [`${[...name].map(literal).join("")}\\/${rest}`];
  });
  if (!dir.whole) alternatives.push(fileName(dir));
  return alternatives.length ? group(alternatives) : null;
}

/** Whether a known subdirectory's name starts like node_modules (then the directory spells node_modules out in its own trie). */
function nearNodeModules(dir: Dir): boolean {
  return [...dir.dirs.keys()].some((name) => name.startsWith(NODE_MODULES[0]));
}

/**
 * After `dir/`: the prefixes, each ending with a separator, after which the path leaves the known directories
 * (or uses `\`). A first segment starting with `n`, which might be node_modules, leaves by `leavingByN` instead
 * (unless a subdirectory starts with `n` too), so that node_modules is spelled out once rather than in every directory.
 */
function leaving(dir: Dir): string {
  const continued = new Map([...dir.dirs].map(([name, sub]) => [name, [`\\/${leaving(sub)}`, "\\\\"]]));
  const near = nearNodeModules(dir);
  return complement(near ? [...dir.dirs.keys(), NODE_MODULES] : [...dir.dirs.keys()], SEP, continued, near ? "" : NODE_MODULES[0]);
}

/** After `dir/`: the prefixes after which the path leaves the known directories by a segment starting with `n`; null if none. */
function leavingByN(dir: Dir): string | null {
  const alternatives = [...dir.dirs].flatMap(([name, sub]) => {
    const rest = leavingByN(sub);
    return rest === null ? [] : [`${[...name].map(literal).join("")}\\/${rest}`];
  });
  if (!nearNodeModules(dir)) return group(alternatives, true);
  return alternatives.length ? group(alternatives) : null;
}

/** After a segment's leading `n`: the rest of a segment other than node_modules, then a separator. */
const AFTER_N = complement([NODE_MODULES.slice(1)], SEP);

/** Characters a filter cannot carry to Go as written (`.source` escapes line separators as `\u2028`, which Go rejects; lone surrogates). */
const UNPORTABLE = /[\u2028\u2029\ud800-\udfff]/;
/** Longer paths are left matched: each character nests the regex deeper, and Go refuses a parse tree over 1,000 high (past ~400 characters). */
const MAX_PATH = 256;

function invalid(what: string, file: string): Error {
  return new Error(`scriptsExcept: ${JSON.stringify(file)} is not a normalized absolute POSIX path of ${what}`);
}

/** The node of `segments` in the tree, made on the way. */
function dirAt(root: Dir, segments: readonly string[]): Dir {
  let dir = root;
  for (const segment of segments) {
    let sub = dir.dirs.get(segment);
    if (!sub) dir.dirs.set(segment, (sub = { dirs: new Map(), files: new Map(), whole: false }));
    dir = sub;
  }
  return dir;
}

function segmentsOf(file: string): string[] | undefined {
  const segments = file.split("/").slice(1);
  return file.startsWith("/") && !file.includes("\\") && !segments.some((s) => s === "" || s === "." || s === "..") ? segments : undefined;
}

/**
 * An esbuild onLoad filter matching exactly the paths SCRIPTS_OUTSIDE_NODE_MODULES matches except the
 * given normalized absolute POSIX paths, and except every script directly in one of `wholeDirs` (whatever
 * its name: a directory is listed once instead of each of its files, which keeps the filter short; its
 * subdirectories are not included). A path over 256 characters, or with a character Go cannot be given,
 * stays matched.
 */
export function scriptsExcept(untagged: readonly string[], wholeDirs: readonly string[] = []): RegExp {
  const root: Dir = { dirs: new Map(), files: new Map(), whole: false };
  for (const dir of wholeDirs) {
    const segments = segmentsOf(dir);
    if (!segments || !SCRIPTS_OUTSIDE_NODE_MODULES.test(`${dir}/x.js`)) throw invalid("a directory outside node_modules", dir);
    if (UNPORTABLE.test(dir) || dir.length > MAX_PATH) continue;
    dirAt(root, segments).whole = true;
  }
  for (const file of untagged) {
    const segments = segmentsOf(file);
    if (!segments || !SCRIPTS_OUTSIDE_NODE_MODULES.test(file)) throw invalid("a script outside node_modules", file);
    if (UNPORTABLE.test(file) || file.length > MAX_PATH) continue;
    const name = segments.pop()!;
    const dir = dirAt(root, segments);
    if (dir.whole) continue;
    const [, stem, ext] = /^(.*)\.([cm]?[jt]sx?)$/s.exec(name)!;
    if (!dir.files.has(ext)) dir.files.set(ext, new Set());
    dir.files.get(ext)!.add(stem);
  }
  if (root.dirs.size === 0 && root.files.size === 0 && !root.whole) return SCRIPTS_OUTSIDE_NODE_MODULES;
  const byN = leavingByN(root);
  const leaves = [String.raw`\/${leaving(root)}`, ...(byN === null ? [] : [String.raw`\/${byN}${NODE_MODULES[0]}${AFTER_N}`]), `${NOT_SEP}+${SEP}`, String.raw`\\`];
  const inside = exact(root);
  return new RegExp(String.raw`^(?:${group(leaves)}${REST}${inside === null ? "" : String.raw`|\/${inside}`}|${NOT_SEP}*${EXT})$`);
}
