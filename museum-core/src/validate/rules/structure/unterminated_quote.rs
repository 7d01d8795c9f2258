//! [`UnterminatedQuote`] (`unterminated-quote`): its documentation.

rule! {
    /// ## What it checks
    /// A quoted field whose closing quote is missing. CSV readers then read everything up to
    /// the end of the file into that one field, silently. The finding names the line where the
    /// quote opens and how many lines it swallowed.
    ///
    /// ## Why it matters
    /// All records after the broken one disappear from the data without any other sign.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,notes
    /// v1,Майлин,"писатель
    /// v2,Шанин,режиссёр
    /// ```
    /// `victims.csv:2:notes: error[M111] the quote opened on line 2 is never closed…`
    UnterminatedQuote => UnterminatedQuote
}
