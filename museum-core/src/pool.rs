//! The one worker pool of the library (rayon): the readers' blocks, validation's blocks,
//! matching and the synthetic generator all run on it.
//!
//! The pool is sized once by [`crate::default_threads`] (`MUSEUM_THREADS`, else one thread per
//! CPU). A call that asks for another number of threads (`museum validate --threads 1`, a
//! test comparing thread counts) gets a pool of that size for the call; work already running
//! on a pool stays on it. Every user of the pool takes its results in a fixed order, so no
//! output depends on the number of threads.

use std::ops::Deref;
use std::sync::OnceLock;

use rayon::ThreadPool;

/// A pool to run on: the shared one, or one of its own size for this call.
pub(crate) enum Workers {
    /// The process's shared pool.
    Shared(&'static ThreadPool),
    /// A pool of another size, for this call only.
    Own(ThreadPool),
}

impl Deref for Workers {
    type Target = ThreadPool;

    fn deref(&self) -> &ThreadPool {
        match self {
            Workers::Shared(p) => p,
            Workers::Own(p) => p,
        }
    }
}

fn build(threads: usize) -> Result<ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .thread_name(|i| format!("museum-worker-{i}"))
        .build()
}

/// The shared pool of [`crate::default_threads`] workers; `None` when no thread could be
/// started.
fn shared() -> Option<&'static ThreadPool> {
    static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| build(crate::default_threads()).ok())
        .as_ref()
}

/// A pool of `threads` workers: the shared pool when that is its size, else a pool for this
/// call.
///
/// # Errors
/// When no worker thread can be started.
pub(crate) fn workers(threads: usize) -> std::io::Result<Workers> {
    let threads = threads.max(1);
    if let Some(p) = shared()
        && p.current_num_threads() == threads
    {
        return Ok(Workers::Shared(p));
    }
    build(threads)
        .map(Workers::Own)
        .map_err(std::io::Error::other)
}

/// Runs `f` on the pool the caller is already on (a test's own pool, a job running on the
/// workers), else on the shared pool. Parallel iterators inside `f` use that pool.
///
/// # Errors
/// When no worker thread can be started.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> std::io::Result<R> {
    if rayon::current_thread_index().is_some() {
        return Ok(f());
    }
    Ok(workers(crate::default_threads())?.install(f))
}
