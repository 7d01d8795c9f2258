//! [`DuplicateColumn`] (`duplicate-column`): its documentation.

rule! {
    /// ## What it checks
    /// Two header cells that mean the same column (`surname` and `Фамилия`).
    ///
    /// ## Why it matters
    /// Only the first is read as the field; the second is carried through unchanged, and a
    /// value in it would be silently ignored by every check.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,Фамилия
    /// v1,Майлин,Майлин
    /// ```
    DuplicateColumn => DuplicateColumn
}
