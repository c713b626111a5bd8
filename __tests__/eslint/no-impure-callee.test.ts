import * as scan from "../../dist/cli/scan";
import plugin from "../../dist/eslint";
import { both } from "./support";

/**
 * `memoscope/no-impure-callee` (MS105 within the file). The analysis does not produce MS105 yet (another
 * change adds it to the core), so these cases stub `analyzeSource` — the one function the plugin calls —
 * to return the report entry a build would give with an MS105 finding, and check the rule reports it at
 * the call, with the build's message; and that without a stub the rule stays quiet.
 */
const rule = plugin.rules["no-impure-callee"];
const chain = "price is memoized but reaches impure code: price → lookup (file.js:4) → reads cache (let, file.js:1, reassigned)";

both("no-impure-callee (analysis without MS105)", rule, {
  valid: ["let cache = 1;\nexport function reset() { cache = 2; }\nfunction lookup(s) { return cache + s; }\n/** @memoize */\nexport function price(s) { return lookup(s) * 2; }"],
  invalid: [],
});

describe("with an analysis that reports MS105", () => {
  let spy: jest.SpyInstance;
  beforeAll(() => {
    const real = scan.analyzeSource;
    spy = jest.spyOn(scan, "analyzeSource").mockImplementation((code, file) => {
      const result = real(code, file);
      const price = result.entry.closures.find((c) => c.name === "price");
      price?.diagnostics.push({ code: "MS105", severity: "warning", message: chain, at: { line: 5, column: 34 } });
      return result;
    });
  });
  afterAll(() => spy.mockRestore());

  both("no-impure-callee", rule, {
    valid: [],
    invalid: [
      {
        code: "let cache = 1;\nexport function reset() { cache = 2; }\nfunction lookup(s) { return cache + s; }\n/** @memoize */\nexport function price(s) { return lookup(s) * 2; }",
        errors: [{ messageId: "MS105", data: { message: chain }, line: 5, column: 35, endLine: 5, endColumn: 44 }],
      },
    ],
  });

  it("reaches the rule through the real analysis entry (the stub was called)", () => {
    expect(spy).toHaveBeenCalled();
  });
});
