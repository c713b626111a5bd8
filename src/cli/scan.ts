import * as fs from "fs";
import * as path from "path";
import type { NodePath, types as t } from "@babel/core";
import { parse, type ParserPlugin } from "@babel/parser";
import traverse from "@babel/traverse";
import { planTarget, reportKey, emptyReport, type Diagnostic, type FileReport, type Report, type TagOptions } from "../core";
import { analyzeProgram } from "../babel/lower";
import { candidateComments, findTagged } from "../babel/find-targets";
import { resolveTarget } from "../babel/resolve-target";
import { CliError } from "./errors";

/**
 * `memoscope scan`: the capture report without a build. Parses each file with @babel/parser
 * (`sourceType: "unambiguous"`, like Babel), finds the tags as the plugin does, and runs the same
 * lowering, resolver and classifier, so the output is what a build would write.
 */

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** A finding about a tag (bad option, misplaced tag), reported next to the scan. */
export interface TagNote {
  file: string;
  diagnostic: Diagnostic;
}

/** Files to scan: files as given, directories searched (skipping node_modules and dot folders), sorted. */
export function collectFiles(inputs: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new CliError(`${dir}: cannot read directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else if (SOURCE.test(entry.name) && !DECLARATION.test(entry.name)) found.add(full);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (err) {
      throw new CliError(`${input}: cannot read (${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : (err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (stat.isDirectory()) walk(input);
    else found.add(input);
  }
  return [...found].sort();
}

/** Parser plugins by file extension. */
function pluginsFor(file: string): ParserPlugin[] {
  const decorators: ParserPlugin = "decorators-legacy";
  if (/\.[cm]?ts$/.test(file)) return ["typescript", decorators];
  if (/\.tsx$/.test(file)) return ["typescript", "jsx", decorators];
  return ["jsx", decorators];
}

/** Parses source text the way the scan does; syntax errors become a CliError with file:line:column. */
export function parseSource(code: string, file: string): t.File {
  try {
    return parse(code, { sourceType: "unambiguous", plugins: pluginsFor(file), allowReturnOutsideFunction: true, sourceFilename: file }) as unknown as t.File;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    if (e.loc) throw new CliError(`${file}:${e.loc.line}:${e.loc.column + 1}: syntax error: ${e.message.replace(/\s*\(\d+:\d+\)$/, "")}`);
    throw new CliError(`${file}: cannot parse: ${e.message}`);
  }
}

/** Analyses one file's source: its report entry, and notes about its tags. */
export function analyzeSource(code: string, file: string): { entry: FileReport; notes: Diagnostic[] } {
  const ast = parseSource(code, file);
  const notes: Diagnostic[] = [];
  // Babel's paths (and the scope crawl that comes with them) only for a file that may hold a tag.
  if (candidateComments(ast.comments).size === 0) return { entry: analyzeProgram(ast.program, new Map()), notes };
  let entry: FileReport = { closures: [] };
  traverse(ast, {
    Program(program: NodePath<t.Program>) {
      entry = analyzeProgram(program.node, memoizedFunctions(program, ast, notes));
      program.stop();
    },
  });
  return { entry, notes };
}

/** The tagged functions of a program, found as the Babel plugin finds them (targets it would reject are left out). */
function memoizedFunctions(program: NodePath<t.Program>, ast: t.File, notes: Diagnostic[]): Map<t.Node, TagOptions> {
  const memoized = new Map<t.Node, TagOptions>();
  const candidates = candidateComments(ast.comments);
  if (candidates.size === 0) return memoized;
  for (const tagged of findTagged(program, candidates, notes)) {
    const { fn, facts } = resolveTarget(tagged.holder);
    const plan = planTarget(facts, tagged.options);
    if (!plan.ok) {
      notes.push({ ...plan.diagnostic, at: (fn ?? tagged.holder).node.loc?.start ?? tagged.tagAt });
      continue;
    }
    if (fn) memoized.set(fn.node, tagged.options);
  }
  return memoized;
}

/** Scans files and directories into a report keyed relative to `root`. */
export function scan(inputs: readonly string[], root: string): { report: Report; notes: TagNote[] } {
  // One file table filled in place (withFileEntry's copy per file made a large scan quadratic).
  const files: Report["files"] = {};
  const notes: TagNote[] = [];
  for (const file of collectFiles(inputs)) {
    let code: string;
    try {
      code = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const key = reportKey(root, file);
    const result = analyzeSource(code, key);
    if (result.entry.closures.length > 0) files[key] = result.entry;
    else delete files[key];
    for (const diagnostic of result.notes) notes.push({ file: key, diagnostic });
  }
  return { report: { ...emptyReport(), files }, notes };
}
