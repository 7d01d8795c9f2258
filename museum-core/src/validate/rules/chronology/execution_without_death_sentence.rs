//! [`ExecutionWithoutDeathSentence`] (`execution-without-death-sentence`): its documentation.

rule! {
    /// ## What it checks
    /// A case with an execution date whose sentence is known and is not death (`10 лет ИТЛ`,
    /// `ссылка`).
    ///
    /// ## Why it matters
    /// Either the sentence or the execution date belongs to another case. (People sentenced to
    /// camps were also shot later after a second sentence: record that as a second case.)
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence,execution_date
    /// v1,Майлин,10 лет ИТЛ,1938-02-26
    /// ```
    /// `victims.csv:2:execution_date: warning[M307] execution date on a case sentenced to
    /// camp, not to death`
    ExecutionWithoutDeathSentence => ExecutionWithoutDeathSentence, needs DATES_AND_SENTENCE
}
