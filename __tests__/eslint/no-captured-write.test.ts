import plugin from "../../dist/eslint";
import { both } from "./support";

/** `memoscope/no-captured-write` (MS102): the first write of captured state, underlined. */
const rule = plugin.rules["no-captured-write"];

both("no-captured-write", rule, {
  valid: [
    "let count = 0;\nexport function f(n) { count++; return n; }",
    "/** @memoize */\nexport function f(n) { let local = 0; local++; return n + local; }",
  ],
  invalid: [
    {
      code: "let count = 0;\n/** @memoize */\nexport function f(n) {\n  count++;\n  return n;\n}",
      errors: [
        {
          messageId: "MS102",
          data: { message: "f is memoized but writes the captured `count` (let, module scope): a cache hit skips the body, so the write silently stops happening. Move the side effect out of the function, or remove @memoize." },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 8,
        },
      ],
    },
    {
      // Destructuring assignment writes `a` (declared in the enclosing function).
      code: "export function outer() {\n  let a = 0;\n  /** @memoize */\n  const g = (o) => { ({ a } = o); return a; };\n  return g;\n}",
      errors: [{ messageId: "MS102", line: 4, column: 25, endLine: 4, endColumn: 26 }],
    },
  ],
});
