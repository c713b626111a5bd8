import path from "node:path";
import memoscope from "memoscope/rspack";

export default {
  mode: "production",
  target: "node",
  entry: "./src/main.ts",
  devtool: "source-map",
  output: { path: path.resolve(import.meta.dirname, "dist"), filename: "main.cjs", library: { type: "commonjs2" } },
  resolve: { extensions: [".ts", ".js"] },
  optimization: { minimize: false },
  module: {
    rules: [{ test: /\.ts$/, exclude: /node_modules/, loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }, type: "javascript/auto" }],
  },
  plugins: [memoscope()],
};
