import type { NodePath, types as t } from "@babel/core";
import { checkKeyBinding, planTarget, toAbsolute, type Diagnostic, type TagOptions } from "../core";
import { candidateComments, findTagged } from "./find-targets";
import { classifyKeyBinding } from "./key-scope";
import { resolveTarget } from "./resolve-target";

/**
 * The tagged functions of a program and what each tag asks for, checked as the build checks them
 * (target, options, `key=NAME`). The one planning loop of the Babel path: the plugin rewrites what it
 * returns, and `memoscope scan` (and so the ESLint plugin) analyses the same set.
 */

/** A tagged function the core accepted, with its options and rewrite plan. */
export interface Planned {
  fn: NodePath<t.Function>;
  options: TagOptions;
  plan: Extract<ReturnType<typeof planTarget>, { ok: true }>;
}

/** Plans every tag of `program` (comments from `ast`); rejected tags and warnings go to `diagnostics`. */
export function planTags(program: NodePath<t.Program>, ast: t.File, diagnostics: Diagnostic[]): Planned[] {
  const candidates = candidateComments(ast.comments);
  if (candidates.size === 0) return [];
  const planned: Planned[] = [];
  const seen = new Set<t.Node>();
  for (const tagged of findTagged(program, candidates, diagnostics)) {
    const { fn, facts, at } = resolveTarget(tagged.holder);
    const plan = planTarget(facts, tagged.options);
    if (!plan.ok) {
      diagnostics.push({ ...plan.diagnostic, at: (fn ?? at ?? tagged.holder).node.loc?.start ?? tagged.tagAt });
      continue;
    }
    const key = tagged.options.key;
    if (key.kind === "function") {
      const { kind, what } = classifyKeyBinding(fn!, key.name);
      const keyError = checkKeyBinding(key.name, kind, what, toAbsolute(key.at, tagged.commentStart));
      if (keyError !== undefined) {
        diagnostics.push(keyError);
        continue;
      }
    }
    if (seen.has(fn!.node)) continue;
    seen.add(fn!.node);
    planned.push({ fn: fn!, options: tagged.options, plan });
  }
  return planned;
}
