import type { Rule } from "eslint";
import { analysisOf, type FileDiagnostic } from "./analysis";
import { locate } from "./locate";

/**
 * Reports a file's diagnostics of the codes a rule owns. The message is the build's, behind its code
 * (`MS101: …`, as the build prints `warning MS101: …`), and the messageId is the code, so RuleTester
 * and editors can tell findings apart.
 */

/** A message template per code: the code, then the build's own text. */
export function messagesFor(codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((code) => [code, `${code}: {{message}}`]));
}

/** Reports every diagnostic `owns` accepts, each at the build's position; `suggest` adds suggestions. A code without its own message (one added to the core later) uses `other`. */
export function reportDiagnostics(context: Rule.RuleContext, messages: Record<string, string>, owns: (code: string) => boolean, suggest?: (d: FileDiagnostic, where: ReturnType<typeof locate>) => Rule.SuggestionReportDescriptor[]): void {
  for (const diagnostic of analysisOf(context).diagnostics) {
    if (!owns(diagnostic.code)) continue;
    const where = locate(context.sourceCode, diagnostic.at, diagnostic.code);
    const suggestions = suggest?.(diagnostic, where) ?? [];
    context.report({
      loc: where.loc,
      messageId: diagnostic.code in messages ? diagnostic.code : "other",
      data: { code: diagnostic.code, message: diagnostic.message },
      ...(suggestions.length > 0 ? { suggest: suggestions } : {}),
    });
  }
}

/** A rule body that reports one finding code (MS101–MS105). No listener at all when the file has none (most files). */
export function findingRule(code: string): Rule.RuleModule["create"] {
  const messages = messagesFor([code]);
  return (context) => {
    if (!analysisOf(context).diagnostics.some((d) => d.code === code)) return {};
    return {
      Program() {
        reportDiagnostics(context, messages, (c) => c === code);
      },
    };
  };
}
