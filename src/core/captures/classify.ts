import type { CaptureRecord, ClosureRecord, FileReport, Loc } from "../report/model";
import { MODULE, type FileFacts, type LexicalKeyword, type UnitFact } from "./facts";
import { diagnoseClosure, type ClosureEvidence } from "./diagnose";
import { nondeterministicCallee } from "./nondeterministic";

/**
 * Turns a file's facts into closure records. Every walk climbs from a unit towards the module and
 * stops at the first unit that already holds what the walk would add, so each (unit, binding) pair,
 * (unit, global) pair and (unit, keyword) pair is created at most once and upgraded at most once:
 * the work is linear in the facts plus the size of the report.
 */

/** A capture being built: the record plus the first positions the diagnostics point at (also the whole-program summary's evidence). */
export interface Building {
  binding: number;
  direct: boolean;
  /** The unit's own code writes it (`writtenHere`). */
  written: boolean;
  /** A function nested in the unit writes it. */
  nestedWrite: boolean;
  firstUse: Loc;
  /** The first write by the unit's own code, else by a nested function. */
  firstWrite?: Loc;
}

/** Per-unit accumulators (the whole-program summary reads `captures` and `calls`). */
export interface UnitState {
  captures: Map<number, Building>;
  globals: Set<string>;
  lexical: Set<LexicalKeyword>;
  calls: Map<string, Loc>;
  dynamic: boolean;
}

/** Classifies a file's facts into its report part (closures sorted by position, then name). */
export function classify(facts: FileFacts): FileReport {
  return classifyUnits(facts).report;
}

/** What the classifier learnt on the way: the report, each unit's accumulated state, and which bindings are reassigned (by id). */
export interface Classified {
  report: FileReport;
  units: UnitState[];
  reassigned: boolean[];
}

/** Classifies a file's facts, keeping the per-unit evidence (for the whole-program summary: same walk, no second pass). */
export function classifyUnits(facts: FileFacts): Classified {
  const { units, bindings } = facts;
  const state: UnitState[] = units.map(() => ({ captures: new Map(), globals: new Set(), lexical: new Set(), calls: new Map(), dynamic: false }));
  const parent = (u: number) => units[u].parent;

  const reassigned = bindings.map((b) => b.reassigned);
  for (const ref of facts.references) {
    if (ref.write && ref.binding !== null) reassigned[ref.binding] = true;
  }

  for (const ref of facts.references) {
    if (ref.unit === MODULE) continue;
    if (ref.binding === null) {
      for (let u = ref.unit; u !== MODULE && !state[u].globals.has(ref.name); u = parent(u)) state[u].globals.add(ref.name);
      continue;
    }
    const owner = bindings[ref.binding].unit;
    // SPEC §5: `writtenHere` only where the write is the unit's own code; units around it see a
    // write through a nested function (still MS102: a cache hit skips it too).
    for (let u = ref.unit, direct = true; u !== owner && u !== MODULE; u = parent(u), direct = false) {
      const known = state[u].captures.get(ref.binding);
      const written = ref.write && direct;
      const nestedWrite = ref.write && !direct;
      if (known === undefined) {
        state[u].captures.set(ref.binding, { binding: ref.binding, direct, written, nestedWrite, firstUse: ref.at, firstWrite: ref.write ? ref.at : undefined });
        continue;
      }
      const adds = (direct && !known.direct) || (written && !known.written) || (nestedWrite && !known.nestedWrite && !known.written);
      known.direct ||= direct;
      if (written && !known.written) {
        known.written = true;
        known.firstWrite = ref.at;
      } else if (nestedWrite && !known.nestedWrite && !known.written) {
        known.nestedWrite = true;
        known.firstWrite = ref.at;
      }
      // This unit and so every unit up to the owner already hold all this reference would add.
      if (!adds) break;
    }
  }

  const owned = ownedArguments(units);
  for (const use of facts.lexical) {
    if (use.keyword === "arguments" && !owned[use.unit]) {
      // No function owns an arguments object here: `arguments` is an ordinary name, resolved (and
      // unresolved) like any other, i.e. a global of every unit around it.
      for (let u = use.unit; u !== MODULE && !state[u].globals.has(use.keyword); u = parent(u)) state[u].globals.add(use.keyword);
      continue;
    }
    for (let u = use.unit; u !== MODULE && units[u].kind === "arrow" && !state[u].lexical.has(use.keyword); u = parent(u)) {
      state[u].lexical.add(use.keyword);
    }
  }

  for (const call of facts.calls) {
    const callee = nondeterministicCallee(call);
    if (callee === undefined) continue;
    for (let u = call.unit; u !== MODULE && !state[u].calls.has(callee); u = parent(u)) state[u].calls.set(callee, call.at);
  }

  markDynamic(facts, state);

  const closures: ClosureRecord[] = [];
  units.forEach((unit, u) => {
    const s = state[u];
    if (s.captures.size === 0 && s.lexical.size === 0 && !s.dynamic && unit.memoized === undefined) return;
    const captures: CaptureRecord[] = [];
    const evidence: ClosureEvidence[] = [];
    for (const building of s.captures.values()) {
      const b = bindings[building.binding];
      const record: CaptureRecord = {
        name: b.name,
        binding: b.kind,
        scope: b.unit === MODULE ? "module" : { name: units[b.unit].name, line: units[b.unit].loc.line, column: units[b.unit].loc.column },
        declared: { line: b.declared.line, column: b.declared.column },
        reassigned: reassigned[building.binding],
        writtenHere: building.written,
        via: building.direct ? "direct" : "nested",
      };
      captures.push(record);
      evidence.push({ capture: record, firstUse: building.firstUse, firstWrite: building.firstWrite, nestedWrite: building.nestedWrite });
    }
    captures.sort(compareCaptures);
    const record: ClosureRecord = {
      name: unit.name,
      kind: unit.kind,
      loc: { line: unit.loc.line, column: unit.loc.column },
      memoized: unit.memoized === undefined ? null : { ...unit.memoized },
      captures,
      globals: [...s.globals].sort(compareStrings),
      lexical: [...s.lexical].sort(compareStrings),
      dynamic: s.dynamic,
      diagnostics: unit.memoized === undefined ? [] : diagnoseClosure(unit, evidence, s.calls),
    };
    closures.push(record);
  });
  closures.sort(compareClosures);
  return { report: { closures }, units: state, reassigned };
}

/** Per unit: is it, or does it lie in, a non-arrow unit (which owns an `arguments` object)? Pre-order, so parents first. */
function ownedArguments(units: readonly UnitFact[]): boolean[] {
  const owned: boolean[] = [];
  units.forEach((unit, u) => {
    owned[u] = unit.kind !== "arrow" || (unit.parent !== MODULE && owned[unit.parent]);
  });
  return owned;
}

/**
 * `dynamic`: a direct eval or `with` in the unit or in a function nested in it (whose references are
 * part of the unit's captures), or a direct eval in an enclosing unit (which can declare a variable
 * that shadows what the unit captures). Units inside a `with` body carry their own `with` marker.
 */
function markDynamic(facts: FileFacts, state: UnitState[]): void {
  const { units } = facts;
  const inside = new Array<boolean>(units.length).fill(false);
  const evalHere = new Array<boolean>(units.length).fill(false);
  const evalAround = new Array<boolean>(units.length).fill(false);
  let moduleEval = false;
  for (const marker of facts.dynamic) {
    if (marker.kind === "eval") {
      if (marker.unit === MODULE) moduleEval = true;
      else evalHere[marker.unit] = true;
    }
    for (let u = marker.unit; u !== MODULE && !inside[u]; u = units[u].parent) inside[u] = true;
  }
  // Pre-order: a parent is settled before its children.
  units.forEach((unit: UnitFact, u) => {
    evalAround[u] = unit.parent === MODULE ? moduleEval : evalHere[unit.parent] || evalAround[unit.parent];
    state[u].dynamic = inside[u] || evalAround[u];
  });
}

/** Plain code-unit order, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocs(a: Loc, b: Loc): number {
  return a.line - b.line || a.column - b.column;
}

function compareCaptures(a: CaptureRecord, b: CaptureRecord): number {
  return compareStrings(a.name, b.name) || compareLocs(a.declared, b.declared) || compareStrings(a.binding, b.binding);
}

function compareClosures(a: ClosureRecord, b: ClosureRecord): number {
  return compareLocs(a.loc, b.loc) || compareStrings(a.name, b.name) || compareStrings(a.kind, b.kind);
}
