import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { OUT, type Fixture } from "./fixtures";

/** Writes a compiled fixture and its exec.js under .fixture-out/<frontEnd>/<name>/ and runs it in its own node. */
export function runExec(fixture: Fixture, frontEnd: string, compiled: string): { stdout: string; stderr: string; status: number | null } {
  const dir = path.join(OUT, frontEnd, fixture.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "input.js"), compiled);
  fs.writeFileSync(path.join(dir, "exec.js"), fixture.exec ?? "");
  const result = spawnSync(process.execPath, [...fixture.nodeFlags, "exec.js"], { cwd: dir, encoding: "utf8", timeout: 30000 });
  return { stdout: result.stdout.trim(), stderr: result.stderr, status: result.status };
}
