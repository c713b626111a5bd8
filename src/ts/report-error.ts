import type * as TS from "typescript";
import type { Diagnostic, Position } from "../core";

/**
 * Turns core diagnostics into what a TypeScript user sees: build errors become error `ts.Diagnostic`s
 * on the node (through ts-patch's `addDiagnostic`, which fails the build), warnings go to stderr with
 * the file, line, column and a code frame, never through `addDiagnostic` (any diagnostic there fails `tspc`).
 */

/** memoscope's TypeScript diagnostic codes: 990000 + the MS number (`MS017` → `TS990017`). */
export function tsCode(code: string): number {
  return 990000 + Number(code.replace(/^MS/, ""));
}

function describe(diagnostic: Diagnostic, position: Position): string {
  return `${diagnostic.code}: ${diagnostic.message} (${position.line}:${position.column})`;
}

/** An error diagnostic at a position (line 1-based, column 0-based), spanning `length` characters. */
export function toTsDiagnostic(ts: typeof TS, sf: TS.SourceFile | undefined, diagnostic: Diagnostic, length = 1): TS.Diagnostic {
  const where = diagnostic.at ?? { line: 1, column: 0 };
  const start = sf ? ts.getPositionOfLineAndCharacter(sf, where.line - 1, where.column) : undefined;
  return {
    file: sf,
    start,
    length: sf ? Math.max(1, Math.min(length, sf.text.length - start!)) : undefined,
    messageText: sf ? describe(diagnostic, where) : `${diagnostic.code}: ${diagnostic.message}`,
    category: ts.DiagnosticCategory.Error,
    code: tsCode(diagnostic.code),
    source: "memoscope",
  };
}

/** A code frame like Babel's: the line with a caret under the column, and a line either side. */
export function codeFrame(text: string, position: Position): string {
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  const first = Math.max(1, position.line - 1);
  const last = Math.min(lines.length, position.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const gutter = `${n === position.line ? ">" : " "} ${String(n).padStart(width)} |`;
    out.push(`${gutter}${lines[n - 1] ? ` ${lines[n - 1]}` : ""}`);
    if (n === position.line) out.push(`  ${" ".repeat(width)} | ${lines[n - 1].slice(0, position.column).replace(/[^\t]/g, " ")}^`);
  }
  return out.join("\n");
}

/** Prints a warning to stderr: `memoscope warning: file:line:column: MSxxx: message (line:column)` (the first column 1-based, as tsc prints it) and a code frame. */
export function printWarning(sf: TS.SourceFile, diagnostic: Diagnostic): void {
  const where = diagnostic.at ?? { line: 1, column: 0 };
  process.stderr.write(`memoscope ${diagnostic.severity}: ${sf.fileName}:${where.line}:${where.column + 1}: ${describe(diagnostic, where)}\n${codeFrame(sf.text, where)}\n`);
}
