import path = require("node:path");
import type { UnpluginContext } from "unplugin";
import { Codes, type Diagnostic } from "../core/diagnostics";
import { OWN_FILES } from "./files";
import { toMessage, warn, type Framework } from "./notify";
import { DEFAULT_EXCLUDE, type ResolvedOptions } from "./options";
import type * as BuildReport from "./report";
import { listStore } from "./stored";

/**
 * The build-end step on every bundler: nothing at all when the store is empty (no tag anywhere);
 * otherwise the fragments of this build's files the plugin did not analyse are dropped and the merged
 * report is written (report.ts, loaded only then), with the cross-file findings as warnings.
 */

/** What the build-end step needs of the plugin's state. */
export interface BuildEndState {
  framework: Framework;
  options: ResolvedOptions;
  root: string;
  handled: ReadonlySet<string>;
}

/**
 * Runs the step. `files`: this build's module files (called only when something is stored);
 * `context`: the bundler's warning API at build end, when it has one (webpack, Rspack and esbuild
 * have none there: their store warnings and findings go to stderr).
 */
export function endBuild(state: BuildEndState, files: () => Iterable<string>, context?: Pick<UnpluginContext, "warn">): void {
  const { options } = state;
  if (options.plugin.report === false) return;
  const root = options.plugin.root ? path.resolve(state.root, options.plugin.root) : state.root;
  const store = listStore(root, options.plugin.report);
  if (store.empty) return; // no tag anywhere: no fragment to remove, no report to write
  const unanalysed = [...files()].filter((file) => !state.handled.has(file) && !DEFAULT_EXCLUDE.some((p) => p.test(file)) && !OWN_FILES.test(file) && store.mayHold(file));
  const send = context && typeof context.warn === "function" ? (message: string) => warn(context as UnpluginContext, { message: `${Codes.reportStore}: ${message}`, code: Codes.reportStore }) : undefined;
  // Cross-file findings (MS105 through imports, MS101 on reassigned imports) as warnings, like the per-file ones; stderr where there is no API.
  const finding = (file: string, diagnostic: Diagnostic) =>
    send ? warn(context as UnpluginContext, toMessage(state.framework, state.root, file, diagnostic)) : process.stderr.write(`memoscope: warning: ${toMessage(state.framework, state.root, file, diagnostic).message}\n`);
  // Loaded here: a build with no tag never needs the report code.
  const { writeBuildReport } = require("./report") as typeof BuildReport;
  writeBuildReport(root, options.plugin.report, unanalysed, { strict: options.plugin.strict, warn: send, finding });
}
