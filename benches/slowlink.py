#!/usr/bin/env python3
"""benches/slowlink.py — issue 13: how far behind a slow link leaves the screen when a key is
held. juan and less each run in a pseudo-terminal owned by this script; between that pty and a
stand-in for the user's terminal sits a simulated link (loopback only, nothing leaves the
process): 100 ms each way and 1 Mbit/s (125,000 bytes/s) by default, as an SSH session to a far
server. Holding `j` (one every 33 ms, 20 keys) in an article at 200x50, the lag is the time from
the last key leaving the user's terminal to the last byte of output that draws a character
reaching it (output made of escape sequences alone, such as an empty frame or a query, moves
nothing on the screen and is not waited for). Issue 13's
target for juan is <= 0.5 s; the floor is the round trip (0.2 s) plus sending the last change.

    python3 benches/slowlink.py                 (both programs; run from anywhere)
    python3 benches/slowlink.py --only juan --keys 40 --delay 0.05
    bash benches/ssh_bytes.sh                   (the byte counts, then this as its last section)

The link, one per direction: a piece of data sent at time t starts when the line is free
(bytes queue behind earlier ones, at --rate bytes/s) and arrives --delay seconds after its last
byte has left. Output is taken from the pty as soon as juan writes it (the send buffer is
unbounded, as an SSH channel's window of a few MB is for frames of tens of KB), cut into pieces
of 512 bytes so a query inside a long frame arrives when its own bytes do. The user's end
counts what arrives and answers the queries a terminal answers, once they have arrived, through
the delayed input link: DSR `ESC[5n` -> `ESC[0n`, cursor position `ESC[6n` -> `ESC[1;1R`
(the position is not tracked), DA1 `ESC[c` -> `ESC[?62;22c`. A program that paces its frames
on those replies sees the link's real round trip. "writes" counts the bursts of output during
the hold (reads more than 5 ms apart): about one per frame drawn. Times are simulated exactly
(a key's send time is its schedule, an arrival its computed time), so the loop's own latency
does not count; the program's own time to answer a key does.

The article is the bundled sample's longest (`--id`); less shows it as `juan show ARCHIVE ID
--width COLS-2` prints it (the reader's text width); juan opens it by typing `--query` (default
`'` + its title) and Enter, then the key is held. Environment: TERM=xterm-256color,
JUAN_CONFIG=/dev/null, LESS/LESSOPEN unset. Python 3 standard library only.
"""

import argparse
import collections
import fcntl
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIECE = 512
# Output read this soon after the output before belongs to the same write (frame).
BURST_GAP = 0.005


class Link:
    """One direction of the simulated line: a queue of (arrival time, bytes)."""

    def __init__(self, delay, rate):
        self.delay = delay
        self.rate = rate
        self.free = 0.0
        self.queue = collections.deque()

    def send(self, t, data):
        """Queues `data` sent at time `t`; pieces arrive in order, each when its last byte has."""
        for i in range(0, len(data), PIECE):
            piece = data[i : i + PIECE]
            self.free = max(self.free, t) + len(piece) / self.rate
            self.queue.append((self.free + self.delay, piece))

    def next_time(self):
        return self.queue[0][0] if self.queue else None

    def due(self, now):
        """The pieces that have arrived by `now`, with their arrival times."""
        out = []
        while self.queue and self.queue[0][0] <= now:
            out.append(self.queue.popleft())
        return out


class FarTerminal:
    """The user's end: counts what arrives and answers terminal queries (a CSI parser)."""

    REPLIES = {(b"5", b"n"): b"\x1b[0n", (b"6", b"n"): b"\x1b[1;1R",
               (b"", b"c"): b"\x1b[?62;22c", (b"0", b"c"): b"\x1b[?62;22c"}

    def __init__(self):
        self.bytes = 0
        self.last = None  # when the last character that draws something arrived
        self.state = 0
        self.params = b""
        self.answered = collections.Counter()
        self.text = bytearray()

    def feed(self, t, data):
        """Takes bytes arrived at `t`; returns the replies the terminal sends back."""
        self.bytes += len(data)
        self.text += data
        replies = []
        for b in data:
            if self.state == 0:
                if b == 0x1B:
                    self.state = 1
                elif b >= 0x20 and b != 0x7F:
                    self.last = t
            elif self.state == 1:
                self.params = b""
                # CSI collects parameters; OSC, DCS, APC, PM and SOS run to ST or BEL.
                self.state = 2 if b == ord("[") else 3 if b in b"]P_^X" else 0
            elif self.state == 3:
                if b == 0x07:
                    self.state = 0
                elif b == 0x1B:
                    self.state = 4
            elif self.state == 4:
                self.state = 0 if b == ord("\\") else 3
            elif 0x20 <= b <= 0x3F:
                self.params += bytes([b])
            elif 0x40 <= b <= 0x7E:
                final = bytes([b])
                reply = self.REPLIES.get((self.params, final))
                if reply:
                    replies.append(reply)
                    self.answered[(self.params + final).decode("ascii", "replace")] += 1
                self.state = 0
            elif b == 0x1B:
                self.state = 1
        return replies


class Session:
    """A program in a pty of our own, behind the two links, with the user's end."""

    def __init__(self, argv, cols, rows, delay, rate, env):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, cwd=ROOT,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        os.set_blocking(master, False)
        self.fd = master
        self.out = Link(delay, rate)
        self.inp = Link(delay, rate)
        self.far = FarTerminal()
        self.keys = collections.deque()  # (send time, bytes) the user will type
        self.last_read = time.monotonic()
        self.writes = 0  # bursts of output: reads more than BURST_GAP after the one before
        self.closed = False

    def type_at(self, t, data):
        """Schedules the user typing `data` at time `t`."""
        self.keys.append((t, data))

    def step(self, timeout):
        """Moves everything due now; waits at most `timeout` for the program's output."""
        now = time.monotonic()
        while self.keys and self.keys[0][0] <= now:
            t, data = self.keys.popleft()
            self.inp.send(t, data)
        for t, piece in self.inp.due(now):
            try:
                os.write(self.fd, piece)
            except OSError:
                pass
        for t, piece in self.out.due(now):
            for reply in self.far.feed(t, piece):
                self.inp.send(t, reply)
        times = [x for x in (self.out.next_time(), self.inp.next_time(),
                             self.keys[0][0] if self.keys else None) if x is not None]
        wait = max(0.0, min([timeout] + [x - time.monotonic() for x in times]))
        if self.closed:
            time.sleep(wait)
            return
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:
                self.closed = True
                return
            now = time.monotonic()
            if now - self.last_read > BURST_GAP:
                self.writes += 1
            self.last_read = now
            self.out.send(now, data)

    def busy(self):
        return bool(self.keys or self.out.queue or self.inp.queue)

    def settle(self, quiet, limit):
        """Runs until nothing is in flight and nothing was written for `quiet` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            self.step(0.01)
            if not self.busy() and time.monotonic() - self.last_read >= quiet:
                return True
        return False

    def close(self, quit_keys):
        try:
            os.write(self.fd, quit_keys)
            self.proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        os.close(self.fd)


def hold(session, key, count, interval, quiet):
    """Holds `key` (`count` presses every `interval` s); returns (lag s, bytes, writes)."""
    session.settle(quiet, 30)
    bytes0, writes0 = session.far.bytes, session.writes
    start = time.monotonic() + 0.05
    for i in range(count):
        session.type_at(start + i * interval, key)
    last_key = start + (count - 1) * interval
    if not session.settle(max(quiet, 1.5), 120):
        print("warning: output still flowing after 120 s", file=sys.stderr)
    lag = (session.far.last or last_key) - last_key
    return max(0.0, lag), session.far.bytes - bytes0, session.writes - writes0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--juan", default=os.path.join(ROOT, "target/release/juan"))
    ap.add_argument("--archive", default="sample-data")
    ap.add_argument("--id", default="cjzk-20210913", help="the article held in")
    ap.add_argument("--query", help="typed in juan's list to select it (default: 'TITLE)")
    ap.add_argument("--cols", type=int, default=200)
    ap.add_argument("--rows", type=int, default=50)
    ap.add_argument("--delay", type=float, default=0.1, help="seconds each way (0.1)")
    ap.add_argument("--rate", type=float, default=125000, help="bytes per second (125000)")
    ap.add_argument("--keys", type=int, default=20, help="presses of j (20)")
    ap.add_argument("--interval", type=float, default=0.033, help="key repeat, s (0.033)")
    ap.add_argument("--quiet", type=float, default=1.0, help="settled after this, s (1.0)")
    ap.add_argument("--only", choices=["juan", "less"])
    args = ap.parse_args()

    env = {k: v for k, v in os.environ.items()
           if k not in ("LESS", "LESSOPEN", "LESSCLOSE", "JUAN_ARCHIVE")}
    env.update(TERM="xterm-256color", JUAN_CONFIG="/dev/null", LESSHISTFILE="-")
    env.setdefault("LANG", "C.UTF-8")

    listing = subprocess.run([args.juan, "list", args.archive], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True).stdout
    titles = {line.split("\t")[0]: line.split("\t")[3] for line in listing.splitlines()}
    if args.id not in titles:
        sys.exit(f"no article {args.id} in {args.archive}")
    query = args.query or "'" + titles[args.id]

    print(f"slow link: {args.delay * 1000:.0f} ms each way, {args.rate * 8 / 1e6:g} Mbit/s, "
          f"{args.cols}x{args.rows}, {args.keys} x j every {args.interval * 1000:.0f} ms, "
          f"article {args.id}, TERM=xterm-256color")
    print(f"{'':6}{'lag s':>8}{'bytes':>10}{'writes':>8}  queries answered")
    results = {}
    for prog in ("juan", "less"):
        if args.only and prog != args.only:
            continue
        if prog == "juan":
            argv, quit_keys = [args.juan, args.archive], b"\x03"
        else:
            text = subprocess.run(
                [args.juan, "show", args.archive, args.id, "--width", str(args.cols - 2)],
                cwd=ROOT, env=env, capture_output=True, check=True).stdout
            tmp = tempfile.NamedTemporaryFile(prefix="slowlink-", suffix=".txt", delete=False)
            tmp.write(text)
            tmp.close()
            argv, quit_keys = ["less", "--", tmp.name], b"q"
        s = Session(argv, args.cols, args.rows, args.delay, args.rate, env)
        try:
            s.settle(args.quiet, 30)
            if prog == "juan":
                s.type_at(time.monotonic(), query.encode())
                s.settle(args.quiet, 30)
                mark = len(s.far.text)
                s.type_at(time.monotonic(), b"\r")
                s.settle(args.quiet, 30)
                if b"j/k scroll" not in s.far.text[mark:]:
                    print("warning: juan's reader did not seem to open", file=sys.stderr)
            lag, nbytes, writes = hold(s, b"j", args.keys, args.interval, args.quiet)
        finally:
            s.close(quit_keys)
            if prog == "less":
                os.unlink(tmp.name)
        answered = ", ".join(f"{k}x{v}" for k, v in sorted(s.far.answered.items())) or "none"
        print(f"{prog:6}{lag:8.2f}{nbytes:10,}{writes:8}  {answered}")
        results[prog] = lag
    if "juan" in results and "less" in results and results["less"] > 0:
        print(f"juan lag / less lag: {results['juan'] / results['less']:.1f}"
              f" (target: juan <= 0.5 s)")


if __name__ == "__main__":
    main()
