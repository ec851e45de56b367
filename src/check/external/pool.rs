//! Jobs run on a few threads at once, but never more than a limit per host at the same
//! time: a shared queue that a worker takes the first job from whose host has a free
//! place, and a per-host count guarded by the same lock, with a condition variable
//! that wakes the waiting workers when a place comes free.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use rustc_hash::FxHashMap;

/// Runs `work` on every job (`(host, job)`) with at most `workers` jobs at a time and at
/// most `per_host` per host; the results come back in the order of `jobs`.
pub fn run<J: Sync, R: Send>(
    jobs: &[(String, J)],
    workers: usize,
    per_host: usize,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let queue = Queue {
        state: Mutex::new(State {
            waiting: (0..jobs.len()).collect(),
            active: FxHashMap::default(),
        }),
        freed: Condvar::new(),
        per_host: per_host.max(1),
    };
    let workers = workers.clamp(1, jobs.len().max(1));
    let mut results: Vec<(usize, R)> = Vec::with_capacity(jobs.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(place) = queue.take(jobs) {
                        let result = work(&jobs[place.job].1);
                        done.push((place.job, result));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(done) => results.extend(done),
                // A panic in a job is a bug: pass it on as it is.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

struct State {
    /// The jobs not started yet, by index.
    waiting: VecDeque<usize>,
    /// Jobs running per host.
    active: FxHashMap<String, usize>,
}

struct Queue {
    state: Mutex<State>,
    freed: Condvar,
    per_host: usize,
}

/// A job being run; its host's place is given back when it is dropped, also when the
/// job panics, so that no other worker waits for it forever.
struct Place<'a> {
    queue: &'a Queue,
    host: &'a str,
    job: usize,
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let mut state = self.queue.lock();
        if let Some(n) = state.active.get_mut(self.host) {
            *n -= 1;
            if *n == 0 {
                state.active.remove(self.host);
            }
        }
        drop(state);
        self.queue.freed.notify_all();
    }
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent whatever a panicking job did: it is only changed
        // here and in `Place::drop`, which do not panic.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next job whose host has a free place, waiting for one if needed; `None` when
    /// no job is left to start.
    fn take<'a, J>(&'a self, jobs: &'a [(String, J)]) -> Option<Place<'a>> {
        let mut state = self.lock();
        loop {
            if state.waiting.is_empty() {
                return None;
            }
            let free = state
                .waiting
                .iter()
                .position(|&i| state.active.get(&jobs[i].0).copied().unwrap_or(0) < self.per_host);
            if let Some(job) = free.and_then(|at| state.waiting.remove(at)) {
                let host = jobs[job].0.as_str();
                *state.active.entry(host.to_string()).or_default() += 1;
                return Some(Place {
                    queue: self,
                    host,
                    job,
                });
            }
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn keeps_the_limits_per_host_and_overall() {
        let jobs: Vec<(String, usize)> = (0..24)
            .map(|i| (["a", "b", "c"][i % 3].to_string(), i))
            .collect();
        let running: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let most: Vec<AtomicUsize> = (0..3).map(|_| AtomicUsize::new(0)).collect();
        let all = AtomicUsize::new(0);
        let most_all = AtomicUsize::new(0);
        let results = run(&jobs, 5, 2, |&i| {
            let h = i % 3;
            let now = running[h].fetch_add(1, Ordering::SeqCst) + 1;
            most[h].fetch_max(now, Ordering::SeqCst);
            let now_all = all.fetch_add(1, Ordering::SeqCst) + 1;
            most_all.fetch_max(now_all, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            all.fetch_sub(1, Ordering::SeqCst);
            running[h].fetch_sub(1, Ordering::SeqCst);
            i * 10
        });
        assert_eq!(results, (0..24).map(|i| i * 10).collect::<Vec<_>>());
        for m in &most {
            assert!(m.load(Ordering::SeqCst) <= 2);
        }
        assert!(most_all.load(Ordering::SeqCst) <= 5);
    }

    #[test]
    fn no_jobs_no_work() {
        let jobs: Vec<(String, ())> = Vec::new();
        assert!(run(&jobs, 8, 2, |_| 1).is_empty());
    }
}
