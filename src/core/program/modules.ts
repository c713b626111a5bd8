import * as fs from "fs";
import * as path from "path";
import { createPathsMatcher, findTsconfig, parseTsconfig, type PathsMatcher } from "get-tsconfig";
import { reportKey } from "../report/merge";

/**
 * Module resolution for the whole-program pass (SPEC §5b), without an AST and without TypeScript: which
 * file of the project an import specifier names, as TypeScript resolves it for a bundler or Node 10
 * (`moduleResolution: "bundler"` / `"node10"`), so the pass follows the same edges the type checker does.
 *
 * - Relative (`./x`, `../x`, `.`) and absolute specifiers: a path with an extension tries its twins in
 *   TypeScript's order (`./x.js` and `./x.ts` → `x.ts`, `x.tsx`, `x.js`, `x.jsx`; `.mjs`/`.mts` →
 *   `x.mts`, `x.mjs`; `.cjs`/`.cts` → `x.cts`, `x.cjs`; `.jsx`/`.tsx` → `x.tsx` first); then `.ts`, `.tsx`,
 *   `.js`, `.jsx` are added to the path as written; then a directory's `package.json` `main`, then its
 *   `index` file.
 * - Declaration files (`.d.ts`, `.d.mts`, `.d.cts`) hold no code: where TypeScript would stop at one,
 *   probing goes on to the JavaScript file, and a specifier only a declaration answers is not resolved.
 * - Bare specifiers: the nearest tsconfig.json's `paths` (TypeScript's pattern matching: an exact key
 *   wins, else the `*` pattern with the longest prefix, its targets tried in order) and `baseUrl`,
 *   `extends` chains included (read by get-tsconfig: JSONC, comments and trailing commas). Anything
 *   else, and anything under node_modules, is package code: not resolved.
 * The result is the target's report key (path relative to the root, `/` separators), or undefined.
 */

/**
 * What TypeScript tries for a path written with an extension: the stem with each of these, in order
 * (`.d.ts` files, which it tries too, left out: no code). A declaration extension counts as its source's.
 */
const TWINS: Record<string, readonly string[]> = {
  ".ts": [".ts", ".tsx", ".js", ".jsx"],
  ".js": [".ts", ".tsx", ".js", ".jsx"],
  ".d.ts": [".ts", ".tsx", ".js", ".jsx"],
  ".tsx": [".tsx", ".ts", ".jsx", ".js"],
  ".jsx": [".tsx", ".ts", ".jsx", ".js"],
  ".mts": [".mts", ".mjs"],
  ".mjs": [".mts", ".mjs"],
  ".d.mts": [".mts", ".mjs"],
  ".cts": [".cts", ".cjs"],
  ".cjs": [".cts", ".cjs"],
  ".d.cts": [".cts", ".cjs"],
};

/** Extensions TypeScript adds to a path (after the twins of its own extension), in its order (`.d.ts`, third in its list, skipped). */
const ADDED = [".ts", ".tsx", ".js", ".jsx"];

/** A path's extension as TypeScript reads it (`.d.ts` whole). */
const EXTENSION = /(?:\.d)?\.[cm]?[jt]sx?$/;

const RELATIVE = /^\.\.?(?:[/\\]|$)/;
const NODE_MODULES = /[/\\]node_modules[/\\]/;

/** Resolves `specifier`, imported by the file with report key `fromFile`, to a report key; undefined for package code or nothing found. */
export type ResolveModule = (fromFile: string, specifier: string) => string | undefined;

/** A module resolver for a project, with what it could not use. */
export interface ModuleResolver {
  resolve: ResolveModule;
  /** One line per tsconfig that could not be read or whose `paths` are invalid (its mappings are not followed), in the order found. */
  problems(): string[];
}

/** Options of `createModuleResolver`. */
export interface ModuleResolverOptions {
  /** Read tsconfig.json files for `paths`/`baseUrl` (default true); false resolves relative specifiers only. */
  tsconfig?: boolean;
}

/** A directory's entries, by name: a file or a directory (symlinks followed). */
type Listing = ReadonlyMap<string, "file" | "dir">;

/** The nearest tsconfig's mapping for bare specifiers: null when it maps nothing. */
interface Mapping {
  match: PathsMatcher | null;
}

const NO_MAPPING: Mapping = { match: null };

/** Creates a resolver for the project at `root` (absolute or relative to the cwd). Caches directory listings and tsconfigs for its lifetime: make one per run. */
export function createModuleResolver(root: string, options: ModuleResolverOptions = {}): ModuleResolver {
  const base = path.resolve(root);
  const listings = new Map<string, Listing | null>();
  const mappings = new Map<string, Mapping>();
  const configs = new Map<string, Mapping>();
  const tsconfigCache = new Map<string, unknown>();
  const results = new Map<string, string | undefined>();
  const problems: string[] = [];

  const listing = (dir: string): Listing | null => {
    let found = listings.get(dir);
    if (found !== undefined) return found;
    try {
      const entries = new Map<string, "file" | "dir">();
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isFile()) entries.set(entry.name, "file");
        else if (entry.isDirectory()) entries.set(entry.name, "dir");
        else if (entry.isSymbolicLink()) {
          const stat = fs.statSync(path.join(dir, entry.name), { throwIfNoEntry: false });
          if (stat?.isFile()) entries.set(entry.name, "file");
          else if (stat?.isDirectory()) entries.set(entry.name, "dir");
        }
      }
      found = entries;
    } catch {
      found = null;
    }
    listings.set(dir, found);
    return found;
  };
  const kindOf = (file: string) => listing(path.dirname(file))?.get(path.basename(file));
  const isFile = (file: string) => kindOf(file) === "file";

  /** The file a path names (its extension's twins, then with an extension added), in TypeScript's order; never a declaration file. */
  const asFile = (candidate: string): string | undefined => {
    const ext = EXTENSION.exec(path.basename(candidate))?.[0];
    const twins = ext === undefined ? undefined : TWINS[ext];
    if (twins) {
      const stem = candidate.slice(0, -ext!.length);
      for (const twin of twins) if (isFile(stem + twin)) return stem + twin;
    }
    // `./x` → `./x.ts`; also `./x.js` → `./x.js.ts` and `./x.service` → `./x.service.ts`, as TypeScript does.
    for (const added of ADDED) if (isFile(candidate + added)) return candidate + added;
    return undefined;
  };

  /** A directory's entry point: package.json `main` (as a file, then as a folder's index), else its index file. */
  const asDirectory = (dir: string): string | undefined => {
    if (kindOf(dir) !== "dir") return undefined;
    const main = packageMain(dir);
    if (main !== undefined) {
      const target = path.resolve(dir, main);
      const found = asFile(target) ?? (kindOf(target) === "dir" ? asIndex(target) : undefined);
      if (found) return found;
    }
    return asIndex(dir);
  };
  const asIndex = (dir: string) => asFile(path.join(dir, "index"));
  const packageMain = (dir: string): string | undefined => {
    if (!isFile(path.join(dir, "package.json"))) return undefined;
    try {
      const main = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main;
      return typeof main === "string" && main !== "" ? main : undefined;
    } catch {
      return undefined;
    }
  };

  const asModule = (candidate: string, trailingSlash: boolean): string | undefined => (trailingSlash ? undefined : asFile(candidate)) ?? asDirectory(candidate);

  /** The mapping of the tsconfig.json nearest above `dir` (as tsc picks its project), read once per config file. */
  const mappingFor = (dir: string): Mapping => {
    let mapping = mappings.get(dir);
    if (mapping) return mapping;
    const config = findTsconfig(dir, "tsconfig.json", tsconfigCache as Map<string, any>);
    mapping = config === undefined ? NO_MAPPING : (configs.get(config) ?? readMapping(config));
    mappings.set(dir, mapping);
    return mapping;
  };
  const readMapping = (config: string): Mapping => {
    const mapping: Mapping = { match: null };
    try {
      mapping.match = createPathsMatcher({ path: config, config: parseTsconfig(config, tsconfigCache as Map<string, any>) });
    } catch (err) {
      problems.push(`${path.normalize(config)}: cannot use its paths/baseUrl (${(err as Error).message}); imports it would map are listed as unresolved.`);
    }
    configs.set(config, mapping);
    return mapping;
  };

  const resolveUncached = (fromDir: string, specifier: string): string | undefined => {
    const trailingSlash = /[/\\]$/.test(specifier);
    if (RELATIVE.test(specifier) || path.isAbsolute(specifier)) return asModule(path.resolve(fromDir, specifier), trailingSlash);
    if (options.tsconfig === false || specifier.includes(":")) return undefined; // `node:fs`, `data:`, `https:` …
    const match = mappingFor(fromDir).match;
    if (!match) return undefined;
    for (const candidate of match(specifier)) {
      const found = asModule(path.resolve(candidate), trailingSlash);
      if (found) return found;
    }
    return undefined;
  };

  // Found paths are absolute and normalised (path.resolve): under the root, the key is a slice (path.relative is slow at this volume).
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  const keyOf = (file: string) => (file.startsWith(prefix) ? (path.sep === "/" ? file.slice(prefix.length) : file.slice(prefix.length).split(path.sep).join("/")) : reportKey(base, file));

  const resolve: ResolveModule = (fromFile, specifier) => {
    const fromDir = path.dirname(path.resolve(base, fromFile));
    const id = `${fromDir}\0${specifier}`;
    if (results.has(id)) return results.get(id);
    const found = resolveUncached(fromDir, specifier);
    const key = found === undefined || NODE_MODULES.test(found) ? undefined : keyOf(found);
    results.set(id, key);
    return key;
  };
  return { resolve, problems: () => [...problems] };
}
