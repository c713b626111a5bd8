import type { Rule, SourceCode } from "eslint";
import * as path from "path";
import * as scan from "../cli/scan";
import { mightHoldTag, type Position, type Severity } from "../core";

/**
 * The one analysis behind every rule: `memoscope scan`'s own `analyzeSource` (the Babel collector and
 * the core classifier, the same code the build runs) on the text ESLint holds, so the rules work with
 * any ESLint parser (espree, typescript-eslint) and say exactly what the build says. It runs at most
 * once per file however many rules are on (cached on ESLint's SourceCode object), and not at all for a
 * file whose text cannot hold a tag: the core's own pre-check (`@memo…`, `@cached`, any case) catches
 * `@memoize` and every misspelling the build warns about, so such a file costs one regex scan.
 */

/** One diagnostic the build would give for the file: MS0xx tag notes and MS1xx findings alike. */
export interface FileDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** Line 1-based, column 0-based (Babel's convention, and ESLint's `loc`). */
  at: Position;
}

/** What the rules read: the diagnostics, or why the file could not be analysed. */
export interface FileAnalysis {
  diagnostics: FileDiagnostic[];
  /** Babel could not parse what ESLint's parser did (reported once, by `valid-tag`). */
  failure?: { message: string; at: Position };
}

const NOTHING: FileAnalysis = { diagnostics: [] };
const analyses = new WeakMap<SourceCode, FileAnalysis>();
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** The file's analysis, computed on first use by any rule and shared by the rest. */
export function analysisOf(context: Rule.RuleContext): FileAnalysis {
  const sourceCode = context.sourceCode;
  let analysis = analyses.get(sourceCode);
  if (analysis === undefined) {
    analysis = mightHoldTag(sourceCode.text) ? analyze(sourceCode.text, reportName(context, parserFilename(context))) : NOTHING;
    analyses.set(sourceCode, analysis);
  }
  return analysis;
}

/**
 * The name that picks the Babel parser's syntax: the file's own when it has a source extension;
 * otherwise (stdin `<text>`, a processor's virtual block) TypeScript when ESLint parses with
 * typescript-eslint, else JavaScript with JSX.
 */
function parserFilename(context: Rule.RuleContext): string {
  const filename = context.filename;
  if (SOURCE_EXTENSION.test(filename)) return filename;
  const parser = context.languageOptions.parser as { meta?: { name?: string } } | undefined;
  return /typescript/.test(parser?.meta?.name ?? "") ? `${filename}.ts` : `${filename}.js`;
}

/**
 * The name MS105 chains give the file, as a build's report key: relative to ESLint's cwd (the project
 * root, as a rule that cannot know the build root best guesses it), `/`-separated.
 */
function reportName(context: Rule.RuleContext, filename: string): string {
  if (!path.isAbsolute(filename)) return filename.split(path.sep).join("/");
  const relative = path.relative(context.cwd, filename);
  return (relative.startsWith("..") || path.isAbsolute(relative) ? filename : relative).split(path.sep).join("/");
}

function analyze(text: string, filename: string): FileAnalysis {
  let result: ReturnType<typeof scan.analyzeSource>;
  try {
    result = scan.analyzeSource(text, filename);
  } catch (err) {
    // scan's syntax errors carry Babel's message and position (line 1-based, column 0-based).
    if (err instanceof scan.SourceSyntaxError) return { diagnostics: [], failure: { message: err.message, at: err.at ?? { line: 1, column: 0 } } };
    return { diagnostics: [], failure: { message: (err as Error).message, at: { line: 1, column: 0 } } };
  }
  const diagnostics: FileDiagnostic[] = [];
  for (const note of result.notes) diagnostics.push({ code: note.code, severity: note.severity, message: note.message, at: note.at ?? { line: 1, column: 0 } });
  for (const closure of result.entry.closures) for (const d of closure.diagnostics) diagnostics.push({ code: d.code, severity: d.severity, message: d.message, at: d.at });
  return { diagnostics };
}
