//! [`MissingValue`] (`missing-value`): its documentation.

rule! {
    /// ## What it checks
    /// A required field that is empty: a figure's names, a camp's official name and type, a
    /// source's kind and title, any record's `id` when the file has an `id` column.
    ///
    /// ## Why it matters
    /// Records without ids cannot be referenced or deduplicated; records without names cannot
    /// be shown.
    ///
    /// ## Example
    /// ```csv
    /// id,kind,title
    /// ,web,Karlag
    /// ```
    /// `sources.csv:2:id: error[M207] `id` is empty`
    MissingValue => MissingValue
}
