import type * as TS from "typescript";

/**
 * "A file with a build error emits nothing" on the TypeScript path. ts-patch runs transformers while
 * TypeScript emits, after `noEmitOnError` was checked, and a transformer can only return a tree, not
 * withhold a file. But the transformation context hands out the emit host that the emitter writes
 * every output through (`getEmitHost`, not in TypeScript's public typings, present since TypeScript 2),
 * and that host is made afresh for each emit: wrapping its `writeFile` drops the file's outputs (its
 * .js, .d.ts and maps) in this emit and lets every other file through.
 */

/** What the emit host looks like to us: the writer every output goes through. */
interface EmitHost {
  writeFile(fileName: string, text: string, bom: boolean, onError?: unknown, sourceFiles?: readonly TS.SourceFile[], data?: unknown): void;
}

const withheldBy = new WeakMap<EmitHost, Set<string>>();

/** Withholds every output of `sf` in the current emit. False when this TypeScript hands out no emit host (the file is then emitted). */
export function withholdOutputs(context: TS.TransformationContext, sf: TS.SourceFile): boolean {
  const host = (context as { getEmitHost?: () => EmitHost | undefined }).getEmitHost?.();
  if (!host || typeof host.writeFile !== "function") return false;
  let withheld = withheldBy.get(host);
  if (withheld === undefined) {
    const files = (withheld = new Set());
    withheldBy.set(host, files);
    const write = host.writeFile;
    host.writeFile = function (this: unknown, ...args: Parameters<EmitHost["writeFile"]>) {
      const sources = args[4];
      if (sources?.some((s) => files.has(s.fileName))) return;
      return write.apply(this, args);
    };
  }
  withheld.add(sf.fileName);
  return true;
}
