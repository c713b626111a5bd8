/**
 * esbuild calls a plugin's onLoad in JavaScript (an IPC round trip) for every path its `filter` matches,
 * so the filter decides what a build without tags costs: every path it lets through is a round trip only
 * to be skipped. The filter's `.source` is compiled by Go's regexp (RE2: no lookahead, no backreferences),
 * so "not under node_modules" and "not one of these files" must be spelled out as plain automata.
 * Exactness matters both ways: a path the filter wrongly leaves out is loaded natively and its tags
 * silently do nothing; a path it wrongly lets in only costs a round trip. Both filters here are exact,
 * with `\` as a separator too (esbuild on Windows gives `C:\x\y` paths).
 *
 * scriptsOutside's filter walks the project folder's path: the paths that leave it at some folder
 * (then anything outside node_modules, written once at the end), the scripts directly in a folder above
 * it, and below it the few folders the filter opens, spelled as their own tree. A name not among a set
 * of names is spelled by their prefix tree: it leaves the tree at some character, or stops inside it at
 * a prefix that is not one of the names. Go compiles the filter on every build (about 0.6 ms for this
 * one with no tag, against 0.9–2.3 ms for a filter naming every untagged folder of a 250–1,000-file
 * project) and tests it on every path: about 2.4 µs a path, where the node_modules filter alone takes 1.
 */

import path = require("node:path");

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

/** The names that leave the trie: a prefix in it, then a character none of its children has; the rest is free. */
function leavings(node: Trie): string {
  const others = [...node.kids.keys()].sort();
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
 * A regex source for the names (strings of non-separators, the empty one too) that are not among
 * `words`: a name either leaves their trie (then anything may follow) or stops inside it at a non-word.
 */
function nameOtherThan(words: readonly string[]): string {
  const trie = trieOf(words);
  const leave = `${leavings(trie)}${NOT_SEP}*`;
  const stop = stops(trie);
  return stop === "" ? group([leave], true) : group([leave, ...(stop === null ? [] : [stop])]);
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

/**
 * After a separator: a folder name other than `words`, then a separator; or one of the `continued`
 * words and one of its continuations. Spelled as one walk down the words' trie (a name leaves it at
 * some letter, stops short at a separator, or is a word) rather than as "leave" | "stop" | "word", so
 * that Go's matcher, which runs a thread per live alternative at each character, follows one.
 */
function folderOtherThan(words: readonly string[], continued: ReadonlyMap<string, readonly string[]> = new Map()): string {
  const walk = (node: Trie, word: string): string => {
    const kids = sortedKids(node);
    const alternatives = kids.map(([char, kid]) => `${literal(char)}${walk(kid, word + char)}`);
    alternatives.push(`[^${kids.map(([char]) => inClass(char)).join("")}/\\\\]${NOT_SEP}*${SEP}`);
    if (!node.word) alternatives.push(SEP);
    else alternatives.push(...(continued.get(word) ?? []));
    return group(alternatives);
  };
  return walk(trieOf(words), "");
}

/** After a separator: a folder other than node_modules, and its separator. */
const FOLDER_NOT_NODE_MODULES = folderOtherThan([NODE_MODULES]);
/** After a separator: directories other than node_modules, each followed by a separator, then a file name. */
const INNER = `(?:${FOLDER_NOT_NODE_MODULES})*${NOT_SEP}*`;
/** Everything after a separator in a path outside node_modules that ends with a script extension. */
const REST = `${INNER}${EXT}`;

/** Paths of scripts (the default `include`) with no node_modules segment (the default `exclude`), as an esbuild onLoad filter. */
export const SCRIPTS_OUTSIDE_NODE_MODULES = new RegExp(`^${NOT_SEP}*(?:${SEP}${INNER})?${EXT}$`);

const SCRIPT_EXTENSIONS = ["js", "ts", "jsx", "tsx"].flatMap((ext) => [ext, `c${ext}`, `m${ext}`]);

/** A folder under the project folder, by what the filter lets through in it. */
interface Dir {
  readonly dirs: Map<string, Dir>;
  /** Scripts directly in it are let through except these untagged ones (file names by extension, as stems); absent: none are. */
  except?: Map<string, Set<string>>;
  /** Every script below it is let through (an output folder, a linked folder). */
  open: boolean;
  /** It is a file let through (the output file). */
  file?: boolean;
}

/** A file name in a folder: a script name other than the untagged ones listed. */
function fileName(except: ReadonlyMap<string, Set<string>>): string {
  const alternatives = [...except].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ext, stems]) => `${nameOtherThan([...stems])}\\.${ext}`);
  const others = SCRIPT_EXTENSIONS.filter((ext) => !except.has(ext));
  if (others.length === SCRIPT_EXTENSIONS.length) return `${NOT_SEP}*${EXT}`;
  if (others.length) alternatives.push(`${NOT_SEP}*\\.${group(finiteSet(trieOf(others)))}`);
  return group(alternatives);
}

/** After `dir/`, under the project folder: the paths the filter lets through; null when there are none. */
function inside(dir: Dir): string | null {
  if (dir.open) return REST;
  const alternatives = [...dir.dirs].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([name, sub]) => {
    const spelled = [...name].map(literal).join("");
    const rest = inside(sub);
    return [...(rest === null ? [] : [`${spelled}\\/${rest}`]), ...(sub.file ? [spelled] : [])];
  });
  if (dir.except) alternatives.push(fileName(dir.except));
  return alternatives.length ? group(alternatives) : null;
}

/** After the project folder's `/`: a script below a dot-folder at any depth (the scan skips those: .storybook, caches). */
const IN_DOT_FOLDER = `(?:${FOLDER_NOT_NODE_MODULES})*\\.${NOT_SEP}*${SEP}${REST}`;

/**
 * After `/` and the first `i` folders of `chain` (the project folder's path): the prefixes, each ending
 * with a separator, after which a path has left the chain for a folder other than node_modules.
 */
function leavingChain(chain: readonly string[], i: number): string {
  const name = chain[i];
  const below = i + 1 < chain.length ? [`\\/${leavingChain(chain, i + 1)}`, "\\\\"] : ["\\\\"];
  return folderOtherThan([name, NODE_MODULES], new Map([[name, below]]));
}

/** After `/` and the first `i` folders of `chain`: the paths that stay on the chain and are let through (a script directly in a folder above the project, or what `under` lets through in it). */
function alongChain(chain: readonly string[], i: number, under: string): string {
  if (i === chain.length) return under;
  return group([`${[...chain[i]].map(literal).join("")}\\/${alongChain(chain, i + 1, under)}`, `${NOT_SEP}*${EXT}`]);
}

/** Characters a filter cannot carry to Go as written (`.source` escapes line separators as `\u2028`, which Go rejects; lone surrogates). */
const UNPORTABLE = /[\u2028\u2029\ud800-\udfff]/;
/** Each character of the project folder's path nests the regex deeper, and Go refuses a parse tree over 1,000 high. */
const MAX_PATH = 256;

function segmentsOf(file: string): string[] | undefined {
  const segments = file.split("/").slice(1);
  const normal = file.startsWith("/") && !file.includes("\\") && !segments.some((s) => s === "" || s === "." || s === "..");
  return normal && !UNPORTABLE.test(file) && file.length <= MAX_PATH ? segments : undefined;
}

function invalid(what: string, file: string): Error {
  return new Error(`scriptsOutside: ${JSON.stringify(file)} is not ${what} (a normalized absolute POSIX path, at most ${MAX_PATH} characters, outside node_modules)`);
}

/** The node of the folder `segments` below the project folder, made on the way. */
function dirAt(root: Dir, segments: readonly string[]): Dir {
  let dir = root;
  for (const segment of segments) {
    let sub = dir.dirs.get(segment);
    if (!sub) dir.dirs.set(segment, (sub = { dirs: new Map(), open: false }));
    dir = sub;
  }
  return dir;
}

/**
 * An esbuild onLoad filter matching exactly the paths SCRIPTS_OUTSIDE_NODE_MODULES matches that are not
 * under `root` (the project folder, as `root/…`), and under it: every script below a dot-folder or one
 * of the `open` folders, and the scripts directly in each folder of `partly` other than the untagged
 * files it lists (a folder with a tagged script: one written there later is let through too), and the
 * `openFiles` (the output file: the scan skips it, so it is let through like an output folder). Its size
 * grows with those folders' files, not with the project's. Throws for a path that is not a normalized
 * absolute POSIX path outside node_modules, under `root`, portable to Go and at most 256 characters long.
 */
export function scriptsOutside(root: string, open: readonly string[], partly: ReadonlyMap<string, readonly string[]>, openFiles: readonly string[] = []): RegExp {
  const chain = segmentsOf(root);
  if (!chain || !SCRIPTS_OUTSIDE_NODE_MODULES.test(`${root}/x.js`)) throw invalid("a project folder", root);
  const below = (folder: string, what: string): string[] => {
    const segments = folder === root ? [] : segmentsOf(folder);
    if (!segments || !folder.startsWith(folder === root ? root : `${root}/`) || !SCRIPTS_OUTSIDE_NODE_MODULES.test(`${folder}/x.js`)) throw invalid(what, folder);
    return segments.slice(chain.length);
  };
  const top: Dir = { dirs: new Map(), open: false };
  for (const folder of open) dirAt(top, below(folder, "a folder under the project folder")).open = true;
  for (const file of openFiles) {
    const segments = below(file, "a file under the project folder");
    if (segments.length === 0 || !SCRIPTS_OUTSIDE_NODE_MODULES.test(file)) throw invalid("a script under the project folder", file);
    dirAt(top, segments).file = true;
  }
  for (const [folder, untagged] of partly) {
    const except = new Map<string, Set<string>>();
    for (const file of untagged) {
      const match = /^(.*)\.([cm]?[jt]sx?)$/s.exec(path.posix.basename(file));
      if (path.posix.dirname(file) !== folder || !segmentsOf(file) || !match || !SCRIPTS_OUTSIDE_NODE_MODULES.test(file)) throw invalid(`a script directly in ${folder}`, file);
      if (!except.has(match[2])) except.set(match[2], new Set());
      except.get(match[2])!.add(match[1]);
    }
    dirAt(top, below(folder, "a folder under the project folder")).except = except;
  }
  const under = group([IN_DOT_FOLDER, ...[inside(top)].filter((rest): rest is string => rest !== null)]);
  const leaves = [...(chain.length ? [String.raw`\/${leavingChain(chain, 0)}`] : []), `${NOT_SEP}+${SEP}`, String.raw`\\`];
  return new RegExp(String.raw`^(?:${group(leaves)}${REST}|\/${alongChain(chain, 0, under)}|${NOT_SEP}*${EXT})$`);
}
