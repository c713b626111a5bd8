import fs from "node:fs";
import path from "node:path";
import { runMemoscope } from "./cli";

/**
 * Fixture reports for the HTML report tests: a small project scanned for real (plus an MS105 chain and a
 * file that is gone, as a store can hold them), and a synthetic report of any size for the speed check.
 */

/** A hostile name: it would end the data <script> if the page embedded it unescaped. */
export const HOSTILE = "</script><script>document.title='pwned'</script>\u2028<!--";

export const CART = `let rate = 1;
export function setRate(r) { rate = r; }

/** @memoize */
export const price = (amount) => {
  const net = amount * rate;
  return net + tax(net);
};

/** @memoize max=10 */
export function square(n) { return n * n; }

let hits = 0;
/** @memoize */
export function count(n) {
  hits++;
  return n + Math.random();
}

export function tax(x) { return x * 0.2; }
export function outer(x) {
  return function inner(y) { return x + y; };
}
`;

/** The chain the MS105 diagnostic carries (the shape SPEC §5b describes: steps with name, file, line, what). */
export const CHAIN = [
  { name: "price", file: "src/cart.js", line: 5, what: "memoized" },
  { name: "lookup", file: "src/db.js", line: 12, what: "calls" },
  { name: "cache", file: "src/db.js", line: 3, what: "reads cache (let, reassigned)" },
];

/**
 * Writes the project under `dir`, scans it into the store `dir/.memoscope`, and writes its merged report,
 * plus what scan cannot produce yet (an MS105 finding with a chain on `price`, and a closure in a file that
 * no longer exists), to `dir/report.json`: a report file with no store next to it, read as it is.
 */
export function makeFixtureReport(dir: string): { report: any; file: string } {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "cart.js"), CART);
  const scan = runMemoscope(dir, "scan", "src", "--out", ".memoscope");
  if (scan.status !== 0) throw new Error(`scan failed: ${scan.stderr}`);
  const file = path.join(dir, "report.json");
  const report = JSON.parse(fs.readFileSync(path.join(dir, ".memoscope", "report.json"), "utf8"));
  const price = report.files["src/cart.js"].closures.find((c: { name: string }) => c.name === "price");
  price.diagnostics.push({
    code: "MS105",
    severity: "warning",
    message: "price is memoized but reaches reassigned state: price → lookup (src/db.js:12) → reads cache (let, src/db.js:3, reassigned)",
    at: { line: 7, column: 15 },
    chain: CHAIN,
  });
  report.files["src/gone.js"] = {
    closures: [
      {
        name: HOSTILE,
        kind: "function",
        loc: { line: 3, column: 0 },
        memoized: { key: "identity" },
        captures: [{ name: "state", binding: "let", scope: "module", declared: { line: 1, column: 4 }, reassigned: true, writtenHere: false, via: "direct" }],
        globals: [],
        lexical: [],
        dynamic: false,
        diagnostics: [{ code: "MS101", severity: "warning", message: `${HOSTILE} is memoized but captures \`state\``, at: { line: 4, column: 9 } }],
      },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  return { report, file };
}

/** A synthetic report: `closures` closures in files of 20, every 10th memoized, every 40th with a warning. */
export function bigReport(closures: number): any {
  const files: Record<string, { closures: any[] }> = {};
  for (let i = 0; i < closures; i++) {
    const key = `src/module${String(Math.floor(i / 20)).padStart(4, "0")}.ts`;
    const memoized = i % 10 === 0;
    const warned = i % 40 === 0;
    (files[key] ??= { closures: [] }).closures.push({
      name: `fn${i}`,
      kind: i % 3 === 0 ? "arrow" : "function",
      loc: { line: (i % 20) * 10 + 1, column: 0 },
      memoized: memoized ? { key: "identity", max: 100 } : null,
      captures: [
        { name: `shared${i % 7}`, binding: "let", scope: "module", declared: { line: 1, column: 4 }, reassigned: warned, writtenHere: false, via: "direct" },
        { name: "config", binding: "const", scope: { name: "setup", line: 2, column: 0 }, declared: { line: 3, column: 8 }, reassigned: false, writtenHere: false, via: "nested" },
      ],
      globals: ["Math"],
      lexical: [],
      dynamic: false,
      diagnostics: warned ? [{ code: "MS101", severity: "warning", message: `fn${i} is memoized but captures \`shared${i % 7}\``, at: { line: (i % 20) * 10 + 2, column: 4 } }] : [],
    });
  }
  return { version: 1, files };
}
