import * as fs from "fs";
import * as path from "path";
import type { ESLint, Linter } from "eslint";
import { recommendedConfig } from "./configs";
import type { MemoscopeRule } from "./create-rule";
import { noCapturedWrite } from "./rules/no-captured-write";
import { noImpureCallee } from "./rules/no-impure-callee";
import { noNondeterministicCall } from "./rules/no-nondeterministic-call";
import { noReassignedCapture } from "./rules/no-reassigned-capture";
import { noUnboundedCache } from "./rules/no-unbounded-cache";
import { validTag } from "./rules/valid-tag";

/**
 * memoscope's ESLint plugin (flat config): `import memoscope from "memoscope/eslint"; export default
 * [memoscope.configs.recommended]`. The rules report what the build reports (tag errors and warnings,
 * the MS101–MS105 findings), with its messages at its positions, while the code is being written.
 * CommonJS `export =`, so `require` and an ESM default import both get the plugin object.
 */

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { name: string; version: string };

/** Every rule, by the name it has after `memoscope/`. */
const rules = {
  "valid-tag": validTag,
  "no-reassigned-capture": noReassignedCapture,
  "no-captured-write": noCapturedWrite,
  "no-nondeterministic-call": noNondeterministicCall,
  "no-unbounded-cache": noUnboundedCache,
  "no-impure-callee": noImpureCallee,
} satisfies Record<string, MemoscopeRule>;

/** The plugin object: meta (name and version from package.json), rules and configs. */
const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "memoscope" },
  rules,
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

plugin.configs.recommended = recommendedConfig(plugin);

export = plugin;
