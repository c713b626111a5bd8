/** The whole-program pass (SPEC §5b): per-file summaries, the pass over them, and applying its verdicts to a report. */
export * from "./summary";
export { summarizeModule, effectName } from "./extract";
export { reach, functionKey, type ProgramInput, type ReachResult, type ImportCapture } from "./reach";
export { applyReach, applyReachToFile, isReachDiagnostic } from "./apply";
export { analyzeLowered, type ModuleAnalysis } from "./analyze";
