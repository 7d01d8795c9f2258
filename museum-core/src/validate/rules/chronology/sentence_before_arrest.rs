//! [`SentenceBeforeArrest`] (`sentence-before-arrest`): its documentation.

rule! {
    /// ## What it checks
    /// A sentence dated before the arrest of the same case.
    ///
    /// ## Why it matters
    /// A person is sentenced after being arrested; the reverse is a transcription error
    /// (day and month swapped, a wrong year) or dates of two different cases mixed up.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date,sentence_date
    /// v1,Майлин,1937-11-02,1937-10-25
    /// ```
    /// `victims.csv:2:sentence_date: error[M302] sentence date precedes the arrest date`
    SentenceBeforeArrest => SentenceBeforeArrest, needs DATES_AND_SENTENCE
}
