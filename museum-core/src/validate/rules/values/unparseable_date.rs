//! [`UnparseableDate`] (`unparseable-date`): its documentation.

rule! {
    /// ## What it checks
    /// A date field whose text is not a date in any known spelling. Accepted: EDTF
    /// (`1937-11-10`, `1937-11`, `1937`, `1937?`, `1937~`, `1930/1933`, `../1938`) and the
    /// archival spellings the date parser knows (`10.11.1937`, `ноябрь 1937`, `c. 1937`). When
    /// the text has a letter where a digit belongs (Cyrillic `З` for `3`, `О` for `0`), the
    /// hint says so.
    ///
    /// ## Why it matters
    /// The date is kept as written but takes part in no chronology check, statistic or search.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date
    /// v1,Майлин,19З7
    /// ```
    /// `victims.csv:2:arrest_date: error[M201] `arrest_date`: not a recognisable date: `19З7``
    UnparseableDate => UnparseableDate, needs DATES
}
