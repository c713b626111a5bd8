#!/usr/bin/env bash
# End-to-end for users who lint and read reports (issue 13): the npm pack tarball installed into a small app
# (e2e/eslint: its own package.json + package-lock.json, ESLint 9, typescript-eslint's parser,
# eslint-plugin-jsdoc), in a scratch copy (nothing resolves from the repository's node_modules), with the
# ESLint fixture project's sources and configs (fixtures/eslint/project) copied in:
#   1. the real `eslint` CLI with memoscope.configs.recommended prints exactly expected-output.txt (exit 1:
#      the fixture has tag errors);
#   2. with eslint-plugin-jsdoc's recommended config too, jsdoc/check-tag-names flags no @memoize (and, as
#      the control, flags them all without memoscope's config);
#   3. `memoscope scan src --out .memoscope` then `memoscope report --format html` from the installed
#      package: one self-contained page (no external script, style, image or font) listing the findings.
# Needs the npm registry only. About 30 s, most of it npm ci.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/memoscope-e2e-eslint.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS
[ -d "$REPO/dist/eslint" ] || (cd "$REPO" && npm run build)
TARBALL="$WORK/$(cd "$REPO" && npm pack --silent --pack-destination "$WORK" | tail -n 1)"
APP="$WORK/app"
mkdir "$APP"
cp "$REPO/e2e/eslint/package.json" "$REPO/e2e/eslint/package-lock.json" "$APP/"
cp -R "$REPO/fixtures/eslint/project/." "$APP/"
cd "$APP"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "$TARBALL"
[ -L node_modules/memoscope ] && { echo "memoscope must be installed from the tarball, not linked"; exit 1; }

echo "== e2e eslint: memoscope.configs.recommended"
status=0
npx eslint src > eslint.txt || status=$?
[ "$status" = 1 ] || { cat eslint.txt; echo "eslint exited $status, expected 1 (the fixture has tag errors)"; exit 1; }
sed "s#$APP#<project>#g" eslint.txt | diff -u expected-output.txt -

echo "== e2e eslint: with eslint-plugin-jsdoc's recommended config"
# memoize-flags CONFIG: how many jsdoc/check-tag-names messages name @memoize.
memoize_flags() {
  npx eslint --config "$1" --format json src > "$1.json" || true
  node -e '
    const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const messages = results.flatMap((r) => r.messages);
    if (!messages.some((m) => m.ruleId && m.ruleId.startsWith("jsdoc/"))) { console.error("eslint-plugin-jsdoc reported nothing: is it loaded?"); process.exit(1); }
    console.log(messages.filter((m) => m.ruleId === "jsdoc/check-tag-names" && m.message.includes("\"memoize\"")).length);
  ' "$1.json"
}
control="$(memoize_flags eslint.jsdoc-only.config.mjs)"
[ "$control" -gt 0 ] || { echo "control: eslint-plugin-jsdoc alone no longer flags @memoize ($control)"; exit 1; }
with="$(memoize_flags eslint.jsdoc.config.mjs)"
[ "$with" = 0 ] || { echo "eslint-plugin-jsdoc flags @memoize $with times with memoscope.configs.recommended"; exit 1; }
node -e '
  const results = JSON.parse(require("fs").readFileSync("eslint.jsdoc.config.mjs.json", "utf8"));
  const codes = results.flatMap((r) => r.messages).filter((m) => m.ruleId && m.ruleId.startsWith("memoscope/")).map((m) => m.message.slice(0, 5));
  if (codes.length !== 8) { console.error("memoscope messages with jsdoc config: " + codes); process.exit(1); }
'

echo "== e2e: memoscope report --format html from the installed package"
npx memoscope scan src --out .memoscope --format json > scan.json || [ $? = 1 ]
npx memoscope report --format html > report.html
node -e '
  const html = require("fs").readFileSync("report.html", "utf8");
  const fail = (why) => { console.error("report.html: " + why); process.exit(1); };
  if (!/^<!doctype html>/i.test(html)) fail("not an HTML page");
  // Self-contained: no external script, stylesheet, image, font, frame or fetch.
  const external = [...html.matchAll(/<[a-z][\w-]*\s[^>]*?\b(?:src|href|srcset|action|poster|data)\s*=\s*["\x27]?([^"\x27\s>]+)/gi)].map((m) => m[1]).filter((url) => !/^(#|data:|javascript:void)/i.test(url));
  if (external.length) fail("external references " + JSON.stringify(external));
  if (/<link\b[^>]*rel=["\x27]?stylesheet/i.test(html) || /@import\b/.test(html) || /url\(\s*["\x27]?(?!data:|#)/i.test(html)) fail("loads a stylesheet or url()");
  if (/\bfetch\(|XMLHttpRequest|import\(/.test(html)) fail("loads data at run time");
  for (const needle of ["src/cart.js", "src/tax.ts", "price", "MS101", "MS103", "priced"]) if (!html.includes(needle)) fail("does not mention " + needle);
  console.log("report.html: " + html.length + " bytes, self-contained");
'
echo "e2e eslint + html report: passed in $((SECONDS - start)) s"
