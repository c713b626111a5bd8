import fs from "node:fs";
import path from "node:path";

/**
 * The ESLint plugin writes no analysis of its own: it reaches Babel, the front end and the core only
 * through `memoscope scan`'s `analyzeSource` and the core's exports, and loads nothing from ESLint at
 * run time (ESLint hands it everything; type-only imports are fine), so it runs in whatever ESLint
 * the user has.
 */
const DIR = path.resolve(__dirname, "..", "..", "src", "eslint");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

test.each(files(DIR).map((f) => [path.relative(DIR, f), f]))("%s imports only core, scan's analysis, Node built-ins and its own files", (_name, file) => {
  const text = fs.readFileSync(file, "utf8");
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)) {
    if (match[1]) continue;
    const specifier = match[2];
    const allowed = specifier.startsWith(".")
      ? ["../core", "../cli/scan"].includes(path.relative(DIR, path.resolve(path.dirname(file), specifier)).split(path.sep).join("/")) || !path.relative(DIR, path.resolve(path.dirname(file), specifier)).startsWith("..")
      : ["fs", "path", "node:fs", "node:path"].includes(specifier);
    expect([specifier, allowed]).toEqual([specifier, true]);
  }
});
