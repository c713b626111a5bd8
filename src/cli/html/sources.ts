import * as fs from "fs";
import * as path from "path";
import { decodeSource, parseSource } from "../scan";

/**
 * Source text for the HTML report. The report holds positions, not code, so the page's source lines
 * are read from the files (relative to the root) when the page is made; a file that is gone or does
 * not decode is "source not found". Where the file parses, each closure's last line is known exactly.
 */

/** A source file as the page needs it: its lines, and the last line of each function-like node by its start. */
export interface SourceFile {
  lines: string[];
  /** `line:column` of a closure's start → its last line (from the parse; missing when the file did not parse). */
  ends: Map<string, number>;
}

/** Files larger than this are not embedded (the page stays small); the page says "source not found". */
const MAX_BYTES = 4 * 1024 * 1024;

/** Node types that start a closure (a unit of the capture report). */
const UNIT = /^(?:FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod|ClassPrivateMethod|ClassProperty|ClassPrivateProperty|ClassAccessorProperty|StaticBlock|TSDeclareMethod)$/;

/** Reads and indexes a report file's source, or null when it cannot be read as UTF-8 text. */
export function readSource(root: string, key: string): SourceFile | null {
  const file = path.resolve(root, key);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return null;
    text = decodeSource(fs.readFileSync(file));
  } catch {
    return null;
  }
  const ends = new Map<string, number>();
  try {
    collectEnds(parseSource(text, key), ends);
  } catch {
    // A file that no longer parses still shows its lines; closures then show a fixed window.
  }
  return { lines: text.split(/\r\n|\r|\n|\u2028|\u2029/), ends };
}

interface NodeLike {
  type?: unknown;
  loc?: { start: { line: number; column: number }; end: { line: number } };
}

/** Walks the AST without @babel/traverse (only positions are needed) and records unit start → end line. */
function collectEnds(root: unknown, ends: Map<string, number>): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) if (child && typeof child === "object") stack.push(child);
      continue;
    }
    const n = node as NodeLike & Record<string, unknown>;
    if (typeof n.type === "string" && n.loc && UNIT.test(n.type)) {
      const key = `${n.loc.start.line}:${n.loc.start.column}`;
      ends.set(key, Math.max(ends.get(key) ?? 0, n.loc.end.line));
    }
    for (const field in n) {
      if (field === "loc" || field === "leadingComments" || field === "trailingComments" || field === "innerComments" || field === "extra") continue;
      const child = n[field];
      if (child && typeof child === "object") stack.push(child);
    }
  }
}
