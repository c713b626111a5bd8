import plugin from "../../dist/eslint";
import { both, espreeTester, tsTester } from "./support";

/**
 * `memoscope/no-impure-callee` (MS105 within the file): the core's within-file pass, as the build runs
 * it, reports a memoized function that reaches impure code through calls; the rule underlines the call
 * with the build's message (the chain names the file as the build's report key: relative to ESLint's cwd).
 */
const rule = plugin.rules["no-impure-callee"];
const chain = (file: string) =>
  `price is memoized but reaches impure code: price → lookup (${file}:3) → reads cache (let, ${file}:1, reassigned): a cache hit skips that code, so its result goes stale or its effect stops happening. Make the function it reaches pure, pass the value in as an argument, or remove @memoize.`;
const impure = "let cache = 1;\nexport function reset() { cache = 2; }\nfunction lookup(s) { return cache + s; }\n/** @memoize */\nexport function price(s) { return lookup(s) * 2; }";

both("no-impure-callee (pure chains and unresolved calls)", rule, {
  valid: [
    // Pure helpers, constants and deterministic globals: nothing.
    "const RATE = 2;\nfunction clamp(n) { return Math.min(Math.max(n, 0), 10); }\n/** @memoize */\nexport function price(n) { return clamp(n) * RATE; }",
    // A callback parameter cannot be followed: listed as unresolved in the report, never a finding.
    "/** @memoize */\nexport function run(n, f) { return f(n); }",
    // The impure helper is not memoized and nothing memoized reaches it.
    "let cache = 1;\nexport function reset() { cache = 2; }\nexport function lookup(s) { return cache + s; }",
  ],
  invalid: [],
});

espreeTester.run("no-impure-callee (espree)", rule, {
  valid: [],
  invalid: [{ code: impure, filename: "file.js", errors: [{ messageId: "MS105", data: { message: chain("file.js") }, line: 5, column: 35, endLine: 5, endColumn: 44 }] }],
});

tsTester.run("no-impure-callee (typescript-eslint)", rule, {
  valid: [],
  invalid: [
    { code: impure, filename: "file.ts", errors: [{ messageId: "MS105", data: { message: chain("file.ts") }, line: 5, column: 35, endLine: 5, endColumn: 44 }] },
    {
      // Through `this` in a class: Cart#price → Cart#now → Date.now().
      code: "export class Cart {\n  now(): number { return Date.now(); }\n  /** @memoize */\n  price(n: number): number { return n + this.now(); }\n}",
      filename: "file.ts",
      errors: [{ messageId: "MS105", line: 4, column: 41 }],
    },
  ],
});
