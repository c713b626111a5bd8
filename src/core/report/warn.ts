/** How store trouble reaches the user: one line, through the host's channel (stderr by default). */

/** Receives one warning line (no prefix, no newline). */
export type StoreWarn = (message: string) => void;

/** The default channel: `memoscope: warning: …` on stderr. */
export const warnToStderr: StoreWarn = (message) => {
  process.stderr.write(`memoscope: warning: ${message}\n`);
};

/** The message of a finding that `strict: true` turned into an error. */
export function strictMessage(message: string): string {
  return `${message} (strict: true makes this an error)`;
}
