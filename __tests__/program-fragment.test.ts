import { transformSync } from "@babel/core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fragmentName, parseFragment, readStore, resolveStore } from "../dist/core";
import { babelOptions } from "./support/compile-babel";
import { compileFileWithTs } from "./support/compile-ts";

/**
 * Issue 12: the file's summary travels in its store fragment (a field of the fragment, not of the
 * entry), so `memoscope report` and bundlers at build end can run the cross-file pass; the merged
 * report keeps its shape. A file with no closures but functions others may call (a pure helper, one
 * calling Date.now()) keeps a fragment for its summary; the merged report still leaves it out.
 */

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "memoscope-fragment-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const helpers = "export function stamp(): number {\n  return Date.now();\n}\nexport const pure = (n: number): number => Math.max(n, 0);\n";
const cart = 'import { stamp } from "./helpers";\nlet rate = 1;\nexport function setRate(r: number): void {\n  rate = r;\n}\n/** @memoize */\nexport function price(n: number): number {\n  return n * rate + stamp();\n}\n';

function fragmentOf(store: string, key: string) {
  const { fragments } = resolveStore(root, store);
  return parseFragment(fs.readFileSync(path.join(fragments, fragmentName(key)), "utf8"), key);
}

test.each(["babel", "ts"])("%s: fragments carry the summary; the merged report is unchanged in shape", (frontEnd) => {
  fs.mkdirSync(path.join(root, "src"));
  for (const [name, text] of [["helpers.ts", helpers], ["cart.ts", cart]]) {
    const file = path.join(root, "src", name);
    fs.writeFileSync(file, text);
    const options = { report: ".memoscope", root };
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      if (frontEnd === "babel") transformSync(text, babelOptions(file, options, false));
      else expect(compileFileWithTs(file, options).errors).toEqual([]);
    } finally {
      process.stderr.write = write;
    }
  }
  const helpersFragment = fragmentOf(".memoscope", "src/helpers.ts");
  expect(helpersFragment.entry.closures).toEqual([]);
  expect(helpersFragment.summary!.functions.map((f) => [f.ref, f.effects.map((e) => e.what)])).toEqual([
    ["stamp", ["calls"]],
    ["pure", []],
  ]);
  const cartFragment = fragmentOf(".memoscope", "src/cart.ts");
  expect(cartFragment.summary!.imports).toEqual([{ local: "stamp", source: "./helpers", imported: "stamp" }]);
  expect(cartFragment.summary!.state.map((s) => s.name)).toEqual(["rate"]);
  expect("summary" in cartFragment.entry).toBe(false);

  const merged = readStore(resolveStore(root, ".memoscope")).report;
  expect(Object.keys(merged.files)).toEqual(["src/cart.ts"]);
  expect(Object.keys(merged.files["src/cart.ts"]).sort()).toEqual(["closures"]);
});

test("a fragment with a malformed summary is a clear problem, not a crash", () => {
  const text = JSON.stringify({ memoscopeFragment: 1, file: "a.ts", root: ".", source: null, entry: { closures: [] }, summary: { imports: 3 } });
  expect(() => parseFragment(text, "x.json")).toThrow("x.json: not a memoscope report fragment (malformed summary)");
});
