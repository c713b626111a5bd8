// babel-jest reads this file: TypeScript stripped by the preset, @memoize tags rewritten by memoscope,
// each Jest worker writes every file it compiles to the report store (.memoscope).
module.exports = {
  presets: [["@babel/preset-env", { targets: { node: "current" } }], "@babel/preset-typescript"],
  plugins: [["memoscope/babel", { report: ".memoscope" }]],
};
