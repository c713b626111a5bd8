import { Codes } from "../../core";
import { createRule } from "../create-rule";
import { findingRule, messagesFor } from "../report";

/**
 * MS105: a function the memoized one reaches (in the same file) reads reassigned state, writes captured
 * state or calls a non-deterministic global. Reported whenever the analysis (the core's within-file
 * pass, as the build runs it) gives an MS105 diagnostic.
 */
export const MS105 = Codes.impureCallee;

/** MS105, within the file: an impure function reached from a memoized one. */
export const noImpureCallee = createRule(
  "no-impure-callee",
  {
    type: "problem",
    docs: { description: "Disallow memoized functions that reach, through calls in the same file, a function that reads reassigned state, writes captured state or is non-deterministic (MS105)", recommended: "warn", codes: [MS105] },
    messages: messagesFor([MS105]),
  },
  findingRule(MS105),
);
