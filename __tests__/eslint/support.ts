import { RuleTester, type Linter, type Rule } from "eslint";

// `require`: the package has only an `exports` map, which this repo's `moduleResolution: node` type-check cannot follow.
const tsParser: Linter.Parser = require("@typescript-eslint/parser");

/**
 * RuleTesters for the two parsers users run: ESLint's default (espree, on `.js`) and typescript-eslint's
 * (on `.ts`). The rules re-parse the text with Babel, so code valid in both must give the same messages
 * under both; `both` runs a case list through each.
 */

export const espreeTester = new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } });
export const tsTester = new RuleTester({ languageOptions: { parser: tsParser, sourceType: "module" } });

type Cases = { valid: Array<string | RuleTester.ValidTestCase>; invalid: RuleTester.InvalidTestCase[] };

/** Runs cases through espree (as `file.js`) and typescript-eslint (as `file.ts`). */
export function both(name: string, rule: Rule.RuleModule, cases: Cases): void {
  espreeTester.run(`${name} (espree)`, rule, {
    valid: cases.valid.map((c) => (typeof c === "string" ? { code: c, filename: "file.js" } : { filename: "file.js", ...c })),
    invalid: cases.invalid.map((c) => ({ filename: "file.js", ...c })),
  });
  tsTester.run(`${name} (typescript-eslint)`, rule, {
    valid: cases.valid.map((c) => (typeof c === "string" ? { code: c, filename: "file.ts" } : { ...c, filename: "file.ts" })),
    invalid: cases.invalid.map((c) => ({ ...c, filename: "file.ts" })),
  });
}
