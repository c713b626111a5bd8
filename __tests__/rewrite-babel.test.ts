import fs from "node:fs";
import path from "node:path";
import { compileWithBabel } from "./support/compile-babel";
import { loadFixtures } from "./support/fixtures";
import { runExec } from "./support/run-exec";

/** Every rewrite fixture through the Babel front end: errors, warnings, output, and behaviour. */
describe.each(loadFixtures().map((f) => [f.name, f] as const))("babel: %s", (_name, fixture) => {
  if (fixture.throws) {
    test("fails the build with the expected error", () => {
      expect(() => compileWithBabel(fixture)).toThrow();
      try {
        compileWithBabel(fixture);
      } catch (err) {
        for (const line of fixture.throws!) expect((err as Error).message).toContain(line);
      }
    });
    return;
  }
  const compiled = () => compileWithBabel(fixture);
  if (fixture.printed !== undefined) {
    test("prints exactly printed.txt", () => {
      expect(compiled().stderr).toBe(fixture.printed);
    });
  }
  if (fixture.warnings) {
    test("prints the expected warnings", () => {
      const { stderr } = compiled();
      for (const line of fixture.warnings!) expect(stderr).toContain(line);
    });
  }
  if (fixture.expectedOutput?.babel !== undefined) {
    test("emits the expected code", () => {
      const code = compileWithBabel(fixture, false).code.trim();
      // OVERWRITE=1 rewrites the expected output; review the diff before committing it.
      if (process.env.OVERWRITE) fs.writeFileSync(path.join(fixture.dir, "output.babel.js"), code + "\n");
      else expect(code).toBe(fixture.expectedOutput!.babel!.trim());
    });
  }
  if (fixture.exec !== undefined) {
    test("behaves as exec.js asserts", () => {
      const result = runExec(fixture, "babel", compiled().code);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    });
  }
});
