import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { canonicalFileReport, emptyReport, serializeReport, serializeWithFragments, withFileEntry, type FileReport, type Report } from "../dist/core";

/**
 * The writer's incremental serialisation (per-file fragments kept between writes) must give exactly
 * the bytes of the plain serialisation, whatever sequence of entry updates and removals came before.
 */
const entries: FileReport[] = fs
  .readdirSync(path.join(__dirname, "..", "fixtures", "captures"))
  .filter((name) => fs.existsSync(path.join(__dirname, "..", "fixtures", "captures", name, "captures.json")))
  .map((name) => canonicalFileReport(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "captures", name, "captures.json"), "utf8"))));

test("fragments give the same bytes as serializeReport after any sequence of updates", () => {
  expect(entries.length).toBeGreaterThan(5);
  const keys = ["a.js", "src/b.ts", "src/c/d.tsx", "z.js", "ä/ünïcode.js", 'q"uote.js'];
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.option(fc.integer({ min: 0, max: entries.length - 1 }), { nil: null })), { maxLength: 30 }), (updates) => {
      const fragments = new Map<string, { entry: FileReport; text: string }>();
      let report: Report = emptyReport();
      expect(serializeWithFragments(report, fragments)).toBe(serializeReport(report));
      for (const [key, index] of updates) {
        report = withFileEntry(report, key, index === null ? null : entries[index]);
        expect(serializeWithFragments(report, fragments)).toBe(serializeReport(report));
      }
    }),
    { numRuns: 200 },
  );
});
