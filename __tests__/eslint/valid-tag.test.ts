import plugin from "../../dist/eslint";
import { both, tsTester } from "./support";

/**
 * `memoscope/valid-tag`: every MS0xx the build gives for a tag, at the build's line and column (RuleTester
 * columns are 1-based, as ESLint prints them; the build's `at` is 0-based), underlining the word in the
 * comment or the rejected declaration, with suggestions where the fix is mechanical.
 */
const rule = plugin.rules["valid-tag"];

both("valid-tag", rule, {
  valid: [
    "/** @memoize */\nexport function f(n) { return n; }",
    "/**\n * Price.\n * @memoize max=500 ttl=30s key=json\n */\nexport const price = (a, b) => a * b;",
    "/** @memoize weak */\nexport function g(o) { return o; }",
    "// A @memoize inside a sentence is prose, not a tag.\nexport const x = 1;",
    "const text = '@memoize in a string does nothing';",
  ],
  invalid: [
    {
      code: "/** @memoise */\nexport function a(n) { return n; }",
      errors: [
        {
          messageId: "MS020",
          data: { message: "@memoise is not a memoscope tag and is ignored. Did you mean @memoize?" },
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 13,
          suggestions: [{ messageId: "useMemoize", output: "/** @memoize */\nexport function a(n) { return n; }" }],
        },
      ],
    },
    {
      code: "/** @memoized max=3 */\nexport const e = (n) => n;",
      errors: [{ messageId: "MS020", line: 1, column: 5, endLine: 1, endColumn: 14, suggestions: [{ messageId: "useMemoize", output: "/** @memoize max=3 */\nexport const e = (n) => n;" }] }],
    },
    {
      code: "/**\n * Doc.\n * @memoize maxx=5 ttl=3 */\nexport function b(n) { return n; }",
      errors: [
        {
          messageId: "MS010",
          data: { message: "Unknown @memoize option `maxx`. Did you mean `max`? Valid options: max=N, ttl=DURATION, key=identity|json|NAME, weak." },
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 19,
          suggestions: [{ messageId: "renameOption", data: { option: "max" }, output: "/**\n * Doc.\n * @memoize max=5 ttl=3 */\nexport function b(n) { return n; }" }],
        },
      ],
    },
    {
      // No option is close to `colour`: no suggestion.
      code: "/** @memoize colour=red */\nexport function b(n) { return n; }",
      errors: [{ messageId: "MS010", line: 1, column: 14, endLine: 1, endColumn: 24 }],
    },
    {
      code: "/* @memoize */\nexport function c(n) { return n; }",
      errors: [{ messageId: "MS021", line: 1, column: 4, endLine: 1, endColumn: 12, suggestions: [{ messageId: "makeJsDoc", output: "/** @memoize */\nexport function c(n) { return n; }" }] }],
    },
    {
      code: "// @memoize max=2\nexport function d(n) { return n; }",
      errors: [{ messageId: "MS021", line: 1, column: 4, endLine: 1, endColumn: 12, suggestions: [{ messageId: "makeJsDoc", output: "/** @memoize max=2 */\nexport function d(n) { return n; }" }] }],
    },
    {
      code: "/** @memoize max=0 ttl=1y */\nexport function m(n) { return n; }",
      errors: [
        { messageId: "MS011", line: 1, column: 14, endLine: 1, endColumn: 19 },
        { messageId: "MS012", line: 1, column: 20, endLine: 1, endColumn: 26 },
      ],
    },
    {
      // The conflict points where the options start, and underlines them all.
      code: "/** @memoize weak key=json */\nexport function f(n) { return n; }",
      errors: [{ messageId: "MS016", line: 1, column: 13, endLine: 1, endColumn: 27 }],
    },
    {
      code: "/** @memoize key=hash */\nexport function k(n) { return n; }",
      errors: [{ messageId: "MS017", line: 1, column: 18, endLine: 1, endColumn: 22 }],
    },
    {
      code: "/** @memoize max=1 max=2 */\nexport function k(n) { return n; }",
      errors: [{ messageId: "MS015", line: 1, column: 20, endLine: 1, endColumn: 25 }],
    },
    {
      code: "/**\n * @memoize\n * @memoize max=2\n */\nexport function k(n) { return n; }",
      errors: [{ messageId: "MS018", line: 3, column: 4, endLine: 3, endColumn: 12 }],
    },
    {
      // A rejected target: the declaration's first line is underlined.
      code: "/** @memoize */\nexport class G {}",
      errors: [{ messageId: "MS001", line: 2, column: 8, endLine: 2, endColumn: 18 }],
    },
    {
      code: "/** @memoize */\nexport function* h() {}",
      errors: [{ messageId: "MS002", line: 2, column: 8, endLine: 2, endColumn: 24 }],
    },
    {
      code: "class K {\n  /** @memoize */\n  set v(x) {}\n}",
      errors: [{ messageId: "MS003", line: 3, column: 3, endLine: 3, endColumn: 14 }],
    },
    {
      code: "/** @memoize */\n/* closer */\nexport function i(n) { return n; }",
      errors: [{ messageId: "MS022", line: 1, column: 5, endLine: 1, endColumn: 13 }],
    },
    {
      code: "export const j = [1, /** @memoize */ 2];",
      errors: [{ messageId: "MS001", line: 1, column: 38, endLine: 1, endColumn: 39 }],
    },
    {
      // Several problems in one file: all of them, in order (the build stops at the first error).
      code: "/** @memoise */\nexport function a(n) { return n; }\n/** @memoize max=-1 */\nexport function b(n) { return n; }",
      errors: [
        { messageId: "MS020", line: 1, column: 5, suggestions: [{ messageId: "useMemoize", output: "/** @memoize */\nexport function a(n) { return n; }\n/** @memoize max=-1 */\nexport function b(n) { return n; }" }] },
        { messageId: "MS011", line: 3, column: 14 },
      ],
    },
  ],
});

// typescript-eslint accepts an export name with a lone surrogate; Babel (and the build) do not. The rule
// says the file cannot be checked, at Babel's position, rather than pass it silently.
tsTester.run("valid-tag on a file Babel cannot parse", rule, {
  valid: [{ code: 'export { f as "\\uD800" };\nfunction f() {}', filename: "file.ts" }],
  invalid: [
    {
      code: '/** @memoize */\nexport function f(a: number) { return a; }\nexport { f as "\\uD800" };',
      filename: "file.ts",
      errors: [{ messageId: "unparsable", data: { message: "syntax error: An export name cannot include a lone surrogate, found '\\ud800'." }, line: 3, column: 15 }],
    },
  ],
});
