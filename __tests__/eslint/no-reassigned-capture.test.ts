import plugin from "../../dist/eslint";
import { both, tsTester } from "./support";

/** `memoscope/no-reassigned-capture` (MS101): the first use of each reassigned capture, underlined. */
const rule = plugin.rules["no-reassigned-capture"];

const message = (fn: string, name: string) =>
  `${fn} is memoized but captures \`${name}\` (let, module scope), which is reassigned: a cached result goes stale when it changes. Pass it as an argument, make it a constant, or call cacheOf(…).clear() whenever it changes.`;

both("no-reassigned-capture", rule, {
  valid: [
    // Reassigned, but the function is not memoized: the report lists it, nothing to warn about.
    "let rate = 2;\nexport function setRate(r) { rate = r; }\nexport function price(n) { return n * rate; }",
    // Memoized, capturing a constant.
    "const rate = 2;\n/** @memoize */\nexport function price(n) { return n * rate; }",
    // A misspelled tag memoizes nothing (valid-tag reports the tag itself).
    "let rate = 2;\nrate = 3;\n/** @memoise */\nexport function price(n) { return n * rate; }",
  ],
  invalid: [
    {
      code: "let rate = 2;\nexport function setRate(r) { rate = r; }\n/** @memoize */\nexport function price(n) {\n  return n * rate + rate;\n}",
      errors: [{ messageId: "MS101", data: { message: message("price", "rate") }, line: 5, column: 14, endLine: 5, endColumn: 18 }],
    },
    {
      // Through a nested function: the position is the use inside it.
      code: "let count = 0;\n/** @memoize */\nexport const nested = (n) => () => { count += n; return n; };",
      errors: [{ messageId: "MS101", data: { message: message("nested", "count") }, line: 3, column: 38, endLine: 3, endColumn: 43 }],
    },
  ],
});

tsTester.run("no-reassigned-capture (TypeScript-only syntax)", rule, {
  valid: [{ code: "let rate: number = 2;\ntype R = typeof rate;\n/** @memoize */\nexport function price(n: number): R { return n; }", filename: "file.ts" }],
  invalid: [
    {
      code: "let rate: number = 2;\nexport function setRate(r: number): void { rate = r; }\nexport class Cart {\n  /** @memoize max=10 */\n  private price(n: number): number { return n * (rate as number); }\n}",
      filename: "file.ts",
      errors: [{ messageId: "MS101", line: 5, column: 50, endLine: 5, endColumn: 54 }],
    },
  ],
});
