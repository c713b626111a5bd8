import type { UnpluginContext } from "unplugin";
import { Codes, warning } from "../core/diagnostics";
import { BundlerBuildError, codeFrame, runBabel } from "./babel";
import { fileOf, languageFile, sourceTypeOf } from "./files";
import { fail, toMessage, warn } from "./notify";
import type { State } from "./state";
import { typesWereStripped } from "./stripped";

/**
 * One tagged file through memoscope's Babel plugin, on every bundler: findings go to the bundler as
 * warnings, build errors through its error API. Loaded only once a file with the tag is seen.
 */

/** The warning and error API a transform reports through (unplugin's context, or memoscope's own for esbuild). */
export type TransformContext = Pick<UnpluginContext, "warn" | "error">;

/** Transforms one file; undefined when it is to stay as it is (esbuild: its text back when there are messages to deliver with it). */
export async function transformFile(this: TransformContext, state: State, code: string, id: string): Promise<{ code: string; map: unknown } | undefined> {
  const file = languageFile(id);
  state.handled.add(fileOf(id));
  const { framework, root } = state;
  const context = this as UnpluginContext;
  if (typesWereStripped(code, fileOf(id))) {
    warn(
      context,
      toMessage(framework, root, fileOf(id), warning(Codes.typesStripped, "this TypeScript file reached memoscope with its types already removed: another plugin transformed it first, so memoscope's report and positions describe generated code. Put memoscope first (it runs with `enforce: \"pre\"`; in Rollup, list it before the TypeScript plugin).")),
    );
  }
  let outcome: Awaited<ReturnType<typeof runBabel>>;
  try {
    outcome = await runBabel(code, file, { ...state.options.plugin, root: state.options.plugin.root ?? root }, root, sourceTypeOf(framework, file));
  } catch (err) {
    if (!(err instanceof BundlerBuildError)) throw err;
    fail(framework, context, toMessage(framework, root, fileOf(id), { code: err.code ?? "BABEL_PARSE_ERROR", message: err.message, at: err.loc, severity: "error" }, err.frame));
    return { code, map: null };
  }
  for (const diagnostic of outcome.warnings) {
    const frame = diagnostic.at && framework !== "webpack" && framework !== "rspack" ? codeFrame(code, diagnostic.at) : undefined;
    warn(context, toMessage(framework, root, fileOf(id), diagnostic, frame));
  }
  if (outcome.code === undefined) return framework === "esbuild" && outcome.warnings.length > 0 ? { code, map: null } : undefined;
  return { code: outcome.code, map: outcome.map };
}
