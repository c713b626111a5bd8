import * as fs from "fs";
import * as path from "path";
import { threadId } from "worker_threads";

/**
 * Whole-file writes that a reader (or a process killed half-way) can never see half of: the text goes
 * to a temporary file in the same folder, which is then renamed over the target. Temporary names end
 * in `.tmp`, so store readers (which read `*.json` only) never pick one up.
 */

let counter = 0;

/** A temporary name next to `file`, unique per process, thread and call. */
export function tempNameFor(file: string): string {
  counter += 1;
  return `${file}.${process.pid}-${threadId}-${counter}.tmp`;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * `rename`, retried briefly on Windows only, where a reader holding the target open makes it fail
 * for a moment (EPERM/EBUSY/EACCES). Elsewhere those codes are real permission errors: no retry, no wait.
 */
export function renameOver(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (process.platform !== "win32" || attempt >= 4 || (code !== "EPERM" && code !== "EBUSY" && code !== "EACCES")) throw err;
      Atomics.wait(sleeper, 0, 0, 2 + attempt * 4);
    }
  }
}

/** Writes `text` to `file` atomically, creating its folder; throws the raw fs error (callers word it). */
export function writeFileAtomically(file: string, text: string): void {
  const temp = tempNameFor(file);
  try {
    fs.writeFileSync(temp, text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, text);
  }
  try {
    renameOver(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** What went wrong with a file operation, in a few words a user can act on. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "EACCES":
    case "EPERM":
      return `${e.code}: permission denied`;
    case "EROFS":
      return "EROFS: read-only file system";
    case "ENOTDIR":
      return "ENOTDIR: a part of the path is a file, not a folder";
    case "EISDIR":
      return "EISDIR: a folder is in the way";
    case "ENOSPC":
      return "ENOSPC: no space left on the device";
    case "EEXIST":
      return "EEXIST: a file is in the way";
    case undefined:
      return e.message ?? String(err);
    default:
      return e.code;
  }
}
