/**
 * Is a compiler plugin set to transform files before memoscope (Rollup, Vite)? Such a plugin removes
 * types and, usually, comments — the `@memoize` tags with them — so memoscope would never see a tag and
 * the build would succeed with nothing memoized. Checked once per build from the plugin list.
 */

interface PluginLike {
  name?: string;
  enforce?: string;
  transform?: unknown;
}

/** Names of plugins that compile TypeScript/JSX (and drop comments) in their transform hook. */
const COMPILER = /typescript|esbuild|swc|babel|sucrase|oxc|\bts\b/i;

function order(plugin: PluginLike): string | undefined {
  const hook = plugin.transform;
  return hook && typeof hook === "object" ? (hook as { order?: string }).order : undefined;
}

/**
 * The compiler plugins that transform before memoscope: in Rollup, those listed before it whose
 * transform is `order: "pre"`; in Vite's sorted list, any with a transform before memoscope's.
 */
export function compilersBefore(plugins: readonly PluginLike[] | undefined, sorted: boolean): string[] {
  if (!plugins) return [];
  const own = plugins.findIndex((p) => p?.name === "memoscope");
  if (own < 0) return [];
  return plugins
    .slice(0, own)
    .filter((p) => p?.transform && (sorted || order(p) === "pre") && COMPILER.test(p.name ?? ""))
    .map((p) => p.name ?? "(unnamed)");
}

/** The warning text for MS096 naming those plugins. */
export function compilersBeforeMessage(names: readonly string[]): string {
  return `${names.map((n) => `\`${n}\``).join(", ")} transform${names.length === 1 ? "s" : ""} TypeScript/JavaScript before memoscope, removing types and the @memoize comments: tagged functions would silently not be memoized. Let memoscope run first (put it before ${names.length === 1 ? "that plugin" : "them"}, or drop their \`order: "pre"\` / \`enforce: "pre"\`).`;
}
