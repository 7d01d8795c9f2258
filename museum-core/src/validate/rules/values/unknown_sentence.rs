//! [`UnknownSentence`] (`unknown-sentence`): its documentation.

rule! {
    /// ## What it checks
    /// A `sentence` that cannot be mapped to a kind of punishment: execution (`ВМН`,
    /// `расстрел`, `ату жазасы`), camp (`10 лет ИТЛ`), prison, exile, banishment, deportation,
    /// forced labour, acquittal or release.
    ///
    /// ## Why it matters
    /// The record is left out of counts by sentence, and the execution-date checks cannot run.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence
    /// v1,Майлин,к.р.
    /// ```
    /// `victims.csv:2:sentence: warning[M204] sentence cannot be mapped to a kind: `к.р.``
    UnknownSentence => UnknownSentence, needs SENTENCE
}
