import { transformSync, version, type ParserOptions } from "@babel/core";

type ParserPlugin = NonNullable<ParserOptions["plugins"]>[number];
import path from "node:path";
import { ROOT, type Fixture } from "./fixtures";

const plugin = path.join(ROOT, "dist", "babel", "index.js");

/** Babel options as a user's TypeScript + CommonJS build has them; never reads a config file. */
export function babelOptions(filename: string, pluginOptions: Record<string, unknown> | false, modules: "commonjs" | false = "commonjs") {
  return {
    filename,
    babelrc: false,
    configFile: false,
    sourceType: "unambiguous" as const,
    plugins: pluginOptions === false ? [] : [[plugin, pluginOptions]],
    presets: [
      ["@babel/preset-env", { targets: { node: "20" }, modules }],
      // Babel 8 removed the option (declare fields are always allowed); .ci/compat.sh runs these options on Babel 8.
      ["@babel/preset-typescript", Number(version.split(".")[0]) >= 8 ? {} : { allowDeclareFields: true }],
    ],
  };
}

/** Compiles a fixture through the Babel front end, capturing what it prints to stderr. */
export function compileWithBabel(fixture: Fixture, modules: "commonjs" | false = "commonjs"): { code: string; stderr: string } {
  const writes: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const plugins = fixture.parserPlugins as ParserPlugin[];
    const options = { ...babelOptions(fixture.inputFile, fixture.options, modules), ...(plugins.length ? { parserOpts: { plugins } } : {}) };
    const result = transformSync(fixture.source, options);
    return { code: result!.code!, stderr: writes.join("") };
  } finally {
    process.stderr.write = write;
  }
}
