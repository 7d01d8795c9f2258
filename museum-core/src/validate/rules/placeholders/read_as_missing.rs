//! [`ReadAsMissing`] (`read-as-missing`): its documentation.

rule! {
    /// ## What it checks
    /// Values of date columns and of `sex` that say "unknown" rather than give a value:
    /// `неизв.`, `неизвестно`, `нет данных`, `н/д`, `белгісіз`, `unknown`, `?`, `XXXX`, `—`
    /// (the spellings the date reader knows). They are read as missing, like an empty cell
    /// (the text is kept as written; a sex placeholder is not reported as an unknown sex,
    /// M203). One info finding per file and column, with how many values and the first
    /// spellings seen, in CSV, spreadsheets, JSON and JSON Lines alike.
    ///
    /// ## Why it matters
    /// A value read as missing should never vanish unnoticed: the count tells whether the
    /// column really is unknown for those people or was filled with a placeholder by habit,
    /// and the spellings show what was read as missing.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date,arrest_date
    /// v1,Майлин,неизв.,1937
    /// v2,Шанин,нет данных,1937
    /// ```
    /// `victims.csv:2:birth_date: info[M217] 2 values of `birth_date` say "unknown" and were
    /// read as missing: `неизв.`, `нет данных``
    ReadAsMissing => ReadAsMissing
}
