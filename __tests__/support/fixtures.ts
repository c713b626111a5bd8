import fs from "node:fs";
import path from "node:path";

/**
 * Fixture loader shared by every front-end runner. A fixture is a folder under `fixtures/rewrite/`:
 *   input.ts | input.js     the source, with @memoize tags
 *   options.json            plugin options (optional; `report: false` unless given)
 *   exec.js                 runs against the compiled input (`require("./input")`), asserts with
 *                           node:assert and prints one JSON line of observations; both front ends
 *                           must print the same line
 *   throws.txt              the build must fail; each non-empty line must appear in the message
 *   warnings.txt            each non-empty line must appear in what the build printed to stderr
 *   printed.txt             exactly what the build prints to stderr (paths relative to the repository root)
 *   output.babel.js         expected Babel output (checked when present)
 *   babel-parser.json       Babel parser plugins the source needs (e.g. `["decorators"]`), as a user's
 *                           Babel config enables them; TypeScript parses every syntax itself
 */
export interface Fixture {
  name: string;
  dir: string;
  inputFile: string;
  source: string;
  options: Record<string, unknown>;
  exec?: string;
  throws?: string[];
  warnings?: string[];
  /** The exact stderr of a build (both front ends print the same text). */
  printed?: string;
  expectedOutput?: Partial<Record<"babel" | "ts", string>>;
  /** Run exec.js with these node flags (e.g. --expose-gc). */
  nodeFlags: string[];
  /** Babel parser plugins the source needs (babel-parser.json). */
  parserPlugins: string[];
}

export const ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(ROOT, "fixtures", "rewrite");
/** Compiled fixtures live inside the package, so `memoscope/runtime` resolves by self-reference. */
export const OUT = path.join(ROOT, ".fixture-out");

function lines(file: string): string[] | undefined {
  if (!fs.existsSync(file)) return undefined;
  return fs.readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
}

function read(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** All rewrite fixtures, sorted by name. */
export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(FIXTURES, name);
      const inputFile = ["input.ts", "input.tsx", "input.js"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
      if (!inputFile) throw new Error(`fixture ${name} has no input file`);
      const exec = read(path.join(dir, "exec.js"));
      return {
        name,
        dir,
        inputFile,
        source: fs.readFileSync(inputFile, "utf8"),
        options: { report: false, ...JSON.parse(read(path.join(dir, "options.json")) ?? "{}") },
        exec,
        throws: lines(path.join(dir, "throws.txt")),
        warnings: lines(path.join(dir, "warnings.txt")),
        printed: read(path.join(dir, "printed.txt")),
        expectedOutput: { babel: read(path.join(dir, "output.babel.js")), ts: read(path.join(dir, "output.ts.js")) },
        nodeFlags: exec && /--expose-gc/.test(exec.split("\n")[0]) ? ["--expose-gc"] : [],
        parserPlugins: JSON.parse(read(path.join(dir, "babel-parser.json")) ?? "[]"),
      };
    });
}
