import { Codes, error, warning, type Diagnostic, type Position } from "./diagnostics";
import { didYouMean, editDistance } from "./suggest";
import { TAG_HINT } from "./tag-hint";

export { TAG_HINT };

/**
 * The `@memoize` tag, parsed from a comment's raw source text (`/** … *\/`, `/* … *\/` or `// …`).
 * Both front ends hand their comments here, so neither host's JSDoc API decides what is tagged.
 * Positions in the result are relative to the comment: `line` counts from 0 at the comment's first
 * line, and on that first line `column` counts from the comment's start (see `toAbsolute`).
 */

/** How a memoized function's arguments become a cache key. */
export type KeyOption = { kind: "identity" } | { kind: "json" } | { kind: "function"; name: string; at: Position };

/** The options written after the tag. */
export interface TagOptions {
  max?: number;
  ttlMs?: number;
  key: KeyOption;
  weak: boolean;
}

/** A comment's verdict: the tag (when it counts) and what to tell the user. */
export interface CommentScan {
  tag?: { options: TagOptions; at: Position };
  diagnostics: Diagnostic[];
}

/** Options a tag accepts, for messages and suggestions. */
export const TAG_OPTIONS = ["max", "ttl", "key", "weak"] as const;
const MISSPELLINGS = new Set(["memo", "memoise", "memoized", "memoised", "memorize", "memorise", "memoization", "memoizes", "memoizer", "cached", "memoise"]);


/** Cheap pre-check: can this comment matter at all? Lets files without the tag skip all work. */
export function mightHoldTag(raw: string): boolean {
  return TAG_HINT.test(raw);
}

/** Maps a comment-relative position to a file position, given where the comment starts. */
export function toAbsolute(relative: Position, commentStart: Position): Position {
  return relative.line === 0
    ? { line: commentStart.line, column: commentStart.column + relative.column }
    : { line: commentStart.line + relative.line, column: relative.column };
}

interface Line {
  text: string;
  /** Column (comment-relative convention) where `text` starts. */
  column: number;
}

/** The lines of a comment with delimiters and JSDoc's leading `*` removed. */
function contentLines(raw: string): Line[] {
  const isBlock = raw.startsWith("/*");
  const body = isBlock ? raw.slice(0, raw.endsWith("*/") ? -2 : undefined) : raw;
  return body.split(/\r\n|\r|\n|\u2028|\u2029/).map((line, index) => {
    let offset = 0;
    if (index === 0) offset = isBlock ? (raw.startsWith("/**") ? 3 : 2) : 2;
    while (offset < line.length && /\s/.test(line[offset])) offset++;
    if (index > 0 && isBlock) {
      while (line[offset] === "*") offset++;
      while (offset < line.length && /\s/.test(line[offset])) offset++;
    }
    return { text: line.slice(offset), column: offset };
  });
}

/** True for a JSDoc block: `/**` followed by something other than another `*` or the closing `/`. */
export function isJsDoc(raw: string): boolean {
  return raw.startsWith("/**") && raw[3] !== "*" && raw !== "/**/";
}

/** Scans one comment: the tag if it counts, warnings for near misses, errors for bad options. */
export function scanComment(raw: string): CommentScan {
  const diagnostics: Diagnostic[] = [];
  const jsdoc = isJsDoc(raw);
  let tag: CommentScan["tag"];
  let tagLine: { words: string; index: number } | undefined;
  contentLines(raw).forEach((line, lineIndex) => {
    const match = /^@([A-Za-z][\w-]*)/.exec(line.text);
    if (match === null) {
      if (tagLine !== undefined && jsdoc && isOptionLine(line.text)) diagnostics.push(optionsOnLaterLine(line, lineIndex, tagLine.words));
      return;
    }
    const name = match[1];
    const at = { line: lineIndex, column: line.column };
    if (name === "memoize") {
      if (!jsdoc) {
        const kind = raw.startsWith("//") ? "a // comment" : "a /* */ comment";
        diagnostics.push(warning(Codes.ignoredComment, `@memoize in ${kind} is ignored: the tag only counts in a /** JSDoc */ block. Write /** @memoize */.`, at));
        return;
      }
      if (tag !== undefined) {
        diagnostics.push(error(Codes.duplicateTag, "@memoize appears twice in one comment; keep one tag and put all its options on its line.", at));
        return;
      }
      const rest = line.text.slice(match[0].length);
      if (rest !== "" && !/^\s/.test(rest)) {
        diagnostics.push(warning(Codes.misspelledTag, `@memoize${firstWord(rest)} is not a memoscope tag and is ignored: the tag is glued to the text after it. Did you mean @memoize${suggestedRest(rest)}?`, at));
        return;
      }
      const options = parseOptions(rest, { line: lineIndex, column: line.column + match[0].length }, diagnostics);
      tag = { options, at };
      tagLine = { words: rest.trim(), index: lineIndex };
      return;
    }
    const lower = name.toLowerCase();
    if (lower.startsWith("memoize") && lower !== "memoize" && !MISSPELLINGS.has(lower)) {
      // `@memoizemax=5`, `@memoizeWeak`: the tag glued to an option or a word.
      const glued = name.slice("memoize".length) + line.text.slice(match[0].length);
      diagnostics.push(warning(Codes.misspelledTag, `@${name} is not a memoscope tag and is ignored: the tag is glued to the text after it. Did you mean @memoize${suggestedRest(glued)}?`, at));
      return;
    }
    if (lower === "memoize" || MISSPELLINGS.has(lower) || (lower.startsWith("memo") && editDistance(lower, "memoize") <= 2)) {
      diagnostics.push(warning(Codes.misspelledTag, `@${name} is not a memoscope tag and is ignored. Did you mean @memoize?`, at));
    }
  });
  return { tag: diagnostics.some((d) => d.severity === "error") ? undefined : tag, diagnostics };
}

/** The first whitespace-free word of `text`. */
function firstWord(text: string): string {
  return /^\S*/.exec(text)![0];
}

/** What the user probably meant after `@memoize` when they glued text to it: ` max=5` for `max=5`, `` for `:` or `.`. */
function suggestedRest(glued: string): string {
  const words = glued.trim().replace(/^[^A-Za-z]+/, "").replace(/[)\]}.,;:]+$/, "");
  return words === "" ? "" : ` ${words}`;
}

/** Words that are tag options (`max=3`, `ttl=5s`, `key=json`, `weak`), as a later line of the tag's block might hold them. */
const OPTION_WORD = /^(?:(?:max|ttl|key)=\S*|weak)$/;

/** True for a line that holds only option words: options the user meant for the tag, written on the wrong line. */
function isOptionLine(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words[0] !== "" && words.every((word) => OPTION_WORD.test(word));
}

/** Build error for option words on a later line of the tag's block, pointing at the words, suggesting the joined line. */
function optionsOnLaterLine(line: Line, lineIndex: number, tagWords: string): Diagnostic {
  const words = line.text.trim().split(/\s+/).join(" ");
  const joined = [tagWords, words].filter(Boolean).join(" ");
  return error(
    Codes.optionsOnLaterLine,
    `\`${words}\` is on a later line of the @memoize comment, where options are not read: options go on the tag's line. Write \`@memoize ${joined}\`.`,
    { line: lineIndex, column: line.column },
  );
}

const DURATION = /^(\d+)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Parses `max=500 ttl=30s key=json weak` (the rest of the tag's line) into options. */
function parseOptions(text: string, start: Position, diagnostics: Diagnostic[]): TagOptions {
  const options: TagOptions = { key: { kind: "identity" }, weak: false };
  const seen = new Set<string>();
  const words = /\S+/g;
  for (let match = words.exec(text); match !== null; match = words.exec(text)) {
    const word = match[0];
    const at = { line: start.line, column: start.column + match.index };
    const equals = word.indexOf("=");
    const name = equals < 0 ? word : word.slice(0, equals);
    const value = equals < 0 ? undefined : word.slice(equals + 1);
    const fail = (code: string, message: string) => diagnostics.push(error(code, message, at));
    if (!(TAG_OPTIONS as readonly string[]).includes(name)) {
      fail(Codes.unknownOption, `Unknown @memoize option \`${name}\`.${didYouMean(name, TAG_OPTIONS)} Valid options: max=N, ttl=DURATION, key=identity|json|NAME, weak.`);
      continue;
    }
    if (seen.has(name)) {
      fail(Codes.duplicateOption, `The @memoize option \`${name}\` is given twice; keep one.`);
      continue;
    }
    seen.add(name);
    if (name === "weak") {
      if (value !== undefined) fail(Codes.badOptionShape, "`weak` is a flag and takes no value: write `weak`, or leave it out.");
      else options.weak = true;
      continue;
    }
    if (value === undefined || value === "") {
      const example = { max: "max=100", ttl: "ttl=30s", key: "key=json" }[name];
      fail(Codes.badOptionShape, `The @memoize option \`${name}\` needs a value, e.g. \`${example}\`.`);
      continue;
    }
    if (name === "max") {
      if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value))) options.max = Number(value);
      else fail(Codes.badMax, `\`max=${value}\` is not valid: max must be a positive integer (the most entries the cache keeps), e.g. \`max=500\`.`);
    } else if (name === "ttl") {
      const duration = DURATION.exec(value);
      const ms = duration === null ? NaN : Number(duration[1]) * UNIT_MS[duration[2] ?? "ms"];
      if (duration !== null && ms > 0 && Number.isSafeInteger(ms)) options.ttlMs = ms;
      else fail(Codes.badTtl, `\`ttl=${value}\` is not valid: ttl must be a positive duration: N (milliseconds), Nms, Ns, Nm or Nh, e.g. \`ttl=30s\`.`);
    } else if (name === "key") {
      if (value === "identity") options.key = { kind: "identity" };
      else if (value === "json") options.key = { kind: "json" };
      else if (IDENTIFIER.test(value)) options.key = { kind: "function", name: value, at: { line: at.line, column: at.column + 4 } };
      else fail(Codes.badKey, `\`key=${value}\` is not valid: key must be \`identity\` (the default), \`json\`, or the name of a function in scope that maps the arguments to a key.`);
    }
  }
  if (options.weak && options.key.kind === "json") {
    diagnostics.push(error(Codes.conflictingOptions, "`weak` and `key=json` conflict: JSON keys are strings, so there is no object to hold weakly. Drop one of them.", start));
  }
  return options;
}
