// babel-jest reads this file: TypeScript stripped by the preset, @memoize tags rewritten by memoscope,
// the report merged into .memoscope/report.json by every Jest worker.
module.exports = {
  presets: [["@babel/preset-env", { targets: { node: "current" } }], "@babel/preset-typescript"],
  plugins: [["memoscope/babel", { report: ".memoscope/report.json" }]],
};
