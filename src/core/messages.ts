import { Codes, error, warning, type Diagnostic, type Position } from "./diagnostics";

/**
 * Diagnostics about where a tag stands and what it names, worded once for both front ends.
 */

/** The tag's comment is not the nearest comment before the node it leads. */
export function notNearestTag(at: Position): Diagnostic {
  return warning(Codes.notNearest, "@memoize is ignored: its comment is not the nearest comment before the function. Move it directly above the function.", at);
}

/** The tag's comment leads no node (it trails one, or sits inside brackets). */
export function unattachedTag(at: Position): Diagnostic {
  return warning(Codes.unattached, "@memoize is ignored: the comment does not lead any declaration or expression.", at);
}

/** Build error for a tag whose `key=NAME` does not name anything in scope. */
export function keyNotInScope(name: string, at: Position): Diagnostic {
  return error(Codes.keyNotInScope, `\`key=${name}\`: no \`${name}\` in scope here. key must be \`identity\`, \`json\`, or the name of a function in scope that maps the arguments to a key.`, at);
}
