//! [`StatsJob`]: the whole `museum stats` pipeline as one call.

use super::{
    ArchiveStats, CaseRows, CaseTable, CaseTableBuilder, FileRun, GroupTable, StatsOptions, column,
};
use crate::error::Result;
use crate::io::{Archive, DatasetKind, Located};
use crate::model::Victim;
use crate::progress::Progress;
use crate::validate::{self, Input, ValidateOptions};

/// The statistics of some dataset files: read and validated in one pass (so that the caller can
/// say what `museum validate` would find), the victims turned into a [`CaseTable`], then the
/// summary or the counts grouped by columns.
///
/// ```
/// use museum_core::stats::{StatsJob, StatsResult};
/// use museum_core::validate::{Input, ValidateOptions};
/// use museum_core::io::DatasetKind;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,arrest_date,sentence,source_text\n\
///     v1,Жургенов,1937-08-02,ВМН,synthetic\nv2,Майлин,1937-10-08,ВМН,synthetic\n").unwrap();
/// let job = StatsJob {
///     inputs: vec![Input { path, kind: DatasetKind::Victims }],
///     validate: ValidateOptions::default(),
///     by: vec!["arrest_year".into()],
///     top: 20,
/// };
/// let outcome = job.run(&()).unwrap();
/// let StatsResult::Groups(g) = &outcome.result else { unreachable!() };
/// assert_eq!((g.rows[0].count, g.total), (2, 2));
/// ```
#[derive(Debug, Clone)]
pub struct StatsJob {
    /// The files to read, in order.
    pub inputs: Vec<Input>,
    /// How to read and validate them (`museum.toml` and the input options applied).
    pub validate: ValidateOptions,
    /// Columns to group by ([`super::COLUMNS`]); empty for the summary.
    pub by: Vec<String>,
    /// How many values each distribution of the summary lists.
    pub top: usize,
}

/// The summary, or the grouped counts.
#[derive(Debug, Clone)]
pub enum StatsResult {
    /// The main distributions ([`CaseTable::summary`]).
    Summary(Box<ArchiveStats>),
    /// Counts grouped by the job's columns ([`CaseTable::group_count`]).
    Groups(GroupTable),
}

/// What [`StatsJob::run`] made.
#[derive(Debug)]
pub struct StatsOutcome {
    /// The statistics.
    pub result: StatsResult,
    /// The validation of the records read (its counts tell the caller what `museum validate`
    /// would find).
    pub validation: validate::Report,
    /// The records read, except the victims: those are handed over as they are read, pushed
    /// into the case table and dropped (the table says how many there were:
    /// [`CaseTable::persons`]). Returned so that a caller about to exit can skip freeing many
    /// small allocations (`std::mem::forget`).
    pub archive: Archive,
    /// The case table the statistics were computed on (without the victims' ids: it gives
    /// no duplicate rate).
    pub table: CaseTable,
}

impl StatsJob {
    /// Checks the columns (before anything is read), then runs the job, reporting its stages to
    /// `progress`.
    ///
    /// # Errors
    /// An unknown column (the message lists the valid ones), a file that cannot be read at all,
    /// or a polars failure.
    pub fn run(&self, progress: &dyn Progress) -> Result<StatsOutcome> {
        for name in &self.by {
            column(name)?;
        }
        let (validation, archive, table) = read_table(
            &self.inputs,
            &self.validate,
            progress,
            Handing::Counted(&mut |_| {}),
            None,
            false,
        )?;
        let result = if self.by.is_empty() {
            StatsResult::Summary(Box::new(
                table.summary(&StatsOptions { top: self.top }, None)?,
            ))
        } else {
            let by: Vec<&str> = self.by.iter().map(String::as_str).collect();
            StatsResult::Groups(table.group_count(&by)?)
        };
        Ok(StatsOutcome {
            result,
            validation,
            archive,
            table,
        })
    }
}

/// What [`read_table`] does with each victim once the table took its columns.
pub(crate) enum Handing<'a> {
    /// Hands it to the function (which keeps what it needs of it, or drops it), in file order.
    Each(&'a mut dyn FnMut(Located<Victim>)),
    /// Drops it where it was read (on the worker that read it): the function hears only how
    /// many victims each file held, in runs of the same file, in file order.
    Counted(&'a mut dyn FnMut(&[FileRun])),
}

/// Reads and validates `inputs` once, taking the [`CaseTable`]'s columns of each victim (with
/// the project's vocabulary) and then [`Handing`] it on: the typed victims are never all held.
/// With [`Handing::Counted`] the columns are taken on the worker that read the victim
/// ([`crate::job::read_validated_digesting`]), which drops it at once; else on this thread
/// ([`crate::job::read_validated_handing`]). The archive holds the other kinds. With
/// `on_finding`, the findings are handed to it in order instead of kept in the report. `ids`:
/// whether the table keeps the victims' ids (only the duplicate rate needs them:
/// [`CaseTable::summary`] with clusters).
///
/// # Errors
/// As [`crate::job::read_validated`], or a polars failure.
pub(crate) fn read_table(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &dyn Progress,
    handing: Handing<'_>,
    on_finding: Option<crate::validate::OnFinding<'_>>,
    ids: bool,
) -> Result<(validate::Report, Archive, CaseTable)> {
    // Room for about one case row per 400 bytes of victims (the columns grow past it if need
    // be).
    let bytes: u64 = inputs
        .iter()
        .filter(|i| i.kind == DatasetKind::Victims)
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .sum();
    let mut builder = CaseTableBuilder::with_capacity(usize::try_from(bytes / 400).unwrap_or(0));
    if !ids {
        builder = builder.without_ids();
    }
    let (validation, archive) = match handing {
        Handing::Each(each) => crate::job::read_validated_handing(
            inputs,
            options,
            progress,
            &mut |batch| {
                for v in batch {
                    builder.push(&v.record);
                    each(v);
                }
            },
            on_finding,
        )?,
        Handing::Counted(count) => crate::job::read_validated_digesting(
            inputs,
            options,
            progress,
            &CaseRows::of,
            &mut |rows| {
                builder.append(&rows);
                count(rows.files());
            },
            on_finding,
        )?,
    };
    progress.stage("computing statistics", None);
    let table = builder.finish()?.with_vocab(options.vocab.clone());
    Ok((validation, archive, table))
}
