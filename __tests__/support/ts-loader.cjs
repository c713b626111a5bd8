// A minimal TypeScript loader for webpack in tests (what babel-loader with preset-typescript does):
// strips types after memoscope ran, chaining the incoming source map.
const babel = require("@babel/core");
module.exports = function tsLoader(code, map) {
  const done = this.async();
  babel
    .transformAsync(code, { filename: this.resourcePath, configFile: false, babelrc: false, presets: ["@babel/preset-typescript"], sourceMaps: true, inputSourceMap: map || undefined })
    .then((out) => done(null, out.code, out.map))
    .catch(done);
};
