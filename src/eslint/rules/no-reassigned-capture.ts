import { Codes } from "../../core";
import { createRule } from "../create-rule";
import { findingRule, messagesFor } from "../report";

/** MS101: a memoized function captures a binding that is reassigned somewhere, so its cached results can go stale. */
export const noReassignedCapture = createRule(
  "no-reassigned-capture",
  {
    type: "problem",
    docs: { description: "Disallow memoized functions that capture a reassigned binding (MS101): the cache goes stale when it changes", recommended: "warn", codes: [Codes.staleCapture] },
    messages: messagesFor([Codes.staleCapture]),
  },
  findingRule(Codes.staleCapture),
);
