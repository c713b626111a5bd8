import plugin from "../../dist/eslint";
import { both, tsTester } from "./support";

/**
 * `memoscope/no-unbounded-cache` (MS104, info in the build, off in `recommended`): reported on the
 * function's first line. Parameter types come from the TypeScript annotations, so most cases are `.ts`.
 */
const rule = plugin.rules["no-unbounded-cache"];

tsTester.run("no-unbounded-cache", rule, {
  valid: [
    { code: "/** @memoize max=100 */\nexport function f(s: string) { return s; }", filename: "file.ts" },
    { code: "/** @memoize weak */\nexport function f(o: object) { return o; }", filename: "file.ts" },
    { code: "/** @memoize */\nexport function f(n: number) { return n; }", filename: "file.ts" },
  ],
  invalid: [
    {
      code: "export class Cart {\n  /** @memoize */\n  label(s: string, o: object): string {\n    return s;\n  }\n}",
      filename: "file.ts",
      errors: [
        {
          messageId: "MS104",
          data: { message: "Cart#label is memoized without a bound and takes string and object arguments: its cache grows with every distinct argument and is never emptied. Add max=N or ttl=D, or weak for object arguments." },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 40,
        },
      ],
    },
    {
      code: "/** @memoize */\nexport const upper = (s: string) => s.toUpperCase();",
      filename: "file.ts",
      errors: [{ messageId: "MS104", line: 2, column: 22, endLine: 2, endColumn: 52 }],
    },
  ],
});

both("no-unbounded-cache (JavaScript: no parameter types, no finding)", rule, {
  valid: ["/** @memoize */\nexport function f(s) { return s; }"],
  invalid: [],
});
