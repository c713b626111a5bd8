// Babel config for this repository's own tooling (jest). Tests that exercise the plugin
// always pass `babelrc: false, configFile: false`, so this file never leaks into them.
module.exports = {
  presets: [["@babel/preset-env", { targets: { node: "20" } }], "@babel/preset-typescript"],
};
