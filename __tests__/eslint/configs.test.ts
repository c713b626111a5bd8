import fs from "node:fs";
import path from "node:path";
import { Linter, type ESLint } from "eslint";
import plugin from "../../dist/eslint";
import { Codes } from "../../dist/core";

/**
 * The plugin object as ESLint and users see it: `meta` from package.json, `configs.recommended` agreeing
 * with every rule's `meta.docs.recommended`, one rule per finding code and the tag rule for every MS0xx,
 * docs URLs built from rule names, the option schema closed.
 */
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
const recommended = plugin.configs.recommended;

// Type-level: what a TypeScript eslint.config.ts gets is ESLint's own plugin and config types.
const asPlugin: ESLint.Plugin = plugin;
const asConfigs: Linter.Config[] = [plugin.configs.recommended];

test("plugin.meta names the package and its version", () => {
  expect(asPlugin.meta).toBe(plugin.meta);
  expect(asConfigs).toHaveLength(1);
  expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: "memoscope" });
});

test("configs.recommended is one flat config object with a name, the plugin, and the rules the rules' meta recommend", () => {
  expect(recommended.name).toBe("memoscope/recommended");
  expect(recommended.plugins!.memoscope).toBe(plugin);
  expect(recommended.files).toBeUndefined();
  const fromMeta = Object.fromEntries(
    Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta.docs.recommended !== false)
      .map(([name, rule]) => [`memoscope/${name}`, rule.meta.docs.recommended]),
  );
  expect(recommended.rules).toEqual(fromMeta);
});

test("every rule has the same shape: docs URL from its name, messages by code, closed options", () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    expect(rule.meta.docs.url).toBe(`https://www.npmjs.com/package/memoscope#rule-${name}`);
    expect(rule.meta.docs.description).toMatch(/\(MS\d{3}/);
    expect(rule.meta.schema).toEqual([{ type: "object", properties: {}, additionalProperties: false }]);
    expect(rule.meta.defaultOptions).toEqual([{}]);
    for (const code of rule.meta.docs.codes) expect(rule.meta.messages![code]).toBe(`${code}: {{message}}`);
  }
});

test("the rules cover every diagnostic code: MS0xx in valid-tag, one rule per finding", () => {
  const byCode = new Map<string, string[]>();
  for (const [name, rule] of Object.entries(plugin.rules)) for (const code of rule.meta.docs.codes) byCode.set(code, [...(byCode.get(code) ?? []), name]);
  for (const code of Object.values(Codes)) {
    if (code === "MS090") continue; // plugin options: not in source code
    expect([code, byCode.get(code)]).toEqual([code, [/^MS0/.test(code) ? "valid-tag" : expect.any(String)]]);
  }
  expect(byCode.get("MS105")).toEqual(["no-impure-callee"]);
  const findingRules = Object.entries(plugin.rules).filter(([name]) => name !== "valid-tag");
  for (const [, rule] of findingRules) expect(rule.meta.docs.codes).toHaveLength(1);
});

test("an option a rule does not know is a configuration error", () => {
  const linter = new Linter();
  expect(() => linter.verify("x", [recommended, { rules: { "memoscope/valid-tag": ["error", { strict: true }] } }])).toThrow(/should NOT have additional properties|must NOT have additional properties/);
});

test("recommended declares @memoize for eslint-plugin-jsdoc, as a tag without a type whose options are text", () => {
  expect(recommended.settings).toEqual({ jsdoc: { structuredTags: { memoize: { name: "text", type: false, required: [] } } } });
});
