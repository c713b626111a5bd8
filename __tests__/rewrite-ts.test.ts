import fs from "node:fs";
import path from "node:path";
import { compileWithTs } from "./support/compile-ts";
import { loadFixtures } from "./support/fixtures";
import { runExec } from "./support/run-exec";

/** Every rewrite fixture through the TypeScript front end (ts-patch/compiler): errors, warnings, output, behaviour. */
describe.each(loadFixtures().map((f) => [f.name, f] as const))("ts: %s", (_name, fixture) => {
  if (fixture.throws) {
    test("fails the build with the expected error diagnostic", () => {
      const { errors } = compileWithTs(fixture);
      expect(errors.length).toBeGreaterThan(0);
      const text = errors.map((e) => e.message).join("\n");
      for (const line of fixture.throws!) expect(text).toContain(line);
    });
    return;
  }
  let compiled: ReturnType<typeof compileWithTs> | undefined;
  const build = () => (compiled ??= compileWithTs(fixture));
  test("builds without error diagnostics", () => {
    expect(build().errors).toEqual([]);
  });
  if (fixture.printed !== undefined) {
    test("prints exactly printed.txt", () => {
      expect(build().stderr).toBe(fixture.printed);
    });
  }
  if (fixture.warnings) {
    test("prints the expected warnings", () => {
      for (const line of fixture.warnings!) expect(build().stderr).toContain(line);
    });
  }
  const expectedFile = path.join(fixture.dir, "output.ts.js");
  if (fixture.expectedOutput?.ts !== undefined || (process.env.OVERWRITE && fixture.expectedOutput?.babel !== undefined)) {
    test("emits the expected code", () => {
      const code = compileWithTs(fixture, "esm").code.trim();
      // OVERWRITE=1 rewrites the expected output; review the diff before committing it.
      if (process.env.OVERWRITE) fs.writeFileSync(expectedFile, code + "\n");
      else expect(code).toBe(fixture.expectedOutput!.ts!.trim());
    });
  }
  if (fixture.exec !== undefined) {
    test("behaves as exec.js asserts", () => {
      const result = runExec(fixture, "ts", build().code);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(() => JSON.parse(result.stdout)).not.toThrow();
    });
  }
});
