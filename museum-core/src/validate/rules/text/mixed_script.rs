//! [`MixedScript`] (`mixed-script`): its documentation.

rule! {
    /// ## What it checks
    /// A word that mixes Cyrillic and Latin letters, such as `Aхметов` with a Latin `A` or
    /// `Жансүгiров` with a Latin `i` for the Kazakh `і`. When every letter of the minority
    /// script has a look-alike in the other script, the hint gives the repaired word.
    ///
    /// ## Why it matters
    /// Look-alike letters (homoglyphs) come from keyboards switched mid-word and from OCR. The
    /// word looks right but matches nothing: search, sorting and duplicate detection all treat
    /// it as a different name.
    ///
    /// ## Example
    /// ```csv
    /// id,surname
    /// v1,Aхметов
    /// ```
    /// `victims.csv:2:surname: warning[M210] the word mixes Cyrillic and Latin letters: `Aхметов``, hint:
    /// ``did you mean `Ахметов` (all Cyrillic)?``
    MixedScript => MixedScript
}
