#!/usr/bin/env bash
# Benchmark chronomap against the peers a user would otherwise pick, on the
# same input in the same run: chrono-node (npm) for dates, geotext and
# dateparser's search_dates (PyPI) for places and dates. Installs the peers
# into a scratch folder from their registries. Prints a table of MB/s, plus
# chronomap's start-up time and peak memory.
#
# usage: bench/run.sh [INPUT.jsonl]
#   default input: ../shared/eval/datelines/reuters-dev.input.jsonl when present,
#   otherwise text generated from samples/ (about 15 MB).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${BENCH_WORK:-/tmp/chronomap-bench}"
mkdir -p "$WORK"

INPUT="${1:-}"
if [[ -z "$INPUT" ]]; then
  if [[ -f ../shared/eval/datelines/reuters-dev.input.jsonl ]]; then
    INPUT=../shared/eval/datelines/reuters-dev.input.jsonl
  else
    INPUT="$WORK/generated.jsonl"
    python3 - "$INPUT" <<'PY'
import json, pathlib, sys
texts = [p.read_text() for p in sorted(pathlib.Path("samples").glob("**/*.txt"))]
with open(sys.argv[1], "w") as f:
    i = 0
    while f.tell() < 15_000_000:
        f.write(json.dumps({"id": f"g{i}", "text": texts[i % len(texts)]}) + "\n")
        i += 1
PY
  fi
fi
BYTES=$(python3 -c "import json,sys; print(sum(len((json.loads(l).get('text') or '').encode()) for l in open(sys.argv[1]) if l.strip()))" "$INPUT")

cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/chronomap"

echo "input: $INPUT ($BYTES bytes of text)"
printf '%-28s %10s %10s %12s\n' tool seconds MB/s matches

row() { awk -v n="$1" -v b="$2" -v s="$3" -v m="$4" 'BEGIN { printf "%-28s %10.3f %10.2f %12s\n", n, s, (s > 0 ? b / s / 1e6 : 0), m }'; }

# All outputs written (the eight files of --out), as a user runs it. Shared
# machines are noisy: each setting runs three times, and the median counts
# (all three times are printed).
for threads in 2 1; do
  times=()
  for run in 1 2 3; do
    rm -rf "$WORK/out"
    T0=$(date +%s.%N)
    "$BIN" extract "$INPUT" --out "$WORK/out" -q --threads "$threads" --not-after 2026-11-28 || true
    T1=$(date +%s.%N)
    times+=("$(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.3f", b-a}')")
  done
  M=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['timexes']) for l in open(sys.argv[1])))" "$WORK/out/articles.jsonl")
  MEDIAN=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  row "chronomap (threads $threads)" "$BYTES" "$MEDIAN" "$M"
  echo "  (runs: ${times[*]} s)"
  if [[ $threads == 2 ]]; then CM_SECONDS=$MEDIAN; fi
done

if command -v npm >/dev/null; then
  (cd "$WORK" && [[ -d node_modules/chrono-node ]] || npm install --silent --no-audit --no-fund chrono-node@2 >/dev/null 2>&1) || true
  if [[ -d "$WORK/node_modules/chrono-node" ]]; then
    IFS=$'\t' read -r name b s m < <(NODE_PATH="$WORK/node_modules" node bench/peers.js "$INPUT")
    row "$name" "$b" "$s" "$m"
    awk -v c="$CM_SECONDS" -v b="$BYTES" -v pb="$b" -v ps="$s" \
      'BEGIN { printf "  chronomap (threads 2) is %.1f times chrono-node'"'"'s throughput\n", (b / c) / (pb / ps) }'
  else
    echo "chrono-node: could not be installed, skipped"
  fi
fi

if [[ ! -d "$WORK/venv" ]]; then python3 -m venv "$WORK/venv"; fi
"$WORK/venv/bin/pip" install --quiet geotext dateparser >/dev/null 2>&1 || true
if "$WORK/venv/bin/python" -c "import geotext, dateparser" 2>/dev/null; then
  # dateparser is slow: it reads the first 500 articles only.
  while IFS=$'\t' read -r name b s m; do row "$name" "$b" "$s" "$m"; done < <("$WORK/venv/bin/python" bench/peers.py "$INPUT" 500)
else
  echo "geotext/dateparser: could not be installed, skipped"
fi

# Start-up and memory: one small article (five runs, the median counts; the
# first run may read the binary from disk), and the whole input.
starts=()
for run in 1 2 3 4 5; do
  T0=$(date +%s.%N)
  "$BIN" extract samples/qingdao-sco.txt -q >/dev/null
  T1=$(date +%s.%N)
  starts+=("$(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.3f", b-a}')")
done
echo "start-up on one article: $(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p) s wall (runs: ${starts[*]} s)"
/usr/bin/time -f "start-up on one article: %M KB peak RSS" "$BIN" extract samples/qingdao-sco.txt -q >/dev/null
rm -rf "$WORK/out"
/usr/bin/time -f "whole input, all outputs: %e s wall, %M KB peak RSS" "$BIN" extract "$INPUT" --out "$WORK/out" -q >/dev/null || true
