//! [`SparseColumn`] (`sparse-column`): its documentation.

rule! {
    /// ## What it checks
    /// A column that is empty in more than `empty_column_threshold` (default 90 %) of a CSV
    /// file's rows. Reported once per column, on the header line.
    ///
    /// ## Why it matters
    /// A mostly empty column is either not collected (then say so in the dataset's README) or
    /// filled in the wrong column (a header typo, shifted values).
    ///
    /// ## Example
    /// `victims.csv:1:birth_place: info[M603] `birth_place` is empty in 97% of the rows (970 of
    /// 1000)`
    SparseColumn => SparseColumn
}
