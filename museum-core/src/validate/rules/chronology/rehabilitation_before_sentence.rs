//! [`RehabilitationBeforeSentence`] (`rehabilitation-before-sentence`): its documentation.

rule! {
    /// ## What it checks
    /// A rehabilitation dated before the sentence of the same case (or before the arrest, when
    /// there is no sentence date).
    ///
    /// ## Why it matters
    /// A person is rehabilitated from a sentence already passed; most rehabilitations date
    /// from 1954–1962 and 1988–1991.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence_date,rehabilitation_date
    /// v1,Майлин,1938-02-25,1937-04-18
    /// ```
    /// `victims.csv:2:rehabilitation_date: error[M306] rehabilitation date precedes the
    /// sentence date`
    RehabilitationBeforeSentence => RehabilitationBeforeSentence, needs DATES_AND_SENTENCE
}
