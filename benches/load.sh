#!/usr/bin/env bash
# benches/load.sh — issue 6, benchmark (a): how long juan takes to load a synthetic archive
# and how much memory it holds then, at 100k and 1M articles, without and with the index
# cache.
#
# Usage:   cargo build --release && benches/load.sh [COUNT...]     (default: 100000 1000000)
#
# For each COUNT it uses /tmp/gen-COUNT.jsonl (made with `juan gen COUNT -o ...` when missing;
# /tmp/gen-1m.jsonl is reused for 1000000) and runs `juan check` under /usr/bin/time -v with
# JUAN_TRACE_LOAD=1, in a fresh $XDG_CACHE_HOME:
#   no-cache  JUAN_NO_CACHE=1: parse everything (bodies left in the memory map)
#   cold      empty cache folder: parse everything and write the index cache
#   warm      the cache written by `cold`: no parsing
# The file is read once first, so every run has it in the page cache ("warm page cache", as
# the issue's targets say). Columns: wall-clock seconds of the whole process, seconds until
# the first batch of articles reached the caller, the loader's own seconds, the memory
# resident once loaded (anonymous + file-backed, from the trace; the loaded archive is then
# all juan holds), the peak RSS of the whole `check` run in MB (which adds check's own
# tallies, e.g. a table of every id), and the target "2 × title bytes + 64 B per article" in
# MB.
#
# Time to first frame is measured by the interface's own benchmark (the lead's); this script
# prints a placeholder line for it.
set -euo pipefail
cd "$(dirname "$0")/.."
JUAN=${JUAN:-target/release/juan}
[ -x "$JUAN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100000 1000000)

archive_for() {
    case $1 in
        1000000) echo /tmp/gen-1m.jsonl ;;
        *) echo "/tmp/gen-$1.jsonl" ;;
    esac
}

title_target_mb() {
    # 2 × the bytes of every title + 64 B per article, from the archive itself.
    python3 - "$1" <<'PY'
import json, sys
n = t = 0
with open(sys.argv[1], 'rb') as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        n += 1
        t += len(json.loads(line).get('title', '').encode())
print(f"{(2 * t + 64 * n) / 1e6:.0f}")
PY
}

printf '%-8s %-9s %8s %8s %8s %9s %8s %8s\n' articles run wall_s first_s load_s loaded_mb peak_mb target
for n in "${counts[@]}"; do
    file=$(archive_for "$n")
    [ -f "$file" ] || "$JUAN" gen "$n" -o "$file" >/dev/null
    cat "$file" >/dev/null
    target=$(title_target_mb "$file")
    cache=$(mktemp -d)
    for run in no-cache cold warm; do
        log=$(mktemp)
        if [ "$run" = no-cache ]; then
            env JUAN_NO_CACHE=1 XDG_CACHE_HOME="$cache" JUAN_TRACE_LOAD=1 \
                /usr/bin/time -v "$JUAN" check "$file" >/dev/null 2>"$log" || true
        else
            env -u JUAN_NO_CACHE XDG_CACHE_HOME="$cache" JUAN_TRACE_LOAD=1 \
                /usr/bin/time -v "$JUAN" check "$file" >/dev/null 2>"$log" || true
        fi
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
        rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
        first=$(sed -n 's/^load: first batch of [0-9]* articles at \([0-9.]*\) s$/\1/p' "$log")
        load=$(sed -n 's/^load: [0-9]* articles, .* in \([0-9.]*\) s .*/\1/p' "$log")
        loaded=$(sed -n 's/^load: resident \([0-9]*\) MB anonymous, \([0-9]*\) MB file-backed$/\1 \2/p' "$log" |
            awk '{print $1 + $2}')
        printf '%-8s %-9s %8.2f %8s %8s %9s %8s %8s\n' "$n" "$run" "$wall" "${first:--}" "${load:--}" "${loaded:--}" "$rss" "$target"
        rm -f "$log"
    done
    printf '%-8s %-9s %8s\n' "$n" first-frame "(see the interface benchmark; not measured here)"
    rm -rf "$cache"
done
