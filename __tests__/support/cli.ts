import { spawnSync } from "node:child_process";
import path from "node:path";

/** The built `memoscope` bin, run as users run it. */
export const memoscopeBin = path.join(__dirname, "..", "..", "dist", "cli", "main.js");

/** Runs `memoscope ...args` in `cwd`; returns status, stdout and stderr. */
export function runMemoscope(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [memoscopeBin, ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
