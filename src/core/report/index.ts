/** The capture report: schema v1, deterministic text, and the store builds write and readers merge. */
export * from "./model";
export { ReportError, canonicalFileReport, fileEntryProblem, parseReport, serializeReport, stableStringify } from "./serialize";
export { reportKey, withFileEntry } from "./merge";
export { FRAGMENTS_FOLDER, isOutside, resolveStore, type StoreLocation } from "./location";
export { FRAGMENT_VERSION, fragmentName, parseFragment, sourceStamp, summaryMatters, writeFragment, type Fragment, type SourceStamp } from "./fragment";
export { readStore, type StoreView } from "./read-store";
export { writeAtomically, writeMergedReport, writeReportFile, type MergeOptions } from "./merged";
export { deliverFileReport, flushReports, strictMessage, triageFindings, type DeliveryOptions, type Triage } from "./delivery";
export { warnToStderr, type StoreWarn } from "./warn";
export { describeFsError } from "./atomic";
