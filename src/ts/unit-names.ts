import type * as TS from "typescript";
import type { ParamShape } from "../core";
import { keyName } from "./resolve-target";

/**
 * What the report says of a TypeScript unit besides its captures: its display name (the same rules as
 * the Babel front end's, core/captures/facts.ts UnitFact.name, read from TypeScript's tree) and, for a
 * memoized one, its parameters' shapes (MS104).
 */

/** An expression wrapper that changes no value (parentheses, `as`, `satisfies`, `!`, `<T>x`). */
export function isWrapper(ts: typeof TS, node: TS.Node): node is TS.ParenthesizedExpression | TS.AsExpression | TS.SatisfiesExpression | TS.NonNullExpression | TS.TypeAssertion {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node);
}

/** Babel's key name: computed keys only as string literals; `#private` keeps its `#`. */
function babelKey(ts: typeof TS, key: TS.PropertyName | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (ts.isComputedPropertyName(key)) return ts.isStringLiteral(key.expression) ? key.expression.text : undefined;
  if (ts.isNoSubstitutionTemplateLiteral(key) || ts.isBigIntLiteral(key)) return undefined;
  return keyName(ts, key);
}

/** The class a member belongs to, named by its id or by what it is bound to. */
function className(ts: typeof TS, node: TS.ClassLikeDeclaration): string {
  if (node.name) return node.name.text;
  if (ts.isClassDeclaration(node)) return "default";
  return boundName(ts, node) ?? "<anonymous>";
}

/** `Class#member` for instance members, `Class.member` for static ones. */
export function memberName(ts: typeof TS, member: TS.ClassElement): string {
  const owner = className(ts, member.parent as TS.ClassLikeDeclaration);
  if (ts.isClassStaticBlockDeclaration(member)) return `${owner}.<static>`;
  const key = ts.isConstructorDeclaration(member) ? "constructor" : (babelKey(ts, member.name) ?? "[computed]");
  const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return `${owner}${isStatic ? "." : "#"}${key}`;
}

/** The name the surroundings give an anonymous function or class (`const f = …`, `{ f: … }`, …). */
function boundName(ts: typeof TS, node: TS.Node): string | undefined {
  let child: TS.Node = node;
  let parent = node.parent;
  while (parent && isWrapper(ts, parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent)) return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isBinaryExpression(parent)) {
    if (parent.right !== child || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    let left: TS.Node = parent.left;
    while (ts.isParenthesizedExpression(left)) left = left.expression;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
    if (ts.isElementAccessExpression(left)) return ts.isStringLiteral(left.argumentExpression) ? left.argumentExpression.text : "[computed]";
    return undefined;
  }
  if (ts.isParameter(parent) || ts.isBindingElement(parent)) return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  if (ts.isShorthandPropertyAssignment(parent)) return parent.objectAssignmentInitializer === child ? parent.name.text : undefined;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === child ? (babelKey(ts, parent.name) ?? "[computed]") : undefined;
  if (ts.isPropertyDeclaration(parent)) return parent.initializer === child ? memberName(ts, parent) : undefined;
  if (ts.isExportAssignment(parent) && !parent.isExportEquals) return "default";
  return undefined;
}

/** The unit's display name (rules in facts.ts, UnitFact.name). */
export function unitName(ts: typeof TS, node: TS.FunctionLikeDeclaration): string {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? "default";
  if (ts.isFunctionExpression(node)) return node.name?.text ?? boundName(ts, node) ?? "<anonymous>";
  if (ts.isArrowFunction(node)) return boundName(ts, node) ?? "<anonymous>";
  if (ts.isObjectLiteralExpression(node.parent)) return babelKey(ts, node.name) ?? "[computed]";
  return memberName(ts, node as TS.ClassElement);
}

/** Parameter shapes for MS104, from annotations, defaults and patterns (`this:` counts, as in Babel). */
export function paramShapes(ts: typeof TS, fn: TS.SignatureDeclaration): ParamShape[] {
  return fn.parameters.map((p) => paramShape(ts, p));
}

function paramShape(ts: typeof TS, param: TS.ParameterDeclaration): ParamShape {
  if (param.type) return typeShape(ts, param.type);
  if (param.dotDotDotToken) return "unknown";
  const left: ParamShape = ts.isIdentifier(param.name) ? "unknown" : "object";
  if (left !== "unknown" || param.initializer === undefined) return left;
  let right: TS.Node = param.initializer;
  while (ts.isParenthesizedExpression(right)) right = right.expression;
  if (ts.isStringLiteral(right) || ts.isNoSubstitutionTemplateLiteral(right) || ts.isTemplateExpression(right)) return "string";
  if (ts.isObjectLiteralExpression(right) || ts.isArrayLiteralExpression(right)) return "object";
  if (ts.isNumericLiteral(right) || ts.isBigIntLiteral(right) || right.kind === ts.SyntaxKind.TrueKeyword || right.kind === ts.SyntaxKind.FalseKeyword) return "other";
  return "unknown";
}

const OBJECT_TYPES = new Set(["Array", "ReadonlyArray", "Map", "Set", "WeakMap", "WeakSet", "Date", "RegExp", "Object", "Record", "Promise", "Function", "Partial", "Readonly", "Required", "Pick", "Omit"]);

function typeShape(ts: typeof TS, type: TS.TypeNode): ParamShape {
  const K = ts.SyntaxKind;
  switch (type.kind) {
    case K.StringKeyword:
    case K.TemplateLiteralType:
      return "string";
    case K.LiteralType: {
      const literal = (type as TS.LiteralTypeNode).literal;
      return ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal) ? "string" : "other";
    }
    case K.NumberKeyword:
    case K.BooleanKeyword:
    case K.BigIntKeyword:
    case K.SymbolKeyword:
    case K.UndefinedKeyword:
    case K.VoidKeyword:
      return "other";
    case K.TypeLiteral:
    case K.ArrayType:
    case K.TupleType:
    case K.FunctionType:
    case K.ConstructorType:
    case K.ObjectKeyword:
    case K.MappedType:
      return "object";
    case K.ParenthesizedType:
    case K.OptionalType:
    case K.TypeOperator:
      return typeShape(ts, (type as TS.ParenthesizedTypeNode).type);
    case K.TypeReference: {
      const name = (type as TS.TypeReferenceNode).typeName;
      if (ts.isIdentifier(name)) {
        if (name.text === "String") return "string";
        if (name.text === "Number" || name.text === "Boolean") return "other";
        if (OBJECT_TYPES.has(name.text)) return "object";
      }
      return "unknown";
    }
    case K.UnionType:
    case K.IntersectionType: {
      const shapes = (type as TS.UnionTypeNode).types.map((t) => typeShape(ts, t));
      if (shapes.includes("string")) return "string";
      if (shapes.includes("object")) return "object";
      return shapes.every((s) => s === "other") ? "other" : "unknown";
    }
    default:
      return "unknown";
  }
}
