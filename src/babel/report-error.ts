import path from "node:path";
import type { BabelFile as BabelFileBase, types as t } from "@babel/core";

/** Babel's File, with the code-frame method its type declarations leave out. */
export type BabelFile = BabelFileBase & { buildCodeFrameError(node: t.Node, message: string): Error };
import { FindingPrinter, MemoscopeError, isPrinted, printedPath, type Diagnostic, type Position, type PrintableFinding } from "../core";

/**
 * Turns core diagnostics into what a Babel user sees: build errors with Babel's code frame (thrown),
 * warnings printed to stderr as the core formats them (the TypeScript path prints the same text).
 */

/** A node-shaped object at a position, so `buildCodeFrameError` can frame positions inside comments. */
function at(position: Position): t.Node {
  const loc = { start: position, end: { line: position.line, column: position.column + 1 }, filename: "", identifierName: undefined };
  return { type: "Noop", loc } as unknown as t.Node;
}

function describe(diagnostic: Diagnostic, position: Position): string {
  return `${diagnostic.code}: ${diagnostic.message} (${position.line}:${position.column})`;
}

/**
 * Positions as editors, tsc, ESLint and `memoscope scan` count them: Babel's parser counts a leading
 * byte-order mark as a column of line 1 (the TypeScript compiler reads files without it), so a tag
 * diagnostic on line 1 of such a file moves back one column. Mutates and returns `diagnostics`.
 */
export function withoutBom<T extends Diagnostic>(code: string, diagnostics: T[]): T[] {
  if (code.charCodeAt(0) !== 0xfeff) return diagnostics;
  for (const d of diagnostics) {
    if (d.at?.line === 1 && d.at.column > 0) d.at = { line: 1, column: d.at.column - 1 };
  }
  return diagnostics;
}

/** A Babel code-frame error for a diagnostic; `position` defaults to the diagnostic's own. */
export function buildError(file: BabelFile, diagnostic: Diagnostic, position = diagnostic.at): Error {
  const where = position ?? { line: 1, column: 0 };
  const err = file.buildCodeFrameError(at(where), describe(diagnostic, where));
  Object.assign(err, { memoscope: diagnostic, loc: where });
  return err;
}

/**
 * Prints a file's findings to stderr, each once per build and file content (see core/print.ts), or hands them to the bundler.
 * The one place the Babel path writes to the console.
 */
export function printFindings(printer: FindingPrinter, file: BabelFile, root: string, findings: readonly PrintableFinding[]): void {
  // Under a bundler plugin the bundler reports them through its warning API (src/bundler/babel.ts): collected, not printed; info stays in the report.
  const collected = (file.metadata as { memoscopeWarnings?: PrintableFinding[] }).memoscopeWarnings;
  if (collected) return void collected.push(...findings.filter(isPrinted));
  const filename = (file.opts as { filename?: string | null }).filename ?? undefined;
  const text = printer.format(filename ? path.resolve(root, filename) : "<input>", printedPath(root, filename), file.code, findings);
  if (text) process.stderr.write(text);
}

export { MemoscopeError };
