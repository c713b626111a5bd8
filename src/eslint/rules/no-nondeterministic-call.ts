import { Codes } from "../../core";
import { createRule } from "../create-rule";
import { findingRule, messagesFor } from "../report";

/** MS103: a memoized function calls a non-deterministic global (`Math.random()`, `Date.now()`, `new Date()`…). */
export const noNondeterministicCall = createRule(
  "no-nondeterministic-call",
  {
    type: "problem",
    docs: { description: "Disallow non-deterministic global calls (Math.random, Date.now, new Date…) in memoized functions (MS103): the cache freezes the first value", recommended: "warn", codes: [Codes.nondeterministic] },
    messages: messagesFor([Codes.nondeterministic]),
  },
  findingRule(Codes.nondeterministic),
);
