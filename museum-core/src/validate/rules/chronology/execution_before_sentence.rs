//! [`ExecutionBeforeSentence`] (`execution-before-sentence`): its documentation.

rule! {
    /// ## What it checks
    /// An execution dated before the sentence of the same case.
    ///
    /// ## Why it matters
    /// Executions followed sentences, often on the same day; an execution before the sentence
    /// means one date is wrong.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence_date,sentence,execution_date
    /// v1,Майлин,1938-02-25,ВМН,1938-02-20
    /// ```
    /// `victims.csv:2:execution_date: error[M303] execution date precedes the sentence date`
    ExecutionBeforeSentence => ExecutionBeforeSentence, needs DATES_AND_SENTENCE
}
