import fc from "fast-check";
import { scanComment, toAbsolute, validateOptions, planTarget, type TargetFacts } from "../dist/core";

/** The tag parser and option validation in the core, independent of either front end. */
describe("scanComment", () => {
  test.each([
    ["/** @memoize */", true],
    ["/**\n * Price.\n * @memoize max=500 ttl=30s\n */", true],
    ["/** Prose mentioning @memoize is not a tag. */", false],
    ["/* @memoize */", false],
    ["// @memoize", false],
    ["/*** @memoize */", false],
    ["/** @memoized */", false],
    ["/**\n * @memoizeThis\n */", false],
  ])("%j counts: %s", (raw, counts) => {
    expect(scanComment(raw).tag !== undefined).toBe(counts);
  });

  test("options parse to the model", () => {
    expect(scanComment("/** @memoize max=500 ttl=30s */").tag!.options).toEqual({ max: 500, ttlMs: 30000, key: { kind: "identity" }, weak: false });
    expect(scanComment("/** @memoize ttl=2m key=json */").tag!.options).toMatchObject({ ttlMs: 120000, key: { kind: "json" } });
    expect(scanComment("/** @memoize ttl=1h weak */").tag!.options).toMatchObject({ ttlMs: 3600000, weak: true });
    expect(scanComment("/** @memoize ttl=250 */").tag!.options.ttlMs).toBe(250);
    expect(scanComment("/** @memoize key=userKey */").tag!.options.key).toMatchObject({ kind: "function", name: "userKey" });
  });

  test.each([
    ["/** @memoize max=0 */", "MS011"],
    ["/** @memoize max=1.5 */", "MS011"],
    ["/** @memoize max */", "MS014"],
    ["/** @memoize ttl=-1s */", "MS012"],
    ["/** @memoize ttl=0 */", "MS012"],
    ["/** @memoize key=1abc */", "MS013"],
    ["/** @memoize tll=3s */", "MS010"],
    ["/** @memoize max=1 max=2 */", "MS015"],
    ["/** @memoize weak key=json */", "MS016"],
    ["/**\n * @memoize\n * @memoize\n */", "MS018"],
  ])("%j is a build error %s", (raw, code) => {
    const scan = scanComment(raw);
    expect(scan.tag).toBeUndefined();
    expect(scan.diagnostics.map((d) => [d.code, d.severity])).toContainEqual([code, "error"]);
  });

  test("unknown options suggest the closest valid one", () => {
    expect(scanComment("/** @memoize tll=3s */").diagnostics[0].message).toContain("Did you mean `ttl`?");
  });

  test("positions are relative to the comment and map to the file", () => {
    const scan = scanComment("/**\n * Doc.\n * @memoize max=x\n */");
    expect(scan.diagnostics[0].at).toEqual({ line: 2, column: 12 });
    expect(toAbsolute(scan.diagnostics[0].at!, { line: 10, column: 2 })).toEqual({ line: 12, column: 12 });
    expect(toAbsolute({ line: 0, column: 4 }, { line: 10, column: 2 })).toEqual({ line: 10, column: 6 });
  });

  test("property: any valid max and ttl round-trip; text before the tag on its line stops it counting", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e5 }), fc.constantFrom("ms", "s", "m", "h", ""), (max, n, unit) => {
        const scan = scanComment(`/** @memoize max=${max} ttl=${n}${unit} */`);
        const factor = { ms: 1, s: 1000, m: 60000, h: 3600000, "": 1 }[unit];
        expect(scan.tag!.options).toMatchObject({ max, ttlMs: n * factor });
        expect(scanComment(`/** see @memoize max=${max} */`).tag).toBeUndefined();
      }),
    );
  });
});

describe("option words on a later line of the tag's block (MS019)", () => {
  test.each([
    ["/** @memoize max=3\n * ttl=5s */", { line: 1, column: 3 }, "Write `@memoize max=3 ttl=5s`."],
    ["/**\n * @memoize\n * weak\n */", { line: 2, column: 3 }, "Write `@memoize weak`."],
    ["/**\n * @memoize max=3\n * @param a the key\n *    key=json   ttl=1s\n */", { line: 3, column: 6 }, "Write `@memoize max=3 key=json ttl=1s`."],
    ["/**\n * @memoize\n   max=3\n */", { line: 2, column: 3 }, "Write `@memoize max=3`."],
  ])("%j is a build error at the words", (raw, at, fix) => {
    const scan = scanComment(raw);
    expect(scan.tag).toBeUndefined();
    const d = scan.diagnostics.find((x) => x.code === "MS019")!;
    expect(d).toMatchObject({ severity: "error", at });
    expect(d.message).toContain(fix);
  });

  test.each([
    "/**\n * @memoize max=3\n * Keeps max=3 entries.\n */",
    "/**\n * @memoize\n * weakly held\n */",
    "/**\n * max=3\n * @memoize\n */",
    "/**\n * @memoize\n * a=b\n */",
    "/* @memoize\n * max=3 */",
  ])("%j: prose, a line before the tag, or a non-JSDoc comment is not an error", (raw) => {
    expect(scanComment(raw).diagnostics.filter((d) => d.code === "MS019")).toEqual([]);
  });
});

describe("a tag glued to text gets the misspelled-tag warning (MS020)", () => {
  test.each([
    ["/** @memoizemax=5 */", "Did you mean @memoize max=5?"],
    ["/** @memoizeweak */", "Did you mean @memoize weak?"],
    ["/** @memoize=5 */", "Did you mean @memoize?"],
    ["/** @memoize: fast */", "Did you mean @memoize fast?"],
    ["/** @memoize(max=5) */", "Did you mean @memoize max=5?"],
  ])("%j", (raw, suggestion) => {
    const scan = scanComment(raw);
    expect(scan.tag).toBeUndefined();
    expect(scan.diagnostics).toHaveLength(1);
    expect(scan.diagnostics[0]).toMatchObject({ code: "MS020", severity: "warning", at: { line: 0, column: 4 } });
    expect(scan.diagnostics[0].message).toContain(suggestion);
  });

  test("a misspelling is still a misspelling, not a glued tag", () => {
    expect(scanComment("/** @memoized */").diagnostics[0].message).toContain("@memoized is not a memoscope tag and is ignored. Did you mean @memoize?");
  });
});

describe("plugin options", () => {
  test("defaults", () => {
    expect(validateOptions(undefined)).toEqual({ report: ".memoscope", strict: false, runtime: "memoscope/runtime", root: undefined, verify: false });
  });
  test("unknown option suggests the closest", () => {
    expect(() => validateOptions({ reprot: false })).toThrow("Unknown memoscope option `reprot`. Did you mean `report`?");
    expect(() => validateOptions({ stric: true })).toThrow("Did you mean `strict`?");
  });
  test("bad values name the option", () => {
    expect(() => validateOptions({ report: 1 })).toThrow("`report` must be a path (the store folder, or a .json report file) or false");
    expect(() => validateOptions({ strict: "yes" })).toThrow("`strict` must be true or false");
  });
  test("ts-patch's own keys are not the user's", () => {
    expect(validateOptions({ transform: "memoscope/ts", report: false }, "ts").report).toBe(false);
    expect(() => validateOptions({ transform: "memoscope/ts" }, "babel")).toThrow("Unknown memoscope option `transform`");
  });
});

describe("planTarget", () => {
  const base: TargetFacts = { kind: "function", label: "`f`", async: false, paramCount: 2, hasRest: false, usesArguments: false, usesThis: false, expression: false };
  const options = { key: { kind: "identity" as const }, weak: false };
  test("keys: declared parameters; rest or arguments make it variadic; this adds the receiver", () => {
    expect(planTarget(base, options)).toMatchObject({ ok: true, form: "inline", spec: { arity: 2 } });
    expect(planTarget({ ...base, hasRest: true }, options)).toMatchObject({ spec: { arity: -1 }, variadic: true });
    expect(planTarget({ ...base, usesArguments: true }, options)).toMatchObject({ spec: { arity: -1 } });
    expect(planTarget({ ...base, usesThis: true }, options)).toMatchObject({ spec: { arity: 2, receiver: true } });
    expect(planTarget({ ...base, kind: "arrow", expression: true }, options)).toMatchObject({ form: "expression", spec: { arity: 2 } });
    expect(planTarget({ ...base, kind: "getter" }, options)).toMatchObject({ spec: { arity: 0, receiver: true } });
  });
  test.each([
    ["generator", "MS002"],
    ["setter", "MS003"],
    ["constructor", "MS004"],
    ["bodiless", "MS005"],
    ["class", "MS001"],
    ["value", "MS001"],
  ] as const)("%s is rejected with %s", (kind, code) => {
    expect(planTarget({ ...base, kind }, options)).toMatchObject({ ok: false, diagnostic: { code, severity: "error" } });
  });
});
