/** The capture report: schema v1, deterministic text, and the concurrent-safe file writer. */
export * from "./model";
export { ReportError, canonicalFileReport, parseReport, serializeReport, stableStringify } from "./serialize";
export { reportKey, withFileEntry } from "./merge";
export { readReport, writeAtomically, writeReportEntries, writeReportEntry, writeReportFile, type WriteOptions } from "./writer";
export { deliverFileReport, strictMessage, triageFindings, type Triage } from "./delivery";
export { flushReports, recordReportEntry } from "./batch";
export { serializeWithFragments } from "./serialize";
