#!/usr/bin/env bash
# What remembering the reader costs a whole process (issue 15), on ARCHIVE: a state of 100,000
# read marks and 1,000 starred and labelled articles (every tenth id read, every thousandth
# starred and labelled), against no state, in the same run.
#   - the interface's first frame and the time until the marks show (benches/startup);
#   - `juan list ARCHIVE -q is:unread --limit 1` (reads state.db, resolves, searches);
#   - one `juan mark ID --star` (a process: start, open, store one change).
# The engine's own figures (resolving the marks, is:unread in the engine) are benches/state.rs.
#
#   cargo build --release
#   RUNS=5 bash benches/state.sh /tmp/juan-1m.jsonl
set -euo pipefail
ARCHIVE=${1:?usage: benches/state.sh ARCHIVE}
RUNS=${RUNS:-5}
JUAN=${JUAN:-target/release/juan}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/none" "$tmp/full"

"$JUAN" list "$ARCHIVE" | cut -f1 | python3 -c '
import json, sys
for n, line in enumerate(sys.stdin):
    if n % 10:
        continue
    record = {"id": line.rstrip("\n"), "read": True}
    if n % 1000 == 0:
        record.update(starred=True, labels=["第三章"])
    print(json.dumps(record, ensure_ascii=False))
' > "$tmp/marks.jsonl"
XDG_STATE_HOME="$tmp/full" "$JUAN" state import "$tmp/marks.jsonl"
echo "state: $(wc -l < "$tmp/marks.jsonl") articles with marks, $(du -h "$tmp/full/juan/state.db" | cut -f1)"

for state in none full; do
    echo "== first frame, $state"
    XDG_STATE_HOME="$tmp/$state" JUAN_STARTUP_MARKS=1 \
        cargo bench --quiet --bench startup -- "$ARCHIVE" "$RUNS" 2>/dev/null | grep -E '^(run|median)'
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { # RUNS wall times in ms of a command
    for _ in $(seq "$RUNS"); do
        local s e
        s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N)
        echo $(( (e - s) / 1000000 ))
    done
}
for state in none full; do
    ms=$(XDG_STATE_HOME="$tmp/$state" timed "$JUAN" list "$ARCHIVE" -q is:unread --limit 1 | median)
    echo "juan list -q is:unread --limit 1, $state: median $ms ms"
done
id=$(head -1 "$tmp/marks.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
ms=$(XDG_STATE_HOME="$tmp/full" timed "$JUAN" mark "$id" --star | median)
echo "juan mark ID --star (whole process): median $ms ms"
