/** Tests run against the built package (dist/), as users get it; `npm test` builds first. */
module.exports = {
  testEnvironment: "node",
  testMatch: ["<rootDir>/__tests__/**/*.test.{ts,js}"],
  testPathIgnorePatterns: ["/node_modules/", "/\\.fixture-out/"],
  modulePathIgnorePatterns: ["<rootDir>/\\.fixture-out/", "<rootDir>/bench/\\.out/"],
  testTimeout: 60000,
};
