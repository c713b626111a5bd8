import type { NodePath, types as t } from "@babel/core";
import { mightHoldTag, notNearestTag, scanComment, toAbsolute, unattachedTag, type Diagnostic, type TagOptions } from "../core";

/**
 * Step 1 of the Babel path: find the tagged targets. Only comments that might hold a tag are scanned
 * (a file without one costs a regex over its comments); a tag counts only as the nearest leading
 * comment of a node, and the node decides the target.
 */

/** A tag that counts, and the node it leads. */
export interface Tagged {
  holder: NodePath;
  options: TagOptions;
  /** Where the tag is written, for errors about its options. */
  tagAt: { line: number; column: number };
  /** Where the comment starts, to place positions relative to it. */
  commentStart: { line: number; column: number };
}

/** The raw source text of a Babel comment, as the core's tag parser expects it. */
export function rawComment(comment: t.Comment): string {
  return comment.type === "CommentBlock" ? `/*${comment.value}*/` : `//${comment.value}`;
}

/** Comments that might hold a tag, by start offset; empty for most files. */
export function candidateComments(comments: readonly t.Comment[] | null | undefined): Map<number, t.Comment> {
  const candidates = new Map<number, t.Comment>();
  for (const comment of comments ?? []) {
    if (mightHoldTag(comment.value) && comment.start != null) candidates.set(comment.start, comment);
  }
  return candidates;
}

/** Scans candidate comments, finds the node each tag leads, and collects diagnostics along the way. */
export function findTagged(program: NodePath<t.Program>, candidates: Map<number, t.Comment>, diagnostics: Diagnostic[]): Tagged[] {
  const scans = new Map<number, { comment: t.Comment; tag?: Tagged["options"]; tagAt?: Tagged["tagAt"]; used: boolean }>();
  for (const [start, comment] of candidates) {
    const scan = scanComment(rawComment(comment));
    const origin = comment.loc!.start;
    for (const d of scan.diagnostics) diagnostics.push({ ...d, at: d.at && toAbsolute(d.at, origin) });
    scans.set(start, { comment, tag: scan.tag?.options, tagAt: scan.tag && toAbsolute(scan.tag.at, origin), used: false });
  }
  const tagged: Tagged[] = [];
  if (![...scans.values()].some((s) => s.tag !== undefined)) return tagged;
  const visit = (path: NodePath) => {
    const leading = path.node.leadingComments;
    if (!leading) return;
    leading.forEach((comment, index) => {
      const scan = comment.start != null ? scans.get(comment.start) : undefined;
      if (scan?.tag === undefined || scan.used) return;
      scan.used = true;
      if (index !== leading.length - 1) {
        diagnostics.push(notNearestTag(scan.tagAt!));
        return;
      }
      tagged.push({ holder: path, options: scan.tag, tagAt: scan.tagAt!, commentStart: comment.loc!.start });
    });
  };
  visit(program);
  program.traverse({ enter: visit });
  for (const scan of scans.values()) {
    if (scan.tag !== undefined && !scan.used) {
      diagnostics.push(unattachedTag(scan.tagAt!));
    }
  }
  return tagged;
}
