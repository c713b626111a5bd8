/** ECMAScript scope resolution over plain tables: the builder front ends lower their tree through, and the resolver. */
export * from "./table";
export { ScopeBuilder } from "./builder";
export { KEYWORD_ROOTS, resolveFacts } from "./resolve";
