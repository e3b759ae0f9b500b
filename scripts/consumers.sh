#!/usr/bin/env bash
# Open chronomap's outputs in the real programs people use and check what they
# read: GDAL (ogrinfo) on places.geojson, events.geojson and timeline.csv,
# LibreOffice Calc (headless) on timeline.csv, headless Chromium on map.html
# (Leaflet) and on timelinejs.csv (TimelineJS). Everything is written under
# target/consumers/, including screenshots (map.png, timelinejs.png) to look at.
#
# Installs what is missing: chromium, gdal-bin, libreoffice-calc-nogui (and npm)
# with apt-get --no-install-recommends when run as root or with sudo, and the npm
# packages of scripts/consumers/package.json (Leaflet, TimelineJS) into
# target/consumers/npm. Without root, sudo or apt-get it skips (exit 0) with a
# message; with CI=true a failed install is an error. Exit 1 on any failed check.
#
# Usage: bash scripts/consumers.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/target/consumers
NOT_AFTER=2026-11-28
PASSED=0
FAILED=0

say() { printf 'consumers: %s\n' "$*"; }
ok() { PASSED=$((PASSED + 1)); printf 'ok    %s\n' "$*"; }
bad() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
skip() { say "SKIP: $*"; exit 0; }
check() { # check "what" ACTUAL EXPECTED
    if [[ "$2" == "$3" ]]; then ok "$1: $2"; else bad "$1: got '$2', expected '$3'"; fi
}

# ---- 1. The programs ---------------------------------------------------------
need=()
command -v chromium >/dev/null || need+=(chromium fonts-dejavu-core)
command -v ogrinfo >/dev/null || need+=(gdal-bin)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v npm >/dev/null || need+=(npm)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
    if [[ $(id -u) == 0 ]]; then
        SUDO=()
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        SUDO=(sudo)
    else
        skip "missing ${need[*]}; not root and no sudo, so nothing is installed and nothing checked"
    fi
    command -v apt-get >/dev/null || skip "missing ${need[*]} and there is no apt-get"
    say "installing ${need[*]} (apt-get, --no-install-recommends)"
    if ! { "${SUDO[@]}" apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq \
            --no-install-recommends "${need[@]}" >/dev/null; }; then
        [[ "${CI:-}" == true ]] && { say "apt-get install failed"; exit 1; }
        skip "apt-get install of ${need[*]} failed"
    fi
fi
say "$(chromium --version 2>/dev/null | head -1); $(ogrinfo --version); $(soffice --version 2>/dev/null | head -1)"

mkdir -p "$OUT/npm"
cp scripts/consumers/package.json scripts/consumers/package-lock.json "$OUT/npm/"
(cd "$OUT/npm" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
LEAFLET=$OUT/npm/node_modules/leaflet/dist
say "npm: leaflet $(node -p "require('$OUT/npm/node_modules/leaflet/package.json').version"), @knight-lab/timelinejs $(node -p "require('$OUT/npm/node_modules/@knight-lab/timelinejs/package.json').version")"

# ---- 2. chronomap's outputs ----------------------------------------------------
cargo build --quiet
BIN=$ROOT/target/debug/chronomap
rm -rf "$OUT/seed" "$OUT/inject" "$OUT/inject-excel" "$OUT/lo" "$OUT/control"
# The seed article, with the map pointed at the local Leaflet.
"$BIN" extract samples/qingdao-sco.txt --not-after "$NOT_AFTER" -q --out "$OUT/seed" \
    --leaflet-url "$LEAFLET"
# An article whose statements start with =, @, + and -, in places west of Greenwich.
for v in inject inject-excel; do
    flags=()
    [[ $v == inject-excel ]] && flags=(--excel)
    "$BIN" extract scripts/consumers/injection.txt --date 2025-06-26 -q --out "$OUT/$v" "${flags[@]}"
done

features() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$1"; }
# The distinct points of a FeatureCollection's features (map.html draws one
# event marker per point, its popup listing the events there).
points() { python3 -c 'import json,sys; print(len({tuple(f["geometry"]["coordinates"]) for f in json.load(open(sys.argv[1]))["features"] if f.get("geometry")}))' "$1"; }
csv_rows() { python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))))-1)' "$1"; }

# ---- 3. GDAL -------------------------------------------------------------------
CSV_OO=(-oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES)
ogr() { # ogr FILE [OPTIONS]: "<geometry> <count>" as ogrinfo reports them
    local f=$1; shift
    ogrinfo -ro -al -so "$@" "$f" |
        awk -F': ' '/^Geometry:/{g=$2} /^Feature Count:/{c=$2} END{print g, c}'
}
check "ogrinfo seed/places.geojson" "$(ogr "$OUT/seed/places.geojson")" "Point $(features "$OUT/seed/places.geojson")"
check "ogrinfo seed/events.geojson" "$(ogr "$OUT/seed/events.geojson")" "Point $(features "$OUT/seed/events.geojson")"
for v in seed inject inject-excel; do
    check "ogrinfo $v/timeline.csv (lon/lat)" "$(ogr "$OUT/$v/timeline.csv" "${CSV_OO[@]}")" \
        "Point $(csv_rows "$OUT/$v/timeline.csv")"
done
# As a GIS user opens it: no options, the timeline.csvt and timeline.prj sidecars
# say which columns are the point and that it is WGS 84.
for v in seed inject-excel; do
    check "ogrinfo $v/timeline.csv, no options (timeline.csvt sidecar)" "$(ogr "$OUT/$v/timeline.csv")" \
        "Point $(csv_rows "$OUT/$v/timeline.csv")"
done
check "ogrinfo seed/timeline.csv SRS (timeline.prj sidecar)" \
    "$(ogrinfo -ro -al -so "$OUT/seed/timeline.csv" | grep -o '^GEOGCRS\["WGS 84"')" 'GEOGCRS["WGS 84"'
check "ogrinfo seed/timeline.csv field types" \
    "$(ogrinfo -ro -al -so "${CSV_OO[@]}" "$OUT/seed/timeline.csv" | grep -E '^(start|lat|lon|offset):' | tr '\n' ' ')" \
    "start: Date (0.0) lat: Real (0.0) lon: Real (0.0) offset: Integer (0.0) "
check "ogrinfo inject-excel/timeline.csv points west of Greenwich (BOM, CRLF)" \
    "$(ogrinfo -ro -al "${CSV_OO[@]}" "$OUT/inject-excel/timeline.csv" | grep -c '^  POINT (-')" \
    "$(csv_rows "$OUT/inject-excel/timeline.csv")"
check "ogrinfo seed/events.geojson time field" \
    "$(ogrinfo -ro -al -so "$OUT/seed/events.geojson" | grep -E '^(time|t_start|t_end):' | sort | tr '\n' ' ')" \
    "t_end: Integer64 (0.0) t_start: Integer64 (0.0) time: DateTime (0.0) "

# ---- 4. LibreOffice --------------------------------------------------------------
LO_PROFILE=$(mktemp -d)
lo_read() { # lo_read CSV OUTDIR: convert to flat ODS as a user would open it
    timeout 120 soffice --headless "-env:UserInstallation=file://$LO_PROFILE" \
        --infilter="CSV:44,34,76,1" --convert-to fods --outdir "$2" "$1" >/dev/null 2>&1
}
for v in seed inject inject-excel; do
    expect=()
    [[ $v != seed ]] && expect=(--expect-text "'=1+1")
    if lo_read "$OUT/$v/timeline.csv" "$OUT/lo/$v" &&
        python3 scripts/consumers/check_lo.py "$OUT/lo/$v/timeline.fods" "$OUT/$v/timeline.csv" "${expect[@]}"; then
        ok "LibreOffice $v/timeline.csv: dates are dates, numbers numbers, text text, no formulas"
    else
        bad "LibreOffice $v/timeline.csv (see above)"
    fi
done
# Control: the same reader does see a formula in an unneutralised cell.
mkdir -p "$OUT/control"
printf 'id,sentence\n1,=1+1\n' >"$OUT/control/raw.csv"
lo_read "$OUT/control/raw.csv" "$OUT/control" || true
check "LibreOffice control: a raw =1+1 cell is a formula" \
    "$(grep -c 'table:formula=' "$OUT/control/raw.fods" || true)" "1"
rm -rf "$LO_PROFILE"

# ---- 5. Chromium: map.html with Leaflet ----------------------------------------------
chrome() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --window-size=1000,700 \
        --user-data-dir="$(mktemp -d)" --virtual-time-budget=8000 "$@" 2>/dev/null
}
MAP=$OUT/seed/map.html
chrome --dump-dom "file://$MAP" >"$OUT/map.dom.html" || true
markers=$(grep -o '<path class="cm-marker cm-\(place\|event\)' "$OUT/map.dom.html" | wc -l)
check "Chromium map.html markers (places + points with events)" "$markers" \
    "$(($(features "$OUT/seed/places.geojson") + $(points "$OUT/seed/events.geojson")))"
check "Chromium map.html land outline (offline, under the tiles)" \
    "$(grep -c '<path class="cm-land' "$OUT/map.dom.html" || true)" "1"
check "Chromium map.html place markers" "$(grep -o '<path class="cm-marker cm-place' "$OUT/map.dom.html" | wc -l)" \
    "$(features "$OUT/seed/places.geojson")"
check "Chromium map.html degenerate markers (swapped lat/lon draw d=\"M0 0\")" \
    "$(grep -o '<path class="cm-marker[^>]* d="M0 0"' "$OUT/map.dom.html" | wc -l)" "0"
check "Chromium map.html status" "$(grep -o 'Leaflet 1\.9\.4' "$OUT/map.dom.html" | head -1)" "Leaflet 1.9.4"
for name in Qingdao China Iran Russia; do
    check "Chromium map.html label $name" \
        "$(grep -c "leaflet-tooltip cm-label[^>]*><span>$name<" "$OUT/map.dom.html" || true)" "1"
done
# A place name that is markup, from a --gazetteer file: shown as text, never run
# (its handler would set the page's title).
HOSTILE=$OUT/hostile
rm -rf "$HOSTILE"
mkdir -p "$HOSTILE"
printf '# hostile place names\n# format: id name alt_names lat lon kind country admin1 population feature\n' >"$HOSTILE/gazetteer.tsv"
printf 'cm:hostile\t<img src=x onerror="document.title=%s">\tZorbaville\t48.1\t11.5\tcity\tDE\t\t500000\tPPL\n' \
    "'PWNED'" >>"$HOSTILE/gazetteer.tsv"
printf 'ZORBAVILLE, June 26, 2025 - The council in Zorbaville voted on Thursday to rebuild the bridge.\n' \
    >"$HOSTILE/article.txt"
"$BIN" extract "$HOSTILE/article.txt" --gazetteer "$HOSTILE/gazetteer.tsv" -q --out "$HOSTILE/out" \
    --leaflet-url "$LEAFLET"
chrome --dump-dom "file://$HOSTILE/out/map.html" >"$HOSTILE/map.dom.html" || true
check "Chromium map.html, markup as a place name: the handler did not run (title)" \
    "$(grep -c '<title>PWNED' "$HOSTILE/map.dom.html" || true)" "0"
check "Chromium map.html, markup as a place name: no img element" \
    "$(grep -c '<img src="x"' "$HOSTILE/map.dom.html" || true)" "0"
check "Chromium map.html, markup as a place name: label shown as text" \
    "$(grep -c 'cm-label[^>]*><span>&lt;img src=x onerror=' "$HOSTILE/map.dom.html" || true)" "1"
chrome --screenshot="$OUT/map.png" "file://$MAP" >/dev/null || true
# The default page loads Leaflet from the CDN; offline it falls back to a plain
# SVG plot of the same markers (online, Leaflet draws them).
"$BIN" extract samples/qingdao-sco.txt --not-after "$NOT_AFTER" -q --format map >"$OUT/map-cdn.html"
chrome --dump-dom "file://$OUT/map-cdn.html" >"$OUT/map-cdn.dom.html" || true
check "Chromium map.html with the default Leaflet URL: markers" \
    "$(grep -o 'class="cm-marker cm-\(place\|event\)' "$OUT/map-cdn.dom.html" | wc -l)" "$markers"
[[ -s "$OUT/map.png" ]] && ok "screenshot $OUT/map.png" || bad "no screenshot of map.html"
# An archive-sized run (reuters-dev, 14,000 articles, when ../shared/eval is
# there): markers clustered, a slider of at most 300 stops. The load is timed
# here, for the note, never checked against a limit.
REUTERS=../shared/eval/datelines/reuters-dev.input.jsonl
if [[ -f $REUTERS ]]; then
    rm -rf "$OUT/reuters"
    cargo build --release --quiet
    "$ROOT/target/release/chronomap" extract "$REUTERS" --not-after "$NOT_AFTER" -q --out "$OUT/reuters" \
        --leaflet-url "$LEAFLET" || [[ $? == 1 ]]
    t0=$EPOCHREALTIME
    chrome --dump-dom "file://$OUT/reuters/map.html" >"$OUT/reuters.dom.html" || true
    say "reuters-dev map.html: $(du -h "$OUT/reuters/map.html" | cut -f1), loaded in Chromium in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s (with start-up)"
    check "Chromium reuters-dev map.html clustered" "$(grep -o 'Leaflet 1\.9\.4, clustered' "$OUT/reuters.dom.html" | head -1)" "Leaflet 1.9.4, clustered"
    clusters=$(grep -o 'class="[^"]*marker-cluster ' "$OUT/reuters.dom.html" | wc -l)
    ((clusters > 0)) && ok "reuters-dev map.html cluster icons: $clusters" || bad "reuters-dev map.html: no cluster icons"
    stops=$(grep -o 'id="slider"[^>]*max="[0-9]*"' "$OUT/reuters.dom.html" | grep -o 'max="[0-9]*"' | tr -dc 0-9)
    ((${stops:-999999} < 300)) && ok "reuters-dev map.html slider stops: $((stops + 1))" || bad "reuters-dev map.html slider stops: ${stops:-none}"
fi

# ---- 6. Chromium: TimelineJS reads timelinejs.csv ----------------------------------------
cp scripts/consumers/timeline.html "$OUT/timeline.html"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/timeline.html')" 2>/dev/null && break
    sleep 0.1
done
TL_URL="http://127.0.0.1:$PORT/timeline.html?csv=seed/timelinejs.csv"
chrome --dump-dom "$TL_URL" >"$OUT/timelinejs.dom.html" || true
tl_rows=$(csv_rows "$OUT/seed/timelinejs.csv")
check "TimelineJS markers (.tl-timemarker)" "$(grep -o 'class="tl-timemarker[ "]' "$OUT/timelinejs.dom.html" | wc -l)" "$tl_rows"
check "TimelineJS slides (.tl-slide)" "$(grep -o 'class="tl-slide[ "]' "$OUT/timelinejs.dom.html" | wc -l)" "$tl_rows"
check "TimelineJS load errors" "$(grep -c '<div id="status">error' "$OUT/timelinejs.dom.html" || true)" "0"
chrome --screenshot="$OUT/timelinejs.png" "$TL_URL" >/dev/null || true
# reuters-dev's default sheet (cut to the key events, with a title slide that
# says so): every row a slide. The load is timed for the note, never checked.
if [[ -f $OUT/reuters/timelinejs.csv ]]; then
    t0=$EPOCHREALTIME
    chrome --dump-dom "http://127.0.0.1:$PORT/timeline.html?csv=reuters/timelinejs.csv" >"$OUT/reuters-tl.dom.html" || true
    say "reuters-dev timelinejs.csv: $(csv_rows "$OUT/reuters/timelinejs.csv") rows, loaded in Chromium in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }') s (with start-up)"
    check "TimelineJS reuters-dev slides (.tl-slide)" \
        "$(grep -o 'class="tl-slide[ "]' "$OUT/reuters-tl.dom.html" | wc -l)" "$(csv_rows "$OUT/reuters/timelinejs.csv")"
    check "TimelineJS reuters-dev load errors" "$(grep -c '<div id="status">error' "$OUT/reuters-tl.dom.html" || true)" "0"
fi
[[ -s "$OUT/timelinejs.png" ]] && ok "screenshot $OUT/timelinejs.png" || bad "no screenshot of TimelineJS"

say "$PASSED checks passed, $FAILED failed"
((FAILED == 0))
