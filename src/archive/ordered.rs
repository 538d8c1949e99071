//! Work on every core, results in order: items are taken in order by `threads` workers, and
//! their results handed on in the items' order as soon as each is due, so a caller can use
//! the first results while later ones are still being made.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on every item on `threads` threads, handing each result to `each` in the
/// items' order (on the calling thread).
pub(super) fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(R),
) {
    if threads <= 1 || items.len() <= 1 {
        items.iter().for_each(|item| each(work(item)));
        return;
    }
    let next = AtomicUsize::new(0);
    let (send, receive) = mpsc::sync_channel(threads * 2);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            let send = send.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                each(result);
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        for threads in [1, 2, 3, 8] {
            let mut got = Vec::new();
            map_in_order(
                &items,
                threads,
                |n| {
                    // Uneven work, so that results finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 50));
                    n * 2
                },
                |r| got.push(r),
            );
            assert_eq!(got, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
    }
}
