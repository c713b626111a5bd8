/** The bundlers memoscope has a plugin for, as the bundler tests run them (support/bundle.mjs). */
export const TOOLS = ["rollup", "vite", "esbuild", "webpack", "rspack"] as const;

/** One of TOOLS. */
export type Tool = (typeof TOOLS)[number];
