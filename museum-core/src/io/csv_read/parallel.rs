//! The blocks of a CSV body processed on the rayon pool, their results taken in file order.
//!
//! The file is read a batch of blocks at a time; while the workers process one batch, the next
//! is read, so reading overlaps parsing. Results come back in the order of the blocks whatever
//! the number of threads, so what is built from them does not depend on it.

use std::io::Read;

use rayon::prelude::*;

use super::split::{Block, Splitter};
use crate::diagnostic::Diagnostic;

/// Blocks read ahead, and how the reading ended.
struct Batch {
    blocks: Vec<(Block, Vec<Diagnostic>)>,
    /// The findings of the splitter after the last block (a record too large to hold), once
    /// the body is read.
    end: Option<Vec<Diagnostic>>,
}

fn read_batch<R: Read>(splitter: &mut Splitter<R>, n: usize) -> std::io::Result<Batch> {
    let mut blocks = Vec::with_capacity(n);
    while blocks.len() < n {
        let mut found = Vec::new();
        match splitter.next_block(&mut found)? {
            Some(block) => blocks.push((block, found)),
            None => {
                return Ok(Batch {
                    blocks,
                    end: Some(found),
                });
            }
        }
    }
    Ok(Batch { blocks, end: None })
}

/// Maps every block of `splitter` with `work` (the block and the structural findings the
/// splitter made in it) on the [`pool`], and hands the results to `collect` in file order;
/// `collect` returning `false` stops the reading. Returns the splitter's findings after the
/// last block.
///
/// # Errors
/// When reading fails; the blocks read before are collected first.
pub(crate) fn map_blocks<R, T>(
    splitter: &mut Splitter<R>,
    work: impl Fn(Block, Vec<Diagnostic>) -> T + Sync,
    mut collect: impl FnMut(T) -> bool,
) -> std::io::Result<Vec<Diagnostic>>
where
    R: Read + Send,
    T: Send,
{
    let Ok(pool) = crate::pool::workers(crate::default_threads()) else {
        // No worker thread: block by block on this one.
        loop {
            let mut found = Vec::new();
            match splitter.next_block(&mut found)? {
                Some(block) => {
                    if !collect(work(block, found)) {
                        return Ok(Vec::new());
                    }
                }
                None => return Ok(found),
            }
        }
    };
    let pool = &*pool;
    let ahead = pool.current_num_threads() * 2;
    let mut batch = read_batch(splitter, ahead)?;
    loop {
        let Batch { blocks, end } = batch;
        let (next, results) = if end.is_some() {
            (None, run(pool, blocks, &work))
        } else {
            let (next, results) =
                pool.join(|| read_batch(splitter, ahead), || run(pool, blocks, &work));
            (Some(next), results)
        };
        for r in results {
            if !collect(r) {
                return Ok(Vec::new());
            }
        }
        match next {
            None => return Ok(end.unwrap_or_default()),
            Some(next) => batch = next?,
        }
    }
}

fn run<T: Send>(
    pool: &rayon::ThreadPool,
    blocks: Vec<(Block, Vec<Diagnostic>)>,
    work: &(impl Fn(Block, Vec<Diagnostic>) -> T + Sync),
) -> Vec<T> {
    pool.install(|| {
        blocks
            .into_par_iter()
            .map(|(block, found)| work(block, found))
            .collect()
    })
}
