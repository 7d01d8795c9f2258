//! Statistics over the archive (feature `stats`, computed with polars).
//!
//! [`CaseTable::build`] turns the victims into one table with a row per repression case (built
//! once), and lazy queries on it answer everything else:
//!
//! - [`CaseTable::summary`]: the distributions historians read — arrests, sentences and
//!   executions by year and month; sentence kind and term; sentencing body; charge article
//!   (`58 п. 10` and `58-10` count as one, see [`normalize_articles`]); nationality; sex; age at
//!   arrest by 5-year band and sex (an age pyramid); region and place of birth; camp;
//!   rehabilitation (share recorded, lag in years after the sentence); completeness per field;
//!   duplicate rate when deduplication clusters are given.
//! - [`CaseTable::group_count`]: a count grouped by any of the [`COLUMNS`]
//!   (`museum stats --by arrest_year,sentence_kind`).
//!
//! [`estimates`] lists the numbers sources claim about events and camps side by side.
//!
//! The public API returns plain serde structs; polars types stay inside this module (in
//! `frame`), so callers do not depend on polars' API.

mod columns;
mod estimates;
mod frame;
mod job;
mod normalize;
mod rows;
mod summary;
mod table;

pub use columns::{COLUMNS, GroupRow, GroupTable, Level, StatColumn, Value, column};
pub use estimates::{EstimateRow, SourceRef, SubjectEstimates, estimates};
pub(crate) use job::{Handing, read_table};
pub use job::{StatsJob, StatsOutcome, StatsResult};
pub use normalize::{
    normalize_articles, normalize_body, normalize_nationality, normalize_place, region_of,
    sentencing_body_kind,
};
pub use rows::{CaseRows, FileRun};
pub use summary::{
    AgeBand, AgePyramid, ArchiveStats, Completeness, Count, Distribution, DuplicateStats, LagCount,
    MonthCount, Rehabilitation, StatsOptions, TermCount, Timeline, YearCount,
};
pub(crate) use table::VictimIds;
pub use table::{CaseTable, CaseTableBuilder, summarize};
