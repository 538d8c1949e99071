#!/usr/bin/env bash
# benches/body_search.sh — issue 14, whole process: `juan list ARCHIVE -q body:T --limit 50` and
# `juan count ARCHIVE -q body:T --by year` against `grep -F -c T ARCHIVE` on the same file, in
# the same run, for the 20 terms of benches/body_terms.txt (1–8 characters, common and rare).
#
#   bash benches/body_search.sh [ARCHIVE]          search: the table below (default)
#   bash benches/body_search.sh build [ARCHIVE]    index build: time to build the body index
#
# ARCHIVE defaults to /tmp/juan-bench/gen-1m.jsonl (`juan gen 1000000 -o ...`, made when
# missing). Use the plain file, not `--escaped`: grep cannot find Chinese in \uXXXX escapes.
# Every command runs warm: one untimed run first (it also writes juan's index cache, kept in
# $CACHE, default /tmp/juan-bench/cache, so the repo and ~/.cache stay clean), then RUNS timed
# runs (default 3): the median wall time of each, with hyperfine when installed (else
# `date +%s%N`). Output goes through a pipe, never straight to /dev/null: GNU grep stops at the
# first match when its output is /dev/null, even with -c. Prints per term: grep's count of matching lines
# (= articles; it also counts hits in titles and sources, and misses full-width ＮＢＡ), the
# medians of grep, `juan list` and `juan count` in seconds, and the ratios grep/juan (>1: juan
# faster; the issue's target is ≥ 20 for the median), then the median ratios; `juan list`'s
# and `juan count`'s counts are not compared here (benches/fts_engines.py checks counts). `juan count` is
# skipped with a message while juan has no `count` command. Without a body index juan scans
# every body: that is the "before" figure.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
MODE=search
if [[ ${1:-} == build || ${1:-} == search ]]; then
  MODE=$1
  shift
fi
ARCHIVE=${1:-/tmp/juan-bench/gen-1m.jsonl}
TERMS_FILE=${TERMS:-benches/body_terms.txt} # TERMS=file: other terms, one a line
export XDG_CACHE_HOME=${CACHE:-/tmp/juan-bench/cache}
mkdir -p "$XDG_CACHE_HOME"
# JUAN=path runs that binary as is (e.g. a copy of an earlier build, for a before/after pair in
# one sitting); otherwise the release build, brought up to date first.
if [[ -z ${JUAN:-} ]]; then
  cargo build --release --quiet 2> /dev/null || cargo build --release
  JUAN=$PWD/target/release/juan
fi
if [[ ! -s $ARCHIVE ]]; then
  mkdir -p "$(dirname "$ARCHIVE")"
  "$JUAN" gen 1000000 -o "$ARCHIVE"
fi
HAVE_HYPERFINE=0
command -v hyperfine > /dev/null && HAVE_HYPERFINE=1
# Whether juan has the subcommand: `juan help` lists it (`juan NAME --help` would print the
# main help when NAME is not a command, and NAME would then be taken for a path).
has_command() {
  "$JUAN" help 2> /dev/null | grep -qE "^  $1( |\$)"
}
HAVE_COUNT=0
has_command count && HAVE_COUNT=1
echo "juan $JUAN (tree $(git rev-parse --short HEAD)); archive $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)); $(grep --version | head -1); LC_ALL=${LC_ALL:-} LANG=${LANG:-}; runs $RUNS; timer $([[ $HAVE_HYPERFINE == 1 ]] && hyperfine --version || echo date)"
cat "$ARCHIVE" > /dev/null # page cache
# The body index `juan list` and `count` use is the one kept in the cache: build it first
# (untimed; `build` mode times it).
if [[ $MODE != build ]] && has_command index; then
  "$JUAN" index "$ARCHIVE" 2>&1 | tail -1
fi

# Median wall time in seconds of RUNS runs of the command, after one untimed run.
median_time() {
  if [[ $HAVE_HYPERFINE == 1 ]]; then
    local json cmd
    json=$(mktemp)
    cmd=$(printf '%q ' "$@")
    hyperfine --style none --shell=none --output=pipe --ignore-failure --warmup 1 --runs "$RUNS" \
      --export-json "$json" "$cmd" > /dev/null 2>&1
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
    rm -f "$json"
  else
    "$@" 2> /dev/null | cat > /dev/null
    local times=()
    for _ in $(seq "$RUNS"); do
      local start end
      start=$(date +%s%N)
      "$@" 2> /dev/null | cat > /dev/null
      end=$(date +%s%N)
      times+=("$(echo "($end - $start) / 1000000000" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  fi
}

median_of() {
  sort -g | awk '{a[NR]=$1} END {if (NR == 0) {print "-"; exit} m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f\n", m}'
}

if [[ $MODE == build ]]; then
  # The time juan takes to build its body index for ARCHIVE from nothing (fresh cache), and the
  # size of what it writes to the cache.
  if has_command index; then
    for _ in $(seq "$RUNS"); do
      cache=$(mktemp -d -p /tmp/juan-bench)
      start=$(date +%s%N)
      XDG_CACHE_HOME=$cache "$JUAN" index "$ARCHIVE" > /dev/null
      end=$(date +%s%N)
      printf 'index build %.2f s, cache %s\n' "$(echo "($end - $start) / 1000000000" | bc -l)" "$(du -sh "$cache" | cut -f1)"
      rm -rf "$cache"
    done
  else
    # A binary from before `juan index` (a "before" build): nothing to time.
    echo "$JUAN has no index command: nothing to time"
  fi
  exit 0
fi

mapfile -t TERMS < "$TERMS_FILE"
[[ $HAVE_COUNT == 1 ]] || echo "juan count: not in this build, skipped"
printf '%-14s %8s %8s %8s %8s %9s %9s\n' term grep_n grep_s list_s count_s grep/list grep/count
list_ratios=()
count_ratios=()
for t in "${TERMS[@]}"; do
  n=$(grep -F -c -- "$t" "$ARCHIVE" || true)
  g=$(median_time grep -F -c -- "$t" "$ARCHIVE")
  l=$(median_time "$JUAN" list "$ARCHIVE" -q "body:$t" --limit 50)
  lr=$(echo "$g / $l" | bc -l)
  list_ratios+=("$lr")
  c=- cr=-
  if [[ $HAVE_COUNT == 1 ]]; then
    c=$(median_time "$JUAN" count "$ARCHIVE" -q "body:$t" --by year)
    cr=$(echo "$g / $c" | bc -l)
    count_ratios+=("$cr")
    c=$(printf '%.3f' "$c")
    cr=$(printf '%.2f' "$cr")
  fi
  # The term column is padded by hand: printf counts bytes, a CJK character is 3 bytes and 2 columns.
  pad=$((14 - $(printf '%s' "$t" | wc -L)))
  printf '%s%*s %8s %8.3f %8.3f %8s %9.2f %9s\n' "$t" "$pad" '' "$n" "$g" "$l" "$c" "$lr" "$cr"
done
echo "median ratio grep/list: $(printf '%s\n' "${list_ratios[@]}" | median_of)"
echo "median ratio grep/count: $( ((${#count_ratios[@]})) && printf '%s\n' "${count_ratios[@]}" | median_of || echo '- (no count command)')"
