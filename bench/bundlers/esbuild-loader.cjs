// TypeScript for webpack in the benchmark, as esbuild-loader does it.
const { transform } = require("esbuild");
module.exports = function esbuildLoader(code) {
  const done = this.async();
  transform(code, { loader: "ts" }).then((r) => done(null, r.code), done);
};
