import * as fs from "fs";
import * as path from "path";
import type { NodePath, types as t } from "@babel/core";
import { parse, type ParserPlugin } from "@babel/parser";
import traverse from "@babel/traverse";
import { Codes, error, reportKey, emptyReport, emptySummary, type Diagnostic, type FileReport, type ModuleAnalysis, type ModuleSummary, type Position, type Report, type TagOptions } from "../core";
import { applyWholeProgram } from "../core/program/cross";
import { analyzeModule } from "../babel/lower";
import { candidateComments } from "../babel/find-targets";
import { planTags } from "../babel/plan-tags";

/**
 * `memoscope scan`: the capture report without a build. Parses each file with @babel/parser
 * (`sourceType: "unambiguous"`, like Babel), finds the tags as the plugin does, and runs the same
 * lowering, resolver and classifier, so each file's entry is what a build would write; then, since it
 * sees the whole program, the cross-file pass (SPEC §5b) over every scanned file's summary, imports
 * resolved as TypeScript would (tsconfig `paths`/`baseUrl` from the root's tsconfig.json and up).
 */

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** A finding about a tag (bad option, misplaced tag), reported next to the scan. */
export interface TagNote {
  file: string;
  diagnostic: Diagnostic;
}

/** A file the scan could not analyse (unreadable, not UTF-8, or a syntax error), with where when known. */
export interface FileFailure {
  file: string;
  diagnostic: Diagnostic;
}

/** What a scan found: the report of the files it analysed, notes about their tags, and the files it could not analyse. */
export interface ScanResult {
  report: Report;
  notes: TagNote[];
  failures: FileFailure[];
  /** Each analysed file's summary for the cross-file pass, by report key (files with nothing to report too). */
  summaries: Map<string, ModuleSummary>;
  /** Lines for stderr: what the cross-file pass could not use (a tsconfig it cannot read). */
  warnings: string[];
}

/**
 * Files to scan: files as given, directories searched (skipping node_modules and dot folders; symlinked
 * folders followed once each, so a link cycle ends), sorted.
 */
export function collectFiles(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  const visited = new Set<string>();
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      const real = fs.realpathSync(dir);
      if (visited.has(real)) return;
      visited.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // Kept as an entry, so the scan lists the directory it could not read (readProblem says why) and goes on.
      found.add(dir);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const folder = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
      if (folder) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else if (SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) {
        found.add(full); // a broken symlink is kept too, so the scan lists it
      }
    }
  };
  for (const input of inputs) {
    // An input that does not exist is kept too: the scan lists it as a file it could not read.
    if (isDirectory(input)) walk(input);
    else found.add(input);
  }
  return [...found].sort();
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ENOENT") return "no such file or directory";
  if (e.code === "EACCES") return "permission denied";
  if (e.code === "EISDIR") return "is a directory";
  return e.code ?? e.message;
}

/** Parser plugins by file extension: TypeScript for .ts/.mts/.cts/.tsx, JSX for .js/.jsx/.mjs/.cjs/.tsx, and every ES syntax Babel parses. */
function pluginsFor(file: string, decorators: "legacy" | "standard"): ParserPlugin[] {
  const typescript = /\.[cm]?tsx?$/.test(file);
  const jsx = !typescript || /\.tsx$/.test(file);
  const plugins: ParserPlugin[] = [];
  if (typescript) plugins.push("typescript");
  if (jsx) plugins.push("jsx");
  if (decorators === "legacy") plugins.push("decorators-legacy");
  else plugins.push(["decorators", { allowCallParenthesized: true }], "sourcePhaseImports", "deferredImportEvaluation");
  plugins.push("decoratorAutoAccessors", "explicitResourceManagement", "importAttributes", "deprecatedImportAssert");
  return plugins;
}

/** A syntax error, located: line 1-based, column 0-based. */
export class SourceSyntaxError extends Error {
  constructor(message: string, readonly at: Position | undefined) {
    super(message);
    this.name = "SourceSyntaxError";
  }
}

/**
 * Parses source text the way the scan does. TypeScript files try TypeScript's (legacy) decorators first
 * (parameter decorators), JavaScript files the standard ones (`export @dec class`); the other is the fallback.
 * A syntax error throws a SourceSyntaxError with the first attempt's message and position.
 */
export function parseSource(code: string, file: string): t.File {
  const order: Array<"legacy" | "standard"> = /\.[cm]?tsx?$/.test(file) ? ["legacy", "standard"] : ["standard", "legacy"];
  let first: Error | undefined;
  for (const decorators of order) {
    try {
      return parse(code, { sourceType: "unambiguous", plugins: pluginsFor(file, decorators), allowReturnOutsideFunction: true, sourceFilename: file }) as unknown as t.File;
    } catch (err) {
      first ??= err as Error;
    }
  }
  const e = first as Error & { loc?: Position };
  throw new SourceSyntaxError(`syntax error: ${e.message.replace(/\s*\(\d+:\d+\)$/, "")}`, e.loc ? { line: e.loc.line, column: e.loc.column } : undefined);
}

/**
 * Decodes a source file's bytes as UTF-8, as Babel and tsc read it. A UTF-8 byte order mark is dropped;
 * UTF-16/32 (by BOM or NUL bytes) and invalid UTF-8 throw a SourceSyntaxError saying so, never a silent misreading.
 */
export function decodeSource(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SourceSyntaxError(`not UTF-8: the file is UTF-16 (${bytes[0] === 0xff ? "little" : "big"}-endian byte order mark); save it as UTF-8`, undefined);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new SourceSyntaxError("not UTF-8 text: the file contains NUL bytes (UTF-16 or binary?); save it as UTF-8", positionOf(bytes, nul));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new SourceSyntaxError(`not valid UTF-8: byte 0x${bytes[bad].toString(16).padStart(2, "0")} at offset ${bad}; save the file as UTF-8`, positionOf(bytes, bad));
  }
}

/** The offset of the first byte of the first invalid UTF-8 sequence (overlong forms and surrogates included, as TextDecoder rejects them). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b === 0xe0) [need, min] = [2, 0xa0];
    else if (b === 0xed) [need, min, max] = [2, 0x80, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) [need, min] = [2, 0x80];
    else if (b === 0xf0) [need, min] = [3, 0x90];
    else if (b === 0xf4) [need, min, max] = [3, 0x80, 0x8f];
    else if (b >= 0xf1 && b <= 0xf3) [need, min] = [3, 0x80];
    else return i;
    // The second byte has the narrowed range; the rest are plain continuation bytes.
    if (i + need >= bytes.length) return i; // truncated at the end of the file
    if (bytes[i + 1] < min || bytes[i + 1] > max) return i;
    for (let k = 2; k <= need; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}

/** Line (1-based) and column (0-based, in UTF-16 units as editors and Babel count; the bytes before `offset` are valid UTF-8) of a byte offset. */
function positionOf(bytes: Buffer, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: bytes.subarray(start, offset).toString("utf8").length };
}

/** Analyses one file's source (`file`: its report key, which MS105 chains name): its report entry, its summary for the whole-program pass, and notes about its tags. */
export function analyzeSource(code: string, file: string): { entry: FileReport; summary: ModuleSummary; notes: Diagnostic[] } {
  // A byte-order mark is not part of the text (positions count from after it, as editors and tsc do).
  if (code.charCodeAt(0) === 0xfeff) code = code.slice(1);
  const ast = parseSource(code, file);
  const notes: Diagnostic[] = [];
  // Babel's paths (and the scope crawl that comes with them) only for a file that may hold a tag.
  if (candidateComments(ast.comments).size === 0) {
    const { report, summary } = analyzeModule(ast.program, new Map(), file);
    return { entry: report, summary, notes };
  }
  let analysis: ModuleAnalysis = { report: { closures: [] }, summary: emptySummary() };
  traverse(ast, {
    Program(program: NodePath<t.Program>) {
      analysis = analyzeModule(program.node, memoizedFunctions(program, ast, notes), file);
      program.stop();
    },
  });
  return { entry: analysis.report, summary: analysis.summary, notes };
}

/** The tagged functions of a program, planned as the Babel plugin plans them (targets it would reject are left out). */
function memoizedFunctions(program: NodePath<t.Program>, ast: t.File, notes: Diagnostic[]): Map<t.Node, TagOptions> {
  return new Map(planTags(program, ast, notes).map((p) => [p.fn.node, p.options]));
}

/**
 * Scans files and directories into a report keyed relative to `root`, then runs the cross-file pass over all
 * of them. Never stops at a bad file: a file it cannot read, decode or parse (or whose analysis fails) is
 * listed in `failures` (code MS091 or MS092) and the rest go on; calls into it are listed as unresolved.
 */
export function scan(inputs: readonly string[], root: string): ScanResult {
  // One file table filled in place (withFileEntry's copy per file made a large scan quadratic).
  const files: Report["files"] = {};
  const notes: TagNote[] = [];
  const failures: FileFailure[] = [];
  const summaries = new Map<string, ModuleSummary>();
  for (const file of collectFiles(inputs)) {
    const key = reportKey(root, file);
    let code: string;
    // A FIFO, socket or device named like a source file would block or mislead a read: listed, not read.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && !stat.isFile() && !stat.isDirectory()) {
      failures.push({ file: key, diagnostic: error(Codes.unreadableFile, "cannot read: not a regular file (a FIFO, socket or device)") });
      continue;
    }
    try {
      code = decodeSource(fs.readFileSync(file));
    } catch (err) {
      if (err instanceof SourceSyntaxError) failures.push({ file: key, diagnostic: error(Codes.unreadableFile, err.message, err.at) });
      else failures.push({ file: key, diagnostic: error(Codes.unreadableFile, `cannot read: ${readProblem(file, err)}`) });
      continue;
    }
    try {
      const result = analyzeSource(code, key);
      if (result.entry.closures.length > 0) files[key] = result.entry;
      else delete files[key];
      summaries.set(key, result.summary);
      for (const diagnostic of result.notes) notes.push({ file: key, diagnostic });
    } catch (err) {
      if (err instanceof SourceSyntaxError) failures.push({ file: key, diagnostic: error(Codes.unparsableFile, err.message, err.at) });
      else failures.push({ file: key, diagnostic: error(Codes.unparsableFile, `internal error while analysing the file: ${(err as Error).message ?? String(err)} (please report it)`) });
    }
  }
  const program = applyWholeProgram({ ...emptyReport(), files }, { root, summaries });
  const warnings = [...program.problems];
  const outside = program.unsummarised.filter((key) => !failures.some((f) => f.file === key));
  if (outside.length > 0) {
    const shown = outside.slice(0, 5).join(", ") + (outside.length > 5 ? ` and ${outside.length - 5} more` : "");
    warnings.push(`${outside.length} imported file${outside.length === 1 ? " was" : "s were"} not scanned (${shown}): calls into ${outside.length === 1 ? "it" : "them"} are listed as unresolved. Scan the whole project for findings through them.`);
  }
  return { report: program.report, notes, failures, summaries, warnings };
}

/** Why a file could not be read, in words (a dangling symlink says so). */
function readProblem(file: string, err: unknown): string {
  if ((err as NodeJS.ErrnoException).code === "EISDIR") {
    try {
      fs.readdirSync(file);
    } catch (dirErr) {
      return `directory not readable (${errorCode(dirErr)})`;
    }
  }
  if ((err as NodeJS.ErrnoException).code === "ENOENT") {
    try {
      if (fs.lstatSync(file).isSymbolicLink()) return `broken symbolic link (to ${fs.readlinkSync(file)})`;
    } catch {
      // not a symlink either: no such file
    }
  }
  return errorCode(err);
}
