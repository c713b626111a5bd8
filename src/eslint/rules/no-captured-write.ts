import { Codes } from "../../core";
import { createRule } from "../create-rule";
import { findingRule, messagesFor } from "../report";

/** MS102: a memoized function writes captured state, a side effect that a cache hit skips. */
export const noCapturedWrite = createRule(
  "no-captured-write",
  {
    type: "problem",
    docs: { description: "Disallow memoized functions that write captured state (MS102): a cache hit skips the write", recommended: "warn", codes: [Codes.writesCapture] },
    messages: messagesFor([Codes.writesCapture]),
  },
  findingRule(Codes.writesCapture),
);
