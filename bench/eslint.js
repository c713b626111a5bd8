"use strict";
// `node bench/eslint.js [--quick] [--rounds=N]`: what the ESLint plugin adds to a lint run, as a ratio to the same
// lint without it, measured in the same process in interleaved rounds (machine load hits both alike).
//   untagged: the build corpus (no tag anywhere): the plugin's cost is a text check per file
//   tagged:   the memoized subset (tags added to copies of corpus files): the plugin parses and
//             analyses each tagged file once, whatever the number of its rules that are on
// Base config: @eslint/js recommended on .js (espree), typescript-eslint's parser on .ts.
// Needs `npm run build` first (it loads dist/eslint).

const fs = require("fs");
const path = require("path");
const { ESLint, Linter } = require("eslint");
const js = require("@eslint/js");
const tsParser = require("@typescript-eslint/parser");
const { corpusFiles, subsetSources } = require("./build/corpus");
const { tagSource } = require("./build/tagger");
const { median, spreadPct } = require("./lib/stats");
const memoscope = require("../dist/eslint");

const quick = process.argv.includes("--quick");
const ROUNDS = Number(/--rounds=(\d+)/.exec(process.argv.join(" "))?.[1] ?? (quick ? 5 : 9));

const base = [
  { languageOptions: { sourceType: "module" }, linterOptions: { reportUnusedDisableDirectives: "off" } },
  { files: ["**/*.js"], ...js.configs.recommended },
  { files: ["**/*.ts"], languageOptions: { parser: tsParser } },
];
const withPlugin = [...base, memoscope.configs.recommended];

function load(files, tag) {
  return files.map((file) => {
    const text = fs.readFileSync(file, "utf8");
    // Outside node_modules (ESLint ignores it by default), keeping the extension that picks the parser.
    return { file: path.join(process.cwd(), "corpus", path.relative(path.join(__dirname, "..", "node_modules"), file)), text: tag ? tagSource(text, file).code : text };
  });
}

/** An ESLint instance as the CLI makes one (config normalised once, not per file), with this config only. */
function eslintFor(config) {
  return new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config, cache: false });
}

/** Lints every file once; returns the CPU ms it took (user + system: less noisy than wall time on a shared machine). */
async function lintAll(eslint, inputs) {
  const start = process.cpuUsage();
  for (const { file, text } of inputs) {
    const [result] = await eslint.lintText(text, { filePath: file });
    if (result.messages.some((m) => m.fatal) || result.messages.some((m) => /ignored/.test(m.message))) throw new Error(`${file}: ${result.messages[0].message}`);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function measure(label, inputs) {
  const without = eslintFor(base);
  const plugged = eslintFor(withPlugin);
  await lintAll(without, inputs); // warm-up both paths
  await lintAll(plugged, inputs);
  const a = [];
  const b = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      a.push(await lintAll(without, inputs));
      b.push(await lintAll(plugged, inputs));
    } else {
      b.push(await lintAll(plugged, inputs));
      a.push(await lintAll(without, inputs));
    }
  }
  const lines = inputs.reduce((n, i) => n + i.text.split("\n").length, 0);
  const tags = inputs.reduce((n, i) => n + (i.text.match(/\/\*\* @memoize \*\//g) || []).length, 0);
  const ma = median(a);
  const mb = median(b);
  console.log(
    `| ${label} | ${inputs.length} files, ${lines} lines, ${tags} tags | ${ma.toFixed(0)} ms (±${spreadPct(a).toFixed(0)}%) | ${mb.toFixed(0)} ms (±${spreadPct(b).toFixed(0)}%) | ${(mb / ma).toFixed(3)}× | ${((mb - ma) / inputs.length).toFixed(2)} ms |`,
  );
}

console.log(`ESLint ${Linter.version}, ${ROUNDS} interleaved rounds, median CPU time (spread)${quick ? ", quick corpus" : ""}\n`);
console.log("| corpus | size | without plugin | with memoscope recommended | ratio | added per file |");
console.log("|---|---|---|---|---|---|");
(async () => {
  await measure("untagged (build corpus)", load(corpusFiles(quick), false));
  await measure("tagged (memoized subset)", load(subsetSources(quick), true).filter((i) => i.text.includes("@memoize")));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
