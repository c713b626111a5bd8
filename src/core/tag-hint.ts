/**
 * Text that a comment needing attention (the tag, or a misspelling of it) contains; also a plain text
 * check over a whole file. Its own module, so a bundler plugin can skip a file without the tag before
 * loading the tag parser.
 */
export const TAG_HINT = /@(memo|memor|cached)/i;
