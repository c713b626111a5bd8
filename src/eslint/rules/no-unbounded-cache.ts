import { Codes } from "../../core";
import { createRule } from "../create-rule";
import { findingRule, messagesFor } from "../report";

/** MS104 (info in the build, so off in `recommended`): an unbounded cache on a function taking string or object arguments. */
export const noUnboundedCache = createRule(
  "no-unbounded-cache",
  {
    type: "suggestion",
    docs: { description: "Require a bound (max, ttl or weak) on memoized functions that take string or object arguments (MS104)", recommended: false, codes: [Codes.unbounded] },
    messages: messagesFor([Codes.unbounded]),
  },
  findingRule(Codes.unbounded),
);
