#!/usr/bin/env bash
# Adversarial inputs: does chronomap's time grow linearly with the size of a
# hostile article? Builds the release binary, generates one article of each
# kind at sizes n, 2n, 4n and 8n, times `chronomap extract` on each (one
# thread, output discarded), and prints size, seconds and MB/s per run, then
# per kind the ratio time(8n)/time(n): about 8 is linear, 64 would be quadratic.
# Each run's peak memory (RSS, from /usr/bin/time -f %M) is printed too, in MB
# and as a multiple of the article's size, and per kind the multiple at 8n
# (the start-up alone, one small article, is printed first: the gazetteer is
# part of the binary). Then the hostile streams: /dev/zero, and `yes Paris`
# past --max-article-bytes, on stdin, each with its peak memory; then 12 MB
# of dense text as one article and as twelve of 1 MB (a JSON Lines file and
# a folder), with --out, each peak as a multiple of the input. Ends with
# one 100 MB article of mixed prose and junk (timeline CSV to /dev/null,
# --max-article-bytes raised to read it), with its peak memory.
#
# usage: bench/adversarial.sh            (n = 1 MB)
#        ADV_N=262144 bench/adversarial.sh   (n in bytes; smaller for a quick look)
#        ADV_BIG=0 bench/adversarial.sh      (skip the 100 MB article)
#        ADV_BIN=/path/to/chronomap bench/adversarial.sh   (that binary, not a build)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="${BENCH_WORK:-/tmp/chronomap-adversarial}"
N="${ADV_N:-1048576}"
BIG="${ADV_BIG:-1}"
mkdir -p "$WORK"

if [[ -n "${ADV_BIN:-}" ]]; then
  BIN=$ADV_BIN    # another build, to compare (ADV_BIN=/path/to/chronomap)
else
  cargo build --release --quiet
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/chronomap"
fi

# gen KIND BYTES FILE: one article of about BYTES bytes of the given kind.
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import gzip, random, sys
kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(7)
cities = []
if kind == "distinct":
    with gzip.open("gazetteer/geonames-cities.tsv.gz", "rt") as f:
        cities = [l.split("\t")[1] for l in f if not l.startswith("#")]
    rnd.shuffle(cities)
count = 0
caps = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel",
        "India", "Juliet", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa"]
places = ["Paris", "New York", "San Francisco", "Lyon", "Geneva", "Lake Geneva",
          "Berlin", "Fort Lauderdale", "Qingdao", "Nairobi", "Kenya", "China",
          "United States", "Rio de Janeiro", "Buenos Aires"]
prose = ("HARBOURTOWN, June 26, 2025 (Example Wire) - The council in Paris voted on "
         "Thursday to rebuild the bridge. Work will begin on July 14 and end in "
         "December, officials said. Talks in Lyon continued the next day. ")
def piece():
    global count
    count += 1
    if kind == "caps":        # a sentence-free run of capitalised words
        return rnd.choice(caps) + " "
    if kind == "places":      # a run of place names, no punctuation
        return rnd.choice(places) + " "
    if kind == "distinct":    # thousands of different places, in "X, Y" pairs
        return "Officials in %s, %s met. " % (cities[(2 * count) % len(cities)],
                                               cities[(2 * count + 1) % len(cities)])
    if kind == "numbers":     # thousands of numbers
        return str(rnd.randrange(0, 100000)) + " "
    if kind == "nextday":     # endless relative dates
        return "and the next day "
    if kind == "one-letter":  # one-letter words
        return "A "
    if kind == "nonsense":    # dates that are not
        return rnd.choice(["February 30, ", "March 119, ", "13/13/2013, ",
                           "year 99999, ", "31 April 2021, ", "0/0/0000, "])
    if kind == "dense":       # a date and a place every 13 bytes (issue 14)
        return "Paris, 2001. "
    if kind == "mixed":       # prose with junk between
        return rnd.choice([prose, prose, "A " * 50, "and the next day " * 10,
                           " ".join(rnd.choice(caps) for _ in range(40)) + " "])
    raise SystemExit("unknown kind " + kind)
with open(path, "w") as f:
    if kind == "nospace":     # one line, no spaces or punctuation
        f.write("x" * size)
    else:
        n = 0
        while n < size:
            s = piece()
            f.write(s)
            n += len(s)
    f.write("\n")
PY
}

# run FILE: seconds and peak RSS (KB) of one extraction, "S KB".
run() {
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/rss" \
    "$BIN" extract "$1" --threads 1 -q --date 2025-06-26 --format jsonl >/dev/null
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v r="$(tail -1 "$WORK/rss")" 'BEGIN { printf "%.3f %d", b - a, r }'
}

KINDS="caps places distinct numbers nextday one-letter nonsense nospace dense mixed"
echo "Talks in Paris began on Monday." > "$WORK/small.txt"
read -r _ small_kb <<<"$(run "$WORK/small.txt")"
echo "start-up, one small article: peak $((small_kb / 1024)) MB"
printf '%-12s %10s %9s %9s %9s %9s\n' kind MB seconds MB/s peakMB xInput
declare -A first last ratio
for kind in $KINDS; do
  for mult in 1 2 4 8; do
    f="$WORK/$kind-$mult.txt"
    [[ -f "$f" ]] || gen "$kind" $((N * mult)) "$f"
    bytes=$(stat -c %s "$f")
    read -r s kb <<<"$(run "$f")"
    x=$(awk -v b="$bytes" -v kb="$kb" 'BEGIN { printf "%.1f", kb * 1024 / b }')
    awk -v k="$kind" -v b="$bytes" -v s="$s" -v kb="$kb" -v x="$x" \
      'BEGIN { printf "%-12s %10.2f %9.3f %9.2f %9.0f %9s\n", k, b / 1e6, s, (s > 0 ? b / s / 1e6 : 0), kb / 1024, x }'
    [[ $mult == 1 ]] && first[$kind]=$s
    [[ $mult == 8 ]] && last[$kind]=$s && ratio[$kind]=$x
  done
done
echo
printf '%-12s %14s %20s\n' kind 't(8n)/t(n)' 'peak/input at 8n'
for kind in $KINDS; do
  # About 8 is linear; past 16 (twice that) the kind is flagged: time grows
  # faster than the input (the distinct town names were quadratic until
  # 2026-11-29: twice the text took three times as long).
  awk -v k="$kind" -v a="${first[$kind]}" -v b="${last[$kind]}" \
    -v x="${ratio[$kind]}" \
    'BEGIN { r = (a > 0 ? b / a : 0); printf "%-12s %14s %20s%s\n", k, (a > 0 ? sprintf("%.1f", r) : "n/a"), x, (r > 16 ? "  SUPERLINEAR" : "") }'
done

# Endless streams on stdin: they must stop with an error, in bounded memory.
echo
for stream in zero yes; do
  case $stream in
    zero) src=(cat /dev/zero) ;;
    yes) src=(yes Paris) ;;
  esac
  set +e
  "${src[@]}" | /usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" extract - -q --format jsonl >/dev/null 2>"$WORK/err"
  set -e
  echo "$stream on stdin: peak $(( $(tail -1 "$WORK/rss") / 1024 )) MB; stderr: $(head -1 "$WORK/err")"
done

# Many capped articles (issue 14): 12 MB of dense "Paris, 2001." as one
# article, and as 12 one-megabyte articles (a JSON Lines file, and a folder
# of .txt files), each run with --out (every output, on all cores): the
# peak must stay under 10 times the input however it is split.
echo
python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
one = "Paris, 2001. " * 80660                      # 1,048,580 bytes
with open(os.path.join(work, "dense-12mb.txt"), "w") as f:
    f.write("Paris, 2001. " * 923076)             # 11,999,988 bytes
with open(os.path.join(work, "dense-12x1mb.jsonl"), "w") as f:
    for i in range(12):
        f.write(json.dumps({"id": "d%02d" % i, "text": one}) + "\n")
os.makedirs(os.path.join(work, "dense-12x1mb"), exist_ok=True)
for i in range(12):
    with open(os.path.join(work, "dense-12x1mb", "d%02d.txt" % i), "w") as f:
        f.write(one)
PY
for input in dense-12mb.txt dense-12x1mb.jsonl dense-12x1mb; do
  bytes=$(du -sb --apparent-size "$WORK/$input" | cut -f1)
  rm -rf "$WORK/out-$input"
  /usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" extract "$WORK/$input" -q --out "$WORK/out-$input"
  awk -v k="$input" -v b="$bytes" -v r="$(tail -1 "$WORK/rss")" \
    'BEGIN { printf "%-20s %6.2f MB in, --out: peak %4.0f MB (%.1fx the input)%s\n", k, b / 1e6, r / 1024, r * 1024 / b, (r * 1024 / b >= 10 ? "  OVER 10x" : "") }'
done

if [[ "$BIG" != 0 ]]; then
  f="$WORK/mixed-100mb.txt"
  [[ -f "$f" ]] || gen mixed 104857600 "$f"
  bytes=$(stat -c %s "$f")
  echo
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/rss" "$BIN" extract "$f" --threads 1 -q --date 2025-06-26 \
    --max-article-bytes 200000000 >/dev/null
  t1=$(date +%s.%N)
  awk -v b="$bytes" -v a="$t0" -v c="$t1" -v r="$(tail -1 "$WORK/rss")" \
    'BEGIN { s = c - a; printf "one 100 MB article: %.1f MB in %.1f s (%.2f MB/s), peak memory %.0f MB (%.1fx)\n", b / 1e6, s, b / s / 1e6, r / 1024, r * 1024 / b }'
fi
