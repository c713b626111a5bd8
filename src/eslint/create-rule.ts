import type { Rule } from "eslint";

/**
 * One shape for every rule, as typescript-eslint's `RuleCreator` gives its rules: the docs URL is built
 * from the rule name (so it cannot drift), `docs.recommended` is the severity `configs.recommended`
 * gives the rule (a test checks the two agree), and `docs.codes` are the diagnostic codes it reports.
 */

/** Where a rule's documentation lives: the README's rule table has an anchor per rule. */
export const DOCS_URL = "https://www.npmjs.com/package/memoscope#rule-";

/** The docs every memoscope rule carries. */
export interface MemoscopeRuleDocs {
  description: string;
  /** Severity in `configs.recommended`, or false when the rule is not in it. */
  recommended: "error" | "warn" | false;
  /** The memoscope diagnostic codes the rule reports (MS0xx for the tag rule). */
  codes: readonly string[];
}

/** A memoscope rule: ESLint's rule module with the docs above. */
export type MemoscopeRule = Rule.RuleModule & { meta: Rule.RuleMetaData & { docs: MemoscopeRuleDocs & { url: string } } };

/** Options accepted by every rule today: none, in an object so options can be added without breaking configs. */
export const NO_OPTIONS_SCHEMA = [{ type: "object" as const, properties: {}, additionalProperties: false }];

/** Builds a rule: fills `docs.url` from `name`, the empty-options schema and its default. */
export function createRule(name: string, meta: Omit<Rule.RuleMetaData, "docs" | "schema"> & { docs: MemoscopeRuleDocs }, create: Rule.RuleModule["create"]): MemoscopeRule {
  return {
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS_URL}${name}` }, schema: NO_OPTIONS_SCHEMA, defaultOptions: [{}] },
    create,
  };
}
