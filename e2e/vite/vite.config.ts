import { defineConfig } from "vite";
import memoscope from "memoscope/vite";

export default defineConfig({
  plugins: [memoscope()],
  build: { sourcemap: true, minify: false, outDir: "dist" },
  // Bundle memoscope's runtime into the SSR build too (one copy, shared by generated and user code).
  ssr: { noExternal: ["memoscope"] },
});
