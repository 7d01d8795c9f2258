//! [`ImpossibleDate`] (`impossible-date`): its documentation.

rule! {
    /// ## What it checks
    /// A date that looks like a date but names a day that does not exist: 31 February, month
    /// 13, day 0, a year outside 1000–2999, or an interval that ends before it starts.
    ///
    /// ## Why it matters
    /// A typing or transcription error. The true date cannot be guessed: check the source.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date
    /// v1,Майлин,1894-02-30
    /// ```
    /// `victims.csv:2:birth_date: error[M202] `birth_date`: day 30 does not exist in 1894-02`
    ImpossibleDate => ImpossibleDate, needs DATES
}
