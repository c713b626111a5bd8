#!/usr/bin/env bash
# End-to-end CI for the test runners (issue 9): each app under e2e/jest-* installs its own lock plus the
# `npm pack` tarball, in a scratch copy (nothing resolves from the repository's node_modules), and runs Jest:
#   e2e/jest-babel     babel-jest with memoscope/babel in babel.config.js
#   e2e/jest-ts-jest   ts-jest with compiler: "ts-patch/compiler" and memoscope/ts in tsconfig plugins, and
#                      ts-jest on plain TypeScript with astTransformers: memoscope/ts-jest (two Jest projects)
# Both run the same source and test, fixtures/jest/app, copied in. The tests assert memoization (body-run counts, cacheOf(...).info()). Then this script checks the report
# merged from the store the run wrote, shows Jest's transform cache skipping the plugin on a second run (the README's caveat),
# and checks that `memoscope scan` gives the same closures (the CI source of truth). Needs `npm run build`.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/memoscope-e2e-runners.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
start=$SECONDS
TARBALL="$WORK/$(cd "$REPO" && npm pack --silent --pack-destination "$WORK" | tail -n 1)"

# closures FILE: the memoized closures of src/prices.ts in a report (or scan JSON), one "name max" per line.
closures() {
  node -e '
    const report = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const file = report.files["src/prices.ts"];
    if (!file) { console.error("no entry for src/prices.ts in " + process.argv[1]); process.exit(1); }
    for (const c of file.closures) if (c.memoized) console.log(c.name, c.memoized.max ?? "-");
  ' "$1"
}
EXPECTED=$'price 100\nfib -\nCart#total -'

apps=("$@") # default: every app; names given on the command line run only those
[ ${#apps[@]} -gt 0 ] || apps=(jest-babel jest-ts-jest)
for app in "${apps[@]}"; do
  echo "== e2e: $app"
  mkdir "$WORK/$app"
  (cd "$REPO/e2e/$app" && tar cf - --exclude=node_modules --exclude=.jest-cache --exclude=.memoscope .) | (cd "$WORK/$app" && tar xf -)
  # One source and test for both apps: fixtures/jest/app (src/prices.ts, test/prices.test.ts).
  cp -R "$REPO/fixtures/jest/app/." "$WORK/$app/"
  cd "$WORK/$app"
  npm ci --no-audit --no-fund --loglevel=error
  npm install --no-save --no-audit --no-fund --loglevel=error "$TARBALL"
  npx jest --ci 2>&1 | tee jest.log
  grep -Eq "Tests: +([0-9]+) passed, \1 total" jest.log
  # The build wrote one fragment per file to the store (.memoscope); memoscope report merges them.
  npx memoscope report --format json > report.json
  actual="$(closures report.json | sort)"
  [ "$actual" = "$(sort <<<"$EXPECTED")" ] || { echo "report closures differ: $actual"; exit 1; }
  # Second run, same sources: Jest serves the transformed files from its cache, the plugin does not run,
  # so nothing is written to the store (the memoized code still runs from the cache).
  rm -rf .memoscope
  npx jest --ci >/dev/null 2>&1
  [ -z "$(ls .memoscope/fragments 2>/dev/null)" ] || { echo "the transform-cache caveat no longer holds: update the README"; exit 1; }
  npx memoscope scan src --format json > scan.json
  actual="$(closures scan.json | sort)"
  [ "$actual" = "$(sort <<<"$EXPECTED")" ] || { echo "scan closures differ: $actual"; exit 1; }
  echo "e2e $app: memoized under Jest, report written on a cold cache, scan agrees"
  cd "$REPO"
done
echo "e2e runners: done in $((SECONDS - start))s"
