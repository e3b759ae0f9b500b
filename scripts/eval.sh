#!/usr/bin/env bash
# Score chronomap on the shared evaluation corpora (../shared/eval beside the repo
# root; see its README.md). Skips cleanly when that folder is absent (a fresh clone).
#
# usage: scripts/eval.sh [--check]
#   --check   also enforce the floors below; exit 1 when a score is under its floor
set -euo pipefail

# Floors for --check (fractions, 0..1). Raise them as the extractor improves.
TBAQ_STRICT_F1=0.86
TBAQ_VALUE_F1=0.795
WIKIWARS_RELAXED_F1=0.90
REUTERS_MONTHDAY=0.99
REUTERS_FULLDATE=0.99
LGL_F1=0.80
LGL_ACC161=0.86
GEOVIRUS_F1=0.89
GEOVIRUS_ACC161=0.84
REUTERS_PLACE=0.99
REUTERS_COUNTRY=0.96
# news/modern-dev (datelines: places within 161 km, a count of 30).
MD_DATES_F1_FLOOR=0.95
MD_PLACES_F1_FLOOR=0.92
MD_ACC161_FLOOR=0.96
MD_EVENTS_FLOOR=0.90
MD_DATELINES_FLOOR=29
# news/modern-dev with its "date" fields removed: precision of the dates told
# from the text alone (no date the text does not support).
MD_TEXT_ONLY_P_FLOOR=0.95

# chronology/t17-dev: Date F1 of dates.csv's key days against the journalists'
# timelines.
T17_DATE_F1_FLOOR=0.75

# Every run is pinned, so scores never depend on today's date.
NOT_AFTER=2026-11-28

CHECK=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    -h | --help)
      sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "eval: unknown argument: $arg (usage: scripts/eval.sh [--check])" >&2
      exit 2
      ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/chronomap"

if [[ ! -d ../shared/eval ]]; then
  echo "eval: ../shared/eval not found, skipping"
  exit 0
fi
EVAL=../shared/eval

TMP="$(mktemp -d "${TMPDIR:-/tmp}/chronomap-eval.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

FAILED=0

# extract CORPUS_INPUT PRED [FLAGS...]: run chronomap over one corpus input.
extract() {
  local rc=0 input="$1" pred="$2"
  shift 2
  "$BIN" extract "$input" --format jsonl -q --not-after "$NOT_AFTER" "$@" >"$pred" || rc=$?
  if ((rc == 1)); then
    # Exit 1: some lines yielded no article (reuters-dev has lines with an empty
    # "text"); the others were written and are scored. Not a failure.
    echo "eval: note: chronomap skipped some lines of $input (exit 1; rerun without -q to list them)"
  elif ((rc != 0)); then
    echo "eval: chronomap failed on $input (exit $rc)" >&2
    exit "$rc"
  fi
}

# floor LABEL VALUE FLOOR: print the comparison; remember a failure.
floor() {
  if awk -v v="$2" -v f="$3" 'BEGIN { exit !(v + 0 >= f + 0 && v != "") }'; then
    printf 'check: %-22s %.4f >= %s  ok\n' "$1" "$2" "$3"
  else
    if [[ -n "$2" ]]; then
      printf 'check: %-22s %.4f < %s  BELOW FLOOR\n' "$1" "$2" "$3"
    else
      printf 'check: %-22s missing (floor %s)  BELOW FLOOR\n' "$1" "$3"
    fi
    FAILED=1
  fi
}

# temporal CORPUS: extract and score one temporal corpus; sets STRICT RELAXED VALUE.
temporal() {
  local name="$1"
  echo "== temporal: $name"
  extract "$EVAL/temporal/$name.input.jsonl" "$TMP/$name.jsonl"
  python3 "$EVAL/temporal/score.py" "$EVAL/temporal/$name.jsonl" "$TMP/$name.jsonl"
  if ((CHECK)); then
    read -r STRICT RELAXED VALUE < <(
      python3 "$EVAL/temporal/score.py" "$EVAL/temporal/$name.jsonl" "$TMP/$name.jsonl" --json |
        python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["strict"]["F1"], d["relaxed"]["F1"], d["value_F1"])'
    )
  fi
}

temporal tbaq
if ((CHECK)); then
  floor "tbaq strict F1" "$STRICT" "$TBAQ_STRICT_F1"
  floor "tbaq value F1" "$VALUE" "$TBAQ_VALUE_F1"
fi

temporal wikiwars
if ((CHECK)); then
  floor "wikiwars relaxed F1" "$RELAXED" "$WIKIWARS_RELAXED_F1"
fi

# geo CORPUS "EXTRACT FLAGS" SCORE FLAGS...: extract and score one geo corpus
# (the EUPEG protocol line is "inexact"); sets F1 ACC161 from that line. The
# extract flags follow the corpus's convention: LGL counts place names inside
# organisations' names and adjectives, GeoVirus neither.
geo() {
  local name="$1" flags="$2"
  shift 2
  echo "== geo: $name (extract $flags; score $*)"
  # shellcheck disable=SC2086 # the flags are words
  extract "$EVAL/geo/$name.input.jsonl" "$TMP/$name.jsonl" $flags
  python3 "$EVAL/geo/score.py" "$EVAL/geo/$name.jsonl" "$TMP/$name.jsonl" "$@"
  if ((CHECK)); then
    read -r F1 ACC161 < <(
      python3 "$EVAL/geo/score.py" "$EVAL/geo/$name.jsonl" "$TMP/$name.jsonl" "$@" --json |
        python3 -c 'import json, sys; d = json.load(sys.stdin)["inexact"]; print(d["f1"], d["geo"]["acc161"] or 0)'
    )
  fi
}

geo lgl "--org-places --adjectival-toponyms" --gold-filter coords --drop-uncoded-preds
if ((CHECK)); then
  floor "lgl F1 (inexact)" "$F1" "$LGL_F1"
  floor "lgl acc@161" "$ACC161" "$LGL_ACC161"
fi

geo geovirus "--adjectival-toponyms" --drop-uncoded-preds --drop-adjectival
if ((CHECK)); then
  floor "geovirus F1 (inexact)" "$F1" "$GEOVIRUS_F1"
  floor "geovirus acc@161" "$ACC161" "$GEOVIRUS_ACC161"
fi

echo "== news: modern-dev"
extract "$EVAL/news/modern-dev.input.jsonl" "$TMP/modern-dev.jsonl"
python3 "$EVAL/news/score.py" "$EVAL/news/modern-dev.jsonl" "$TMP/modern-dev.jsonl" | tee "$TMP/modern-dev.score"
if ((CHECK)); then
  # "  P 0.825 R 0.915 F1 0.868; acc@161 0.860; ..." after "places:"; "events: 340,
  # with coordinates 231 (68%)"; "place within 161 km 19/30".
  read -r MD_DATES_F1 MD_PLACES_F1 MD_ACC161 MD_EVENTS MD_DATELINES < <(python3 - "$TMP/modern-dev.score" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
f1 = re.findall(r"P [0-9.]+ R [0-9.]+ F1 ([0-9.]+)", s)
acc = re.search(r"acc@161 ([0-9.]+)", s).group(1)
ev = re.search(r"events: (\d+), with coordinates (\d+)", s)
dl = re.search(r"place within 161 km (\d+)/(\d+)", s)
print(f1[0], f1[1], acc, int(ev.group(2)) / max(1, int(ev.group(1))), dl.group(1))
PY
  )
  floor "modern-dev dates F1" "$MD_DATES_F1" "$MD_DATES_F1_FLOOR"
  floor "modern-dev places F1" "$MD_PLACES_F1" "$MD_PLACES_F1_FLOOR"
  floor "modern-dev acc@161" "$MD_ACC161" "$MD_ACC161_FLOOR"
  floor "modern-dev events w/ pt" "$MD_EVENTS" "$MD_EVENTS_FLOOR"
  floor "modern-dev datelines" "$MD_DATELINES" "$MD_DATELINES_FLOOR"
fi

echo "== news: modern-dev, text only (the \"date\" field removed)"
python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d.pop("date", None)
    print(json.dumps(d))' <"$EVAL/news/modern-dev.input.jsonl" >"$TMP/modern-dev-text.input.jsonl"
extract "$TMP/modern-dev-text.input.jsonl" "$TMP/modern-dev-text.jsonl"
python3 "$EVAL/news/score.py" "$EVAL/news/modern-dev.jsonl" "$TMP/modern-dev-text.jsonl" |
  sed -n '1,5p' | tee "$TMP/modern-dev-text.score"
if ((CHECK)); then
  MD_TEXT_P="$(sed -n 's/^  P \([0-9.]*\) R .*/\1/p' "$TMP/modern-dev-text.score" | head -1)"
  floor "modern-dev text-only P" "$MD_TEXT_P" "$MD_TEXT_ONLY_P_FLOOR"
fi

echo "== datelines: reuters-dev"
INPUT="$EVAL/datelines/reuters-dev.input.jsonl"
BYTES=$(wc -c <"$INPUT")
T0=$(date +%s.%N)
extract "$INPUT" "$TMP/reuters-dev.jsonl"
T1=$(date +%s.%N)
python3 "$EVAL/datelines/score.py" "$EVAL/datelines/reuters-dev.jsonl" "$TMP/reuters-dev.jsonl" | tee "$TMP/reuters-dev.score"
awk -v b="$BYTES" -v t0="$T0" -v t1="$T1" 'BEGIN {
  s = t1 - t0; if (s <= 0) s = 1e-9
  printf "throughput: extract --format jsonl over reuters-dev.input.jsonl: %d bytes in %.3f s = %.2f MB/s\n", b, s, b / s / 1e6
}'
if ((CHECK)); then
  # "month-day correct    98.50%" -> 0.985 (empty when missing or n/a)
  pct() {
    awk -v k="$1" 'index($0, k) == 1 { v = substr($0, length(k) + 1); sub(/^ +/, "", v);
      sub(/%.*/, "", v); if (v ~ /^[0-9.]+$/) printf "%.6f", v / 100 }' "$TMP/reuters-dev.score"
  }
  floor "reuters month-day" "$(pct "month-day correct")" "$REUTERS_MONTHDAY"
  floor "reuters full date" "$(pct "full date correct")" "$REUTERS_FULLDATE"
  floor "reuters place" "$(pct "place with coords")" "$REUTERS_PLACE"
  floor "reuters country" "$(pct "country consistent")" "$REUTERS_COUNTRY"
fi

echo "== chronology: t17-dev (Date F1 of dates.csv)"
python3 "$EVAL/chronology/score.py" "$EVAL/chronology/t17-dev.articles.jsonl" \
  "$EVAL/chronology/t17-dev.timelines.jsonl" --bin "$BIN" | tee "$TMP/t17.score"
if ((CHECK)); then
  T17_F1="$(sed -n 's/^date F1 \([0-9.]*\) .*/\1/p' "$TMP/t17.score" | head -1)"
  floor "t17-dev Date F1" "$T17_F1" "$T17_DATE_F1_FLOOR"
  if ((FAILED)); then
    echo "eval: FAILED: a score is below its floor"
    exit 1
  fi
  echo "eval: all floors met"
fi
