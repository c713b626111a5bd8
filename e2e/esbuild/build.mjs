import * as esbuild from "esbuild";
import memoscope from "memoscope/esbuild";

await esbuild.build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  platform: "node",
  format: "cjs",
  outfile: "dist/main.cjs",
  sourcemap: true,
  logLevel: "warning",
  plugins: [memoscope()],
});
