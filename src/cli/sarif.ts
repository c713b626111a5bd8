import { createHash } from "crypto";
import type { Report } from "../core";
import { findings, fingerprint } from "./findings";
import { notAnalysed, type Problem } from "./problems";

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per code that occurs (findings MS1xx, tag problems
 * MS0xx, files `scan` could not analyse MS091/MS092), one result each, URIs relative to %SRCROOT% and
 * percent-encoded per RFC 3986, 1-based columns, and a stable partial fingerprint (no line numbers).
 * An entry of a merged store older than its source is a tool execution notification, and its results
 * carry `properties.stale: true`.
 * Valid against the SARIF 2.1.0 JSON schema (a test checks it with the schema).
 */

interface Rule {
  name: string;
  short: string;
  help: string;
}

const FINDING_RULES: Record<string, Rule> = {
  MS101: { name: "StaleCapture", short: "A memoized function captures a binding that is reassigned", help: "Pass the value as an argument, make it a constant, or clear the cache with cacheOf(fn).clear() when it changes." },
  MS102: { name: "WritesCapture", short: "A memoized function writes captured state", help: "A cache hit skips the body, so the write stops happening. Move the side effect out, or remove @memoize." },
  MS103: { name: "NondeterministicCall", short: "A memoized function calls a non-deterministic global", help: "Math.random, Date.now, new Date(), performance.now and crypto random functions give a new value each call; pass it in as an argument." },
  MS104: { name: "UnboundedCache", short: "A memoized function with string or object arguments has an unbounded cache", help: "Add max=N or ttl=D (or weak for object arguments) to the @memoize tag." },
  MS105: { name: "ReachesUnsafeState", short: "A function that a memoized function calls reads reassigned state, writes captured state or is non-deterministic", help: "The message names the call chain; make the function it reaches pure, or pass the value in as an argument." },
};

const TAG_FIX = "Fix the tag as the message says; the build fails (or ignores the tag) the same way.";
const TAG_RULES: Record<string, Rule> = {
  MS001: { name: "NotAFunction", short: "@memoize on something that is not a function", help: TAG_FIX },
  MS002: { name: "Generator", short: "@memoize on a generator", help: TAG_FIX },
  MS003: { name: "Setter", short: "@memoize on a setter", help: TAG_FIX },
  MS004: { name: "Constructor", short: "@memoize on a constructor", help: TAG_FIX },
  MS005: { name: "NoBody", short: "@memoize on a function without a body", help: TAG_FIX },
  MS006: { name: "AmbiguousTarget", short: "@memoize before more than one function", help: TAG_FIX },
  MS010: { name: "UnknownOption", short: "Unknown @memoize option", help: TAG_FIX },
  MS011: { name: "BadMax", short: "Invalid max= option", help: TAG_FIX },
  MS012: { name: "BadTtl", short: "Invalid ttl= option", help: TAG_FIX },
  MS013: { name: "BadKey", short: "Invalid key= option", help: TAG_FIX },
  MS014: { name: "BadOptionShape", short: "Malformed @memoize option", help: TAG_FIX },
  MS015: { name: "DuplicateOption", short: "An option given twice", help: TAG_FIX },
  MS016: { name: "ConflictingOptions", short: "Options that cannot be combined", help: TAG_FIX },
  MS017: { name: "KeyNotInScope", short: "key= names no function in scope", help: TAG_FIX },
  MS018: { name: "DuplicateTag", short: "Two @memoize tags in one comment", help: TAG_FIX },
  MS020: { name: "MisspelledTag", short: "A misspelled @memoize tag", help: TAG_FIX },
  MS021: { name: "IgnoredComment", short: "@memoize outside a /** JSDoc */ block is ignored", help: TAG_FIX },
  MS022: { name: "NotNearest", short: "@memoize is not in the nearest comment before the function", help: TAG_FIX },
  MS023: { name: "Unattached", short: "@memoize leads no declaration or expression", help: TAG_FIX },
  MS091: { name: "UnreadableFile", short: "A file scan could not read or decode as UTF-8", help: "The file was not analysed. Fix the path or symlink, or save the file as UTF-8." },
  MS092: { name: "UnparsableFile", short: "A file scan could not parse", help: "The file was not analysed. Fix the syntax error; scan parses TypeScript, JSX, decorators, accessor, using and import attributes." },
};

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/**
 * A report key as a relative URI reference (RFC 3986): each path segment percent-encoded as UTF-8,
 * so `src/a #1%.js` is `src/a%20%231%25.js` and a `:` in the first segment cannot read as a scheme.
 */
export function fileUri(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

function location(file: string, at: { line: number; column: number } | undefined, name?: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(file), uriBaseId: "%SRCROOT%" },
      ...(at && { region: { startLine: at.line, startColumn: at.column + 1 } }),
    },
    ...(name !== undefined && { logicalLocations: [{ name, kind: "function" }] }),
  };
}

/** The report keys whose entries are older than their source (a merged store's `stale: true`), sorted. */
function staleFiles(report: Report): string[] {
  return Object.keys(report.files).filter((key) => report.files[key].stale).sort();
}

/**
 * One tool notification per stale entry: the results of that file came from an older version of it
 * (lines may have moved, findings may be fixed or new), so CI should rebuild or run `memoscope scan`.
 */
function staleNotifications(stale: readonly string[]): object[] {
  return stale.map((file) => ({
    descriptor: { id: STALE_NOTIFICATION },
    level: "warning",
    message: { text: `The report entry for ${file} is older than the file: its results describe an earlier version. Rebuild, or run memoscope scan, for a current report.` },
    locations: [location(file, undefined)],
  }));
}

/** The notification id of a stale entry (not a rule: nothing is wrong with the code, only with the report). */
const STALE_NOTIFICATION = "memoscope/stale-entry";

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** The SARIF log (as an object; the caller serialises it). `problems` are scan's tag notes and unanalysed files. */
export function toSarif(report: Report, version: string, problems: readonly Problem[] = []): object {
  const used: string[] = [];
  const ruleIndex = (code: string): number | undefined => {
    if (!(code in FINDING_RULES) && !(code in TAG_RULES)) return undefined;
    if (!used.includes(code)) used.push(code);
    return used.indexOf(code);
  };
  // Finding rules are always listed (a stable rule set for code scanning); problem rules only when they occur.
  for (const code of Object.keys(FINDING_RULES)) ruleIndex(code);
  const problemResults = problems.map((p) => {
    const index = ruleIndex(p.diagnostic.code);
    return {
      ruleId: p.diagnostic.code,
      ...(index !== undefined && { ruleIndex: index }),
      level: LEVEL[p.diagnostic.severity],
      message: { text: p.diagnostic.message },
      locations: [location(p.file, p.diagnostic.at)],
      partialFingerprints: { "memoscopeProblem/v1": hash(`${p.file}|${p.diagnostic.code}|${p.diagnostic.message}`) },
    };
  });
  const stale = staleFiles(report);
  const findingResults = findings(report).map((f) => {
    const index = ruleIndex(f.diagnostic.code);
    return {
      ruleId: f.diagnostic.code,
      ...(index !== undefined && { ruleIndex: index }),
      level: LEVEL[f.diagnostic.severity],
      message: { text: f.diagnostic.message },
      locations: [location(f.file, f.diagnostic.at, f.closure.name)],
      partialFingerprints: { "memoscopeFinding/v1": hash(fingerprint(f)) },
      // From a report entry older than its file: the result may no longer hold, or sit on another line.
      ...(stale.includes(f.file) && { properties: { stale: true } }),
    };
  });
  const failed = problems.some(notAnalysed);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "memoscope",
            version,
            informationUri: "https://www.npmjs.com/package/memoscope",
            ...(stale.length > 0 && { notifications: [{ id: STALE_NOTIFICATION, name: "StaleReportEntry", shortDescription: { text: "A report entry is older than its source file" } }] }),
            rules: used.map((id) => {
              const r = FINDING_RULES[id] ?? TAG_RULES[id];
              const level = id === "MS104" ? "note" : id in TAG_RULES && !/^MS02/.test(id) ? "error" : "warning";
              return { id, name: r.name, shortDescription: { text: r.short }, fullDescription: { text: `${r.short}. ${r.help}` }, help: { text: r.help }, defaultConfiguration: { level } };
            }),
          },
        },
        // Whether every file could be analysed: false when scan listed a file it could not read or parse.
        // Stale entries of a merged store: a notification each (the results stay, marked `properties.stale`).
        invocations: [{ executionSuccessful: !failed, ...(stale.length > 0 && { toolExecutionNotifications: staleNotifications(stale) }) }],
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The project root the report paths are relative to." } } },
        results: [...problemResults, ...findingResults],
      },
    ],
  };
}
