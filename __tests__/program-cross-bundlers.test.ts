import { transformFileSync } from "@babel/core";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { writeBuildReport } from "../dist/bundler/report";
import { babelOptions } from "./support/compile-babel";
import { OUT, ROOT } from "./support/fixtures";

/**
 * The bundler plugins at build end (SPEC §5b): after the last module, the cross-file pass runs over the
 * store's summaries, the merged report gets its verdicts, and each finding it adds reaches the bundler's
 * warning API, with the file and line:column (esbuild's build-end hook has none, as webpack's and Rspack's:
 * there they go to stderr as `memoscope: warning: …`, like store warnings). With `reportAll` every included file is summarised; by
 * default only tagged files are, and calls into the others are listed as unresolved, never guessed.
 */

const FIXTURE = path.join(ROOT, "fixtures", "program");

function build(tool: "esbuild" | "vite", name: string, options: object): { warnings: string[]; errors: string[]; stderr: string; dir: string } {
  const dir = path.join(OUT, "program-cross-bundlers", `${tool}-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const child = spawnSync(process.execPath, [path.join(__dirname, "support", "program-cross-bundle.mjs"), JSON.stringify({ tool, dir, options })], { cwd: ROOT, encoding: "utf8" });
  const stdout = child.stdout;
  return { ...JSON.parse(stdout.slice(stdout.indexOf("@@memoscope-result@@") + "@@memoscope-result@@".length)), stderr: child.stderr, dir };
}

const CROSS = [
  "src/cart.ts:14:21: MS101: priceWithVat is memoized but captures `vat` (import, module scope), which src/tax.ts:2 reassigns (let vat)",
  "src/cart.ts:19:10: MS105: subtotal is memoized but reaches impure code: subtotal → findSku (src/catalog.ts:10) → reads version (let, src/catalog.ts:2, reassigned)",
  "src/cart.ts:24:22: MS105: stamped is memoized but reaches impure code: stamped → stamp (src/clock.ts:2) → calls Date.now() (src/clock.ts:3)",
  "src/cart.ts:29:10: MS105: gross is memoized but reaches impure code: gross → addTax (src/lib/money.ts:4) → reads vat (let, src/tax.ts:2, reassigned)",
  "src/cart.ts:34:19: MS105: ticket is memoized but reaches impure code: ticket → count (src/metrics/counter.ts:4) → writes hits (let, src/metrics/counter.ts:1)",
  "src/cart.ts:49:10: MS105: rally is memoized but reaches impure code: rally → ping (src/ping.ts:3) → pong (src/pong.ts:9) → reads rallies (let, src/pong.ts:3, reassigned)",
  "src/checkout.ts:7:12: MS105: Checkout#quote is memoized but reaches impure code: Checkout#quote → Checkout#unitPrice (src/checkout.ts:15) → findSku (src/catalog.ts:10) → reads version (let, src/catalog.ts:2, reassigned)",
];

describe.each(["esbuild", "vite"] as const)("memoscope/%s at build end", (tool) => {
  test("reportAll: the cross-file findings arrive as warnings, once each, and the merged report has them", () => {
    const built = build(tool, "all", { report: ".memoscope", reportAll: true });
    expect(built.errors).toEqual([]);
    const channel = tool === "esbuild" ? built.stderr.split("\n").filter((l) => l.startsWith("memoscope: warning: ")).map((l) => l.slice("memoscope: warning: ".length)) : built.warnings;
    const cross = channel.filter((w) => /MS10[15]: /.test(w) && / → |\(import, module scope\)/.test(w)).map((w) => w.replace(/: (a cached result|a cache hit).*$/s, ""));
    expect(cross.sort()).toEqual([...CROSS].sort());
    const report = JSON.parse(fs.readFileSync(path.join(built.dir, ".memoscope", "report.json"), "utf8"));
    const subtotal = report.files["src/cart.ts"].closures.find((c: { name: string }) => c.name === "subtotal");
    expect(subtotal.diagnostics.map((d: { code: string }) => d.code)).toContain("MS105");
  }, 120000);

  test("default (tagged files only): calls into untagged files are listed as unresolved, no finding made up", () => {
    const built = build(tool, "tagged", { report: ".memoscope" });
    expect(built.errors).toEqual([]);
    expect(built.warnings.filter((w) => / → /.test(w))).toEqual([]);
    expect(built.stderr).not.toMatch(/ → /);
    const report = JSON.parse(fs.readFileSync(path.join(built.dir, ".memoscope", "report.json"), "utf8"));
    const subtotal = report.files["src/cart.ts"].closures.find((c: { name: string }) => c.name === "subtotal");
    expect(subtotal.unresolved).toEqual([{ callee: "findSku", line: 19, column: 9 }]);
  }, 120000);
});

test("writeBuildReport: each cross-file finding goes to the callback with its file; a rebuild with the same findings sends none again", () => {
  const dir = path.join(OUT, "program-cross-bundlers", "build-report");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const files = fs.readdirSync(path.join(dir, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const f of files) transformFileSync(path.join(dir, "src", f), { ...babelOptions(path.join(dir, "src", f), { report: ".memoscope" }), cwd: dir });
  const sent: string[] = [];
  const finding = (file: string, d: { code: string; at: { line: number; column: number } }) => sent.push(`${path.relative(dir, file)}:${d.at.line}:${d.at.column + 1}: ${d.code}`);
  writeBuildReport(dir, ".memoscope", [], { finding });
  expect(sent.sort()).toEqual(CROSS.map((line) => line.slice(0, line.indexOf(": MS") + 7)).sort());
  sent.length = 0;
  writeBuildReport(dir, ".memoscope", [], { finding });
  expect(sent).toEqual([]);
});
