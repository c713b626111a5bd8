import { Linter } from "eslint";
import * as scan from "../../dist/cli/scan";
import plugin from "../../dist/eslint";

/**
 * The cost model: a file whose text cannot hold a tag is never parsed by the plugin (a text check
 * first), and a tagged file is analysed once however many memoscope rules are on. Checked by counting
 * calls to the analysis entry the rules share (`scan.analyzeSource`).
 */
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`memoscope/${name}`, "warn" as const]));
const config: Linter.Config[] = [{ ...plugin.configs.recommended, rules: allRules }];

let spy: jest.SpyInstance;
beforeEach(() => {
  spy = jest.spyOn(scan, "analyzeSource");
});
afterEach(() => spy.mockRestore());

test("a file without the tag (or a near miss) is not analysed", () => {
  const code = "// a /* memo */ comment, an @param tag and a 'memoize' string\n/** @param n a number */\nexport const memoize = (n) => n;\n";
  expect(new Linter().verify(code, config, "plain.js")).toEqual([]);
  expect(spy).not.toHaveBeenCalled();
});

test.each(["/** @memoize */", "/** @Memoize */", "/** @memoise */", "/** @memo */", "/** @cached */", "// @memoize"])("text holding %s is analysed, once for all six rules", (comment) => {
  new Linter().verify(`${comment}\nexport function f(n) { return n; }\n`, config, "tagged.js");
  expect(spy).toHaveBeenCalledTimes(1);
});

test("each lint run of the same text analyses it again (the cache is per SourceCode, not per text)", () => {
  const linter = new Linter();
  linter.verify("/** @memoize */\nexport function f(n) { return n; }\n", config, "a.js");
  linter.verify("/** @memoize */\nexport function f(n) { return n; }\n", config, "a.js");
  expect(spy).toHaveBeenCalledTimes(2);
});
