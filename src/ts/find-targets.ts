import type * as TS from "typescript";
import { mightHoldTag, notNearestTag, scanComment, toAbsolute, unattachedTag, type Diagnostic, type Position, type TagOptions } from "../core";

/**
 * Step 1 of the TypeScript path: find the tagged targets from the raw comment text. TypeScript attaches
 * comments differently from Babel (and `tsc` skips JSDoc parsing), so this reproduces Babel's rule on
 * TypeScript's tree: a comment run between two tokens leads the outermost node that starts at the
 * token after it, and a tag counts only in the run's last comment. A file without a tag costs one regex.
 */

/** A tag that counts, the node it leads, and where Babel's node for it starts. */
export interface Tagged {
  holder: TS.Node;
  /** Offset of the holder as Babel sees it (the token after the comment, inside parentheses). */
  holderStart: number;
  /** Babel's holder has no TypeScript node (a class body, a type annotation): not a function, at `holderStart`. */
  opaque: boolean;
  options: TagOptions;
  tagAt: Position;
  commentStart: Position;
}

/** One run of comments between two tokens, and the node it leads (if Babel would attach it as leading). */
interface Run {
  comments: Array<{ pos: number; end: number }>;
  holder?: TS.Node;
  holderStart: number;
  /** The holder is a Babel node TypeScript has no node for (a class body, a type annotation). */
  opaque?: boolean;
}

/** Babel's position (line 1-based, column 0-based) of an offset. */
export function positionOf(sf: TS.SourceFile, offset: number): Position {
  const { line, character } = sf.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character };
}

/** The comments in `[start, end)`, a range holding only trivia and non-node tokens. */
function scanComments(ts: typeof TS, sf: TS.SourceFile, start: number, end: number): Array<{ pos: number; end: number; tokenAfter: number }> {
  const scanner = ts.createScanner(sf.languageVersion, false, sf.languageVariant, sf.text, undefined, start, end - start);
  const found: Array<{ pos: number; end: number; tokenAfter: number }> = [];
  let pending: Array<{ pos: number; end: number }> = [];
  for (let kind = scanner.scan(); ; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      pending.push({ pos: scanner.getTokenStart(), end: scanner.getTokenEnd() });
      continue;
    }
    if (kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia || kind === ts.SyntaxKind.ShebangTrivia) continue;
    const tokenAfter = kind === ts.SyntaxKind.EndOfFileToken ? end : scanner.getTokenStart();
    for (const c of pending) found.push({ ...c, tokenAfter });
    pending = [];
    if (kind === ts.SyntaxKind.EndOfFileToken) return found;
  }
}

/** Tokens TypeScript keeps as nodes that Babel has no node for (a comment before them leads nothing). */
function isBareToken(ts: typeof TS, node: TS.Node): boolean {
  const k = node.kind;
  if (k === ts.SyntaxKind.Identifier || k === ts.SyntaxKind.PrivateIdentifier || ts.isTypeNode(node)) return false;
  if (k >= ts.SyntaxKind.FirstLiteralToken && k <= ts.SyntaxKind.LastTemplateToken) return false;
  if (k === ts.SyntaxKind.ThisKeyword || k === ts.SyntaxKind.SuperKeyword || k === ts.SyntaxKind.NullKeyword || k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword || k === ts.SyntaxKind.ImportKeyword) return false;
  return k <= ts.SyntaxKind.LastToken;
}

/**
 * The node Babel would give a comment run as leading comments, from the outermost TypeScript node
 * starting at the token after the run. Returns the node and Babel's start for it.
 */
function babelHolder(ts: typeof TS, sf: TS.SourceFile, node: TS.Node): { holder?: TS.Node; start: number } {
  const start = node.getStart(sf);
  if (ts.isParenthesizedExpression(node)) {
    // Babel keeps no node for parentheses; the comments go to the expression inside.
    let inner: TS.Expression = node;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    return { holder: inner, start: inner.getStart(sf) };
  }
  if (isBareToken(ts, node)) {
    // `export /** @memoize */ async function f` — Babel's declaration starts after `export`/`default`.
    const owner = node.parent;
    const modifiers = owner && ts.canHaveModifiers(owner) ? ts.getModifiers(owner) : undefined;
    const index = modifiers ? modifiers.indexOf(node as TS.Modifier) : -1;
    // Babel leaves a comment before `declare` (`export /** … */ declare function f`) on no node.
    const isExportWord = node.kind === ts.SyntaxKind.ExportKeyword || node.kind === ts.SyntaxKind.DefaultKeyword || node.kind === ts.SyntaxKind.DeclareKeyword;
    if (index > 0 && !isExportWord && modifiers!.slice(0, index).every((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword)) {
      return { holder: owner, start };
    }
    return { start };
  }
  if (ts.isDecorator(node) && ts.isClassLike(node.parent) && firstAfterExportWords(ts, node)) {
    // `export /** @memoize *\/ @d class C`: Babel's class starts at its first decorator, after the export words.
    return { holder: node.parent, start };
  }
  if (ts.isHeritageClause(node) || ts.isCaseBlock(node) || ts.isNamedImports(node) || ts.isNamedExports(node)) return { start };
  return { holder: node, start };
}

/** A class's first decorator, preceded only by `export` / `default` (or nothing). */
function firstAfterExportWords(ts: typeof TS, decorator: TS.Decorator): boolean {
  const modifiers: readonly TS.ModifierLike[] = (decorator.parent as { modifiers?: TS.NodeArray<TS.ModifierLike> }).modifiers ?? [];
  const before = modifiers.slice(0, modifiers.indexOf(decorator));
  return before.every((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword);
}

/**
 * Babel nodes that start at a punctuation token TypeScript keeps no node for: class and interface
 * bodies (`{`), type annotations (`:`), type parameter and argument lists (`<`). A tag there leads
 * something that is not a function.
 */
function punctuationHolder(ts: typeof TS, sf: TS.SourceFile, parent: TS.Node, token: number): TS.Node | undefined {
  const char = sf.text[token];
  if ((ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent)) && char === "{" && parent.members.pos === token + 1) return parent;
  const node = parent as { type?: TS.Node; typeParameters?: TS.NodeArray<TS.Node>; typeArguments?: TS.NodeArray<TS.Node> };
  if (char === ":" && node.type?.pos === token + 1) return parent;
  if (char === "<" && (node.typeParameters?.pos === token + 1 || node.typeArguments?.pos === token + 1)) return parent;
  return undefined;
}

/** A node's children in source order, listed once per file (and whether their ends ascend, so they can be bisected). */
type Children = Map<TS.Node, { nodes: TS.Node[]; sorted: boolean }>;

function childrenOf(ts: typeof TS, cache: Children, node: TS.Node): { nodes: TS.Node[]; sorted: boolean } {
  let entry = cache.get(node);
  if (entry === undefined) {
    const nodes: TS.Node[] = [];
    ts.forEachChild(node, (child) => {
      nodes.push(child);
    });
    cache.set(node, (entry = { nodes, sorted: nodes.every((n, i) => i === 0 || nodes[i - 1].end <= n.pos) }));
  }
  return entry;
}

/** Index of the first child that ends after `p` (bisected: a file with N top-level tags must not cost N² here). */
function firstEndingAfter(children: { nodes: TS.Node[]; sorted: boolean }, p: number): number {
  const { nodes, sorted } = children;
  if (!sorted) {
    const index = nodes.findIndex((n) => n.end > p);
    return index < 0 ? nodes.length : index;
  }
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].end <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `export /** @memoize *\/ function f`, `export default /** … *\/ class C`: a comment after the export
 * words and before the declaration's keyword (which TypeScript keeps no node for). Babel's node for the
 * declaration starts at that keyword, so the comment leads the declaration. Decorators written before
 * the words (`@d export /** … *\/ class C`) belong to the class, which Babel starts at the decorator,
 * and the comment still leads it.
 */
function afterExportWords(ts: typeof TS, parent: TS.Node, comment: number): boolean {
  const all: readonly TS.ModifierLike[] = (parent as { modifiers?: TS.NodeArray<TS.ModifierLike> }).modifiers ?? [];
  const leadingDecorators = all.findIndex((m) => !ts.isDecorator(m));
  const modifiers = leadingDecorators < 0 ? [] : all.slice(leadingDecorators);
  if (modifiers.length === 0 || modifiers[modifiers.length - 1].end > comment) return false;
  if (!modifiers.every((m) => m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword)) return false;
  return ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isEnumDeclaration(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent) || ts.isModuleDeclaration(parent);
}

/** Finds the comment run around offset `p`, or undefined when `p` is inside a token (a string, a template). */
function runAt(ts: typeof TS, sf: TS.SourceFile, p: number, cache: Children): Run | undefined {
  let parent: TS.Node = sf;
  for (;;) {
    let inside: TS.Node | undefined;
    let before = parent === sf ? 0 : parent.getStart(sf);
    let after = parent.end;
    const children = childrenOf(ts, cache, parent);
    const index = firstEndingAfter(children, p);
    if (children.sorted) before = index > 0 ? Math.max(before, children.nodes[index - 1].end) : before;
    else for (let i = 0; i < index; i++) before = Math.max(before, children.nodes[i].end);
    if (index < children.nodes.length) {
      const child = children.nodes[index];
      if (child.pos <= p) inside = child;
      else after = child.pos;
    }
    if (inside === undefined) {
      // `p` lies between child nodes: among punctuation and keywords, so in a comment.
      const found = scanComments(ts, sf, before, after);
      const hit = found.find((c) => c.pos <= p && p < c.end);
      if (!hit) return undefined;
      const comments = found.filter((c) => c.tokenAfter === hit.tokenAfter);
      if (afterExportWords(ts, parent, hit.pos)) return { comments, holder: parent, holderStart: hit.tokenAfter };
      const holder = punctuationHolder(ts, sf, parent, hit.tokenAfter);
      return { comments, holder, holderStart: hit.tokenAfter, opaque: holder !== undefined };
    }
    const child: TS.Node = inside;
    const start = child.getStart(sf);
    if (p < start) {
      const comments = scanComments(ts, sf, child.pos, start);
      const { holder, start: holderStart } = babelHolder(ts, sf, child);
      return { comments, holder, holderStart };
    }
    if (child.kind <= ts.SyntaxKind.LastToken && child.kind !== ts.SyntaxKind.Identifier) {
      if (ts.forEachChild(child, () => true) === undefined) return undefined;
    }
    parent = child;
  }
}

/** Every comment that might hold a tag, with its run; sorted by position. */
function candidateRuns(ts: typeof TS, sf: TS.SourceFile): Array<{ comment: { pos: number; end: number }; run: Run }> {
  const hits = /@(memo|memor|cached)/gi;
  const cache: Children = new Map();
  const out = new Map<number, { comment: { pos: number; end: number }; run: Run }>();
  for (let m = hits.exec(sf.text); m !== null; m = hits.exec(sf.text)) {
    const run = runAt(ts, sf, m.index, cache);
    const comment = run?.comments.find((c) => c.pos <= m!.index && m!.index < c.end);
    if (run && comment && !out.has(comment.pos)) out.set(comment.pos, { comment, run });
  }
  return [...out.values()].sort((a, b) => a.comment.pos - b.comment.pos);
}

/** Scans candidate comments, finds the node each tag leads, and collects diagnostics along the way. */
export function findTagged(ts: typeof TS, sf: TS.SourceFile, diagnostics: Diagnostic[]): Tagged[] {
  if (!mightHoldTag(sf.text)) return [];
  const tagged: Tagged[] = [];
  const later: Diagnostic[] = [];
  const unattached: Diagnostic[] = [];
  for (const { comment, run } of candidateRuns(ts, sf)) {
    const raw = sf.text.slice(comment.pos, comment.end);
    if (!mightHoldTag(raw)) continue;
    const scan = scanComment(raw);
    const origin = positionOf(sf, comment.pos);
    for (const d of scan.diagnostics) diagnostics.push({ ...d, at: d.at && toAbsolute(d.at, origin) });
    if (scan.tag === undefined) continue;
    const tagAt = toAbsolute(scan.tag.at, origin);
    if (run.holder === undefined) {
      unattached.push(unattachedTag(tagAt));
    } else if (run.comments[run.comments.length - 1].pos !== comment.pos) {
      later.push(notNearestTag(tagAt));
    } else {
      tagged.push({ holder: run.holder, holderStart: run.holderStart, opaque: run.opaque === true, options: scan.tag.options, tagAt, commentStart: origin });
    }
  }
  diagnostics.push(...later, ...unattached);
  return tagged;
}
