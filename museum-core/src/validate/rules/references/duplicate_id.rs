//! [`DuplicateId`] (`duplicate-id`): its documentation.

rule! {
    /// ## What it checks
    /// Two records of the same kind with the same `id`, in one file or across files of the
    /// kind. A victim's later repression case goes on the next row with the same id and
    /// `case` 2, 3…: such rows are one record, not duplicates.
    ///
    /// ## Why it matters
    /// References to the id become ambiguous, and merges, exports and the web site keep only
    /// one of the records.
    ///
    /// ## Example
    /// ```csv
    /// id,surname
    /// v1,Майлин
    /// v1,Шанин
    /// ```
    /// `victims.csv:3:id: error[M401] id `v1` is used by an earlier record` (related: line 2)
    DuplicateId => DuplicateId
}
