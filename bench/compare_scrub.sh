#!/usr/bin/env bash
# Compares scrub throughput on one generated file, in one run:
#   agentguard scrub (block on every core it may use, the default; block on one thread; and
#   --stream with 4 KB chunks) and agentguard scan (findings as JSON lines, detect only, on
#   every core), timed end to end (process start and loading the rules included); ripgrep
#   searching for equivalent detection patterns (detect only; one thread,
#   as ripgrep searches a single file); and a Python scrubber written the usual way (one
#   re.sub per pattern).
# usage: bench/compare_scrub.sh [BUILD_DIR] [SIZE_MB]     (defaults: build/h-scrub-rel 64)
#   AG_BENCH_NO_PYTHON=1 leaves the Python scrubber out (it takes about a minute).
set -euo pipefail

BUILD=${1:-build/h-scrub-rel}
MB=${2:-64}
CLI=$BUILD/cli/agentguard
[ -x "$CLI" ] || { echo "no $CLI: build a Release tree first" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HERE=$(cd "$(dirname "$0")" && pwd)

python3 "$HERE/scrub_corpus.py" "$TMP/in.txt" "$MB"
BYTES=$(stat -c %s "$TMP/in.txt")

now() { date +%s.%N; }
rate() { python3 -c "import sys; b,t=float(sys.argv[1]),float(sys.argv[2]); print(f'{b/t/1e6:10.1f}')" "$BYTES" "$1"; }
elapsed() { python3 -c "import sys; print(float(sys.argv[2])-float(sys.argv[1]))" "$1" "$2"; }

# The fast tools run REPS times each, interleaved round by round so that a slow spell of
# this shared machine hits every tool alike; each is reported by its median.
REPS=${AG_BENCH_REPS:-5}
declare -a NAMES TIMES
declare -A RUNS
once() {  # name, command...
  local name=$1; shift
  local t0 t1
  t0=$(now); "$@" > /dev/null; t1=$(now)
  RUNS[$name]+="$(elapsed "$t0" "$t1") "
}
median() { python3 -c "import sys, statistics; print(statistics.median(map(float, sys.argv[1:])))" $1; }
measure() {  # name, command...: once, reported as it is
  local name=$1
  once "$@"
  NAMES+=("$name"); TIMES+=("$(median "${RUNS[$name]}")")
}

# Untimed: the three modes must write the same bytes (and this warms the database cache).
"$CLI" scrub < "$TMP/in.txt" > "$TMP/out.txt"
"$CLI" scrub --threads 1 < "$TMP/in.txt" > "$TMP/out_one.txt"
"$CLI" scrub --stream --chunk-size 4096 < "$TMP/in.txt" > "$TMP/out_stream.txt"
cmp -s "$TMP/out.txt" "$TMP/out_one.txt" || echo "WARNING: one-thread output differs from block" >&2
cmp -s "$TMP/out.txt" "$TMP/out_stream.txt" || echo "WARNING: stream output differs from block" >&2
rm -f "$TMP/out.txt" "$TMP/out_one.txt" "$TMP/out_stream.txt"
# Timed: every tool writes to /dev/null, as ripgrep and the Python scrubber do.
THREADS=$(nproc)
FAST=("agentguard scrub (block, $THREADS threads)" "agentguard scrub --threads 1" "agentguard scrub --stream (4 KB)"
      "agentguard scan (detect only, $THREADS thr.)")
HAVE_RG=0
if command -v rg > /dev/null; then
  mapfile -t RG_ARGS < <(python3 "$HERE/scrub_patterns.py" rg)
  HAVE_RG=1
  FAST+=("ripgrep (detect only)")
fi
for ((r = 0; r < REPS; r++)); do
  once "${FAST[0]}" sh -c "\"$CLI\" scrub < \"$TMP/in.txt\""
  once "${FAST[1]}" sh -c "\"$CLI\" scrub --threads 1 < \"$TMP/in.txt\""
  once "${FAST[2]}" sh -c "\"$CLI\" scrub --stream --chunk-size 4096 < \"$TMP/in.txt\""
  once "${FAST[3]}" sh -c "\"$CLI\" scan \"$TMP/in.txt\" || [ \$? = 1 ]"
  if [ "$HAVE_RG" = 1 ]; then
    once "${FAST[4]}" sh -c "rg --no-config -c \"\$@\" \"$TMP/in.txt\" || true" rg "${RG_ARGS[@]}"
  fi
done
for name in "${FAST[@]}"; do
  NAMES+=("$name"); TIMES+=("$(median "${RUNS[$name]}")")
done
if [ "${AG_BENCH_NO_PYTHON:-0}" != 1 ]; then
  measure "python re.sub per pattern" python3 "$HERE/scrub_patterns.py" scrub "$TMP/in.txt"
fi

printf '%-40s %10s %10s   (fast tools: median of %d interleaved runs)\n' "tool ($((BYTES / 1048576)) MB)" "seconds" "MB/s" "$REPS"
for i in "${!NAMES[@]}"; do
  printf '%-40s %10.3f %s\n' "${NAMES[$i]}" "${TIMES[$i]}" "$(rate "${TIMES[$i]}")"
done
