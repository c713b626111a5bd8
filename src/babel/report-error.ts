import type { BabelFile as BabelFileBase, types as t } from "@babel/core";

/** Babel's File, with the code-frame method its type declarations leave out. */
export type BabelFile = BabelFileBase & { buildCodeFrameError(node: t.Node, message: string): Error };
import { MemoscopeError, type Diagnostic, type Position } from "../core";

/**
 * Turns core diagnostics into what a Babel user sees: build errors with Babel's code frame (thrown),
 * warnings with the same frame on stderr.
 */

/** A node-shaped object at a position, so `buildCodeFrameError` can frame positions inside comments. */
function at(position: Position): t.Node {
  const loc = { start: position, end: { line: position.line, column: position.column + 1 }, filename: "", identifierName: undefined };
  return { type: "Noop", loc } as unknown as t.Node;
}

function describe(diagnostic: Diagnostic, position: Position): string {
  return `${diagnostic.code}: ${diagnostic.message} (${position.line}:${position.column})`;
}

/** A Babel code-frame error for a diagnostic; `position` defaults to the diagnostic's own. */
export function buildError(file: BabelFile, diagnostic: Diagnostic, position = diagnostic.at): Error {
  const where = position ?? { line: 1, column: 0 };
  const err = file.buildCodeFrameError(at(where), describe(diagnostic, where));
  Object.assign(err, { memoscope: diagnostic, loc: where });
  return err;
}

/** Prints a warning with a code frame to stderr, as Babel prints its own deprecation notes (or collects it for a bundler: see index.ts). */
export function printWarning(file: BabelFile, diagnostic: Diagnostic): void {
  const collected = (file.metadata as { memoscopeWarnings?: Diagnostic[] }).memoscopeWarnings;
  if (collected) return void collected.push(diagnostic);
  const where = diagnostic.at ?? { line: 1, column: 0 };
  const framed = file.buildCodeFrameError(at(where), describe(diagnostic, where)).message;
  process.stderr.write(`memoscope ${diagnostic.severity}: ${framed}\n`);
}

export { MemoscopeError };
