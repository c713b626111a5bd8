import path from "node:path";
import type * as TS from "typescript";
import { FindingPrinter, printedPath, type Diagnostic, type Position, type PrintableFinding } from "../core";

/**
 * Turns core diagnostics into what a TypeScript user sees: build errors become error `ts.Diagnostic`s
 * on the node (through ts-patch's `addDiagnostic`, which fails the build), warnings go to stderr as the
 * core formats them (the same text as the Babel path), never through `addDiagnostic` (any diagnostic
 * there fails `tspc`).
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

/**
 * One printer per build: keyed by the program's compiler options, which a watch program or ts-loader's
 * language service keeps across the programs of one build process (ts-patch makes a new transformer,
 * with a new config object, for every emit).
 */
const printers = new WeakMap<object, FindingPrinter>();

/**
 * Prints a file's findings to stderr, each once per build and file content (see core/print.ts).
 * The one place the TypeScript path writes to the console.
 */
export function printFindings(program: TS.Program, sf: TS.SourceFile, root: string, findings: readonly PrintableFinding[]): void {
  if (findings.length === 0) return;
  const key = program.getCompilerOptions();
  let printer = printers.get(key);
  if (printer === undefined) printers.set(key, (printer = new FindingPrinter()));
  const filename = path.resolve(program.getCurrentDirectory(), sf.fileName);
  const text = printer.format(filename, printedPath(root, filename), sf.text, findings);
  if (text) process.stderr.write(text);
}
