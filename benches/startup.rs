//! Start-up of the real interface in a pseudo-terminal: time to the first frame, time until the
//! whole archive is loaded, time until a first title search (`zg`, typed once loaded) is
//! answered, and the process's resident memory: its peak, and once loaded and idle.
//!
//! ```sh
//! cargo build --release && target/release/juan gen 1000000 -o /tmp/juan-1m.jsonl
//! cargo bench --bench startup -- /tmp/juan-1m.jsonl 5
//! ```
//!
//! Prints the median and each run. With `JUAN_STARTUP_MARKS=1` (and `XDG_STATE_HOME` holding
//! marks: `benches/state.sh`) each run also waits until the status line counts the unread. The index cache (if any) is used as it is: clear
//! `$XDG_CACHE_HOME/juan` (default `~/.cache/juan`) first for a cold-cache figure.

#[path = "../tests/support/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::time::{Duration, Instant};

/// A `/proc/PID/status` field in KiB: `VmHWM:` (peak resident) or `VmRSS:` (resident now).
fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(archive) = args.first() else {
        eprintln!("usage: cargo bench --bench startup -- ARCHIVE [RUNS]");
        return;
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let (mut firsts, mut readies, mut rss) = (Vec::new(), Vec::new(), Vec::new());
    let mut settled = Vec::new();
    let mut answers = Vec::new();
    for run in 0..runs {
        let start = Instant::now();
        let mut p = pty::Pty::spawn(&[archive.as_str()], 120, 40);
        p.wait_for("first frame", 60, |s| s.starts_with("> "));
        let first = start.elapsed();
        p.wait_for("fully loaded", 600, |s| {
            let top = s.lines().next().unwrap_or("");
            let status = s.lines().last().unwrap_or("");
            // Every article listed: the count reads N/N (not a first page of a snapshot
            // taken while loading, nor `≥N`).
            !status.contains("loading")
                && top
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .and_then(|c| c.split_once('/'))
                    .is_some_and(|(listed, all)| listed == all && listed != "0")
        });
        let ready = start.elapsed();
        // With marks remembered, the status line counts the unread once they are resolved.
        let marks = std::env::var_os("JUAN_STARTUP_MARKS").map(|_| {
            p.wait_for("marks shown", 60, |s| {
                s.lines().last().unwrap_or("").contains(" unread")
            });
            start.elapsed()
        });
        // The first title search: pinyin initials, which need the search aids a load leaves
        // to their first use (the interface reads them once the load is done).
        p.send("zg");
        p.wait_for("a title search answered", 60, |s| {
            let top = s.lines().next().unwrap_or("");
            top.starts_with("> zg")
                && top
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .and_then(|c| c.split_once('/'))
                    .is_some_and(|(listed, all)| listed != all)
        });
        let searched = start.elapsed();
        let kib = status_kib(p.pid(), "VmHWM:");
        // Resident once loaded and idle (the loader has given back what it freed).
        std::thread::sleep(Duration::from_millis(300));
        let now_kib = status_kib(p.pid(), "VmRSS:");
        // Of which the mapped files' pages (the index cache, the archive) and juan's own.
        let (file_kib, anon_kib) = (
            status_kib(p.pid(), "RssFile:"),
            status_kib(p.pid(), "RssAnon:"),
        );
        // Ctrl-c: in the list a plain `q` is query text.
        p.send("\x03");
        p.wait_exit(30);
        println!(
            "run {run}: first frame {:>8.1} ms, loaded {:>8.1} ms, `zg` answered {:>8.1} ms, peak RSS {:>7.1} MB, then {:>7.1} MB ({:.1} MB of mapped files, {:.1} MB juan's own){}",
            ms(first),
            ms(ready),
            ms(searched),
            kib as f64 / 1024.0,
            now_kib as f64 / 1024.0,
            file_kib as f64 / 1024.0,
            anon_kib as f64 / 1024.0,
            marks.map_or(String::new(), |m| format!(", marks shown {:.1} ms", ms(m)))
        );
        firsts.push(first);
        readies.push(ready);
        answers.push(searched);
        rss.push(kib);
        settled.push(now_kib);
    }
    firsts.sort();
    readies.sort();
    answers.sort();
    rss.sort();
    settled.sort();
    println!(
        "median over {runs}: first frame {:.1} ms, loaded {:.1} ms, `zg` answered {:.1} ms, peak RSS {:.1} MB, then {:.1} MB  ({archive})",
        ms(firsts[runs / 2]),
        ms(readies[runs / 2]),
        ms(answers[runs / 2]),
        rss[runs / 2] as f64 / 1024.0,
        settled[runs / 2] as f64 / 1024.0
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
