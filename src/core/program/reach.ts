import { Codes } from "../diagnostics";
import type { BindingKind } from "../captures/facts";
import type { ChainStep, Loc, ReportDiagnostic, UnresolvedRecord } from "../report/model";
import { compareLoc, type CallEdge, type Effect, type FunctionSummary, type ModuleSummary } from "./summary";

/**
 * The whole-program pass of SPEC §5b over module summaries: for each memoized function, follow the
 * calls it makes (same file; imports, through `resolve`, re-exports and namespaces included),
 * transitively, and report MS105 for impure code reached at depth ≥ 1 (depth 0 is MS101–MS103,
 * the classifier's), MS101 for a captured import its exporting module reassigns, and the calls that
 * could not be followed. Linear in the summaries: every edge, export and effect is resolved once;
 * the functions that can reach impure code at all are found by one backward sweep from the impure
 * ones, so a memoized function's search only enters functions that lead somewhere impure.
 */

/** What the pass reads. */
export interface ProgramInput {
  /** Summaries keyed like the report: path relative to the root, `/` separators. */
  files: ReadonlyMap<string, ModuleSummary>;
  /** The report key of the module `specifier` names from `fromFile`, or undefined (a package, not found). Absent: imports are not followed (one file at build time). */
  resolve?(fromFile: string, specifier: string): string | undefined;
}

/** A captured import the pass found reassigned by its exporting module. */
export interface ImportCapture {
  /** The import's local name in the memoized function's file. */
  local: string;
  /** Where the exporter declares the binding it reassigns. */
  from: { file: string; line: number; column: number };
}

/** The pass's verdict on one memoized function. */
export interface ReachResult {
  /** MS105 (with `chain`) and MS101 for reassigned imports, sorted by position, code, message. */
  diagnostics: ReportDiagnostic[];
  /** Calls it makes (itself or in nested functions) that could not be followed, sorted by position. */
  unresolved: UnresolvedRecord[];
  importCaptures: ImportCapture[];
}

/** Key of a memoized function in `reach`'s result: `line:column` of its loc. */
export function functionKey(loc: Loc): string {
  return `${loc.line}:${loc.column}`;
}

/** Where an import or export leads: a top-level binding of a file, or a whole module (namespace). */
type Bound = { file: string; local: string } | { file: string; namespace: true };

/** An impure end a function reaches, as the chain ends. */
interface End {
  key: string;
  step: ChainStep;
  /** The end as the message says it (`reads version (let, src/catalog.ts:2, reassigned)`). */
  text: string;
}

interface Node {
  file: string;
  fn: FunctionSummary;
}

const UNSETTLED = -1;
const NOT_FOLLOWED = -2;

/** Runs the pass: per file key, per memoized function (`functionKey` of its loc), its result. */
export function reach(input: ProgramInput): Map<string, Map<string, ReachResult>> {
  return new Pass(input).run();
}

class Pass {
  private readonly nodes: Node[] = [];
  private readonly byRef = new Map<string, Map<string, number>>();
  private readonly imports = new Map<string, Map<string, ModuleSummary["imports"][number]>>();
  private readonly state = new Map<string, Map<string, ModuleSummary["state"][number]>>();
  private readonly exportMemo = new Map<string, Bound | null>();
  private readonly resolveMemo = new Map<string, string | undefined>();

  constructor(private readonly input: ProgramInput) {
    for (const [file, summary] of input.files) {
      const refs = new Map<string, number>();
      for (const fn of summary.functions) {
        if (fn.ref !== undefined) refs.set(fn.ref, this.nodes.length);
        this.nodes.push({ file, fn });
      }
      this.byRef.set(file, refs);
      this.imports.set(file, new Map(summary.imports.map((i) => [i.local, i])));
      this.state.set(file, new Map(summary.state.map((s) => [s.name, s])));
    }
  }

  run(): Map<string, Map<string, ReachResult>> {
    const n = this.nodes.length;
    const targets: number[][] = [];
    const ends: End[][] = [];
    for (let i = 0; i < n; i++) {
      const { file, fn } = this.nodes[i];
      targets.push(fn.calls.map((c) => this.target(file, c)));
      ends.push(fn.effects.flatMap((e) => this.end(file, fn, e) ?? []));
    }
    // Backward sweep: which functions reach (at depth ≥ 0) an impure one.
    const callers: number[][] = Array.from({ length: n }, () => []);
    targets.forEach((ts, i) => ts.forEach((t) => t >= 0 && callers[t].push(i)));
    const bad = new Array<boolean>(n).fill(false);
    const queue: number[] = [];
    for (let i = 0; i < n; i++) if (ends[i].length > 0) (bad[i] = true), queue.push(i);
    for (let q = 0; q < queue.length; q++) for (const c of callers[queue[q]]) if (!bad[c]) (bad[c] = true), queue.push(c);

    const out = new Map<string, Map<string, ReachResult>>();
    for (const file of this.input.files.keys()) out.set(file, new Map());
    for (let i = 0; i < n; i++) {
      const { file, fn } = this.nodes[i];
      if (!fn.memoized) continue;
      out.get(file)!.set(functionKey(fn.loc), this.check(i, targets, ends, bad));
    }
    return out;
  }

  /** One memoized function: MS105 per distinct end, at the first call that leads to it; MS101 for reassigned imports; unresolved calls. */
  private check(m: number, targets: number[][], ends: End[][], bad: boolean[]): ReachResult {
    const { file, fn } = this.nodes[m];
    const diagnostics: ReportDiagnostic[] = [];
    const unresolved: UnresolvedRecord[] = fn.unresolved.map((u) => ({ callee: u.callee, line: u.at.line, column: u.at.column }));
    const importCaptures: ImportCapture[] = [];

    for (const e of fn.effects) {
      if (e.what !== "reads-import") continue;
      const reassigned = this.reassignedImport(file, e.local);
      if (reassigned === undefined) continue;
      const { bound, entry } = reassigned;
      importCaptures.push({ local: e.local, from: { file: bound.file, line: entry.declared.line, column: entry.declared.column } });
      diagnostics.push({
        code: Codes.staleCapture,
        severity: "warning",
        message: `${fn.name} is memoized but captures \`${e.local}\` (import, module scope), which ${bound.file}:${entry.declared.line} reassigns (${entry.kind} ${bound.local}): a cached result goes stale when it changes. Pass it as an argument, make it a constant, or call cacheOf(…).clear() whenever it changes.`,
        at: { line: e.at.line, column: e.at.column },
      });
    }

    const visited = new Set<number>([m]);
    const reported = new Set<string>();
    fn.calls.forEach((call, k) => {
      const first = targets[m][k];
      if (first === UNSETTLED) {
        const t = call.target;
        if (t.kind === "import") unresolved.push({ callee: t.member === undefined ? t.local : `${t.local}.${t.member}`, line: call.at.line, column: call.at.column });
        return;
      }
      if (first < 0 || !bad[first] || visited.has(first)) return;
      // Breadth first from this call: the shortest chain to each end it is the first call to reach.
      const parent = new Map<number, number>([[first, -1]]);
      visited.add(first);
      const queue = [first];
      for (let q = 0; q < queue.length; q++) {
        const y = queue[q];
        for (const end of ends[y]) {
          if (reported.has(end.key)) continue;
          reported.add(end.key);
          diagnostics.push(this.ms105(m, y, parent, end, call));
        }
        for (const z of targets[y]) {
          if (z < 0 || !bad[z] || visited.has(z)) continue;
          visited.add(z);
          parent.set(z, y);
          queue.push(z);
        }
      }
    });

    diagnostics.sort((a, b) => compareLoc(a.at, b.at) || cmp(a.code, b.code) || cmp(a.message, b.message));
    unresolved.sort((a, b) => a.line - b.line || a.column - b.column || cmp(a.callee, b.callee));
    importCaptures.sort((a, b) => cmp(a.local, b.local));
    return { diagnostics, unresolved: dedupeUnresolved(unresolved), importCaptures };
  }

  private ms105(m: number, y: number, parent: Map<number, number>, end: End, call: CallEdge): ReportDiagnostic {
    const path: number[] = [];
    for (let v = y; v !== -1; v = parent.get(v)!) path.push(v);
    path.reverse();
    const head = this.nodes[m];
    const chain: ChainStep[] = [{ name: head.fn.name, file: head.file, line: head.fn.loc.line, what: "memoized" }];
    const words = [head.fn.name];
    for (const v of path) {
      const { file, fn } = this.nodes[v];
      chain.push({ name: fn.name, file, line: fn.loc.line, what: "calls" });
      words.push(`${fn.name} (${file}:${fn.loc.line})`);
    }
    chain.push(end.step);
    words.push(end.text);
    return {
      code: Codes.impureCallee,
      severity: "warning",
      message: `${head.fn.name} is memoized but reaches impure code: ${words.join(" → ")}: a cache hit skips that code, so its result goes stale or its effect stops happening. Make the function it reaches pure, pass the value in as an argument, or remove @memoize.`,
      at: { line: call.at.line, column: call.at.column },
      chain,
    };
  }

  /** An effect as a chain's end; undefined when it is not impure (an import its exporter does not reassign, or that cannot be followed). */
  private end(file: string, fn: FunctionSummary, e: Effect): End | undefined {
    switch (e.what) {
      case "reads":
        return reads(file, e.name, e.kind, e.declared);
      case "writes":
        return {
          key: `W\0${file}\0${e.declared.line}:${e.declared.column}\0${e.name}`,
          step: { name: e.name, file, line: e.declared.line, what: `writes ${e.name} (${e.kind})` },
          text: `writes ${e.name} (${e.kind}, ${file}:${e.declared.line})`,
        };
      case "calls":
        return {
          key: `C\0${file}\0${fn.loc.line}:${fn.loc.column}\0${e.callee}`,
          step: { name: e.callee, file, line: e.at.line, what: `calls ${e.callee}` },
          text: `calls ${e.callee} (${file}:${e.at.line})`,
        };
      case "reads-import": {
        const r = this.reassignedImport(file, e.local);
        return r && reads(r.bound.file, r.bound.local, r.entry.kind, r.entry.declared);
      }
    }
  }

  /** A captured import whose exporting module reassigns the binding it names. */
  private reassignedImport(file: string, local: string): { bound: { file: string; local: string }; entry: ModuleSummary["state"][number] } | undefined {
    if (this.input.resolve === undefined) return undefined;
    const bound = this.importBinding(file, local, new Set());
    if (bound === null || "namespace" in bound) return undefined;
    const entry = this.state.get(bound.file)?.get(bound.local);
    return entry && { bound, entry };
  }

  /** Where a call goes: a node, UNSETTLED (an import nobody can follow: package code), or NOT_FOLLOWED (imports at build time). */
  private target(file: string, call: CallEdge): number {
    const t = call.target;
    if (t.kind === "local") return this.byRef.get(file)!.get(t.ref) ?? UNSETTLED;
    if (this.input.resolve === undefined) return NOT_FOLLOWED;
    const bound = this.importBinding(file, t.local, new Set());
    if (bound === null) return UNSETTLED;
    if (t.member === undefined) return "namespace" in bound ? UNSETTLED : (this.byRef.get(bound.file)?.get(bound.local) ?? UNSETTLED);
    if ("namespace" in bound) {
      const inner = this.exportBinding(bound.file, t.member, new Set());
      return inner === null || "namespace" in inner ? UNSETTLED : (this.byRef.get(inner.file)?.get(inner.local) ?? UNSETTLED);
    }
    // `def.f()` on an imported class: its static member.
    return this.byRef.get(bound.file)?.get(`${bound.local}.${t.member}`) ?? UNSETTLED;
  }

  private resolve(from: string, specifier: string): string | undefined {
    const key = `${from}\0${specifier}`;
    if (this.resolveMemo.has(key)) return this.resolveMemo.get(key);
    const to = this.input.resolve!(from, specifier);
    const known = to !== undefined && this.input.files.has(to) ? to : undefined;
    this.resolveMemo.set(key, known);
    return known;
  }

  /** The binding an import of `file` names. */
  private importBinding(file: string, local: string, active: Set<string>): Bound | null {
    const entry = this.imports.get(file)?.get(local);
    if (entry === undefined) return null;
    const to = this.resolve(file, entry.source);
    if (to === undefined) return null;
    return entry.imported === "*" ? { file: to, namespace: true } : this.exportBinding(to, entry.imported, active);
  }

  /** The binding `file` exports as `name`, following re-exports (`export { a } from`, `export *`), cycles cut. */
  private exportBinding(file: string, name: string, active: Set<string>): Bound | null {
    const key = `${file}\0${name}`;
    const memo = this.exportMemo.get(key);
    if (memo !== undefined) return memo;
    if (active.has(key)) return null;
    active.add(key);
    const result = this.findExport(file, name, active);
    active.delete(key);
    this.exportMemo.set(key, result);
    return result;
  }

  private findExport(file: string, name: string, active: Set<string>): Bound | null {
    const summary = this.input.files.get(file)!;
    for (const e of summary.exports) {
      if (e.exported !== name) continue;
      if (e.source !== undefined) {
        const to = this.resolve(file, e.source);
        if (to === undefined) return null;
        return e.imported === "*" ? { file: to, namespace: true } : this.exportBinding(to, e.imported ?? name, active);
      }
      const local = e.local ?? name;
      if (this.imports.get(file)?.has(local)) return this.importBinding(file, local, active);
      return { file, local };
    }
    // §16.2.1.6.3 ResolveExport: `export *` never re-exports `default`.
    if (name === "default") return null;
    for (const e of summary.exports) {
      if (e.exported !== "*" || e.source === undefined) continue;
      const to = this.resolve(file, e.source);
      const found = to === undefined ? null : this.exportBinding(to, name, active);
      if (found !== null) return found;
    }
    return null;
  }
}

function reads(file: string, name: string, kind: BindingKind, declared: Loc): End {
  return {
    key: `R\0${file}\0${declared.line}:${declared.column}\0${name}`,
    step: { name, file, line: declared.line, what: `reads ${name} (${kind}, reassigned)` },
    text: `reads ${name} (${kind}, ${file}:${declared.line}, reassigned)`,
  };
}

function dedupeUnresolved(list: UnresolvedRecord[]): UnresolvedRecord[] {
  const seen = new Set<string>();
  return list.filter((u) => !seen.has(u.callee) && (seen.add(u.callee), true));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
