/** Capture analysis: the facts a front end collects, and the classifier that turns them into report records. */
export * from "./facts";
export { classify, classifyUnits, compareStrings, type Building, type Classified, type UnitState } from "./classify";
export { diagnoseClosure, type ClosureEvidence } from "./diagnose";
export { nondeterministicCallee } from "./nondeterministic";
