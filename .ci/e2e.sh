#!/usr/bin/env bash
# End-to-end: the npm pack tarball installed into a small app per tool (e2e/<tool>/, each with its own
# package.json + package-lock.json), built with the real tool, run, and checked by e2e/assert.mjs
# (memoization, cacheOf(...).info(), a source-mapped stack line, the warning in the tool's own output,
# the report). Vitest runs the Vite app's tests through the Vite plugin. Needs the npm registry only.
# Usage: .ci/e2e.sh [app...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
apps=("$@")
[ ${#apps[@]} -gt 0 ] || apps=(vite rollup webpack rspack esbuild)
start=$SECONDS
[ -d dist/bundler ] || npm run build
rm -f e2e/memoscope-*.tgz
tarball=$(npm pack --silent --pack-destination e2e | tail -n 1)
for app in "${apps[@]}"; do
  echo "::: e2e/$app"
  (
    cd "e2e/$app"
    # One app source for every bundler (and for the jest tests of the plugins): fixtures/bundler/app/src.
    rm -rf src && cp -R ../../fixtures/bundler/app/src src
    npm ci --no-audit --no-fund --loglevel=error
    npm install --no-save --no-audit --no-fund --loglevel=error "../$tarball"
    rm -rf dist .memoscope
    npm run --silent build 2>&1 | tee build.log
    node ../assert.mjs "$(node -p 'require("./package.json").e2e.bundle')" build.log
    if node -e 'process.exit(require("./package.json").scripts.test ? 0 : 1)'; then npm test; fi
  )
done
rm -f "e2e/$tarball"
echo "e2e: ${apps[*]} passed in $((SECONDS - start)) s"
