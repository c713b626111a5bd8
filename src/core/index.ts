/** memoscope's core: knows no AST. Tag and option parsing, rewrite planning, diagnostics, the report. */
export * from "./diagnostics";
export * from "./tag";
export * from "./plan";
export * from "./options";
export * from "./suggest";
export * from "./captures";
export * from "./report";
export * from "./messages";
export * from "./print";
export * from "./scope";
export * from "./verify";
export * from "./program";
