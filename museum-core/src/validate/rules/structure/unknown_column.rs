//! [`UnknownColumn`] (`unknown-column`): its documentation.

rule! {
    /// ## What it checks
    /// A header cell that is not a column of the model and none of its aliases (`Примечание
    /// архива`). Such columns are carried through unchanged: nothing is dropped.
    ///
    /// ## Why it matters
    /// It is often a typo of a known column (`birth_dat`), whose values are then not checked.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_dat
    /// v1,Майлин,1894
    /// ```
    /// `victims.csv:1:birth_dat: info[M103] column `birth_dat` is not part of the victims model`
    UnknownColumn => UnknownColumn
}
