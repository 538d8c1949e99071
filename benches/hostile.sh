#!/usr/bin/env bash
# benches/hostile.sh — issue 11: what hostile and huge inputs cost juan to load: wall time
# and peak memory (max RSS from /usr/bin/time -v) of `juan check` on
#   bad-lines   10 MB of lines that are not JSON (each a problem: counted, a few hundred kept)
#   gzip-bomb   a 4 MB gzip file that would inflate to about 4 GB
#   dev-zero    /dev/zero (endless)
#   files-N     a folder of N small JSON Lines files (one article each, as People's Daily
#               archives are one file per article), with files per second
#
# Usage:   cargo build --release && benches/hostile.sh [FILES...]   (default FILES: 100000)
#          e.g. benches/hostile.sh 1000000   (needs ~5 GB of disk and a few minutes to make)
# Inputs are made under ${JUAN_BENCH_DIR:-/tmp/juan-hostile} once and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
JUAN=${JUAN:-$PWD/target/release/juan}
[ -x "$JUAN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
DIR=${JUAN_BENCH_DIR:-/tmp/juan-hostile}
mkdir -p "$DIR"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100000)

[ -f "$DIR/bad-lines.jsonl" ] || python3 - "$DIR/bad-lines.jsonl" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    n = 0
    while n < 10_000_000:
        line = "not json %d\n" % n
        f.write(line); n += len(line)
EOF
[ -f "$DIR/bomb.jsonl.gz" ] || python3 - "$DIR/bomb.jsonl.gz" <<'EOF'
import gzip, sys
line = b'{"title":"x","body":"' + b"a" * 4000 + b'"}\n'
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    for _ in range(4_000_000_000 // len(line)):
        f.write(line)
EOF

make_files() {
    local n=$1 dir=$DIR/files-$1
    [ -f "$dir/.done" ] && return
    rm -rf "$dir"
    python3 - "$dir" "$n" <<'EOF'
import json, os, sys
root, n = sys.argv[1], int(sys.argv[2])
words = "改革 开放 经济 发展 人民 日报 北京 上海 政策 会议 代表 城市 农村 科技 教育".split()
for i in range(n):
    day = "%04d%02d%02d" % (1946 + i % 70, 1 + i % 12, 1 + i % 28)
    folder = os.path.join(root, day[:4], day)
    os.makedirs(folder, exist_ok=True)
    title = "".join(words[(i * 7 + k) % len(words)] for k in range(4)) + str(i)
    body = "　　" + "，".join(words[(i + k) % len(words)] * 3 for k in range(60)) + "。"
    rec = {"title": title, "date": day, "source": "人民日报", "body": body}
    with open(os.path.join(folder, "%07d.jsonl" % i), "w") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
EOF
    touch "$dir/.done"
}

# Runs `juan check` on $2 and prints: name, seconds, peak MB, and its last stderr line.
measure() {
    local name=$1 input=$2 extra=${3:-}
    local log
    log=$(mktemp)
    XDG_CACHE_HOME=$(mktemp -d) /usr/bin/time -v "$JUAN" check "$input" >/dev/null 2>"$log" || true
    local secs peak
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
    peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
    local note
    note=$( (grep -v -E '^\s|Command being timed' "$log" | grep -E 'juan:|problems' | tail -1 | cut -c1-110) || true)
    printf '%-14s %8.2f s %8s MB  %s %s\n' "$name" "$secs" "$peak" "$extra" "$note"
    rm -f "$log"
}

printf '%-14s %10s %11s  %s\n' input time "peak RSS" "last message"
measure bad-lines "$DIR/bad-lines.jsonl"
measure gzip-bomb "$DIR/bomb.jsonl.gz" "($(du -m "$DIR/bomb.jsonl.gz" | cut -f1) MB)"
measure dev-zero /dev/zero
for n in "${counts[@]}"; do
    make_files "$n"
    start=$(date +%s.%N)
    measure "files-$n" "$DIR/files-$n"
    end=$(date +%s.%N)
    awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%-14s %8.0f files/s\n", "", n / (e - s) }'
done
