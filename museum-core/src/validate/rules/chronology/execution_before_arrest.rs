//! [`ExecutionBeforeArrest`] (`execution-before-arrest`): its documentation.

rule! {
    /// ## What it checks
    /// An execution dated before the arrest of the same case.
    ///
    /// ## Why it matters
    /// Impossible: one of the dates is wrong.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date,execution_date
    /// v1,Майлин,1937-11-02,1937-10-25
    /// ```
    /// `victims.csv:2:execution_date: error[M304] execution date precedes the arrest date`
    ExecutionBeforeArrest => ExecutionBeforeArrest, needs DATES_AND_SENTENCE
}
