import type { ESLint, Linter } from "eslint";

/**
 * `configs.recommended`, the flat config object itself (so `export default [memoscope.configs.recommended]`
 * is the whole setup). No `files`: it applies to whatever the user's config lints (.js by default,
 * .ts/.tsx once typescript-eslint's config adds them). It also tells eslint-plugin-jsdoc that `@memoize`
 * is a real tag, whose options are free text, so `jsdoc/check-tag-names` does not flag it.
 */

/** eslint-plugin-jsdoc's `settings.jsdoc.structuredTags` entry for the tag: no type, options as text. */
export const JSDOC_SETTINGS = { jsdoc: { structuredTags: { memoize: { name: "text", type: false, required: [] } } } };

/** The rules `recommended` turns on, with their severities (each rule's `meta.docs.recommended` says the same; a test checks). */
export const RECOMMENDED_RULES: Linter.RulesRecord = {
  "memoscope/valid-tag": "error",
  "memoscope/no-reassigned-capture": "warn",
  "memoscope/no-captured-write": "warn",
  "memoscope/no-nondeterministic-call": "warn",
  "memoscope/no-impure-callee": "warn",
};

/** The recommended flat config for a plugin object. */
export function recommendedConfig(plugin: ESLint.Plugin): Linter.Config {
  return { name: "memoscope/recommended", plugins: { memoscope: plugin }, rules: { ...RECOMMENDED_RULES }, settings: JSDOC_SETTINGS };
}
