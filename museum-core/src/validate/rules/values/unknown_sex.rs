//! [`UnknownSex`] (`unknown-sex`): its documentation.

rule! {
    /// ## What it checks
    /// A `sex` value that is none of the known spellings: `м`, `муж.`, `мужской`, `ер`, `M`,
    /// `male` for men; `ж`, `жен.`, `женский`, `әйел`, `F`, `female` for women.
    ///
    /// ## Why it matters
    /// Counts by sex silently miss the record, and a typo may hide a mix-up of columns.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sex
    /// v1,Майлин,мж
    /// ```
    /// `victims.csv:2:sex: warning[M203] sex value is not in the vocabulary: `мж``
    UnknownSex => UnknownSex, needs SEX
}
