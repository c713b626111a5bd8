import fs from "node:fs";
import path from "node:path";

/** Writes `text` to `file` under `root`, making its folders; returns the file's full path. */
export function writeFile(root: string, file: string, text: string): string {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}
