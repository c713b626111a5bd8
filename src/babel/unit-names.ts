import type { types as t } from "@babel/core";
import type { ParamShape } from "../core";
import { WRAPPERS, keyName } from "./resolve-target";

/**
 * What the report says of a Babel unit besides its captures: its display name (rules in
 * core/captures/facts.ts, UnitFact.name) and, for a memoized one, its parameters' shapes (MS104).
 * Names are read from the walk's ancestor stack (`ancestors[i]` is the node, `ancestors[i - 1]` its parent).
 */

/** The nearest ancestor that is not an expression wrapper, above `ancestors[i]`, and the child just below it. */
export function outside(ancestors: readonly t.Node[], i: number): { child: t.Node; parent: t.Node | undefined; index: number } {
  let j = i;
  while (j > 0 && WRAPPERS.has(ancestors[j - 1].type)) j--;
  return { child: ancestors[j], parent: j > 0 ? ancestors[j - 1] : undefined, index: j - 1 };
}

/** The name the surroundings give an anonymous function or class at `ancestors[i]` (`const f = …`, `{ f: … }`, …). */
function boundName(ancestors: readonly t.Node[], i: number): string | undefined {
  const { child, parent, index } = outside(ancestors, i);
  if (!parent) return undefined;
  switch (parent.type) {
    case "VariableDeclarator":
      return parent.init === child && parent.id.type === "Identifier" ? parent.id.name : undefined;
    case "AssignmentExpression":
      if (parent.right !== child || parent.operator !== "=") return undefined;
      if (parent.left.type === "Identifier") return parent.left.name;
      if (parent.left.type === "MemberExpression") return keyName(parent.left.property, parent.left.computed) ?? "[computed]";
      return undefined;
    case "AssignmentPattern":
      return parent.right === child && parent.left.type === "Identifier" ? parent.left.name : undefined;
    case "ObjectProperty":
      return parent.value === child ? (keyName(parent.key, parent.computed) ?? "[computed]") : undefined;
    case "ClassProperty":
    case "ClassPrivateProperty":
    case "ClassAccessorProperty":
      return parent.value === child ? memberName(ancestors, index) : undefined;
    case "ExportDefaultDeclaration":
      return "default";
    default:
      return undefined;
  }
}

/** The class a member at `ancestors[i]` belongs to (member → ClassBody → class), named by its id or by what it is bound to. */
function className(ancestors: readonly t.Node[], i: number): string {
  const k = i - 2;
  if (k < 0) return "<anonymous>";
  const node = ancestors[k] as t.Class;
  if (node.id) return node.id.name;
  return boundName(ancestors, k) ?? "<anonymous>";
}

/** `Class#member` for instance members, `Class.member` for static ones. */
export function memberName(ancestors: readonly t.Node[], i: number): string {
  const node = ancestors[i] as t.ClassMethod | t.ClassProperty | t.StaticBlock;
  const owner = className(ancestors, i);
  if (node.type === "StaticBlock") return `${owner}.<static>`;
  const key = keyName(node.key, node.computed === true) ?? "[computed]";
  return `${owner}${node.static ? "." : "#"}${key}`;
}

/** The display name of the function at `ancestors[i]`. */
export function unitName(ancestors: readonly t.Node[], i: number): string {
  const node = ancestors[i];
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
      if (node.id) return node.id.name;
      if (node.type === "FunctionDeclaration") return "default";
      return boundName(ancestors, i) ?? "<anonymous>";
    case "ArrowFunctionExpression":
      return boundName(ancestors, i) ?? "<anonymous>";
    case "ObjectMethod":
      return keyName(node.key, node.computed) ?? "[computed]";
    default:
      return memberName(ancestors, i);
  }
}

/** Parameter shapes for MS104, from annotations, defaults and patterns. */
export function paramShapes(node: t.Function): ParamShape[] {
  return node.params.map((param) => paramShape(param.type === "TSParameterProperty" ? param.parameter : param));
}

function paramShape(param: t.Node): ParamShape {
  const annotation = (param as { typeAnnotation?: t.Node | null }).typeAnnotation;
  if (annotation && annotation.type === "TSTypeAnnotation") return typeShape(annotation.typeAnnotation);
  switch (param.type) {
    case "ObjectPattern":
    case "ArrayPattern":
      return "object";
    case "AssignmentPattern": {
      const left = paramShape(param.left);
      if (left !== "unknown") return left;
      const right = param.right;
      if (right.type === "StringLiteral" || right.type === "TemplateLiteral") return "string";
      if (right.type === "ObjectExpression" || right.type === "ArrayExpression") return "object";
      if (right.type === "NumericLiteral" || right.type === "BooleanLiteral" || right.type === "BigIntLiteral") return "other";
      return "unknown";
    }
    default:
      return "unknown";
  }
}

const OBJECT_TYPES = new Set(["Array", "ReadonlyArray", "Map", "Set", "WeakMap", "WeakSet", "Date", "RegExp", "Object", "Record", "Promise", "Function", "Partial", "Readonly", "Required", "Pick", "Omit"]);

function typeShape(type: t.Node): ParamShape {
  switch (type.type) {
    case "TSStringKeyword":
    case "TSTemplateLiteralType":
      return "string";
    case "TSLiteralType":
      return type.literal.type === "StringLiteral" || type.literal.type === "TemplateLiteral" ? "string" : "other";
    case "TSNumberKeyword":
    case "TSBooleanKeyword":
    case "TSBigIntKeyword":
    case "TSSymbolKeyword":
    case "TSUndefinedKeyword":
    case "TSNullKeyword":
    case "TSVoidKeyword":
      return "other";
    case "TSTypeLiteral":
    case "TSArrayType":
    case "TSTupleType":
    case "TSFunctionType":
    case "TSConstructorType":
    case "TSObjectKeyword":
    case "TSMappedType":
      return "object";
    case "TSParenthesizedType":
    case "TSOptionalType":
      return typeShape(type.typeAnnotation);
    case "TSTypeOperator":
      return typeShape(type.typeAnnotation);
    case "TSTypeReference":
      if (type.typeName.type === "Identifier") {
        if (type.typeName.name === "String") return "string";
        if (type.typeName.name === "Number" || type.typeName.name === "Boolean") return "other";
        if (OBJECT_TYPES.has(type.typeName.name)) return "object";
      }
      return "unknown";
    case "TSUnionType":
    case "TSIntersectionType": {
      const shapes = type.types.map(typeShape);
      if (shapes.includes("string")) return "string";
      if (shapes.includes("object")) return "object";
      return shapes.every((s) => s === "other") ? "other" : "unknown";
    }
    default:
      return "unknown";
  }
}
