import memoscope from "memoscope/rollup";
import resolve from "@rollup/plugin-node-resolve";
import sucrase from "@rollup/plugin-sucrase";

export default {
  input: "src/main.ts",
  // Node loads memoscope's runtime itself (one copy for generated and user code).
  external: [/^memoscope\//],
  output: { file: "dist/main.mjs", format: "es", sourcemap: true },
  // memoscope first: it must see the TypeScript (and its JSDoc tags) before sucrase strips them.
  plugins: [memoscope(), resolve({ extensions: [".ts", ".js"] }), sucrase({ transforms: ["typescript"] })],
};
