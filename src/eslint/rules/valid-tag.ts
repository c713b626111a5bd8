import type { Rule } from "eslint";
import { closest, Codes, TAG_OPTIONS } from "../../core";
import { analysisOf, type FileDiagnostic } from "../analysis";
import { createRule } from "../create-rule";
import type { locate } from "../locate";
import { messagesFor, reportDiagnostics } from "../report";

/**
 * Every MS0xx the build gives for a file's tags: the build errors (a target that cannot be cached, a bad
 * or conflicting option, `key=NAME` not in scope, two tags in one comment) and the tag warnings (a
 * misspelled tag, a tag in a `//` or `/* *\/` comment, a tag that is not the nearest comment or leads
 * nothing). One rule, because each means the same thing to the user: this tag does not do what it says.
 * Suggestions where the fix is mechanical: the misspelled tag or option, `key=JSON`, the comment kind.
 */

/** The tag codes (MS001–MS099) the core defines today. */
export const TAG_CODES: readonly string[] = Object.values(Codes).filter((code) => /^MS0\d\d$/.test(code));

/** MS001–MS099, including codes the core adds later. */
const isTagCode = (code: string): boolean => /^MS0\d\d$/.test(code);

const messages = {
  ...messagesFor(TAG_CODES),
  other: "{{code}}: {{message}}",
  unparsable: "memoscope cannot analyse this file ({{message}}), so its @memoize tags are not checked.",
  useMemoize: "Write `@memoize`.",
  renameOption: "Write `{{option}}`.",
  lowercaseKey: "Write `key={{key}}`.",
  makeJsDoc: "Turn the comment into a /** JSDoc */ block.",
};

/** MS001–MS099: tags that the build rejects or ignores. */
export const validTag = createRule(
  "valid-tag",
  {
    type: "problem",
    docs: { description: "Report @memoize tags the build rejects (bad target, bad option) or ignores (misspelled, misplaced) (MS001–MS099)", recommended: "error", codes: TAG_CODES },
    hasSuggestions: true,
    messages,
  },
  (context) => {
    const analysis = analysisOf(context);
    if (analysis.failure === undefined && !analysis.diagnostics.some((d) => isTagCode(d.code))) return {};
    return {
      Program() {
        const failure = analysis.failure;
        if (failure) context.report({ loc: { start: failure.at, end: failure.at }, messageId: "unparsable", data: { message: failure.message } });
        reportDiagnostics(context, messages, isTagCode, (d, where) => suggestions(context, d, where));
      },
    };
  },
);

/** The mechanical fixes for a tag diagnostic (none when the fix needs a decision). */
function suggestions(context: Rule.RuleContext, diagnostic: FileDiagnostic, where: ReturnType<typeof locate>): Rule.SuggestionReportDescriptor[] {
  const text = context.sourceCode.text;
  const [start, end] = where.range;
  const word = text.slice(start, end);
  switch (diagnostic.code) {
    case Codes.misspelledTag: {
      const tag = /^@[A-Za-z][\w-]*/.exec(word);
      return tag ? [{ messageId: "useMemoize", fix: (fixer) => fixer.replaceTextRange([start, start + tag[0].length], "@memoize") }] : [];
    }
    case Codes.unknownOption: {
      const name = word.split("=")[0];
      const option = closest(name, TAG_OPTIONS);
      return option ? [{ messageId: "renameOption", data: { option }, fix: (fixer) => fixer.replaceTextRange([start, start + name.length], option) }] : [];
    }
    case Codes.keyNotInScope: {
      const key = word.toLowerCase();
      return key === "json" || key === "identity" ? [{ messageId: "lowercaseKey", data: { key }, fix: (fixer) => fixer.replaceTextRange([start, end], key) }] : [];
    }
    case Codes.ignoredComment: {
      const comment = where.comment;
      if (!comment?.range) return [];
      const [from, to] = comment.range;
      return [
        {
          messageId: "makeJsDoc",
          fix: (fixer) => (comment.type === "Block" ? fixer.insertTextAfterRange([from, from + 2], "*") : fixer.replaceTextRange([from, to], `/** ${comment.value.trim()} */`)),
        },
      ];
    }
    default:
      return [];
  }
}
