const path = require("path");
const memoscope = require("memoscope/webpack");

module.exports = {
  mode: "production",
  target: "node",
  entry: "./src/main.ts",
  devtool: "source-map",
  output: { path: path.resolve(__dirname, "dist"), filename: "main.js", library: { type: "commonjs2" } },
  resolve: { extensions: [".ts", ".js"] },
  optimization: { minimize: false },
  module: {
    rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "babel-loader", options: { presets: ["@babel/preset-typescript"] } } }],
  },
  plugins: [memoscope()],
};
