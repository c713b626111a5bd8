import { createHash } from "crypto";
import * as path from "path";
import type { Diagnostic, Position } from "./diagnostics";

/**
 * What a build prints for its findings (SPEC §5), worded once for both front ends so they print the
 * same text: `src/a.ts:4:35: warning MS101: message` (path relative to the root, line and column
 * 1-based, as tsc and ESLint print them), then a code frame laid out as Babel's. Info findings (MS104)
 * go to the report only. A printer remembers what it printed per file and content, so a file
 * transformed again unchanged in the same build process (ts-loader, watch mode, a dev server) prints
 * nothing new, while a changed file prints its findings again.
 */

/** What a finding needs to be printed (a core `Diagnostic` or a report finding). */
export type PrintableFinding = Pick<Diagnostic, "code" | "severity" | "message" | "at">;

/** Line starts of a text, found once, so framing many findings of one file stays linear in its size. */
export class SourceLines {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // The line terminators of ECMAScript (and of Babel's and TypeScript's positions): \r\n, \n, \r, U+2028, U+2029.
    const breaks = /\r\n?|[\n\u2028\u2029]/g;
    for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) this.starts.push(m.index + m[0].length);
  }

  /** How many lines the text has. */
  get count(): number {
    return this.starts.length;
  }

  /** Line `n` (1-based) without its terminator; "" past the end. */
  line(n: number): string {
    if (n < 1 || n > this.starts.length) return "";
    const start = this.starts[n - 1];
    const end = n < this.starts.length ? this.starts[n] : this.text.length;
    return this.text.slice(start, end).replace(/(?:\r\n?|[\n\u2028\u2029])$/, "");
  }
}

/**
 * A code frame as `@babel/code-frame` lays it out without colours: two lines above, three below, a
 * `>` on the finding's line and a caret under its column (tabs kept so the caret lines up).
 */
export function codeFrame(lines: SourceLines, at: Position): string {
  const first = Math.max(at.line - 2, 1);
  const last = Math.min(lines.count, at.line + 3);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines.line(n);
    const gutter = ` ${String(n).padStart(width)} |`;
    const code = text.length > 0 ? ` ${text}` : "";
    if (n !== at.line) {
      out.push(` ${gutter}${code}`);
      continue;
    }
    out.push(`>${gutter}${code}`);
    out.push(` ${gutter.replace(/\d/g, " ")} ${text.slice(0, at.column).replace(/[^\t]/g, " ")}^`);
  }
  return out.join("\n");
}

/** A file's path as printed: relative to the root, with `/` separators (`../` when outside it). */
export function printedPath(root: string, filename: string | undefined): string {
  if (!filename) return "<input>";
  return path.relative(root, path.resolve(root, filename)).split(path.sep).join("/") || path.basename(filename);
}

/** The first line of a printed finding: `src/a.ts:4:35: warning MS101: message`. */
export function findingHeadline(file: string, finding: PrintableFinding): string {
  const at = finding.at ?? { line: 1, column: 0 };
  return `${file}:${at.line}:${at.column + 1}: ${finding.severity} ${finding.code}: ${finding.message}`;
}

/** A finding as printed: its headline and code frame, newline-terminated. */
export function formatFinding(file: string, lines: SourceLines, finding: PrintableFinding): string {
  return `${findingHeadline(file, finding)}\n${codeFrame(lines, finding.at ?? { line: 1, column: 0 })}\n`;
}

/** Is this finding printed at all? Info findings (MS104) live in the report only. */
export function isPrinted(finding: PrintableFinding): boolean {
  return finding.severity !== "info";
}

/** Sort order of findings in a file: by position, then code. */
function byPosition(a: PrintableFinding, b: PrintableFinding): number {
  const pa = a.at ?? { line: 0, column: 0 };
  const pb = b.at ?? { line: 0, column: 0 };
  return pa.line - pb.line || pa.column - pb.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Sorts diagnostics by position (then code), in place, and returns them: the order both front ends report and print them in. */
export function sortByPosition<T extends PrintableFinding>(findings: T[]): T[] {
  return findings.sort(byPosition);
}

/**
 * Remembers, per file, which findings a build already printed for the file's current content.
 * A front end keeps one per build (a Babel plugin instance, a TypeScript program's options).
 */
export class FindingPrinter {
  private readonly files = new Map<string, { digest: string; printed: Set<string> }>();

  /**
   * The text to print for `findings` of the file `filename` (absolute) with content `text`: each
   * finding not printed before for this content, sorted by position; "" when there is nothing new.
   * `file` is the path as printed (see `printedPath`).
   */
  format(filename: string, file: string, text: string, findings: readonly PrintableFinding[]): string {
    const shown = findings.filter(isPrinted);
    if (shown.length === 0) return "";
    const digest = createHash("sha1").update(text).digest("base64");
    let seen = this.files.get(filename);
    if (seen === undefined || seen.digest !== digest) this.files.set(filename, (seen = { digest, printed: new Set() }));
    const lines = new SourceLines(text);
    let out = "";
    for (const finding of sortByPosition([...shown])) {
      const entry = formatFinding(file, lines, finding);
      if (seen.printed.has(entry)) continue;
      seen.printed.add(entry);
      out += entry;
    }
    return out;
  }
}
