//! The one definition of invisible characters: format characters that take no space on screen
//! or in print (zero-width spaces and joiners, the soft hyphen, bidirectional marks, the BOM).
//! Validation reports them (M209), the date reader reads them as spaces, and the terminal
//! output escapes them.

/// The name of an invisible character (`ZERO WIDTH SPACE (invisible)`), or `None` for any
/// other character (control characters are not in this set: `char::is_control` tells them).
///
/// ```
/// use museum_core::model::invisible::invisible_name;
/// assert_eq!(invisible_name('\u{200B}'), Some("ZERO WIDTH SPACE (invisible)"));
/// assert_eq!(invisible_name('\u{FEFF}'), Some("ZERO WIDTH NO-BREAK SPACE / BOM (invisible)"));
/// assert_eq!(invisible_name('\u{A0}'), None); // a no-break space is visible as a space
/// assert_eq!(invisible_name('а'), None);
/// ```
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{AD}' => "SOFT HYPHEN (invisible)",
        '\u{200B}' => "ZERO WIDTH SPACE (invisible)",
        '\u{200C}' => "ZERO WIDTH NON-JOINER (invisible)",
        '\u{200D}' => "ZERO WIDTH JOINER (invisible)",
        '\u{200E}' => "LEFT-TO-RIGHT MARK (invisible)",
        '\u{200F}' => "RIGHT-TO-LEFT MARK (invisible)",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}'..='\u{202E}' => "BIDIRECTIONAL FORMATTING (invisible)",
        '\u{2060}' => "WORD JOINER (invisible)",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}'..='\u{2069}' => "BIDIRECTIONAL ISOLATE (invisible)",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE / BOM (invisible)",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR (invisible)",
        '\u{034F}' => "COMBINING GRAPHEME JOINER (invisible)",
        '\u{061C}' => "ARABIC LETTER MARK (invisible)",
        '\u{FFF9}'..='\u{FFFB}' => "INTERLINEAR ANNOTATION (invisible)",
        _ => return None,
    })
}

/// Whether `c` is an invisible character ([`invisible_name`]).
pub fn is_invisible(c: char) -> bool {
    invisible_name(c).is_some()
}
