/** babel-jest is Jest's default transform for .ts/.js; the cache folder is local so CI can show the transform-cache caveat. */
module.exports = {
  testEnvironment: "node",
  cacheDirectory: "<rootDir>/.jest-cache",
};
