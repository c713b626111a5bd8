import type { AST, Rule, SourceCode } from "eslint";
import type { Comment, Node } from "estree";
import type { Position } from "../core";

/**
 * From a diagnostic's start (what the build prints) to the range an editor underlines. The start is
 * kept exactly (line 1-based, column 0-based, as ESLint's `loc` wants it, so the CLI prints the
 * build's 1-based column); the end depends on what the code points at, and never runs past the line:
 * - inside a comment: the word there (`@memoise`, `maxx=5`), or the rest of the tag's line;
 * - MS101/MS102: the identifier (the first use or write of the captured binding);
 * - MS103/MS105: the call or `new` expression;
 * - anything else (a rejected target, MS104): the function or declaration that starts there.
 */

type Located = { node?: Node; comment?: Comment; loc: AST.SourceLocation; range: [number, number] };

const LINE_BREAK = /[\r\n\u2028\u2029]/g;
const CALLS = new Set(["CallExpression", "NewExpression"]);

/** The end of the line holding `index` (the offset of its line break, or of the text's end). */
function lineEnd(text: string, index: number): number {
  LINE_BREAK.lastIndex = index;
  const found = LINE_BREAK.exec(text);
  return found === null ? text.length : found.index;
}

/** Where a diagnostic points in ESLint's terms, with the comment or node found there. */
export function locate(sourceCode: SourceCode, at: Position, code: string): Located {
  const start = { line: at.line, column: at.column };
  let index: number;
  try {
    index = sourceCode.getIndexFromLoc(start);
  } catch {
    return { loc: { start, end: start }, range: [0, 0] };
  }
  const text = sourceCode.text;
  const comment = sourceCode.getAllComments().find((c) => c.range![0] <= index && index < c.range![1]);
  let end: number;
  let node: Node | undefined;
  if (comment) {
    const limit = Math.min(lineEnd(text, index), comment.type === "Block" ? comment.range![1] - 2 : comment.range![1]);
    const word = /\S+/y;
    word.lastIndex = index;
    const match = word.exec(text);
    end = match !== null && match.index === index ? Math.min(index + match[0].length, limit) : limit;
    while (end > index && /\s/.test(text[end - 1])) end--;
  } else {
    node = nodeAt(sourceCode, index, code);
    end = Math.min(node ? node.range![1] : index, lineEnd(text, index));
  }
  return { node, comment, loc: { start, end: sourceCode.getLocFromIndex(end) }, range: [index, end] };
}

/** The node a code points at: see the module comment. */
function nodeAt(sourceCode: SourceCode, index: number, code: string): Node | undefined {
  const deepest = sourceCode.getNodeByRangeIndex(index) as (Node & Rule.NodeParentExtension) | null;
  const starting: Array<Node & Rule.NodeParentExtension> = [];
  for (let n = deepest; n && n.type !== "Program" && n.range![0] === index; n = n.parent as (Node & Rule.NodeParentExtension) | null) starting.push(n);
  if (starting.length === 0) return undefined;
  if (code === "MS101" || code === "MS102") return starting[0];
  if (code === "MS103" || code === "MS105") return starting.find((n) => CALLS.has(n.type)) ?? starting[0];
  return starting[starting.length - 1];
}
