/**
 * The two ways ts-jest can run memoscope, as two Jest projects over the same tests:
 * - "ts-patch": ts-jest compiles with ts-patch's patched TypeScript, which applies tsconfig's `plugins` (memoscope/ts);
 * - "astTransformers": plain TypeScript, with memoscope/ts-jest as a ts-jest AST transformer.
 * The cache folder is local so CI can show the transform-cache caveat.
 */
const base = { testEnvironment: "node", cacheDirectory: "<rootDir>/.jest-cache" };

module.exports = {
  projects: [
    {
      ...base,
      displayName: "ts-patch",
      transform: { "^.+\\.ts$": ["ts-jest", { compiler: "ts-patch/compiler", tsconfig: "tsconfig.json" }] },
    },
    {
      ...base,
      displayName: "astTransformers",
      transform: {
        "^.+\\.ts$": [
          "ts-jest",
          { tsconfig: "tsconfig.json", astTransformers: { before: [{ path: "memoscope/ts-jest", options: { report: ".memoscope" } }] } },
        ],
      },
    },
  ],
};
