import fs from "node:fs";
import path from "node:path";

/**
 * The layering of STYLE.md, enforced: the core and the runtime know no AST; the runtime imports
 * nothing outside itself; the two front ends never import each other, and use Babel and TypeScript
 * only through what their host hands them (type-only imports), so a user's Babel 8 or own TypeScript
 * is the one that runs.
 */
const SRC = path.resolve(__dirname, "..", "src");

function sources(folder: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) out.push([path.relative(SRC, file), fs.readFileSync(file, "utf8")]);
    }
  };
  walk(path.join(SRC, folder));
  return out;
}

/** Module specifiers a file imports or requires at run time (type-only imports excluded). */
function runtimeImports(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gm)) if (!match[2]) specifiers.push(match[3]);
  for (const match of text.matchAll(/require\("([^"]+)"\)/g)) specifiers.push(match[1]);
  return specifiers;
}

test.each(sources("core"))("core file %s imports neither Babel, TypeScript nor a front end", (_file, text) => {
  for (const specifier of runtimeImports(text)) expect(specifier).not.toMatch(/^(@babel\/|typescript|ts-patch)|\/(babel|ts|cli|runtime)(\/|$)/);
});

test.each(sources("runtime"))("runtime file %s imports only the runtime", (_file, text) => {
  for (const specifier of runtimeImports(text)) expect(specifier).toMatch(/^\.\/[\w-]+$/);
});

test.each(sources("babel"))("Babel front end file %s uses Babel only through the api it is handed", (_file, text) => {
  for (const specifier of runtimeImports(text)) expect(specifier).not.toMatch(/^(@babel\/|typescript|ts-patch)|\.\.\/(ts|cli)(\/|$)/);
});

test.each(sources("ts"))("TypeScript front end file %s uses the ts instance it is handed", (_file, text) => {
  for (const specifier of runtimeImports(text)) expect(specifier).not.toMatch(/^(@babel\/|typescript|ts-patch)|\.\.\/(babel|cli)(\/|$)/);
});

test.each(sources("bundler"))("bundler file %s reaches the Babel front end only through Babel (by path), never TypeScript or the CLI", (_file, text) => {
  for (const specifier of runtimeImports(text)) expect(specifier).not.toMatch(/^(typescript|ts-patch)|\.\.\/(babel|ts|cli)(\/|$)/);
});
