import * as fs from "fs";
import * as path from "path";
import { analyzeSource } from "../dist/cli/scan";
import { stableStringify } from "../dist/core";

/**
 * Capture fixtures (fixtures/captures/<case>/): the Babel lowering + core resolver and classifier must give
 * exactly `captures.json` for `input.*`. Each input's header comment says why the values are right.
 */

const root = path.join(__dirname, "..", "fixtures", "captures");
const cases = fs.readdirSync(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory()).sort();

describe.each(cases)("capture fixture %s", (name) => {
  const dir = path.join(root, name);
  const input = fs.readdirSync(dir).find((f) => f.startsWith("input."))!;
  const code = fs.readFileSync(path.join(dir, input), "utf8");
  const expectedFile = path.join(dir, "captures.json");

  it("gives the expected report entry", () => {
    const actual = stableStringify(analyzeSource(code, input).entry);
    if (process.env.UPDATE_CAPTURES || !fs.existsSync(expectedFile)) fs.writeFileSync(expectedFile, actual);
    expect(actual).toBe(fs.readFileSync(expectedFile, "utf8"));
  });

  it("is deterministic", () => {
    expect(stableStringify(analyzeSource(code, input).entry)).toBe(stableStringify(analyzeSource(code, input).entry));
  });
});
