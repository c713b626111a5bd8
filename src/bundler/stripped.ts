import type { parse as Parse } from "@babel/parser";
import fs = require("node:fs");

/**
 * Was a TypeScript file's type syntax removed before memoscope saw it (another TypeScript plugin ran
 * first)? Checked only for tagged TypeScript files whose text differs from the file on disk, so a
 * correct setup pays one file read per tagged file and never a second parse.
 */

function hasTypeSyntax(text: string, tsx: boolean): boolean {
  // Loaded here, on this rare path only, so a build process does not pay for loading the parser.
  const { parse } = require("@babel/parser") as { parse: typeof Parse };
  let ast: unknown;
  try {
    ast = parse(text, { sourceType: "unambiguous", errorRecovery: true, plugins: [["typescript", { dts: false }], ...(tsx ? (["jsx"] as const) : []), "decorators-legacy"] });
  } catch {
    return false;
  }
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === "object") {
      const type = (node as { type?: unknown }).type;
      if (typeof type === "string" && type.startsWith("TS")) return true;
      for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "comments" && key !== "leadingComments" && key !== "trailingComments" && key !== "innerComments" && key !== "tokens") stack.push(value);
    }
  }
  return false;
}

/** True when `file` on disk has TypeScript type syntax and the `code` the bundler handed over has none. */
export function typesWereStripped(code: string, file: string): boolean {
  if (!/\.[cm]?tsx?$/.test(file)) return false;
  let original: string;
  try {
    original = fs.readFileSync(file, "utf8");
  } catch {
    return false;
  }
  if (original.replace(/^\uFEFF/, "") === code.replace(/^\uFEFF/, "")) return false;
  const tsx = file.endsWith("x");
  return hasTypeSyntax(original, tsx) && !hasTypeSyntax(code, tsx);
}
