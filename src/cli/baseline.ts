import * as fs from "fs";
import { stableStringify, writeAtomically } from "../core";
import { CliError } from "./errors";
import { fingerprint, type Finding } from "./findings";

/**
 * A baseline: the warnings a code base already has, committed so that `--check --baseline FILE`
 * fails only on new ones. Entries name file, function, code and message (no positions).
 */

interface BaselineEntry {
  file: string;
  function: string;
  code: string;
  message: string;
}

/** Writes the baseline for these findings. */
export function writeBaseline(file: string, list: readonly Finding[]): void {
  const entries = new Map<string, BaselineEntry>();
  for (const f of list) entries.set(fingerprint(f), { file: f.file, function: f.closure.name, code: f.diagnostic.code, message: f.diagnostic.message });
  const sorted = [...entries.keys()].sort().map((key) => entries.get(key)!);
  writeAtomically(file, stableStringify({ version: 1, warnings: sorted }));
}

/** Reads a baseline into the set of fingerprints it accepts. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`${file}: cannot read the baseline (${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file; create one with --write-baseline" : (err as NodeJS.ErrnoException).code})`);
  }
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file}: not a memoscope baseline (invalid JSON: ${(err as Error).message})`);
  }
  if (data === null || typeof data !== "object" || data.version !== 1 || !Array.isArray(data.warnings)) {
    throw new CliError(`${file}: not a memoscope baseline (expected { "version": 1, "warnings": [...] })`);
  }
  const accepted = new Set<string>();
  for (const w of data.warnings) {
    if (w === null || typeof w !== "object" || [w.file, w.function, w.code, w.message].some((v) => typeof v !== "string")) {
      throw new CliError(`${file}: not a memoscope baseline (each warning needs file, function, code and message)`);
    }
    accepted.add(`${w.file}|${w.function}|${w.code}|${w.message}`);
  }
  return accepted;
}
