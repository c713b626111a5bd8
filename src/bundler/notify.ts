import * as path from "node:path";
import type { UnpluginContext, UnpluginMessage } from "unplugin";
import type { Diagnostic } from "../core";

/**
 * memoscope's findings and errors through each bundler's own API. Rollup and Vite take a structured
 * log (id, loc, frame) and print `file (line:column)` themselves; webpack, Rspack and esbuild get the
 * location in the text too (`path:line:column`, column 1-based as editors count), since webpack's
 * stats and esbuild's plain `warnings` show the message text.
 */

/** Which bundler runs the plugin (unplugin's `meta.framework`). */
export type Framework = "rollup" | "vite" | "rolldown" | "webpack" | "rspack" | "esbuild" | string;

function structured(framework: Framework): boolean {
  return framework === "rollup" || framework === "vite" || framework === "rolldown";
}

/** A message for the bundler; `text` carries code and (where the bundler does not show it) the location. */
export function toMessage(framework: Framework, root: string, file: string, diagnostic: Pick<Diagnostic, "code" | "message" | "at" | "severity">, frame?: string): UnpluginMessage & { frame?: string } {
  const at = diagnostic.at;
  const body = `${diagnostic.code}: ${diagnostic.message}`;
  if (structured(framework)) {
    return { message: body, id: file, code: diagnostic.code, ...(at ? { loc: { file, line: at.line, column: at.column } } : {}), ...(frame ? { frame } : {}) };
  }
  const where = `${path.relative(root, file) || file}${at ? `:${at.line}:${at.column + 1}` : ""}`;
  const text = `${where}: ${diagnostic.severity === "error" ? "error" : "warning"} ${body}${frame && diagnostic.severity === "error" ? `\n${frame}` : ""}`;
  // esbuild prints `loc` with the line itself; webpack ignores it.
  return { message: text, id: file, code: diagnostic.code, ...(at && framework === "esbuild" ? { loc: { file, line: at.line, column: at.column } } : {}) };
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
