import path = require("node:path");
import type { UnpluginContext, UnpluginMessage } from "unplugin";
import type { Diagnostic } from "../core/diagnostics";

/**
 * memoscope's findings and errors through each bundler's own API. Every message carries the id and
 * loc (and a frame) for tools that read them; its text also starts with `path:line:column` (column
 * 1-based, as editors count) wherever the tool would not print the location itself: Vite 8 and
 * rolldown print a plugin warning's text only, webpack's stats and esbuild's plain `warnings` too.
 * Rollup prints `file (line:column)` from the log, so its text does not repeat it.
 */

/** Which bundler runs the plugin (unplugin's `meta.framework`). */
export type Framework = "rollup" | "vite" | "rolldown" | "webpack" | "rspack" | "esbuild" | string;

/** A message for the bundler. */
export function toMessage(framework: Framework, root: string, file: string, diagnostic: Pick<Diagnostic, "code" | "message" | "at" | "severity">, frame?: string): UnpluginMessage & { frame?: string } {
  const at = diagnostic.at;
  const body = `${diagnostic.code}: ${diagnostic.message}`;
  const loc = at ? { loc: { file, line: at.line, column: at.column } } : {};
  if (framework === "rollup") return { message: body, id: file, code: diagnostic.code, ...loc, ...(frame ? { frame } : {}) };
  const where = `${path.relative(root, file) || file}${at ? `:${at.line}:${at.column + 1}` : ""}`;
  // The tool labels it a warning or an error already.
  const text = `${where}: ${body}${frame && diagnostic.severity === "error" ? `\n${frame}` : ""}`;
  // Vite reads `loc` (its error overlay); esbuild would print an empty source line for it (unplugin drops the line text).
  return { message: text, id: file, code: diagnostic.code, ...(framework === "vite" || framework === "rolldown" ? loc : {}) };
}

/** Sends a warning. */
export function warn(context: UnpluginContext, message: UnpluginMessage): void {
  context.warn(message);
}

/**
 * Fails the build: Rollup and Vite throw from `this.error`; webpack and Rspack fail the module with a
 * thrown error (`hideStack`: the stack is memoscope's, not the user's); esbuild collects errors
 * passed to `this.error` and fails when the hook returns.
 */
export function fail(framework: Framework, context: UnpluginContext, message: UnpluginMessage): void {
  if (framework === "webpack" || framework === "rspack") {
    const err = new Error(message.message) as Error & { hideStack?: boolean };
    err.hideStack = true;
    err.stack = message.message;
    throw err;
  }
  context.error(message);
}
