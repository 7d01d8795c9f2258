//! [`DeathSentenceWithoutExecution`] (`death-sentence-without-execution`): its documentation.

rule! {
    /// ## What it checks
    /// A death sentence (`ВМН`, `расстрел`, `ату жазасы`) with neither an execution date nor a
    /// death date.
    ///
    /// ## Why it matters
    /// Often the date is known from another source and should be added; some death sentences
    /// were commuted, which a note should say. Informational only.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence_date,sentence
    /// v1,Майлин,1938-02-25,ВМН
    /// ```
    /// `victims.csv:2:execution_date: info[M308] death sentence without an execution date`
    DeathSentenceWithoutExecution => DeathSentenceWithoutExecution, needs DATES_AND_SENTENCE
}
