//! [`ControlCharacter`] (`control-character`): its documentation.

rule! {
    /// ## What it checks
    /// A value containing a control character (NUL, escape, a line break in a one-line field),
    /// a zero-width or joiner character (U+200B–U+200D, U+2060, U+FEFF), a soft hyphen
    /// (U+00AD), or a bidirectional formatting character (U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069). Line breaks are allowed in free-text fields (`notes`, `description`,
    /// `source_text`, `claim`, `fate`) and unknown columns. Date and number fields are left to
    /// their parsers: any such character makes the value unreadable (M201, M205).
    ///
    /// ## Why it matters
    /// They are invisible on screen and in print, but make `Ахмет` and `Ах\u{200B}мет`
    /// different strings: searches fail, duplicates are missed, sorting breaks.
    ///
    /// ## Example
    /// A surname pasted from a web page with a zero-width space inside:
    /// `victims.csv:2:surname: error[M209] contains U+200B ZERO WIDTH SPACE (invisible) at
    /// character 3`
    ControlCharacter => ControlCharacter
}
