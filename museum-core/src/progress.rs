//! Progress of long jobs, reported through a trait so that the library never prints.
//!
//! A job ([`crate::dedup::DedupJob`], the statistics of a case table, reading and validating
//! files) calls these methods as it goes; the command line draws a progress line from them, and
//! `()` ignores them all.

/// Receives the progress of a long job. Every method has a no-op default, and `()` ignores all.
pub trait Progress: Sync {
    /// A new stage starts; `total` is its amount of work (records) when known.
    fn stage(&self, _name: &str, _total: Option<u64>) {}
    /// A new stage counted in bytes (reading files) starts; `total` is the number of bytes.
    fn stage_bytes(&self, name: &str, total: u64) {
        self.stage(name, Some(total));
    }
    /// `n` more units of the current stage are done.
    fn advance(&self, _n: u64) {}
    /// `done` units of the current stage are done in all.
    fn set_position(&self, _done: u64) {}
}

impl Progress for () {}
