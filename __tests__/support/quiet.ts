/** Runs `build` with stderr swallowed (builds print their findings there), returning its result. */
export function quietly<T>(build: () => T): T {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return build();
  } finally {
    process.stderr.write = write;
  }
}
