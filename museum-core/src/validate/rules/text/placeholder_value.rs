//! [`PlaceholderValue`] (`placeholder-value`): its documentation.

rule! {
    /// ## What it checks
    /// A value that is a spreadsheet error or a programming placeholder instead of data:
    /// `#N/A`, `#REF!`, `#VALUE!`, `#NAME?`, `#DIV/0!`, `#ССЫЛКА!`, `#Н/Д`, `NULL`, `None`,
    /// `NaN`, `undefined`, `[object Object]`, `0000-00-00`. (Date and number fields report such
    /// values as unreadable dates or numbers instead.)
    ///
    /// ## Why it matters
    /// They are artefacts of a broken formula or export, and the real value was lost on the
    /// way: the source must be checked again.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_place
    /// v1,Майлин,#REF!
    /// ```
    /// `victims.csv:2:birth_place: warning[M215] value is a placeholder, not data: `#REF!``
    PlaceholderValue => PlaceholderValue
}
