import { Codes, MemoscopeError, error } from "./diagnostics";
import type { ClosureRecord } from "./report";

/**
 * `verify` (SPEC §4 rule 12): the build-time half of the development check of cache hits. The front ends
 * put a `VerifyData` into the spec of every memoized function when the check is on; the runtime
 * (src/runtime/verify.ts) samples hits, reruns the body and compares. Off, nothing is added, so the
 * generated code is exactly what it is without the option.
 */

/** Environment variable read at build time; when set (non-empty) it wins over the `verify` option. */
export const VERIFY_ENV = "MEMOSCOPE_VERIFY";

/** What the generated code tells the runtime about one function under `verify`. */
export interface VerifyData {
  /** Fraction of hits rechecked, in (0, 1]: every `round(1 / rate)`-th hit of a cache runs the body again. */
  rate: number;
  /** The function's name for the message (`total`, `Cart.total`). */
  name: string;
  /** Where it is defined: `src/cart.ts:12:3`, relative to the build root, column 1-based. */
  where: string;
  /** What the capture report said about it, in short. */
  report: string;
  /** A mismatch throws instead of warning (the plugin's `strict`). */
  strict?: true;
}

/** Parses a `verify` value (option or environment text) into a rate, or false for off; undefined when it is not one. */
export function parseVerify(value: unknown): number | false | undefined {
  if (value === false || value === "false" || value === "0" || value === "off") return false;
  if (value === true || value === "true" || value === "on") return 1;
  const rate = typeof value === "number" ? value : typeof value === "string" && /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
  if (rate > 0 && rate <= 1) return rate;
  // `MEMOSCOPE_VERIFY=0` is off; other numbers outside (0, 1] are mistakes.
  return rate === 0 && typeof value === "number" ? false : undefined;
}

/** The `verify` rate a build uses: `MEMOSCOPE_VERIFY` when set, else the option. Throws a MemoscopeError on a bad environment value. */
export function verifyRate(option: number | false, env: string | undefined = typeof process === "undefined" ? undefined : process.env[VERIFY_ENV]): number | false {
  if (env === undefined || env.trim() === "") return option;
  const rate = parseVerify(env.trim().toLowerCase());
  if (rate === undefined) {
    throw new MemoscopeError(error(Codes.badPluginOption, `${VERIFY_ENV} must be a fraction of cache hits in (0, 1] (e.g. 0.1), 1/true for every hit, or 0/false for off, got ${JSON.stringify(env)}.`));
  }
  return rate;
}

const REPORT_LIMIT = 400;

/** The capture report's word on one function, short enough to embed in generated code. */
export function verifyReport(record: ClosureRecord | undefined): string {
  if (record === undefined) return "no capture report";
  const captures = record.captures.map((c) => `${c.name} (${c.binding}${c.scope === "module" ? ", module" : ""}${c.reassigned ? ", reassigned" : ""}${c.writtenHere ? ", written here" : ""})`);
  const parts = [captures.length ? `captures ${captures.join(", ")}` : "captures nothing"];
  if (record.globals.length) parts.push(`globals ${record.globals.join(", ")}`);
  if (record.dynamic) parts.push("eval/with around it");
  parts.push(record.diagnostics.length ? `findings ${record.diagnostics.map((d) => `${d.code}: ${d.message}`).join(" ")}` : "no findings");
  const text = parts.join("; ");
  return text.length > REPORT_LIMIT ? text.slice(0, REPORT_LIMIT - 1) + "…" : text;
}

/** The closure record of a memoized function at a position (line 1-based, column 0-based), or the nearest memoized one on that line. */
export function findMemoizedRecord(closures: readonly ClosureRecord[] | undefined, line: number, column: number): ClosureRecord | undefined {
  const memoized = (closures ?? []).filter((c) => c.memoized !== null);
  return memoized.find((c) => c.loc.line === line && c.loc.column === column) ?? memoized.find((c) => c.loc.line === line);
}

/** Builds the `verify` part of a spec; the place is the report's (so both front ends say the same), else the given one. */
export function verifyData(rate: number, name: string, relativeFile: string, line: number, column: number, record: ClosureRecord | undefined, strict: boolean): VerifyData {
  if (record !== undefined) ({ line, column } = record.loc);
  const data: VerifyData = { rate, name: record?.name || name, where: `${relativeFile.split("\\").join("/")}:${line}:${column + 1}`, report: verifyReport(record) };
  if (strict) data.strict = true;
  return data;
}
