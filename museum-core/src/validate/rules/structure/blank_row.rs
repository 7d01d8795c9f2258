//! [`BlankRow`] (`blank-row`): its documentation.

rule! {
    /// ## What it checks
    /// Empty lines, and rows whose fields are all empty (`,,,`).
    ///
    /// ## Why it matters
    /// They are harmless to the reader but often mark a place where rows were deleted or
    /// pasted by hand, and they inflate row counts in spreadsheets.
    ///
    /// ## Example
    /// ```csv
    /// id,surname
    /// v1,Майлин
    ///
    /// v2,Шанин
    /// ```
    /// `victims.csv:3: warning[M108] 1 blank line`
    BlankRow => BlankRow
}
