//! [`RaggedRow`] (`ragged-row`): its documentation.

rule! {
    /// ## What it checks
    /// A row with more or fewer fields than the header.
    ///
    /// ## Why it matters
    /// Usually an unquoted delimiter inside a value (`Алма-Ата, ул. Абая`), which shifts every
    /// later value into the wrong column.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,residence
    /// v1,Майлин,Алма-Ата, ул. Абая
    /// ```
    /// `victims.csv:2: error[M104] the row has 4 fields, the header has 3`
    RaggedRow => RaggedRow
}
