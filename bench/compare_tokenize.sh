#!/bin/sh
# agentguard vs gpt-tokenizer on the same texts, in the same run: throughput and counts for
# o200k_base and cl100k_base, then the estimate's error against the exact counts.
#
# Usage: bench/compare_tokenize.sh BUILD_DIR [EXTRA_TEXT_FILE...]
#   BUILD_DIR: a Release build with ag_bench_tokenize and the agentguard command.
#   Needs node and gpt-tokenizer in data/npm (scripts/fetch-tokenizers), and rank files in
#   $AGENTGUARD_TOKENIZER_DIR (default: data/tokenizers).
#   EXTRA_TEXT_FILE: more texts for the estimate table (e.g. translated prose).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: bench/compare_tokenize.sh BUILD_DIR [EXTRA_TEXT_FILE...]}
shift
shared=$root/../shared
pkg=$root/data/npm/node_modules/gpt-tokenizer
export AGENTGUARD_TOKENIZER_DIR=${AGENTGUARD_TOKENIZER_DIR:-$root/data/tokenizers}
[ -d "$pkg" ] || { echo "gpt-tokenizer missing: run scripts/fetch-tokenizers" >&2; exit 1; }

texts=$(mktemp -d)
trap 'rm -rf "$texts"' EXIT
# About 1 MiB of each kind, repeated from its sources.
fill() {  # kind files...
  kind=$1
  shift
  : > "$texts/$kind.txt"
  while [ "$(wc -c < "$texts/$kind.txt")" -lt 1048576 ]; do cat "$@" >> "$texts/$kind.txt"; done
}
fill prose "$shared/docs/DESIGN.md" "$shared/docs/STYLE.md" "$shared/README.md"
fill code $(find "$root/src" -name '*.cc' -o -name '*.h' | sort)
fill json "$shared"/corpora/providers/*.json
printf '%s\n' \
  '今日は予算の上限を確認します。各リクエストのトークン数を数えてから、上限を超えないように止めます。' \
  '我们需要计算每个请求的令牌数量，然后在超出预算之前停止。系统会记录每一次调用。' \
  '오늘은 예산 한도를 확인합니다. 요청마다 토큰 수를 세고 한도를 넘기 전에 멈춥니다.' > "$texts/cjk.src"
fill cjk "$texts/cjk.src"

AG_BENCH_TEXT_DIR=$texts "$build/bench/ag_bench_tokenize" --benchmark_filter='^count/' \
  --benchmark_format=json --benchmark_min_time=1 > "$texts/ag.json" 2>/dev/null
echo "== throughput (MB/s of input, median; same texts, same machine, same run)"
node "$root/bench/compare_tokenize.cjs" "$pkg" "$texts" "$texts/ag.json"

echo
echo "== estimate vs exact (ratio = estimate / exact)"
printf '%-28s %10s %10s %10s %8s %8s\n' text o200k cl100k estimate /o200k /cl100k
for f in "$texts"/prose.txt "$texts"/code.txt "$texts"/json.txt "$texts"/cjk.txt "$@"; do
  count() { "$build/cli/agentguard" tokens --encoding "$1" "$f" | sed 's/[^0-9]*\([0-9]*\).*/\1/'; }
  o=$(count o200k_base)
  c=$(count cl100k_base)
  e=$(count estimate)
  printf '%-28s %10s %10s %10s %8s %8s\n' "$(basename "$f" | cut -c1-28)" "$o" "$c" "$e" \
    "$(awk "BEGIN{printf \"%.2f\", $e/$o}")" "$(awk "BEGIN{printf \"%.2f\", $e/$c}")"
done
