//! [`StrayWhitespace`] (`stray-whitespace`): its documentation.

rule! {
    /// ## What it checks
    /// Leading or trailing whitespace, two or more spaces in a row, tabs, and non-breaking or
    /// other unusual spaces (U+00A0, U+2007, U+202F, U+3000) inside a value. Free-text fields
    /// are only checked at their ends; dates and numbers are read trimmed and not checked.
    ///
    /// ## Why it matters
    /// `Майлин ` and `Майлин` look the same but compare different; non-breaking spaces come
    /// from word processors and break splitting names into parts.
    ///
    /// ## Example
    /// `victims.csv:2:given_name: info[M211] value has trailing whitespace`
    StrayWhitespace => StrayWhitespace
}
