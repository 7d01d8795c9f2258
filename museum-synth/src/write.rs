//! Writing a synthetic archive's CSV files: records generated in chunks on the rayon pool and
//! written in file order, so that the bytes do not depend on the number of threads.

use std::io::Write;

use rayon::prelude::*;

use super::{Counts, GroupCache, Synth, SynthSummary};
use museum_core::io::{Record, columns};

/// One chunk of CSV text, generated on a worker thread.
struct Chunk {
    victims: Vec<u8>,
    truth: Vec<u8>,
    defects: Vec<u8>,
    counts: Counts,
}

/// Records per chunk when writing.
pub(super) const CHUNK: usize = 4096;

impl Synth {
    /// Generates every remaining record and writes `victims.csv` (canonical columns, with the
    /// header), `truth.csv` (`record_id,person_id`) and `defects.csv`
    /// (`record_id,field,defect,value`) to the given writers, generating on rayon's global pool
    /// (sized by `MUSEUM_THREADS` unless the program sized it; the bytes do not depend on it).
    /// Returns the complete summary.
    ///
    /// # Errors
    /// When a writer fails.
    pub fn write_csv<V: Write, T: Write, D: Write>(
        mut self,
        mut victims: V,
        mut truth: T,
        mut defects: D,
    ) -> std::io::Result<SynthSummary> {
        let mut head = csv::Writer::from_writer(Vec::new());
        head.write_record(columns::victims::COLUMNS.iter().map(|c| c.name))?;
        victims.write_all(&head.into_inner().map_err(csv::IntoInnerError::into_error)?)?;
        truth.write_all(b"record_id,person_id\n")?;
        defects.write_all(b"record_id,field,defect,value\n")?;
        let (start, end) = (self.pos, self.slots.len());
        let nchunks = (end - start).div_ceil(CHUNK);
        let bounds = |k: usize| (start + k * CHUNK, (start + (k + 1) * CHUNK).min(end));
        let mut counts = Counts::default();
        // Chunks are generated a window at a time on the pool and written in order: the bytes
        // do not depend on the thread count, and memory stays bounded by the window.
        let window = museum_core::pool::install(|| (2 * rayon::current_num_threads()).max(1))?;
        for first in (0..nchunks).step_by(window) {
            let chunks: Vec<std::io::Result<Chunk>> = museum_core::pool::install(|| {
                (first..(first + window).min(nchunks))
                    .into_par_iter()
                    .map(|k| {
                        let (a, b) = bounds(k);
                        self.chunk(a, b)
                    })
                    .collect()
            })?;
            for chunk in chunks {
                let chunk = chunk?;
                victims.write_all(&chunk.victims)?;
                truth.write_all(&chunk.truth)?;
                defects.write_all(&chunk.defects)?;
                counts.merge(&chunk.counts);
            }
        }
        victims.flush()?;
        truth.flush()?;
        defects.flush()?;
        self.counts.merge(&counts);
        self.pos = end;
        Ok(self.summary())
    }

    /// The CSV text of records `from..to`.
    fn chunk(&self, from: usize, to: usize) -> std::io::Result<Chunk> {
        let mut cache: GroupCache = None;
        let mut counts = Counts::default();
        let mut v = csv::Writer::from_writer(Vec::with_capacity((to - from) * 600));
        let mut t = csv::Writer::from_writer(Vec::with_capacity((to - from) * 24));
        let mut d = csv::Writer::from_writer(Vec::new());
        for i in from..to {
            let rec = self.make(i, &mut cache, &mut counts);
            for row in rec.victim.to_rows() {
                v.write_record(&row)?;
            }
            t.write_record([rec.victim.id.as_str(), rec.person_id.as_str()])?;
            for x in &rec.defects {
                d.write_record([
                    x.record_id.as_str(),
                    x.field,
                    x.kind.as_str(),
                    x.value.as_str(),
                ])?;
            }
        }
        let inner =
            |w: csv::Writer<Vec<u8>>| w.into_inner().map_err(csv::IntoInnerError::into_error);
        Ok(Chunk {
            victims: inner(v)?,
            truth: inner(t)?,
            defects: inner(d)?,
            counts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SynthOptions;

    /// The bytes of the three files, generated on a pool of `threads`.
    fn written(threads: usize) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            // Three chunks: two windows on one thread, one window on four.
            let options = SynthOptions::new(3 * CHUNK - 100).seed(5).defects(0.05);
            let (mut v, mut t, mut d) = (Vec::new(), Vec::new(), Vec::new());
            Synth::new(&options)
                .unwrap()
                .write_csv(&mut v, &mut t, &mut d)
                .unwrap();
            (v, t, d)
        })
    }

    #[test]
    fn the_bytes_do_not_depend_on_the_threads() {
        let one = written(1);
        assert!(one.0.len() > 100_000 && !one.2.is_empty());
        assert_eq!(one, written(4));
    }
}
