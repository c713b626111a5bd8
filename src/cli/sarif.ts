import { createHash } from "crypto";
import type { Report } from "../core";
import { findings, fingerprint } from "./findings";

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per MS1xx code, one result per finding, relative
 * URIs against %SRCROOT%, 1-based columns, and a stable partial fingerprint (no line numbers).
 */

const RULES = [
  { id: "MS101", name: "StaleCapture", short: "A memoized function captures a binding that is reassigned", help: "Pass the value as an argument, make it a constant, or clear the cache with cacheOf(fn).clear() when it changes." },
  { id: "MS102", name: "WritesCapture", short: "A memoized function writes captured state", help: "A cache hit skips the body, so the write stops happening. Move the side effect out, or remove @memoize." },
  { id: "MS103", name: "NondeterministicCall", short: "A memoized function calls a non-deterministic global", help: "Math.random, Date.now, new Date(), performance.now and crypto random functions give a new value each call; pass it in as an argument." },
  { id: "MS104", name: "UnboundedCache", short: "A memoized function with string or object arguments has an unbounded cache", help: "Add max=N or ttl=D (or weak for object arguments) to the @memoize tag." },
] as const;

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** The SARIF log (as an object; the caller serialises it). */
export function toSarif(report: Report, version: string): object {
  const ruleIndex = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
  const results = findings(report).map((f) => {
    const index = ruleIndex.get(f.diagnostic.code);
    return {
      ruleId: f.diagnostic.code,
      ...(index !== undefined && { ruleIndex: index }),
      level: LEVEL[f.diagnostic.severity],
      message: { text: f.diagnostic.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: "%SRCROOT%" },
            region: { startLine: f.diagnostic.at.line, startColumn: f.diagnostic.at.column + 1 },
          },
          logicalLocations: [{ name: f.closure.name, kind: "function" }],
        },
      ],
      partialFingerprints: { "memoscopeFinding/v1": createHash("sha256").update(fingerprint(f)).digest("hex").slice(0, 32) },
    };
  });
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
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.short },
              fullDescription: { text: `${r.short}. ${r.help}` },
              help: { text: r.help },
              defaultConfiguration: { level: r.id === "MS104" ? "note" : "warning" },
            })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The project root the report paths are relative to." } } },
        results,
      },
    ],
  };
}
