import { compileWithBabel } from "./support/compile-babel";
import { compileWithTs } from "./support/compile-ts";
import { loadFixtures } from "./support/fixtures";

/**
 * Every build error, the same on both paths (issue 10 item 9): each `fixtures/rewrite/error-*` fixture
 * through Babel and through ts-patch gives the same MS code and message at the same line and column. The rule
 * both follow: an error about an option points at the option word, an error about the tag at the tag,
 * and an error about the target at the start of Babel's node for what the tag applies to (the function,
 * the implementation for an overload signature, the declaration after its `export` words, a class
 * member at its first modifier or decorator). Babel stops at the first error in the file; TypeScript
 * lists every error, in position order, starting with that one. `throws.txt` pins the position.
 */

const fixtures = loadFixtures().filter((f) => f.name.startsWith("error-"));

test("there are error fixtures", () => {
  expect(fixtures.length).toBeGreaterThan(15);
});

describe.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
  test("same code, message, line and column on both paths, as throws.txt says", () => {
    let babel = "no error";
    let babelMessage = "no error";
    try {
      compileWithBabel(fixture);
    } catch (err) {
      const { memoscope, loc } = err as { memoscope?: { code: string; message: string }; loc?: { line: number; column: number } };
      if (!memoscope) throw err;
      babel = `${memoscope.code} (${loc!.line}:${loc!.column})`;
      babelMessage = `${memoscope.code}: ${memoscope.message} (${loc!.line}:${loc!.column})`;
    }
    const { errors } = compileWithTs(fixture);
    const ts = errors.map((e) => `${e.code} (${e.line}:${e.column})`);
    expect(ts[0] ?? "no error").toBe(babel);
    expect(errors[0]?.message ?? "no error").toBe(babelMessage);
    const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
    expect(errors).toEqual(sorted);
    const pinned = fixture.throws!.filter((line) => /^MS\d{3}$/.test(line) || /^\(\d+:\d+\)$/.test(line));
    expect(pinned.join(" ")).toBe(babel);
  });
});
