#!/usr/bin/env bash
# Regenerate src/emit/world-110m.json from Natural Earth 1:110m land (see build.js).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cp "$ROOT/scripts/world/build.js" "$TMP/"
(cd "$TMP" && npm install --silent --no-save --no-package-lock world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null)
node "$TMP/build.js" >"$ROOT/src/emit/world-110m.json"
echo "wrote src/emit/world-110m.json ($(wc -c <"$ROOT/src/emit/world-110m.json") bytes)"
