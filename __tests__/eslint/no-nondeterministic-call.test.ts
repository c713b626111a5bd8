import plugin from "../../dist/eslint";
import { both } from "./support";

/** `memoscope/no-nondeterministic-call` (MS103): the whole call expression is underlined. */
const rule = plugin.rules["no-nondeterministic-call"];

both("no-nondeterministic-call", rule, {
  valid: [
    "export function f(n) { return Math.random() * n; }",
    // A local `Math` is somebody else's.
    "const Math = { random: () => 4 };\n/** @memoize */\nexport function f(n) { return Math.random() * n; }",
    // `new Date(x)` is deterministic.
    "/** @memoize */\nexport function f(ms) { return new Date(ms).getUTCDay(); }",
  ],
  invalid: [
    {
      code: "/** @memoize */\nexport function f(n) {\n  return n * Math.random() + new Date().getTime() + globalThis.Date.now();\n}",
      errors: [
        {
          messageId: "MS103",
          data: { message: "f is memoized but calls Math.random(), which returns a different value each time: the cache freezes the first one. Pass the value in as an argument, or remove @memoize." },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 27,
        },
        { messageId: "MS103", line: 3, column: 30, endLine: 3, endColumn: 40 },
        { messageId: "MS103", line: 3, column: 53, endLine: 3, endColumn: 74 },
      ],
    },
    {
      // A call spanning lines: underlined up to the end of its first line.
      code: "/** @memoize */\nexport const g = () => crypto.getRandomValues(\n  new Uint8Array(4),\n);",
      errors: [{ messageId: "MS103", line: 2, column: 24, endLine: 2, endColumn: 47 }],
    },
  ],
});
