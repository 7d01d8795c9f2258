//! [`MissingIdColumn`] (`missing-id-column`): its documentation.

rule! {
    /// ## What it checks
    /// A file without an `id` column (or an alias such as `№`, `record_id`). Records are then
    /// identified by file and line (`list-2`, `list-3`…).
    ///
    /// ## Why it matters
    /// Line-based ids change whenever rows are inserted, so links from other files and human
    /// decisions about duplicates cannot point at them reliably.
    ///
    /// ## Example
    /// ```csv
    /// Фамилия,Имя,Отчество
    /// Майлин,Беимбет,Жармухамедович
    /// ```
    /// `list.csv:1:id: info[M113] no `id` column; records are identified by file and line`
    MissingIdColumn => MissingIdColumn
}
