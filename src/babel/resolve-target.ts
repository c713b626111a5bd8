import type { NodePath, types as t } from "@babel/core";
import type { TargetFacts } from "../core";

/**
 * Step 2 of the Babel path: from the node a tag leads to the function it means, and that function's
 * facts for the core (`TargetFacts`). Syntax only; the core decides what is allowed.
 */

/** The function a tag resolved to: its path (when there is one) and the facts the core plans from. */
export interface ResolvedTarget {
  fn: NodePath<t.Function> | undefined;
  /** Where a rejection points (the class, the variable), when there is no function. */
  at?: NodePath;
  facts: TargetFacts;
}

type FunctionLike = t.FunctionDeclaration | t.FunctionExpression | t.ArrowFunctionExpression | t.ObjectMethod | t.ClassMethod | t.ClassPrivateMethod;

/** Parentheses and TypeScript-only wrappers (`as`, `satisfies`, `!`, `<T>x`): they leave a value, and the name JavaScript infers for it, as it is. */
export const WRAPPERS = new Set(["ParenthesizedExpression", "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TypeCastExpression"]);

/** Strips the wrappers around an expression. */
export function unwrapExpression(path: NodePath): NodePath {
  let current = path;
  while (WRAPPERS.has(current.node.type)) current = current.get("expression") as NodePath;
  return current;
}

/** The first ancestor that is not a wrapper, and the child it was reached through: the value as its surroundings see it. */
export function outsideWrappers(path: NodePath): { child: NodePath; parent: NodePath | null } {
  let child = path;
  let parent = path.parentPath;
  while (parent && WRAPPERS.has(parent.node.type)) {
    child = parent;
    parent = parent.parentPath;
  }
  return { child, parent };
}

/** The name a property-like key gives a function (`f`, `"f"`, `1`, `#f`), or undefined when computed. */
export function keyName(key: t.Node, computed: boolean): string | undefined {
  if (key.type === "PrivateName") return `#${key.id.name}`;
  if (computed) return key.type === "StringLiteral" ? key.value : undefined;
  if (key.type === "Identifier") return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  return undefined;
}

/** The name JavaScript infers for an anonymous function from where it stands (`const f = () => …`). */
function inferredName(path: NodePath): string | undefined {
  const { child, parent } = outsideWrappers(path);
  if (!parent) return undefined;
  const node = parent.node;
  if (node.type === "VariableDeclarator" && node.init === child.node && node.id.type === "Identifier") return node.id.name;
  if ((node.type === "AssignmentExpression" && node.operator === "=" || node.type === "AssignmentPattern") && node.right === child.node && node.left.type === "Identifier") return node.left.name;
  if ((node.type === "ObjectProperty" || node.type === "ClassProperty" || node.type === "ClassPrivateProperty" || node.type === "ClassAccessorProperty") && node.value === child.node) {
    return keyName(node.key, "computed" in node ? node.computed === true : false);
  }
  if (node.type === "ExportDefaultDeclaration") return "default";
  return undefined;
}

/** A readable label for messages: `fib`, `Cart.total`, `an arrow function`. */
function label(path: NodePath, name: string | undefined): string {
  const owner = path.parentPath?.parentPath;
  const className = owner && (owner.isClassDeclaration() || owner.isClassExpression()) ? owner.node.id?.name : undefined;
  if (name !== undefined) return `\`${className ? `${className}.` : ""}${name}\``;
  return path.isArrowFunctionExpression() ? "this arrow function" : "this function";
}

/** Does the function use its own `this` / `arguments`? Nested non-arrow functions and class members have their own. */
function ownUses(fn: NodePath<FunctionLike>): { usesThis: boolean; usesArguments: boolean } {
  const uses = { usesThis: false, usesArguments: false };
  if (fn.isArrowFunctionExpression()) return uses;
  fn.traverse({
    Function(inner) {
      if (!inner.isArrowFunctionExpression()) inner.skip();
    },
    "ClassProperty|ClassPrivateProperty|ClassAccessorProperty|StaticBlock"(member: NodePath) {
      member.skip();
    },
    ThisExpression() {
      uses.usesThis = true;
    },
    Identifier(id) {
      if (id.node.name === "arguments" && id.isReferencedIdentifier() && !fn.scope.hasOwnBinding("arguments")) uses.usesArguments = true;
    },
  });
  return uses;
}

/** Parameters as JavaScript sees them (TypeScript's `this:` parameter is not one). */
export function jsParams(fn: t.Function): Array<t.Identifier | t.Pattern | t.RestElement> {
  return (fn.params as t.Node[]).filter((p) => p.type !== "TSParameterProperty" && !(p.type === "Identifier" && (p as t.Identifier).name === "this")) as Array<t.Identifier | t.Pattern | t.RestElement>;
}

/** The facts of an actual function. */
function functionFacts(fn: NodePath<FunctionLike>, name: string | undefined, expression: boolean): TargetFacts {
  const node = fn.node;
  const params = jsParams(node);
  const hasRest = params.some((p) => p.type === "RestElement");
  const kind: TargetFacts["kind"] =
    node.generator ? "generator"
    : node.type === "ClassMethod" || node.type === "ClassPrivateMethod" || node.type === "ObjectMethod"
      ? node.kind === "get" ? "getter" : node.kind === "set" ? "setter" : node.kind === "constructor" ? "constructor" : "method"
      : node.type === "ArrowFunctionExpression" ? "arrow" : "function";
  const selfName = node.type === "FunctionExpression" && node.id ? node.id.name : undefined;
  const selfReference = selfName !== undefined && (fn.scope.getBinding(selfName)?.referencePaths.length ?? 0) > 0 && fn.scope.getBinding(selfName)?.kind === "local";
  return {
    kind,
    label: label(fn, name ?? selfName),
    async: node.async === true,
    paramCount: params.filter((p) => p.type !== "RestElement").length,
    hasRest,
    ...ownUses(fn),
    expression,
    // An anonymous `export default function` gets a generated id, so its `name` ("default") is set back.
    name: expression ? selfName ?? name : node.type === "FunctionDeclaration" && !node.id ? "default" : undefined,
    selfReference,
  };
}

function notAFunction(kind: "class" | "value" | "bodiless", text: string, at?: NodePath): ResolvedTarget {
  return {
    fn: undefined,
    at,
    facts: { kind, label: text, async: false, paramCount: 0, hasRest: false, usesArguments: false, usesThis: false, expression: false },
  };
}

/** The implementation that follows an overload signature (`function f(a: string): void;`), if any. */
function overloadImplementation(signature: NodePath): NodePath | undefined {
  const name = (node: t.Node | null | undefined): string | undefined => {
    if (!node) return undefined;
    if (node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration") return name(node.declaration as t.Node);
    if (node.type === "FunctionDeclaration" || node.type === "TSDeclareFunction") return node.id?.name ?? "default";
    if (node.type === "ClassMethod" || node.type === "TSDeclareMethod") return `${node.static ? "static " : ""}${keyName(node.key, node.computed === true)}`;
    return undefined;
  };
  const wanted = name(signature.node);
  if (wanted === undefined) return undefined;
  for (let sibling = signature.getSibling((signature.key as number) + 1); sibling.node; sibling = sibling.getSibling((sibling.key as number) + 1)) {
    if (name(sibling.node) !== wanted) return undefined;
    const node = sibling.isExportDeclaration() ? (sibling.node as t.ExportNamedDeclaration).declaration : sibling.node;
    if (node && (node.type === "FunctionDeclaration" || node.type === "ClassMethod")) return sibling;
  }
  return undefined;
}

/** `const f = …;` as a statement of its own (not a `for` head, not one of several declarators): its store can go just before it. */
export function ownStatement(declarator: NodePath): boolean {
  const declaration = declarator.parentPath;
  if (!declaration?.isVariableDeclaration() || declaration.node.declarations.length !== 1 || declarator.node.type !== "VariableDeclarator") return false;
  if ((declarator.node as t.VariableDeclarator).id.type !== "Identifier") return false;
  const statement = declaration.parentPath?.isExportNamedDeclaration() ? declaration.parentPath : declaration;
  const list = statement.parentPath;
  return !!list && (list.isProgram() || list.isBlockStatement() || list.isStaticBlock() || list.isTSModuleBlock() || list.isSwitchCase());
}

/** Resolves the node a tag leads to the target function. */
export function resolveTarget(holder: NodePath): ResolvedTarget {
  let path = holder;
  if (path.isExportNamedDeclaration() || path.isExportDefaultDeclaration()) {
    const declaration = path.get("declaration") as NodePath;
    if (!declaration.node) return notAFunction("value", "an export list");
    path = declaration;
  }
  if (path.isTSDeclareFunction() || path.isTSDeclareMethod()) {
    const node = path.node as { abstract?: boolean | null; declare?: boolean | null; key?: t.Node };
    const implementation = !node.abstract && !node.declare ? overloadImplementation(path.parentPath!.isExportDeclaration() ? path.parentPath! : path) : undefined;
    if (!implementation) return notAFunction("bodiless", `\`${path.isTSDeclareFunction() ? path.node.id?.name : keyName(node.key!, false)}\``);
    path = implementation.isExportDeclaration() ? (implementation.get("declaration") as NodePath) : implementation;
  }
  if (path.isVariableDeclaration()) {
    if (path.node.declare) return notAFunction("bodiless", "this `declare` variable");
    const declarators = path.get("declarations");
    if (declarators.length !== 1) return notAFunction("value", "a declaration of several variables (tag each function on its own declaration)");
    path = declarators[0];
  }
  if (path.isVariableDeclarator()) {
    const init = path.get("init");
    const name = path.node.id.type === "Identifier" ? path.node.id.name : undefined;
    if (!init.node) return notAFunction("value", `\`${name}\``, path);
    const value = unwrapExpression(init as NodePath);
    if (value.isArrowFunctionExpression() || value.isFunctionExpression()) {
      return { fn: value, facts: { ...functionFacts(value, name, true), ownStatement: ownStatement(path) } };
    }
    return notAFunction(value.isClass() ? "class" : "value", `\`${name}\``, path);
  }
  if (path.isObjectProperty() || path.isClassProperty() || path.isClassPrivateProperty() || path.isClassAccessorProperty()) {
    const node = path.node as t.ObjectProperty | t.ClassProperty;
    const name = keyName(node.key, node.computed);
    if ("declare" in node && node.declare) return notAFunction("bodiless", `\`${name}\``);
    const valuePath = path.get("value") as NodePath;
    const value = valuePath.node ? unwrapExpression(valuePath) : undefined;
    if (value && (value.isArrowFunctionExpression() || value.isFunctionExpression())) return { fn: value, facts: functionFacts(value, name, true) };
    return notAFunction(value?.isClass() ? "class" : "value", `\`${name ?? "this property"}\``, path);
  }
  if (path.isFunctionDeclaration() || path.isObjectMethod() || path.isClassMethod() || path.isClassPrivateMethod()) {
    const node = path.node;
    const name = node.type === "FunctionDeclaration" ? node.id?.name ?? "default" : keyName(node.key, "computed" in node ? node.computed === true : false);
    return { fn: path as NodePath<FunctionLike>, facts: functionFacts(path as NodePath<FunctionLike>, name, false) };
  }
  if (path.isExpressionStatement()) path = unwrapExpression(path.get("expression"));
  const value = unwrapExpression(path);
  if (value.isArrowFunctionExpression() || value.isFunctionExpression()) {
    const declarator = outsideWrappers(value).parent;
    const own = !!declarator?.isVariableDeclarator() && ownStatement(declarator);
    return { fn: value, facts: { ...functionFacts(value, inferredName(value), true), ownStatement: own } };
  }
  if (value.isClass()) return notAFunction("class", value.node.id ? `\`${value.node.id.name}\`` : "this class", value);
  return notAFunction("value", "this code", value);
}
