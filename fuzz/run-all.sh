#!/usr/bin/env bash
# Run each fuzz target in turn, one process each (leaves the other core free).
# Usage: fuzz/run-all.sh [SECONDS] [TARGET...]   (default 600 s, all targets)
set -u
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dateline dates matcher extract)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t: $secs s, started $(date -u +%H:%M:%S)"
  RAYON_NUM_THREADS=1 cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -max_len=4096 -len_control=10 \
    -artifact_prefix="artifacts/$t/" 2>&1 | grep -v '^#[0-9]*	\(NEW\|REDUCE\|pulse\)' 
  echo "== $t: exit ${PIPESTATUS[0]}, ended $(date -u +%H:%M:%S)"
done
